// Deterministic simulation testing of Basic Paxos: thousands of seeded random runs with message loss,
// duplication, reordering by random latency, partitions and crashes; every trace must satisfy the seven
// properties. A failure prints the seed and the `paxos simulate` command that replays it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { formatFailures, randomSettings, replayCommand, runDst, toScenario } from './dst-helpers.ts';
import { runScenario } from '../../src/paxos/sim/run.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

test('DST: random faulty Basic Paxos runs never break a safety property', () => {
  const r = runDst({ protocol: 'basic', runs: 10_000 });
  assert.deepEqual(r.failures, [], formatFailures(r));
  assert.equal(r.runs, 10_000);
  // The runs are faulty but mostly live: most of them decide.
  assert.ok(r.decided > r.runs * 0.8, `${r.decided} of ${r.runs} runs decided`);
  process.stderr.write(`dst basic: ${r.runs} runs, ${r.events} events, ${r.decided} decided, ${r.ms} ms\n`);
});

test('DST finds a broken rule: mutant no-second-promise fails, and the printed command replays that trace', () => {
  const r = runDst({ protocol: 'basic', runs: 2000, overrides: { mutant: 'no-second-promise', proposers: 3 } });
  assert.equal(r.failures.length, 1, 'the mutant should be caught');
  const f = r.failures[0]!;
  assert.equal(f.violation.property, 'second-promise');
  const args = replayCommand(f.settings, 'json').replace('npm run --silent paxos -- ', '').split(' ');
  const run = spawnSync(process.execPath, ['src/cli/paxos.ts', ...args], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim(), JSON.stringify(runScenario(toScenario(f.settings))));
  const checked = spawnSync(process.execPath, ['src/cli/paxos.ts', ...args, '--check'], { cwd: root, encoding: 'utf8' });
  assert.equal(checked.status, 1);
  assert.match(checked.stderr, new RegExp(`seed ${f.settings.seed}: second-promise violated`));
});

test('random settings come from the seed alone', () => {
  assert.deepEqual(randomSettings('basic', 42), randomSettings('basic', 42));
  const seen = new Set(Array.from({ length: 50 }, (_, i) => JSON.stringify({ ...randomSettings('basic', i), seed: 0 })));
  assert.ok(seen.size > 10, 'seeds should vary the settings');
});

test('every Basic mutant that random runs can expose is caught by the property it breaks', () => {
  const expected = {
    'no-first-promise': 'first-promise',
    'no-second-promise': 'second-promise',
    'no-reply': 'promise-reply',
    'ignore-reply': 'proposer-value',
    'minority-quorum': 'proposer-value',
  } as const;
  for (const [mutant, property] of Object.entries(expected)) {
    const r = runDst({ protocol: 'basic', runs: 3000, overrides: { mutant: mutant as keyof typeof expected, proposers: 3 } });
    assert.equal(r.failures.length, 1, `${mutant} was not caught in ${r.runs} runs`);
    assert.equal(r.failures[0]!.violation.property, property, `${mutant}: ${r.failures[0]!.violation.message}`);
  }
  // reused-ballot needs a restart plus stale duplicated promises: see content/scenarios/basic/reused-ballot.json.
});
