// Spec mode for MultiPaxos-SMR (src/paxos/check/spec-multi.ts): TLC's published figure for
// MultiPaxos_MC_small.cfg, a hand-counted scope, counts held against an independent naive enumerator
// (spec-reference.ts) with and without symmetry, a deliberately broken quorum caught, and bad scopes
// refused by name — in the API and on the command line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { checkMultiSpec, MULTI_PAXOS_MC_SMALL, validateMultiScope, type MultiSpecScope } from '../../src/paxos/check/spec-multi.ts';
import { referenceMultiPaxos } from './spec-reference.ts';

const CLI = fileURLToPath(new URL('../../src/cli/paxos.ts', import.meta.url));

test("spec-multi: MultiPaxos_MC_small.cfg gives TLC's figures — 343,796 distinct states, 736,012 generated, depth 28 — and is safe", () => {
  // tlaplus/Examples specifications/MultiPaxos-SMR/manifest.json. SymmetricPerms is Permutations(Replicas)
  // here (one write, one read: ConditionalPerm drops their one-member permutation sets), a group.
  // Generated = successors + the initial state; 94 of the successors are TakeNewRequest's second witness
  // of "some slot is Empty" (see the next test).
  const r = checkMultiSpec(MULTI_PAXOS_MC_SMALL);
  assert.deepEqual([r.result, r.distinct, r.depth, r.transitions + 1], ['safe', 343796, 28, 736012]);
});

test('spec-multi: 1 replica, 1 write, 1 read, MaxBallot 2 — 23 states, depth 8, 28 steps, two of them a second Empty slot (counted by hand)', () => {
  // Per ballot b (BecomeLeader at 1 or at 2, then never again: the replica leads): HandlePrepareReplies,
  // then TakeNewRequest puts w1 into slot 1 — while both slots are Empty, TLC evaluates the guard
  // \E s \in Slots: status = "Empty" witness by witness and generates this successor twice. Then either
  // r1 into slot 2 before slot 1 commits or after (observed orders differ: two branches), slot 2
  // commits (terminated), pc := "Done", Terminating stutters. States: 1 + 2 × (lead, prepared, w1 taken,
  // 2 × 4) = 23; levels Init, lead, prepared, w1, r1 or commit 1, commit 1 or r1, commit 2, done = 8;
  // steps 2 + 2 × (1 + 2 + 2 × 5) = 28 (26 without the duplicate).
  const r = checkMultiSpec({ replicas: 1, writes: 1, reads: 1, maxBallot: 2 });
  assert.deepEqual([r.result, r.distinct, r.depth, r.transitions], ['safe', 23, 8, 28]);
});

test('spec-multi: 1 replica, 1 write, MaxBallot 2 — 11 states, depth 6, 12 steps (counted by hand)', () => {
  // s1 Init (pending <<w1>>). The lone replica can lead at ballot 1 or 2 (BecomeLeader: 2 states, and it
  // can never lead again: it already leads). Then, per ballot, a chain: HandlePrepareReplies (its own
  // reply is a majority of 1), TakeNewRequest (w1 into slot 1, Req observed), HandleAcceptReplies (commit,
  // Ack observed, pending empty: terminated), pc := "Done", and Terminating stutters. 1 + 2 × 5 = 11 states,
  // Init → lead → prepared → accepting → committed → done = 6 levels, 2 + 2 × 5 = 12 steps.
  const r = checkMultiSpec({ replicas: 1, writes: 1, reads: 0, maxBallot: 2 });
  assert.deepEqual([r.result, r.distinct, r.depth, r.transitions], ['safe', 11, 6, 12]);
});

test('spec-multi: counts agree with a naive enumerator of the PlusCal translation, with and without symmetry', () => {
  const scopes: Omit<MultiSpecScope, 'symmetry'>[] = [
    { replicas: 2, writes: 1, reads: 1, maxBallot: 2 }, // a write and a read: Linearizability has work to do
    { replicas: 1, writes: 2, reads: 0, maxBallot: 3 }, // two writes, three ballots
    { replicas: 3, writes: 1, reads: 0, maxBallot: 2 }, // three replicas, one command
  ];
  for (const scope of scopes) {
    for (const symmetry of [false, true]) {
      const ref = referenceMultiPaxos({ ...scope, symmetry });
      const ours = checkMultiSpec({ ...scope, symmetry });
      const what = JSON.stringify({ ...scope, symmetry });
      assert.equal(ref.broken, undefined, what);
      assert.deepEqual([ours.result, ours.distinct, ours.depth, ours.transitions], ['safe', ref.distinct, ref.depth, ref.transitions], what);
    }
  }
});

test('spec-multi: a majority of 1 out of 3 breaks Linearizability, and the counterexample is one real run', () => {
  const r = checkMultiSpec({ ...MULTI_PAXOS_MC_SMALL, majority: 1 });
  assert.equal(r.result, 'violation');
  assert.ok(r.result === 'violation');
  assert.equal(r.property, 'Linearizability');
  // Two leaders each commit a different command into slot 1 on their own "majority".
  const commits = r.path.filter((step) => step.includes('HandleAcceptReplies: commits slot 1'));
  assert.equal(commits.length, 2, r.path.join('\n'));
  assert.notEqual(commits[0]!.split(' ')[0], commits[1]!.split(' ')[0], r.path.join('\n'));
  const plain = checkMultiSpec({ ...MULTI_PAXOS_MC_SMALL, majority: 1, symmetry: false });
  assert.deepEqual([plain.result, plain.depth], ['violation', r.depth]);
});

test('spec-multi: a scope outside the encoding is refused with the field named', () => {
  const bad: [Partial<MultiSpecScope>, RegExp][] = [
    [{ replicas: 0 }, /^replicas: /],
    [{ replicas: 5 }, /^replicas: .*1 to 4/],
    [{ writes: 0 }, /^writes: /],
    [{ reads: -1 }, /^reads: /],
    [{ writes: 2, reads: 1 }, /^reads: writes \+ reads must be at most 2/],
    [{ maxBallot: 1 }, /^maxBallot: .*2 to 3/],
    [{ maxBallot: 2.5 }, /^maxBallot: /],
    [{ majority: 4 }, /^majority: /],
  ];
  for (const [change, message] of bad) {
    assert.throws(() => validateMultiScope({ ...MULTI_PAXOS_MC_SMALL, ...change }), { name: 'RangeError', message }, JSON.stringify(change));
    assert.throws(() => checkMultiSpec({ ...MULTI_PAXOS_MC_SMALL, ...change }), RangeError);
  }
});

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'check', '--quiet', '--model', 'spec-multi', ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('CLI spec-multi: a small scope is safe (exit 0) in JSON and text, a state bound is incomplete (exit 3), bad flags exit 2 naming the flag', () => {
  const safe = cli('--acceptors', '2', '--reads', '0', '--symmetry', 'off');
  assert.equal(safe.status, 0, safe.stderr);
  const out = JSON.parse(safe.stdout) as { result: string; distinct: number; model: string; symmetry: boolean };
  assert.deepEqual([out.result, out.model, out.symmetry], ['safe', 'spec-multi', false]);
  assert.equal(out.distinct, checkMultiSpec({ replicas: 2, writes: 1, reads: 0, maxBallot: 2 }).distinct);
  const text = cli('--acceptors', '1', '--reads', '0', '--format', 'text');
  assert.equal(text.status, 0);
  assert.match(text.stdout, /^spec-multi MultiPaxos\.tla, 1 replicas, writes 1, reads 0, ballots 1\.\.2, symmetry on: safe\n11 distinct states, depth 6, /);

  const cut = cli('--max-states', '10');
  assert.equal(cut.status, 3);
  assert.equal((JSON.parse(cut.stdout) as { reason: string }).reason, 'max-states');

  const refused: [string[], RegExp][] = [
    [['--max-ballot', '1'], /^paxos check: --max-ballot: .*2 to 3/],
    [['--acceptors', '5'], /^paxos check: --acceptors: .*spec-multi/],
    [['--writes', '2', '--reads', '1'], /^paxos check: --reads: writes \+ reads/],
    [['--writes', 'two'], /^paxos check: --writes: /],
    [['--reads', '-1'], /^paxos check: --reads: /],
    [['--values', '2'], /^paxos check: --values: not a flag of --model spec-multi/],
    [['--fast-ballots', '1'], /^paxos check: --fast-ballots: not a flag of --model spec-multi/],
    [['--protocol', 'multi'], /^paxos check: --protocol: not a flag of --model spec-multi/],
  ];
  for (const [args, message] of refused) {
    const r = cli(...args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, message, args.join(' '));
    assert.equal(r.stderr.trim().split('\n').length, 1, args.join(' '));
    assert.equal(r.stdout, '', args.join(' '));
  }
});
