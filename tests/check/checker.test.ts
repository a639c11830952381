// The model checker: specification-mode counts (hand-counted small cases and TLC's published figure),
// engine-mode verdicts for the correct protocols and for every mutant, determinism, bounds, and the CLI.
//
// Test scopes are smaller than the standard ones (bench/checker.ts runs those): Basic uses 2 acceptors
// here — every Basic mutant already breaks agreement with 2 — so the whole file stays well under a minute.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { checkSpec } from '../../src/paxos/check/spec.ts';
import { brokenProperties, checkEngine, chosenValues, type CheckResult } from '../../src/paxos/check/model-check.ts';
import { forgetPromiseOnLearnWitness, smallFastQuorumWitness } from '../../src/paxos/check/witnesses.ts';
import { checkTrace, type PropertyId } from '../../src/paxos/check/properties.ts';
import { MUTANTS, type MutantName } from '../../src/paxos/core/mutants.ts';
import { MUTANT_SUMMARIES } from '../../src/paxos/core/mutant-summaries.ts';
import type { ScopeOptions } from '../../src/paxos/check/scopes.ts';

const CLI = fileURLToPath(new URL('../../src/cli/paxos.ts', import.meta.url));

test('spec mode: 1 acceptor, 1 value, ballot 0 — 5 states, depth 5 (counted by hand)', () => {
  // s1 Init: msgs = {}, maxBal = maxVBal = -1, maxVal = None.
  // s2 Phase1a(0): msgs = {1a(0)}.
  // s3 Phase1b(a): maxBal = 0, + 1b(a, 0, -1, None).
  // s4 Phase2a(0, v): the quorum {a} reported no vote, so v is free: + 2a(0, v).
  // s5 Phase2b(a): maxBal = maxVBal = 0, maxVal = v, + 2b(a, 0, v).
  // Nothing else is enabled anywhere (every other action repeats a message already in msgs), so the
  // graph is a chain of 5 states and TLC's depth (initial state = 1) is 5.
  const r = checkSpec({ acceptors: 1, values: 1, maxBallot: 0 });
  assert.equal(r.result, 'safe');
  assert.equal(r.distinct, 5);
  assert.equal(r.depth, 5);
});

test('spec mode: 2 acceptors, 1 value, ballot 0 — 9 states, depth 7 (counted by hand)', () => {
  // Init; 1a(0); then a1 or a2 or both answer with 1b (3 states); 2a(0, v) needs both 1b (majority of 2
  // is 2): 1 state; then a1, a2 or both vote 2b (3 states). 1 + 1 + 3 + 1 + 3 = 9. Longest shortest path:
  // Init, 1a, one 1b, both 1b, 2a, one 2b, both 2b = 7 levels.
  const r = checkSpec({ acceptors: 2, values: 1, maxBallot: 0 });
  assert.equal(r.result, 'safe');
  assert.equal(r.distinct, 9);
  assert.equal(r.depth, 7);
});

test("spec mode: TLC's figure for 1 acceptor, 1 value, MaxBallot 1 — 25 distinct states, depth 9", () => {
  const r = checkSpec({ acceptors: 1, values: 1, maxBallot: 1 });
  assert.deepEqual([r.result, r.distinct, r.depth], ['safe', 25, 9]);
});

test('spec mode: 3 acceptors, 2 values, ballots 0..1 is safe, and a state bound makes it incomplete', () => {
  const full = checkSpec({ acceptors: 3, values: 2, maxBallot: 1 });
  assert.equal(full.result, 'safe');
  assert.equal(full.distinct, 3921);
  assert.equal(full.depth, 17);
  const cut = checkSpec({ acceptors: 3, values: 2, maxBallot: 1 }, { maxStates: 100 });
  assert.equal(cut.result, 'incomplete');
});

function violation(r: CheckResult): Extract<CheckResult, { result: 'violation' }> {
  assert.equal(r.result, 'violation', `expected a violation, got ${JSON.stringify({ ...r, trace: undefined })}`);
  return r as Extract<CheckResult, { result: 'violation' }>;
}

/** The trace property each mutant's counterexample must break (the rule the mutant removes). */
const RULE: Record<MutantName, PropertyId> = {
  'no-first-promise': 'first-promise',
  'no-second-promise': 'second-promise',
  'no-reply': 'promise-reply',
  'ignore-reply': 'proposer-value',
  'minority-quorum': 'proposer-value',
  'non-intersecting-quorums': 'agreement', // the quorum sizes are the broken rule; the trace reports them
  'reused-ballot': 'proposer-value', // one ballot, two values
  'uncoordinated-small-fast-quorum': 'agreement', // the acceptors' recovery votes are not `accept`s: only agreement sees them
  'small-fast-quorum': 'agreement', // the quorum sizes are the broken rule; the trace reports them
  'forget-promise-on-learn': 'second-promise', // the restarted acceptor accepts below the promise it forgot
  'fast-recovery-any-reported': 'proposer-value', // scripted, like forget-promise-on-learn (tests/check/variants.test.ts)
  'reconfigure-immediately': 'proposer-value', // scripted (tests/check/reconfig.test.ts): slot 1 proposed before its acceptors were known
  'answer-lower-prepare': 'first-promise', // breaks the trace's property 1 but keeps agreement (tests/check/variants.test.ts)
};

/** Test scopes per mutant (see the file comment). */
const SCOPE: Partial<Record<MutantName, Partial<ScopeOptions>>> = {
  'no-first-promise': { acceptors: 2 },
  'no-second-promise': { acceptors: 2 },
  'no-reply': { acceptors: 2 },
  'ignore-reply': { acceptors: 2 },
  'minority-quorum': { acceptors: 2 },
  'non-intersecting-quorums': { acceptors: 2 },
  // After its restart the proposer needs a quorum of promises for the ballot it reuses; with 2 acceptors
  // both must be stale copies, hence 2 duplications.
  'reused-ballot': { acceptors: 2, duplicates: 2 },
  'small-fast-quorum': {},
  'uncoordinated-small-fast-quorum': {},
};

for (const info of MUTANTS) {
  const scope = SCOPE[info.name];
  if (!scope) continue;
  test(`mutant ${info.name}: a shortest counterexample chooses two values and breaks ${RULE[info.name]}`, () => {
    const r = violation(checkEngine({ protocol: info.protocol, mutant: info.name, ...scope }));
    const chosen = chosenValues(r.trace).get(r.slot) ?? [];
    assert.ok(chosen.length >= 2, `two different values chosen in slot ${r.slot}, got ${JSON.stringify(chosen)}`);
    assert.ok(r.broken.includes(RULE[info.name]), `breaks ${RULE[info.name]}; broke ${r.broken.join(', ')}`);
    const first = checkTrace(r.trace);
    assert.ok(first, 'checkTrace rejects the counterexample');
    assert.equal(first.property, r.broken[0]);
    assert.equal(r.trace.format, 'paxos-trace/1');
    assert.equal(r.steps, r.depth - 1);
    // Events are numbered in order and time never goes back; every deliver/drop names a sent message.
    const sent = new Set<number>();
    r.trace.events.forEach((e, i) => {
      assert.equal(e.seq, i);
      if (i > 0) assert.ok(e.time >= r.trace.events[i - 1]!.time);
      if (e.type === 'send') sent.add(e.msg.id);
      if (e.type === 'deliver' || e.type === 'drop') assert.ok(sent.has(e.msg.id), `message ${e.msg.id} was sent`);
    });
  });
}

test('forget-promise-on-learn breaks agreement in Multi-Paxos (scripted run through the engine); the correct protocol refuses the same run', () => {
  const w = forgetPromiseOnLearnWitness(true);
  assert.deepEqual(w.conflict, { slot: 1, values: ['set x 2', 'set y 1'] });
  assert.deepEqual(chosenValues(w.trace).get(1), ['set x 2', 'set y 1']);
  const broken = brokenProperties(w.trace);
  assert.ok(broken.includes(RULE['forget-promise-on-learn']) && broken.includes('agreement'), broken.join(', '));
  assert.equal(checkTrace(w.trace)?.property, 'second-promise');
  // Without the mutant, S3 still holds its promise to 1.S2 after the restart and refuses accept(1.S1) for
  // slot 1, so its `accepted` never exists and the script cannot go on.
  assert.throws(() => forgetPromiseOnLearnWitness(false), /script step 21 .*"from":"S3","to":"S1","msg":"accepted"/);
});

test('small-fast-quorum with 5 acceptors (q_f = 3): the recovery rule picks the wrong value; with q_f = 4 the same run is safe', () => {
  const w = smallFastQuorumWitness(true);
  assert.equal(w.trace.quorums.fast, 3);
  assert.deepEqual([...(chosenValues(w.trace).get(0) ?? [])].sort(), ['v1', 'v2']);
  assert.equal(checkTrace(w.trace)?.property, 'agreement');
  const ok = smallFastQuorumWitness(false);
  assert.equal(ok.trace.quorums.fast, 4);
  assert.equal(ok.conflict, undefined);
  assert.deepEqual(chosenValues(ok.trace).get(0), ['v2']);
  assert.equal(checkTrace(ok.trace), null);
});

test('Basic Paxos is safe: 2 acceptors, 2 proposers, one ballot each, every interleaving', () => {
  const r = checkEngine({ protocol: 'basic', acceptors: 2 });
  assert.equal(r.result, 'safe');
  // 32 663 states when promises and votes were kept in arrival order, the number of timer firings was part
  // of a state and idle deliveries were explored; 3 537 without those (one state per set of promises and
  // votes; with unbounded firings the count never disables a move; an idle message may as well stay in
  // flight — tests/check/reduction.test.ts holds the verdicts against the unreduced search); 2 837 once
  // stale messages leave the state too (tests/check/stale.test.ts). The bound only says the search did
  // real work.
  assert.ok(r.states > 2_500, `explored ${r.states} states`);
});

test('Basic Paxos is safe: a proposer that restarts, with 3 acceptors; and one that retries up to round 2', () => {
  assert.equal(checkEngine({ protocol: 'basic', acceptors: 3, proposers: 1, crashes: 1 }).result, 'safe');
  assert.equal(checkEngine({ protocol: 'basic', acceptors: 2, proposers: 1, maxRound: 2, crashes: 1 }).result, 'safe');
});

test('Fast Paxos is safe in its fast round: 3 acceptors, 2 clients racing', () => {
  const r = checkEngine({ protocol: 'fast', acceptors: 3, clients: 2, maxRound: 0, timeouts: 0 });
  assert.equal(r.result, 'safe');
});

test('Fast Paxos is safe: 4 acceptors, 2 clients, the fast round and the classic round its collision starts', () => {
  // The standard scope with no timer firing: a collision is the only way into round 1. The full standard
  // scope (two firings of the coordinator's timers) is about 12 M states, which bench/checker runs.
  const r = checkEngine({ protocol: 'fast', timeouts: 0 });
  assert.equal(r.result, 'safe');
  assert.ok(r.depth > 20, `depth ${r.depth}: the search must reach the classic round`);
});

test('Multi-Paxos is safe: 3 servers, 1 slot, one election', () => {
  const r = checkEngine({ protocol: 'multi', slots: 1, maxRound: 1, crashes: 0, timeouts: 1 });
  assert.equal(r.result, 'safe');
});

test('Multi-Paxos is safe: 3 servers, 2 slots, one leader (only S1 may start an election)', () => {
  const r = checkEngine({ protocol: 'multi', slots: 2, maxRound: 1, crashes: 0, timeouts: 1, timed: ['S1'] });
  assert.equal(r.result, 'safe');
  assert.deepEqual(r.scope.timed, ['S1']);
});

test('Multi-Paxos is safe: 3 servers, 1 slot, a leader change and any server crashing once', () => {
  const r = checkEngine({ protocol: 'multi', slots: 1, maxRound: 2, crashes: 1, timeouts: 2, timed: ['S1', 'S2'] });
  assert.equal(r.result, 'safe');
});

test('crashable decides which nodes the crash budget may stop', () => {
  const one = { protocol: 'multi', slots: 1, maxRound: 1, timeouts: 1, crashes: 1 } as const;
  const none = checkEngine({ ...one, crashable: [] });
  const s3 = checkEngine({ ...one, crashable: ['S3'] });
  const all = checkEngine({ ...one, crashable: 'all' });
  assert.deepEqual([none.result, s3.result, all.result], ['safe', 'safe', 'safe']);
  assert.equal(none.states, checkEngine({ ...one, crashes: 0 }).states, 'nobody crashable: as if no crash were allowed');
  assert.ok(none.states < s3.states && s3.states < all.states, `${none.states} < ${s3.states} < ${all.states}`);
  assert.deepEqual(s3.scope.crashable, ['S3']);
});

test('Multi-Paxos is safe in its standard scope: 3 servers, 2 slots, one leader change (a few minutes)', () => {
  const r = checkEngine({ protocol: 'multi' });
  assert.equal(r.result, 'safe');
  assert.deepEqual([r.scope.slots, r.scope.maxRound, r.scope.timed], [2, 1, ['S1', 'S2']]);
  // Both elections must fit in the run: S1 takes over, then S2 deposes it; far deeper than one election.
  assert.ok(r.depth > 40, `depth ${r.depth}`);
});

test('same inputs, same output: the counterexample and the counts are identical run to run', () => {
  const a = checkEngine({ protocol: 'basic', mutant: 'no-reply', acceptors: 2 });
  const b = checkEngine({ protocol: 'basic', mutant: 'no-reply', acceptors: 2 });
  assert.deepEqual({ ...a, ms: 0 }, { ...b, ms: 0 });
  const s1 = checkSpec({ acceptors: 2, values: 2, maxBallot: 1 });
  const s2 = checkSpec({ acceptors: 2, values: 2, maxBallot: 1 });
  assert.deepEqual({ ...s1, ms: 0 }, { ...s2, ms: 0 });
});

test('a state bound never reports safe: engine mode stops incomplete', () => {
  const r = checkEngine({ protocol: 'basic', acceptors: 2 }, { maxStates: 50 });
  assert.equal(r.result, 'incomplete');
  assert.ok(r.result === 'incomplete' && r.reason === 'max-states');
});

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'check', '--quiet', ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('CLI: exit 0 safe, 1 violation, 2 bad flag, 3 incomplete', () => {
  const safe = cli('--model', 'spec', '--acceptors', '1', '--values', '1', '--max-ballot', '1');
  assert.equal(safe.status, 0);
  const out = JSON.parse(safe.stdout) as Record<string, unknown>;
  assert.deepEqual([out['result'], out['distinct'], out['depth']], ['safe', 25, 9]);
  assert.deepEqual(Object.keys(out).slice(0, 6), ['result', 'distinct', 'depth', 'states', 'transitions', 'ms']);

  const bad = cli('--mutant', 'minority-quorum', '--acceptors', '2');
  assert.equal(bad.status, 1);
  const v = JSON.parse(bad.stdout) as { result: string; property: string; trace: { format: string } };
  assert.deepEqual([v.result, v.property, v.trace.format], ['violation', 'agreement', 'paxos-trace/1']);

  const flag = cli('--acceptors', 'three');
  assert.equal(flag.status, 2);
  assert.match(flag.stderr, /--acceptors/);
  assert.equal(flag.stderr.trim().split('\n').length, 1);
  assert.equal(cli('--mutant', 'no-such-rule').status, 2);
  const timed = cli('--protocol', 'fast', '--timed', 'L9');
  assert.equal(timed.status, 2);
  assert.match(timed.stderr, /--timed: unknown node "L9"; nodes are C1, C2, A1, A2, A3, A4, L1$/m);
  const crashable = cli('--protocol', 'multi', '--crashable', 'S9');
  assert.equal(crashable.status, 2);
  assert.match(crashable.stderr, /--crashable: unknown node "S9"; nodes are S1, S2, S3$/m);
  assert.equal(cli('--model', 'spec', '--mutant', 'no-reply').status, 2);

  const cut = cli('--protocol', 'basic', '--acceptors', '2', '--max-states', '20');
  assert.equal(cut.status, 3);
  assert.equal((JSON.parse(cut.stdout) as { result: string }).result, 'incomplete');
  const late = cli('--protocol', 'basic', '--timeout', '0');
  assert.equal(late.status, 3);
  assert.deepEqual(
    [(JSON.parse(late.stdout) as { result: string; reason: string }).result, (JSON.parse(late.stdout) as { reason: string }).reason],
    ['incomplete', 'timeout'],
  );
});

test('CLI: mutants lists every mutant with its meaning', () => {
  const r = spawnSync(process.execPath, [CLI, 'mutants', '--lang', 'en'], { encoding: 'utf8' });
  assert.equal(r.status, 0);
  for (const m of MUTANTS) assert.match(r.stdout, new RegExp(`^${m.name}\\s+${m.protocol}\\s+${MUTANT_SUMMARIES[m.name].en.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
});
