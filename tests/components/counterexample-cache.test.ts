// <PaxosCounterexample> reads the checker's cache with the project root passed in (a bundled build cannot
// find it from its own location); its engine hash must equal the cache's own, so the CLI, the tests and the
// build share one cache entry per mutant.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineSourceHash } from '../../src/counterexamples/cache.ts';
import { engineHashAt } from '../../src/components/paxos/counterexample-cache.ts';
import { PROJECT_ROOT } from '../support/project.ts';

test('the component hashes the engine sources exactly as the counterexample cache does', () => {
  assert.equal(engineHashAt(PROJECT_ROOT), engineSourceHash());
});
