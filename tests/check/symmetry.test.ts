// Acceptor symmetry (explore.ts SearchOptions.symmetry) against the search without it, on the scopes where
// both complete in seconds: the verdict and the shortest counterexample length are the same, fewer states
// are stored, the drawn run is a concrete run of the engine that really breaks agreement, and every result
// names the reductions it ran with. A protocol whose roles read acceptor ids makes the audit throw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { EngineExplorer } from '../../src/paxos/check/explore.ts';
import { checkEngine, chosenValues } from '../../src/paxos/check/model-check.ts';
import { buildScope, resolveScope, type ScopeOptions } from '../../src/paxos/check/scopes.ts';
import { MUTANTS } from '../../src/paxos/core/mutants.ts';
import type { Protocol } from '../../src/paxos/core/protocol.ts';

const CLI = fileURLToPath(new URL('../../src/cli/paxos.ts', import.meta.url));
const label = (o: ScopeOptions): string => JSON.stringify(o);

/** Basic's standard scope, the 3-acceptor fast round, and every Basic mutant in 2- and 3-acceptor scopes. */
const SCOPES: ScopeOptions[] = [
  { protocol: 'basic', acceptors: 2 },
  { protocol: 'basic' },
  { protocol: 'basic', acceptors: 3, proposers: 1, crashes: 1, duplicates: 1 },
  { protocol: 'fast', acceptors: 3, maxRound: 0, timeouts: 0 },
  ...MUTANTS.filter((m) => m.protocol === 'basic' && m.name !== 'answer-lower-prepare').map((m): ScopeOptions => ({ protocol: 'basic', mutant: m.name })),
  ...MUTANTS.filter((m) => m.protocol === 'basic').map((m): ScopeOptions => ({ protocol: 'basic', mutant: m.name, acceptors: 2, ...(m.name === 'reused-ballot' ? { duplicates: 2 } : {}) })),
];

test('with acceptor symmetry: the same verdict and shortest counterexample length, in fewer states', () => {
  for (const o of SCOPES) {
    const plain = checkEngine(o);
    const sym = checkEngine(o, {}, { symmetry: true });
    assert.equal(sym.result, plain.result, label(o));
    assert.equal(sym.depth, plain.depth, `${label(o)}: levels (a violation's length)`);
    assert.ok(sym.reductions.includes('acceptor-symmetry') && !plain.reductions.includes('acceptor-symmetry'), label(o));
    assert.ok(sym.states < plain.states, `${label(o)}: ${sym.states} < ${plain.states} states`);
    if (sym.result !== 'violation' || plain.result !== 'violation') continue;
    assert.equal(sym.steps, plain.steps, label(o));
    assert.equal(sym.slot, plain.slot, label(o));
    // The drawn run is a concrete engine run (replayed move by move) in which two values are chosen.
    assert.ok((chosenValues(sym.trace).get(sym.slot) ?? []).length >= 2, `${label(o)}: the drawn run chooses two values`);
    assert.deepEqual(sym.broken, plain.broken, `${label(o)}: the same trace properties broken`);
  }
});

test('every result names its reductions; Multi servers are not interchangeable, so no symmetry there', () => {
  assert.deepEqual(checkEngine({ protocol: 'basic', acceptors: 2 }).reductions, ['idle-deliveries', 'stale-messages']);
  // A mutant that changes more than quorum sizes is searched without the stale hint; one that changes only them keeps it.
  assert.deepEqual(checkEngine({ protocol: 'basic', mutant: 'no-reply', acceptors: 2 }).reductions, ['idle-deliveries']);
  assert.deepEqual(checkEngine({ protocol: 'basic', mutant: 'minority-quorum', acceptors: 2 }).reductions, ['idle-deliveries', 'stale-messages']);
  const multi = checkEngine({ protocol: 'multi', slots: 1, maxRound: 1, crashes: 0, timeouts: 1 }, {}, { symmetry: true });
  assert.deepEqual(multi.reductions, ['idle-deliveries', 'stale-messages']);
  const scope = buildScope(resolveScope({ protocol: 'basic', acceptors: 2 }));
  assert.deepEqual(new EngineExplorer(scope, { reduce: false }).check().reductions, []);
});

test('a role that reads acceptor ids breaks the symmetry: the audit throws instead of reporting', () => {
  const scope = buildScope(resolveScope({ protocol: 'basic', acceptors: 2 }));
  const basic = scope.protocol as unknown as Protocol<unknown>;
  // A1 (only A1) ignores every accept: renaming A1 and A2 no longer maps runs to runs.
  const lopsided: Protocol<unknown> = {
    ...basic,
    step: (state, input, config, now) => {
      const s = state as { id?: string };
      if (s.id === 'A1' && input.type === 'message' && input.msg.kind === 'accept') return { state, send: [], timers: [], chosen: [] };
      return basic.step(state, input, config, now);
    },
  };
  const explorer = new EngineExplorer({ ...scope, protocol: lopsided as typeof scope.protocol }, { symmetry: true });
  assert.throws(() => explorer.check(), /acceptor symmetry does not hold/);
});

test('CLI: --symmetry on merges renamed states and says so, in JSON and in text', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [CLI, 'check', '--quiet', '--acceptors', '2', ...args], { encoding: 'utf8' });
  const on = JSON.parse(run('--symmetry', 'on').stdout) as { result: string; states: number; reductions: string[] };
  const off = JSON.parse(run().stdout) as { result: string; states: number; reductions: string[] };
  assert.deepEqual([on.result, off.result], ['safe', 'safe']);
  assert.deepEqual(on.reductions, ['idle-deliveries', 'stale-messages', 'acceptor-symmetry']);
  assert.deepEqual(off.reductions, ['idle-deliveries', 'stale-messages']);
  assert.ok(on.states < off.states);
  assert.match(run('--symmetry', 'on', '--format', 'text').stdout, /reductions: idle-deliveries, stale-messages, acceptor-symmetry/);
});
