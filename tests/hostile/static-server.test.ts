// The static server (scripts/static-server.ts) survives the requests that used to kill it, answers
// methods it does not serve with 405, and holds up under a seeded run of hostile requests.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { attemptRequest, makeTinySite, sendRaw, startServerProcess, type ServerProcess } from '../../bench/fuzz/server.ts';

const FUZZ_SEEDS = 300;

describe('static server under hostile requests', () => {
  let site: ReturnType<typeof makeTinySite>;
  let server: ServerProcess;
  before(async () => {
    site = makeTinySite();
    server = await startServerProcess(site.dir);
  });
  after(() => {
    server?.stop();
    site?.remove();
  });

  for (const [method, target] of [['GET', '//'], ['GET', '///'], ['GET', '/\\'], ['HEAD', '//'], ['GET', 'http://[::1']] as const) {
    it(`answers ${method} ${target} and keeps serving`, async () => {
      const response = await sendRaw(server.port, { method, target, headers: [] });
      assert.ok(response.status < 500, `status ${response.status}`);
      const home = await sendRaw(server.port, { method: 'GET', target: '/site/', headers: [] });
      assert.equal(home.status, 200, server.exited());
      assert.match(home.body, /home/);
    });
  }

  for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']) {
    it(`answers ${method} with 405 and Allow: GET, HEAD`, async () => {
      const response = await sendRaw(server.port, { method, target: '/site/', headers: [] });
      assert.equal(response.status, 405);
      assert.equal(response.headers.get('allow'), 'GET, HEAD');
      assert.doesNotMatch(response.body, /home/);
    });
  }

  it(`handles ${FUZZ_SEEDS} seeded hostile requests (each failure names its seed)`, async () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= FUZZ_SEEDS; seed++) {
      try {
        await attemptRequest(seed);
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
    assert.deepEqual(failures, []);
  });
});
