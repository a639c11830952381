// The counterexample cache: the first call runs the checker and writes the result to disk; a second call
// with the same question and the same engine reads it back without running the checker; a changed engine
// (another source hash) searches again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engineSourceHash, getCounterexample } from '../../src/figures/counterexample-cache.ts';
import { checkEngine } from '../../src/paxos/check/model-check.ts';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import type { ScopeOptions } from '../../src/paxos/check/scopes.ts';
import type { SearchLimits } from '../../src/paxos/check/limits.ts';

test('the second call reads the cache and does not run the checker', async () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'paxos-cx-'));
  try {
    let runs = 0;
    const run = (o: ScopeOptions, l: SearchLimits) => {
      runs++;
      return checkEngine(o, l);
    };
    const first = await getCounterexample('minority-quorum', { acceptors: 2 }, { cacheDir, run });
    assert.equal(runs, 1);
    assert.equal(first.cached, false);
    assert.equal(first.result, 'violation');
    assert.equal(readdirSync(cacheDir).filter((f) => f.endsWith('.json')).length, 1);

    const second = await getCounterexample('minority-quorum', { acceptors: 2 }, { cacheDir, run });
    assert.equal(runs, 1, 'the checker did not run again');
    assert.equal(second.cached, true);
    assert.equal(second.key, first.key);
    assert.ok(second.result === 'violation' && first.result === 'violation');
    assert.deepEqual(second.trace, first.trace);
    assert.ok(checkTrace(second.trace), 'the cached counterexample still breaks a property');

    // Another question, or the same one against a changed engine, is a miss.
    await getCounterexample('minority-quorum', { acceptors: 2 }, { cacheDir, run, engineHash: 'edited-engine' });
    assert.equal(runs, 2);
    await getCounterexample('no-reply', { acceptors: 2 }, { cacheDir, run });
    assert.equal(runs, 3);
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
});

test('the engine hash covers the engine sources and is stable', () => {
  const a = engineSourceHash();
  assert.match(a, /^[0-9a-f]{64}$/);
  assert.equal(engineSourceHash(), a);
});
