// `astro dev` shows drafts (with their badge) so an author can read what they are writing; the
// production build leaves them out (checked in site.test.ts).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, test } from 'node:test';
import { ASTRO_BIN } from '../support/project.ts';
import { makeSite, removeSite, type Site } from '../support/site-build.ts';

let site: Site | undefined;
let child: ReturnType<typeof spawn> | undefined;
after(() => {
  child?.kill('SIGTERM');
  if (site) removeSite(site);
});

async function waitForServer(url: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`astro dev did not answer ${url} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test('astro dev lists and renders drafts, with the draft badge', async () => {
  site = makeSite({ name: 'reader-dev', notesFrom: 'tests/reader/fixtures/notes', allPages: true });
  const port = 43000 + (process.pid % 1000);
  let output = '';
  child = spawn(process.execPath, [ASTRO_BIN, 'dev', '--root', site.root, '--port', String(port), '--host', '127.0.0.1'], {
    cwd: site.root,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0', BASE_PATH: '/', SITE_URL: 'https://example.org/' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d));
  child.stderr?.on('data', (d: Buffer) => (output += d));
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitForServer(`${origin}/archive/`, 60_000);
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${output}`);
  }
  const archive = await (await fetch(`${origin}/archive/`)).text();
  assert.match(archive, /href="\/notes\/draft-note\/"/);
  assert.match(archive, /草稿/);
  const draft = await fetch(`${origin}/notes/draft-note/`);
  assert.equal(draft.status, 200);
  assert.match(await draft.text(), /麒麟/);
});
