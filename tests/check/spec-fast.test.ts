// Spec mode for SimplifiedFastPaxos (src/paxos/check/spec-fast.ts): TLC's published figure for
// FastPaxos.cfg, a hand-counted scope, counts held against an independent naive enumerator
// (spec-reference.ts) with and without symmetry, a deliberately broken quorum caught, and bad scopes
// refused by name — in the API and on the command line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { checkFastSpec, defaultFastQuorum, FAST_PAXOS_CFG, validateFastScope, type FastSpecScope } from '../../src/paxos/check/spec-fast.ts';
import { referenceFastPaxos } from './spec-reference.ts';

const CLI = fileURLToPath(new URL('../../src/cli/paxos.ts', import.meta.url));

test("spec-fast: FastPaxos.cfg gives TLC's figures — 25,617 distinct states, depth 22, 320,053 generated — and is safe", () => {
  // tlaplus/Examples specifications/SimplifiedFastPaxos/manifest.json. TLC closes the cfg's SYMMETRY
  // (Permutations(Values) \cup Permutations(Replicas)) under composition, so its count is the orbits under
  // every replica-and-value permutation pair; TLC's "generated" counts the initial state too.
  const r = checkFastSpec(FAST_PAXOS_CFG);
  assert.deepEqual([r.result, r.distinct, r.depth, r.transitions + 1], ['safe', 25617, 22, 320053]);
});

test('spec-fast: 1 replica, 1 value, ballots 0..1, fast {1} — 4 states, depth 4, 7 steps (counted by hand)', () => {
  // s1 Init. s2 FastAny: P2a(1, any). s3 FastPropose: r1 sends P2b(1, r1, v1). s4 FastDecide: decision v1.
  // No classic ballot follows the fast one, so ClassicAccept is never enabled. Steps: Init has FastAny;
  // s2 has FastAny (again, same state) and FastPropose; s3 FastAny and FastDecide; s4 FastAny and
  // FastDecide (same state): 1 + 2 + 2 + 2 = 7.
  const r = checkFastSpec({ replicas: 1, values: 1, maxBallot: 1, fastBallots: [1] });
  assert.deepEqual([r.result, r.distinct, r.depth, r.transitions], ['safe', 4, 4, 7]);
});

test('spec-fast: counts agree with a naive enumerator of the TLA+ text, with and without symmetry', () => {
  const scopes: Required<Omit<FastSpecScope, 'symmetry'>>[] = [
    { replicas: 3, values: 2, maxBallot: 3, fastBallots: [1, 3], quorum: 2, fastQuorum: 3 }, // collision, then a classic ballot, then a second fast one
    { replicas: 2, values: 3, maxBallot: 2, fastBallots: [1], quorum: 2, fastQuorum: 2 }, // value permutations of three values
    { replicas: 4, values: 2, maxBallot: 2, fastBallots: [1], quorum: 3, fastQuorum: 3 }, // the cfg's quorums, fewer ballots
  ];
  for (const scope of scopes) {
    for (const symmetry of [false, true]) {
      const ref = referenceFastPaxos({ ...scope, fastBallots: [...scope.fastBallots], symmetry });
      const ours = checkFastSpec({ ...scope, symmetry });
      const what = JSON.stringify({ ...scope, symmetry });
      assert.equal(ref.broken, undefined, what);
      assert.deepEqual([ours.result, ours.distinct, ours.depth, ours.transitions], ['safe', ref.distinct, ref.depth, ref.transitions], what);
    }
  }
});

test('spec-fast: fast quorums too small to intersect break PaxosConsistency, and the counterexample is one real run', () => {
  const r = checkFastSpec({ ...FAST_PAXOS_CFG, fastQuorum: 2 });
  assert.equal(r.result, 'violation');
  assert.ok(r.result === 'violation');
  assert.equal(r.property, 'PaxosConsistency');
  // Two replicas propose one value, two another; each pair is a "fast quorum" and decides its own.
  const decisions = r.path.filter((step) => step.startsWith('FastDecide'));
  assert.equal(decisions.length, 2, r.path.join('\n'));
  const [first, second] = decisions.map((d) => /decision := (v\d)/.exec(d)![1]);
  assert.notEqual(first, second, r.path.join('\n'));
  // Each FastDecide names a quorum whose members' proposals appear earlier in this same run.
  for (const d of decisions) {
    const members = /fast quorum \{([^}]*)\}/.exec(d)![1]!.split(', ');
    const value = /decision := (v\d)/.exec(d)![1];
    for (const m of members) assert.ok(r.path.some((step) => step.startsWith(`FastPropose: ${m} sends P2b(1, ${m}, ${value})`)), `${m} ${value}\n${r.path.join('\n')}`);
  }
  // The same broken rule, without symmetry, is found at the same depth.
  const plain = checkFastSpec({ ...FAST_PAXOS_CFG, fastQuorum: 2, symmetry: false });
  assert.deepEqual([plain.result, plain.depth], ['violation', r.depth]);
});

test('spec-fast: the default fast quorum is the least FastAssume allows (3 of 4, as FastPaxos.cfg)', () => {
  assert.equal(defaultFastQuorum(4), 3);
  assert.equal(defaultFastQuorum(3), 3);
  assert.equal(defaultFastQuorum(5), 4);
  assert.equal(defaultFastQuorum(1), 1);
});

test('spec-fast: a scope outside the encoding is refused with the field named', () => {
  const bad: [Partial<FastSpecScope>, RegExp][] = [
    [{ replicas: 0 }, /^replicas: /],
    [{ replicas: 6 }, /^replicas: .*1 to 5/],
    [{ values: 1.5 }, /^values: /],
    [{ maxBallot: -1 }, /^maxBallot: /],
    [{ maxBallot: Number.NaN }, /^maxBallot: /],
    [{ fastBallots: [] }, /^fastBallots: /],
    [{ fastBallots: [5] }, /^fastBallots: .*0 to 4/],
    [{ fastBallots: [1, 1] }, /^fastBallots: 1 is listed twice/],
    [{ quorum: 5 }, /^quorum: /],
    [{ fastQuorum: 0 }, /^fastQuorum: /],
  ];
  for (const [change, message] of bad) {
    assert.throws(() => validateFastScope({ ...FAST_PAXOS_CFG, ...change }), { name: 'RangeError', message }, JSON.stringify(change));
    assert.throws(() => checkFastSpec({ ...FAST_PAXOS_CFG, ...change }), RangeError);
  }
});

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'check', '--quiet', '--model', 'spec-fast', ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('CLI spec-fast: a small scope is safe (exit 0), a state bound is incomplete (exit 3), bad flags exit 2 naming the flag', () => {
  const safe = cli('--acceptors', '2', '--values', '2', '--max-ballot', '2', '--fast-ballots', '1');
  assert.equal(safe.status, 0, safe.stderr);
  const out = JSON.parse(safe.stdout) as { result: string; model: string; symmetry: boolean; scope: { fastBallots: number[] } };
  assert.deepEqual([out.result, out.model, out.symmetry, out.scope.fastBallots], ['safe', 'spec-fast', true, [1]]);

  const cut = cli('--max-states', '10');
  assert.equal(cut.status, 3);
  assert.equal((JSON.parse(cut.stdout) as { reason: string }).reason, 'max-states');

  const refused: [string[], RegExp][] = [
    [['--fast-ballots', '1,x'], /^paxos check: --fast-ballots: "x" is not a ballot number/],
    [['--fast-ballots', '1,,3'], /^paxos check: --fast-ballots: "" is not a ballot number/],
    [['--fast-ballots', '7'], /^paxos check: --fast-ballots: .*0 to 4/],
    [['--fast-ballots', '3,3'], /^paxos check: --fast-ballots: 3 is listed twice/],
    [['--max-ballot', '0'], /^paxos check: --fast-ballots: ballots 0..0 have no odd one/],
    [['--acceptors', '6'], /^paxos check: --acceptors: .*spec-fast/],
    [['--values', '9'], /^paxos check: --values: /],
    [['--writes', '1'], /^paxos check: --writes: not a flag of --model spec-fast/],
    [['--mutant', 'no-reply'], /^paxos check: --mutant: not a flag of --model spec-fast/],
    [['--symmetry', 'maybe'], /^paxos check: --symmetry: /],
  ];
  for (const [args, message] of refused) {
    const r = cli(...args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, message, args.join(' '));
    assert.equal(r.stderr.trim().split('\n').length, 1, args.join(' '));
    assert.equal(r.stdout, '', args.join(' '));
  }
});
