// The stale-message reduction (SearchOptions in src/paxos/check/explore.ts): a message the protocol's hint
// calls stale leaves the state. It must keep every verdict and every shortest counterexample length, and a
// wrong hint must make the check fail instead of letting it report "safe".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EngineExplorer, type EngineScope } from '../../src/paxos/check/explore.ts';
import { buildScope, resolveScope, type ScopeOptions } from '../../src/paxos/check/scopes.ts';
import { multiPaxos, type MultiConfig, type MultiState } from '../../src/paxos/multi/index.ts';
import { staleForServer } from '../../src/paxos/multi/stale.ts';
import type { Protocol } from '../../src/paxos/core/protocol.ts';
import type { AnyProtocol } from '../../src/paxos/registry.ts';
import { ReferenceExplorer } from './reference-explorer.ts';
import { brokenProperties } from '../../src/paxos/check/model-check.ts';

const scopeOf = (o: ScopeOptions): EngineScope => buildScope(resolveScope(o));
const label = (o: ScopeOptions): string => JSON.stringify(o);
const withProtocol = (scope: EngineScope, protocol: AnyProtocol): EngineScope => ({ ...scope, protocol });

const MULTI: ScopeOptions[] = [
  { protocol: 'multi', slots: 1, maxRound: 1, crashes: 0, timeouts: 1 },
  { protocol: 'multi', slots: 1, maxRound: 1, crashes: 1, timeouts: 1 },
  { protocol: 'multi', slots: 1, maxRound: 1, crashes: 0, timeouts: 2, network: 'set' },
  { protocol: 'multi', slots: 2, maxRound: 1, crashes: 0, timeouts: 1, timed: ['S1'], drops: 1 },
];

test('Multi with stale messages left out: the verdict of the unreduced search, in fewer states', () => {
  for (const o of MULTI) {
    const plain = new EngineExplorer(scopeOf(o), { reduce: false }).check();
    const reduced = new EngineExplorer(scopeOf(o)).check();
    assert.deepEqual([reduced.result, plain.result], ['safe', 'safe'], label(o));
    assert.ok(reduced.states < plain.states, `${label(o)}: ${reduced.states} < ${plain.states}`);
  }
});

// A checker-level bug on purpose: quorums of one acceptor (two in a fast ballot), so acceptors voting for different values
// in one slot count as a conflict. The engine stays correct, so its stale hint stays in use; the search
// must still reach the same vote patterns, at the same shortest depth, as without the reduction.
const oneVoteQuorum = (protocol: AnyProtocol): AnyProtocol => ({
  ...protocol,
  quorums: (config: never) => ({ ...protocol.quorums(config), classic: 1, ...(protocol.name === 'fast' ? { fast: 2 } : {}) }),
});

test('a conflict of votes is found at the same shortest depth as without the reduction', () => {
  const slots2: ScopeOptions = { protocol: 'multi', slots: 2, maxRound: 1, crashes: 0, timeouts: 2, timed: ['S1', 'S2'] };
  const scope = withProtocol(scopeOf(slots2), oneVoteQuorum(scopeOf(slots2).protocol));
  assert.equal(typeof scope.protocol.stale, 'function', 'the registry\'s protocol carries its stale hint');
  const reference = new ReferenceExplorer(scope).check();
  const reduced = new EngineExplorer(scope).check();
  assert.deepEqual([reduced.result, reference.result], ['violation', 'violation']);
  assert.equal(reduced.depth, reference.depth, 'counterexample length');
  assert.ok(reduced.states < reference.states, `${reduced.states} < ${reference.states}`);
  // More protocols and faults: against the unreduced explorer (which equals the reference, reduction.test.ts).
  for (const o of [
    { ...slots2, crashes: 1, network: 'set' },
    { ...slots2, drops: 1 },
    { protocol: 'basic', acceptors: 3, maxRound: 2, timeouts: 2 },
    { protocol: 'basic', acceptors: 3, drops: 1, duplicates: 1 },
    { protocol: 'fast', acceptors: 4, clients: 2, timeouts: 1 },
  ] satisfies ScopeOptions[]) {
    const faulty = withProtocol(scopeOf(o), oneVoteQuorum(scopeOf(o).protocol));
    const plain = new EngineExplorer(faulty, { reduce: false }).check();
    const pruned = new EngineExplorer(faulty).check();
    assert.deepEqual([pruned.result, plain.result], ['violation', 'violation'], label(o));
    assert.equal(pruned.depth, plain.depth, `${label(o)}: counterexample length`);
  }
});

test('Basic and Fast with stale messages left out: the verdict of the unreduced search, in fewer states', () => {
  for (const o of [
    { protocol: 'basic', acceptors: 2, maxRound: 2, timeouts: 2 },
    { protocol: 'basic', acceptors: 3, proposers: 1, crashes: 1, duplicates: 1, drops: 1 },
    { protocol: 'fast', acceptors: 4, clients: 2, timeouts: 0 },
    { protocol: 'fast', acceptors: 3, clients: 2, maxRound: 0, timeouts: 0, crashes: 1 },
  ] satisfies ScopeOptions[]) {
    const plain = new EngineExplorer(scopeOf(o), { reduce: false }).check();
    const reduced = new EngineExplorer(scopeOf(o)).check();
    assert.deepEqual([reduced.result, plain.result], ['safe', 'safe'], label(o));
    assert.ok(reduced.states < plain.states, `${label(o)}: ${reduced.states} < ${plain.states}`);
  }
});

test('a hint that calls a live message stale fails the check: delivering it would change the node', () => {
  const acceptIsStale: Protocol<MultiState, MultiConfig> = {
    ...multiPaxos,
    stale: (s, m, config, mayCrash) => m.kind === 'accept' || staleForServer(s, m, config, mayCrash),
  };
  const scope = withProtocol(scopeOf({ protocol: 'multi', slots: 1, maxRound: 1, crashes: 0, timeouts: 1 }), acceptIsStale);
  assert.throws(() => new EngineExplorer(scope).check(), /stale hint is wrong for accept .*delivering it changes the node/);
});

test('a hint that forgets a crash fails the check: the message is live again after the restart', () => {
  // A learned slot is volatile: after a crash a commit teaches it again, so it is stale only without crashes.
  const ignoresCrashes: Protocol<MultiState, MultiConfig> = { ...multiPaxos, stale: (s, m, config) => staleForServer(s, m, config, false) };
  const o: ScopeOptions = { protocol: 'multi', slots: 1, maxRound: 1, crashes: 1, timeouts: 1 };
  assert.equal(new EngineExplorer(scopeOf(o)).check().result, 'safe');
  assert.throws(() => new EngineExplorer(withProtocol(scopeOf(o), ignoresCrashes)).check(), /stale hint is wrong for commit .*live again/);
});

test('once the last crash is spent, messages stale for a node that cannot crash leave the state too', () => {
  // A commit for a slot the server learned is stale only if it cannot crash (learning is volatile).
  const alwaysMayCrash: Protocol<MultiState, MultiConfig> = { ...multiPaxos, stale: (s, m, config) => staleForServer(s, m, config, true) };
  const o: ScopeOptions = { protocol: 'multi', slots: 1, maxRound: 1, crashes: 1, timeouts: 2, timed: ['S1', 'S2'] };
  const aware = new EngineExplorer(scopeOf(o)).check();
  const cautious = new EngineExplorer(withProtocol(scopeOf(o), alwaysMayCrash)).check();
  assert.deepEqual([aware.result, cautious.result], ['safe', 'safe']);
  assert.ok(aware.states < cautious.states, `${aware.states} < ${cautious.states}`);
});

test('a mutant is searched without the hint: its rules are not the ones the hint describes', () => {
  const correctScope: ScopeOptions = { protocol: 'multi', slots: 1, maxRound: 1, crashes: 1, timeouts: 1 };
  const o: ScopeOptions = { ...correctScope, mutant: 'forget-promise-on-learn' };
  const plainStates = new EngineExplorer(scopeOf(o), { reduce: false }).check().states;
  const reduced = new EngineExplorer(scopeOf(o)).check();
  const correct = new EngineExplorer(scopeOf(correctScope)).check();
  // Without the hint the mutant keeps every message the correct protocol's search leaves out.
  assert.ok(reduced.states > correct.states, `${reduced.states} > ${correct.states}`);
  assert.ok(reduced.states <= plainStates);
});

test('a mutant that changes only quorum sizes keeps the hint: the unreduced search\'s shortest counterexample, in fewer states', () => {
  for (const o of [
    { protocol: 'basic', mutant: 'minority-quorum' },
    { protocol: 'basic', mutant: 'non-intersecting-quorums', acceptors: 3 },
    { protocol: 'basic', mutant: 'non-intersecting-quorums', acceptors: 4, proposers: 2, phase1Quorum: 3, phase2Quorum: 1 },
  ] satisfies ScopeOptions[]) {
    const plain = new EngineExplorer(scopeOf(o), { reduce: false }).check();
    const reduced = new EngineExplorer(scopeOf(o)).check();
    assert.ok(reduced.reductions.includes('stale-messages'), label(o));
    assert.equal(plain.result, 'violation', label(o));
    assert.equal(reduced.result, 'violation', label(o));
    assert.equal(reduced.depth, plain.depth, `${label(o)}: shortest length kept`);
    assert.ok(reduced.states < plain.states, `${label(o)}: ${reduced.states} < ${plain.states}`);
    // The trace checker sees two values chosen (after the broken quorum rule it names first).
    if (reduced.result === 'violation') assert.ok(brokenProperties(reduced.trace).includes('agreement'), label(o));
  }
});
