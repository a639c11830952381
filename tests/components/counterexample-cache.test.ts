// <PaxosCounterexample> reads the checker's cache with the project root passed in (a bundled build cannot
// find it from its own location); its engine hash must equal the cache's own, so the CLI, the tests and the
// build share one cache entry per mutant.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engineSourceHash, loadCounterexample } from '../../src/figures/counterexample-cache.ts';
import { counterexampleLogLine } from '../../src/figures/counterexample.ts';
import { checkWitness } from '../../src/paxos/check/model-check.ts';
import { PROJECT_ROOT } from '../support/project.ts';

test('the component hashes the engine sources exactly as the counterexample cache does', () => {
  assert.equal(engineSourceHash(PROJECT_ROOT), engineSourceHash());
});

test('a cache miss logs each run as what it is: a recorded search as that search, a hunted run as found by the hunt, a script as a script', async () => {
  // A fresh root whose src/ is the project's: the component hashes the same engine, but the cache folder is
  // empty, so loadCounterexample has to produce the result and log it.
  const root = mkdtempSync(join(tmpdir(), 'paxos-cx-log-'));
  symlinkSync(join(PROJECT_ROOT, 'src'), join(root, 'src'));
  const lines: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  try {
    // reconfigure-immediately's is bench/reconfig-search.ts's result (SEARCHED), logged as that search.
    const found = await loadCounterexample('reconfigure-immediately', root);
    assert.ok(found.result === 'violation' && found.scripted === undefined && found.steps === 18 && !found.cached);
    assert.match(lines.join(''), /counterexample for reconfigure-immediately: searched 28509362 states, counterexample depth 19/);
    lines.length = 0;
    // A scripted run (what `--witness` replays) is said to be one, never a search.
    const script = checkWitness('reconfigure-immediately');
    assert.ok(script?.result === 'violation' && script.scripted === true);
    if (script?.result !== 'violation') return;
    const line = counterexampleLogLine('reconfigure-immediately', script, 0.1);
    assert.match(line, new RegExp(`counterexample for reconfigure-immediately: scripted run of ${script.steps} steps driven through the engine's roles \\(not a search result\\)`));
    assert.doesNotMatch(line, /searched|depth/);
    // fast-recovery-any-reported's run was found by the hunt (witnesses.ts HUNTED): logged as such, not as scripted.
    const hunted = await loadCounterexample('fast-recovery-any-reported', root);
    assert.ok(hunted.result === 'violation' && hunted.scripted === undefined && hunted.hunted !== undefined && !hunted.cached);
    assert.match(lines.join(''), new RegExp(`counterexample for fast-recovery-any-reported: random hunt, walk ${hunted.hunted.walk}: ${hunted.hunted.foundSteps} steps shortened to ${hunted.steps}`));
    lines.length = 0;
    // forget-promise-on-learn's is the bounded search's result (SEARCHED), logged as that search.
    const searched = await loadCounterexample('forget-promise-on-learn', root);
    assert.ok(searched.result === 'violation' && searched.scripted === undefined && searched.steps === 23);
    assert.match(lines.join(''), /counterexample for forget-promise-on-learn: searched 28084460 states, counterexample depth 24/);
    lines.length = 0;
    const again = await loadCounterexample('reconfigure-immediately', root);
    assert.ok(again.cached);
    assert.equal(lines.join(''), '', 'a cache hit logs nothing');
  } finally {
    process.stderr.write = write;
    rmSync(root, { recursive: true, force: true });
  }
});
