// "Copy as scenario": the exported file, given to the CLI exactly as the playground tells the reader to
// (`npm run --silent paxos -- simulate --scenario file.json`), replays to the playground's trace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlaygroundRun } from '../../src/components/playground/run.ts';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import { preempted } from '../../src/scenarios/basic.ts';
import { steady } from '../../src/scenarios/multi.ts';
import { PROJECT_ROOT } from '../support/project.ts';
import { getProtocol } from '../../src/paxos/registry.ts';
import { resolveScenario } from '../../src/paxos/sim/validate.ts';

test('an exported run replays through the paxos CLI to the same trace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paxos-export-'));
  try {
    for (const [name, scenario] of [['basic', preempted], ['multi', steady]] as const) {
      const run = new PlaygroundRun(resolveScenario(scenario, getProtocol));
      for (let i = 0; i < 5; i++) run.next();
      const f = run.inFlight()[0]!;
      run.act({ type: 'drop', match: { id: f.msg.id, copy: f.copy } });
      const node = run.sim.nodes.find((n) => n.roles.includes('acceptor'))!.id;
      run.act({ type: 'crash', node });
      for (let i = 0; i < 10; i++) run.next();
      run.act({ type: 'recover', node });
      run.runToEnd(200);
      const file = join(dir, `${name}.json`);
      writeFileSync(file, JSON.stringify(run.exportScenario(), null, 2));
      const cli = spawnSync('npm', ['run', '--silent', 'paxos', '--', 'simulate', '--scenario', file, '--format', 'json'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
      assert.equal(cli.status, 0, cli.stderr);
      const replayed = JSON.parse(cli.stdout.trim().split('\n')[0]!);
      assert.deepEqual(replayed, JSON.parse(JSON.stringify(run.trace())), name);
      assert.equal(checkTrace(replayed), null, name);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
