// Counterexamples beyond the breadth-first search's bound, two ways.
//
// Hunted runs (HUNTED): found by the random hunt of hunt.ts in a stated scope — a search, not a script —
// and shortened; each is pinned by (seed, walk), so a build replays the one walk that found it instead of
// the whole hunt (bench/checker.ts runs the hunt from walk 1 and checks the pin), and the bounded
// breadth-first search (SearchOptions.bound) says how short a run the scope may still hold.
//
// Scripted runs (WITNESSES): found by reasoning, replayed step by step through the engine's own roles
// (EngineExplorer.follow). The engine decides every step; the script only picks which enabled move
// happens next, and the result says whether agreement broke — a script cannot fake a violation. The two
// scripts that the hunt now replaces stay as tests (tests/check/variants.test.ts).
import { protocols } from '../registry.ts';
import { EngineExplorer, type EngineScope, type Reduction, type ScriptStep } from './explore.ts';
import { hunt, type HuntResult } from './hunt.ts';
import type { TraceDocument } from '../core/trace.ts';
import type { Slot, Value } from '../core/ids.ts';

// The registry's protocols, with the checker's stale hints, as `paxos check` uses them: the recorded searches
// (SEARCHED) were counted with those hints on.
const multiPaxos = protocols.multi;
const fastPaxos = protocols.fast;

export interface Witness {
  readonly trace: TraceDocument;
  /** The slot where two values were chosen, if they were. */
  readonly conflict?: { readonly slot: Slot; readonly values: readonly Value[] };
}

/** A delivery step of a script, narrowed by the message's slot or ballot round where the kind is not enough. */
const deliver = (from: string, to: string, msg: string, at: { readonly slot?: number; readonly round?: number } = {}): ScriptStep => ({ kind: 'deliver', from, to, msg, ...at });

/**
 * A script may deliver any message that is in flight, even one the search would leave out because it can
 * no longer change its receiver (the stale hint): scripts run on the unreduced network.
 */
const SCRIPTED = { reduce: false } as const;

/**
 * forget-promise-on-learn (zpaxos, "possible lost promise"). S1 leads with ballot 1.S1 and gets slot 0
 * chosen with S3. S2 runs for leader with 1.S2; S3 promises it (the promise covers every slot ≥ 0). Then
 * S3 learns slot 0 from S1's commit: the mutant writes that slot's record with the chosen ballot 1.S1 as
 * its promise, and since slot 0 is S3's last record, a restart reads 1.S1 back — S3 forgot it promised
 * 1.S2. S1, still leading in its own eyes, sends accept(1.S1) for slot 1: S3 now takes it, and with S1
 * itself that is a quorum, so "set x 2" is chosen in slot 1. S2 completes phase 1 with S3's promise sent
 * before the crash, finds slot 1 empty, and gets "set y 1" chosen there with S3. Two values, one slot.
 */
export function forgetPromiseOnLearnWitness(mutant = true): Witness {
  const config = multiPaxos.config({ protocol: 'multi', acceptors: 3, clients: 0, nack: false, ...(mutant ? { mutant: 'forget-promise-on-learn' as const } : {}) });
  const explorer = new EngineExplorer({
    protocol: multiPaxos,
    config,
    proposals: [
      { node: 'S1', value: 'set x 1' },
      { node: 'S1', value: 'set x 2' },
      { node: 'S2', value: 'set y 1' },
    ],
    maxRound: 2,
    slots: 2,
    drops: 0,
    duplicates: 0,
    crashes: 1,
    timeouts: 2,
    network: 'multiset',
    echo: { checker: 'engine', script: 'forget-promise-on-learn', protocol: 'multi', acceptors: 3, slots: 2, maxRound: 2, crashes: 1, ...(mutant ? { mutant: 'forget-promise-on-learn' } : {}) },
  }, SCRIPTED);
  const script: ScriptStep[] = [
    { kind: 'timeout', node: 'S1', timer: 'election' },
    deliver('S1', 'S1', 'prepare'),
    deliver('S1', 'S3', 'prepare'),
    deliver('S1', 'S1', 'promise'),
    deliver('S3', 'S1', 'promise'),
    { kind: 'propose', node: 'S1', value: 'set x 1' },
    deliver('S1', 'S1', 'accept', { slot: 0 }),
    deliver('S1', 'S3', 'accept', { slot: 0 }),
    deliver('S1', 'S1', 'accepted', { slot: 0 }),
    deliver('S3', 'S1', 'accepted', { slot: 0 }),
    { kind: 'timeout', node: 'S2', timer: 'election' },
    deliver('S2', 'S2', 'prepare'),
    deliver('S2', 'S3', 'prepare'),
    deliver('S1', 'S3', 'commit', { slot: 0 }),
    { kind: 'crash', node: 'S3' },
    { kind: 'recover', node: 'S3' },
    { kind: 'propose', node: 'S1', value: 'set x 2' },
    deliver('S1', 'S1', 'accept', { slot: 1 }),
    deliver('S1', 'S3', 'accept', { slot: 1 }),
    deliver('S1', 'S1', 'accepted', { slot: 1 }),
    deliver('S3', 'S1', 'accepted', { slot: 1 }),
    deliver('S2', 'S2', 'promise'),
    deliver('S3', 'S2', 'promise'),
    { kind: 'propose', node: 'S2', value: 'set y 1' },
    deliver('S2', 'S2', 'accept', { slot: 1 }),
    deliver('S2', 'S3', 'accept', { slot: 1 }),
    deliver('S2', 'S2', 'accepted', { slot: 1 }),
    deliver('S3', 'S2', 'accepted', { slot: 1 }),
  ];
  return explorer.follow(script);
}

/**
 * small-fast-quorum, the instructive case: 5 acceptors, q_c = 3 and q_f = 3, so 3 + 2·3 ≤ 10 breaks the
 * formula although any two fast quorums still meet. (With 4 acceptors every broken q_f is 2 and two
 * disjoint fast quorums choose two values inside the fast round itself: the search finds that in 6 steps.)
 * Fast round 0: C1's v1 reaches A1, A2, A3 — a fast quorum of 3, so v1 is chosen — and C2's v2 reaches A4,
 * A5. The coordinator's round times out; its classic round 1 hears from A4, A5, A3: v2 twice, v1 once. The
 * recovery rule asks which value could have reached q_f = 3 with the 2 unheard acceptors: both could, the
 * rule cannot tell them apart, and it takes the one more promises reported — v2, which A3, A4, A5 then
 * accept: chosen.
 * With the correct q_f = 4 only v2 passes that test, and v1 could never have been chosen.
 */
export function smallFastQuorumWitness(mutant = true): Witness {
  const config = fastPaxos.config({ protocol: 'fast', acceptors: 5, clients: 2, nack: false, ...(mutant ? { mutant: 'small-fast-quorum' as const } : {}) });
  const explorer = new EngineExplorer({
    protocol: fastPaxos,
    config,
    proposals: [
      { node: 'C1', value: 'v1' },
      { node: 'C2', value: 'v2' },
    ],
    maxRound: 1,
    slots: 1,
    drops: 0,
    duplicates: 0,
    crashes: 0,
    timeouts: 2,
    network: 'multiset',
    echo: { checker: 'engine', script: 'small-fast-quorum', protocol: 'fast', acceptors: 5, clients: 2, maxRound: 1, crashes: 0, ...(mutant ? { mutant: 'small-fast-quorum' } : {}) },
  }, SCRIPTED);
  return explorer.follow([
    { kind: 'propose', node: 'C1' },
    { kind: 'propose', node: 'C2' },
    deliver('C1', 'A1', 'request'),
    deliver('C1', 'A2', 'request'),
    deliver('C1', 'A3', 'request'),
    deliver('C2', 'A4', 'request'),
    deliver('C2', 'A5', 'request'),
    deliver('A4', 'L1', 'accepted', { round: 0 }),
    { kind: 'timeout', node: 'L1', timer: 'round' },
    { kind: 'timeout', node: 'L1', timer: 'retry' },
    deliver('L1', 'A4', 'prepare'),
    deliver('L1', 'A5', 'prepare'),
    deliver('L1', 'A3', 'prepare'),
    deliver('A4', 'L1', 'promise'),
    deliver('A5', 'L1', 'promise'),
    deliver('A3', 'L1', 'promise'),
    deliver('L1', 'A3', 'accept'),
    deliver('L1', 'A4', 'accept'),
    deliver('L1', 'A5', 'accept'),
    deliver('A3', 'L1', 'accepted', { round: 1 }),
    deliver('A4', 'L1', 'accepted', { round: 1 }),
    deliver('A5', 'L1', 'accepted', { round: 1 }),
  ]);
}

/** fast-recovery-any-reported's standard scope, without its echo: the script runs in it and the hunt searches it. */
function fastRecoveryScope(mutant: boolean): Omit<EngineScope, 'echo'> {
  return {
    protocol: fastPaxos,
    config: fastPaxos.config({ protocol: 'fast', acceptors: 4, clients: 2, nack: false, retries: 'fast', ...(mutant ? { mutant: 'fast-recovery-any-reported' as const } : {}) }),
    proposals: [
      { node: 'C1', value: 'v1' },
      { node: 'C2', value: 'v2' },
    ],
    maxRound: 2,
    slots: 1,
    drops: 0,
    duplicates: 0,
    crashes: 0,
    timeouts: 4,
    network: 'multiset',
  };
}

/**
 * fast-recovery-any-reported, the rule as the notes once stated it: when no value reported at the highest
 * round k reaches the threshold, "pick any reported value" — at any round. 4 acceptors, q_c = q_f = 3, and
 * every round after the opening fast (the scope's `retries: 'fast'`), so that a fast round can lie above
 * the round where a value was chosen.
 * Fast round 0: C1's v1 reaches A2, A3, A4 — a fast quorum, v1 is chosen — and C2's v2 reaches A1. L1 hears
 * only A1's vote; its round times out and it starts fast round 1. A1, A2, A3 report v2, v1, v1 at round 0:
 * v1 has 2 ≥ 3 − 1 reports, so v1 is forced, and L1 sends accept(1, v1), which only A2 receives before L1's
 * round times out again. Round 2: A1, A2, A3 report (0, v2), (1, v1), (0, v1). k = 1 and V = {v1}; v1 has
 * 1 < 2 reports at k. Lamport's Figure 2 forces v1 (V has one element); the mutant picks among every
 * reported value, in acceptor order, and takes A1's v2, which A1, A3, A4 then accept in round 2: chosen.
 * With the correct rule the same script sends accept(2, v1) and nothing breaks.
 */
export function fastRecoveryAnyReportedWitness(mutant = true): Witness {
  const explorer = new EngineExplorer({
    ...fastRecoveryScope(mutant),
    echo: { checker: 'engine', script: 'fast-recovery-any-reported', protocol: 'fast', acceptors: 4, clients: 2, maxRound: 2, crashes: 0, retries: 'fast', ...(mutant ? { mutant: 'fast-recovery-any-reported' } : {}) },
  }, SCRIPTED);
  const phaseOne = (round: number): ScriptStep[] => [
    deliver('L1', 'A1', 'prepare', { round }),
    deliver('L1', 'A2', 'prepare', { round }),
    deliver('L1', 'A3', 'prepare', { round }),
    deliver('A1', 'L1', 'promise', { round }),
    deliver('A2', 'L1', 'promise', { round }),
    deliver('A3', 'L1', 'promise', { round }),
  ];
  return explorer.follow([
    { kind: 'propose', node: 'C1' },
    { kind: 'propose', node: 'C2' },
    deliver('C1', 'A2', 'request'),
    deliver('C1', 'A3', 'request'),
    deliver('C1', 'A4', 'request'),
    deliver('C2', 'A1', 'request'),
    deliver('A1', 'L1', 'accepted', { round: 0 }),
    { kind: 'timeout', node: 'L1', timer: 'round' },
    { kind: 'timeout', node: 'L1', timer: 'retry' },
    ...phaseOne(1),
    deliver('L1', 'A2', 'accept', { round: 1 }),
    { kind: 'timeout', node: 'L1', timer: 'round' },
    { kind: 'timeout', node: 'L1', timer: 'retry' },
    ...phaseOne(2),
    deliver('L1', 'A1', 'accept', { round: 2 }),
    deliver('L1', 'A3', 'accept', { round: 2 }),
    deliver('L1', 'A4', 'accept', { round: 2 }),
  ]);
}

/**
 * reconfigure-immediately's narrow scope, without its echo: 3 → 3 servers (S4 a spare), α = 1, two slots,
 * rounds up to 2, two timer firings, no faults, S1 asked for `config S1 S2 S4` and `set x 1`, S2 for
 * `set x 2` and `set x 3`. The script runs in it; bench/reconfig-search.ts searches it (timers S1, S2).
 */
export function reconfigureScope(mutant: boolean): Omit<EngineScope, 'echo'> {
  return {
    protocol: multiPaxos,
    config: multiPaxos.config({ protocol: 'multi', acceptors: 4, clients: 0, nack: false, alpha: 1, members: 3, ...(mutant ? { mutant: 'reconfigure-immediately' as const } : {}) }),
    proposals: [
      { node: 'S1', value: 'config S1 S2 S4' },
      { node: 'S1', value: 'set x 1' },
      { node: 'S2', value: 'set x 2' },
      { node: 'S2', value: 'set x 3' },
    ],
    maxRound: 2,
    slots: 2,
    drops: 0,
    duplicates: 0,
    crashes: 0,
    timeouts: 2,
    network: 'multiset',
  };
}

/**
 * The narrow scope bench/reconfig-search.ts searches: the witness's, with only S1's and S2's timers firing
 * (two firings) and ballots up to `maxRound`. The search's own scope and the one its recorded shortest run
 * (SEARCHED) replays in.
 */
export function reconfigureNarrowScope(mutant: boolean, maxRound = 2): EngineScope {
  return {
    ...reconfigureScope(mutant),
    maxRound,
    timed: ['S1', 'S2'],
    echo: { checker: 'engine', search: 'bench/reconfig-search.ts', protocol: 'multi', acceptors: 4, members: 3, alpha: 1, slots: 2, maxRound, crashes: 0, timeouts: 2, timed: ['S1', 'S2'], ...(mutant ? { mutant: 'reconfigure-immediately' } : {}) },
  };
}

/**
 * reconfigure-immediately, in the 3 → 3 scope (S1 S2 S3 first, S4 a spare, α = 1). S1 leads with promises
 * from S1 and S2 and puts `config S1 S2 S4` in slot 0. The mutant takes the change at once: slot 1 already
 * belongs to S1 S2 S4, so S1 puts "set x 1" there before slot 0 is chosen, and S1 with S4 — a majority of
 * that membership — accept it: S1 learns "set x 1" in slot 1. S2 then runs (ballot 2.S2) with promises
 * from S2 and S3, which accepted nothing; it puts "set x 2" in slot 0 and gets it chosen with S3, so in
 * its log slot 1 still belongs to S1 S2 S3, and S2 with S3 choose "set x 3" there. Two values, one slot,
 * from two quorums — {S1, S4} and {S2, S3} — that do not meet. With the correct rule S1 may not propose in
 * slot 1 until slot 0 is chosen, and the script stops at its eighth step: there is no accept for slot 1 to deliver.
 */
export function reconfigureImmediatelyWitness(mutant = true): Witness {
  const explorer = new EngineExplorer({
    ...reconfigureScope(mutant),
    echo: { checker: 'engine', script: 'reconfigure-immediately', protocol: 'multi', acceptors: 4, members: 3, alpha: 1, slots: 2, maxRound: 2, crashes: 0, ...(mutant ? { mutant: 'reconfigure-immediately' } : {}) },
  }, SCRIPTED);
  return explorer.follow([
    { kind: 'timeout', node: 'S1', timer: 'election' },
    deliver('S1', 'S1', 'prepare'),
    deliver('S1', 'S2', 'prepare'),
    deliver('S1', 'S1', 'promise'),
    deliver('S2', 'S1', 'promise'),
    { kind: 'propose', node: 'S1', value: 'config S1 S2 S4' },
    { kind: 'propose', node: 'S1', value: 'set x 1' },
    deliver('S1', 'S1', 'accept', { slot: 1 }),
    deliver('S1', 'S4', 'accept', { slot: 1 }),
    deliver('S1', 'S1', 'accepted', { slot: 1 }),
    deliver('S4', 'S1', 'accepted', { slot: 1 }),
    { kind: 'timeout', node: 'S2', timer: 'election' },
    deliver('S2', 'S2', 'prepare'),
    deliver('S2', 'S3', 'prepare'),
    deliver('S2', 'S2', 'promise'),
    deliver('S3', 'S2', 'promise'),
    { kind: 'propose', node: 'S2', value: 'set x 2' },
    deliver('S2', 'S2', 'accept', { slot: 0 }),
    deliver('S2', 'S3', 'accept', { slot: 0 }),
    deliver('S2', 'S2', 'accepted', { slot: 0 }),
    deliver('S3', 'S2', 'accepted', { slot: 0 }),
    { kind: 'propose', node: 'S2', value: 'set x 3' },
    deliver('S2', 'S2', 'accept', { slot: 1 }),
    deliver('S2', 'S3', 'accept', { slot: 1 }),
    deliver('S2', 'S2', 'accepted', { slot: 1 }),
    deliver('S3', 'S2', 'accepted', { slot: 1 }),
  ]);
}

/** Mutants with a scripted counterexample (used when the breadth-first search cannot reach one). */
export const WITNESSES: { readonly [name: string]: (() => Witness) | undefined } = {
  'forget-promise-on-learn': () => forgetPromiseOnLearnWitness(true),
  'small-fast-quorum': () => smallFastQuorumWitness(true),
  'fast-recovery-any-reported': () => fastRecoveryAnyReportedWitness(true),
  'reconfigure-immediately': () => reconfigureImmediatelyWitness(true),
};

/**
 * forget-promise-on-learn's hunting scope: the witness's three requests (S1: "set x 1", "set x 2"; S2:
 * "set y 1"), two slots, ballots of round 1 (1.S1 < 1.S2), S1 and S2 each may start one election, S3 may
 * crash once, no loss or duplication (the multiset network). A narrower scope than the script's (which
 * allows round 2 and any server's crash), so that the bounded search can cover it (see HUNTED).
 */
export function forgetPromiseHuntScope(): EngineScope {
  return {
    protocol: multiPaxos,
    config: multiPaxos.config({ protocol: 'multi', acceptors: 3, clients: 0, nack: false, mutant: 'forget-promise-on-learn' }),
    proposals: [
      { node: 'S1', value: 'set x 1' },
      { node: 'S1', value: 'set x 2' },
      { node: 'S2', value: 'set y 1' },
    ],
    maxRound: 1,
    slots: 2,
    drops: 0,
    duplicates: 0,
    crashes: 1,
    timeouts: 2,
    network: 'multiset',
    timed: ['S1', 'S2'],
    crashable: ['S3'],
    echo: { checker: 'engine', search: 'hunt', protocol: 'multi', mutant: 'forget-promise-on-learn', acceptors: 3, slots: 2, maxRound: 1, crashes: 1, crashable: ['S3'], timeouts: 2, timed: ['S1', 'S2'], drops: 0, duplicates: 0, network: 'multiset', proposals: 'S1: set x 1, set x 2; S2: set y 1' },
  };
}

/** fast-recovery-any-reported's hunting scope: the scripted witness's (and the mutant's standard scope). */
export function fastRecoveryHuntScope(): EngineScope {
  return {
    ...fastRecoveryScope(true),
    timed: ['L1'],
    echo: { checker: 'engine', search: 'hunt', protocol: 'fast', mutant: 'fast-recovery-any-reported', acceptors: 4, clients: 2, maxRound: 2, retries: 'fast', crashes: 0, timeouts: 4, timed: ['L1'], drops: 0, duplicates: 0, network: 'multiset' },
  };
}

/** A counterexample the hunt found, pinned by the walk that found it (see the file comment). */
export interface HuntedRun {
  readonly scope: () => EngineScope;
  readonly seed: number;
  /** The first walk of the hunt from walk 1 that chose two values (bench/checker.ts checks it is the first). */
  readonly walk: number;
  /** Moves of the shortened run. */
  readonly steps: number;
  /** What the bounded breadth-first search proved about shorter runs: none of at most `clear` moves. */
  readonly clear: number;
}

export const HUNTED: { readonly [name: string]: HuntedRun | undefined } = {
  'forget-promise-on-learn': { scope: forgetPromiseHuntScope, seed: 1, walk: 287_046, steps: 24, clear: 0 },
  // clear 26: `paxos check --mutant fast-recovery-any-reported --network set --bound 26 --fingerprints on
  // --spill --expect-states 720000000` (the set network holds every multiset run) ends clear after
  // 527,474,196 states, 7,309,117,204 transitions, 98 min, ~15 GB peak resident, collision bound 3.5·10⁻¹²:
  // no run of 26 moves or fewer chooses two values, so the hunt's 27 is shortest.
  'fast-recovery-any-reported': { scope: fastRecoveryHuntScope, seed: 1, walk: 2008, steps: 27, clear: 26 },
};

/** The hunted counterexample of a mutant, replayed from its pinned walk (undefined: it has none). */
export function huntedRun(mutant: string): HuntResult | undefined {
  const pin = HUNTED[mutant];
  if (!pin) return undefined;
  const r = hunt(pin.scope(), { seed: pin.seed, firstWalk: pin.walk, walks: 1 });
  if (r.result !== 'violation' || r.steps !== pin.steps) {
    throw new Error(`${mutant}: walk ${pin.walk} (seed ${pin.seed}) no longer finds the ${pin.steps}-step run (${r.result === 'violation' ? `${r.steps} steps` : 'nothing'}); the engine changed: run \`npm run bench -- checker --only hunt\` and update HUNTED in witnesses.ts`);
  }
  return r;
}

/**
 * A shortest counterexample the bounded breadth-first search (SearchOptions.bound) found in the bench,
 * recorded as its moves so a build replays it in milliseconds instead of searching for ten minutes:
 * `npm run bench -- checker --only bounded` runs the search again and checks it still finds a run of
 * `steps` moves after `states` states (a deterministic search: the same engine gives the same figures).
 */
export interface RecordedSearch {
  /** The scope searched (the network may be wider than `replay`'s: a set network covers every multiset run). */
  readonly scope: () => EngineScope;
  /** The distance bound (SearchOptions.bound) the search ran with; none: the plain breadth-first search. */
  readonly bound?: number;
  /** The reductions the search ran with, as its result named them. */
  readonly reductions: readonly Reduction[];
  readonly states: number;
  readonly transitions: number;
  readonly steps: number;
  /** The found run, move by move, replayed in `replayScope` (the recorded run delivers no message twice). */
  readonly moves: readonly ScriptStep[];
  /**
   * Deliveries after the conflict, as the search's result drew them: with reconfiguration a slot's
   * acceptors are known only once the slots before it are chosen, so the trace checker judges slot 1 by the
   * learners' announcements, which these deliver. Not counted in `steps`.
   */
  readonly epilogue?: readonly ScriptStep[];
  readonly replayScope: () => EngineScope;
}

/**
 * reconfigure-immediately, shortest in the narrow scope (reconfigureNarrowScope): the breadth-first search
 * of bench/reconfig-search.ts found an 18-move run. S1 leads (1.S1) with S1's and S2's promises and, the
 * change taken at once, sends slot 1's `set x 1` to S1 and S4, the new membership's majority. S2 leads
 * (1.S2) with S2's and S3's promises, a majority of the first membership that misses S1's slot-1 votes, and
 * gets `set x 3` accepted in slot 1 by S1 and S2, a majority there too: two values in slot 1.
 */
const RECONFIGURE_SHORTEST: RecordedSearch = {
  scope: () => reconfigureNarrowScope(true),
  reductions: ['idle-deliveries'],
  states: 28_509_362,
  transitions: 101_329_987,
  steps: 18,
  replayScope: () => reconfigureNarrowScope(true),
  moves: [
    { kind: 'propose', node: 'S1', value: 'config S1 S2 S4' },
    { kind: 'propose', node: 'S1', value: 'set x 1' },
    { kind: 'propose', node: 'S2', value: 'set x 2' },
    { kind: 'propose', node: 'S2', value: 'set x 3' },
    { kind: 'timeout', node: 'S1', timer: 'election' },
    deliver('S1', 'S1', 'prepare'),
    deliver('S1', 'S2', 'prepare'),
    deliver('S1', 'S1', 'promise'),
    deliver('S2', 'S1', 'promise'),
    deliver('S1', 'S1', 'accept', { slot: 1 }),
    deliver('S1', 'S4', 'accept', { slot: 1 }),
    { kind: 'timeout', node: 'S2', timer: 'election' },
    deliver('S2', 'S2', 'prepare'),
    deliver('S2', 'S3', 'prepare'),
    deliver('S2', 'S2', 'promise'),
    deliver('S3', 'S2', 'promise'),
    deliver('S2', 'S1', 'accept', { slot: 1 }),
    deliver('S2', 'S2', 'accept', { slot: 1 }),
  ],
  epilogue: [
    deliver('S1', 'S1', 'accepted', { slot: 1 }),
    deliver('S4', 'S1', 'accepted', { slot: 1 }),
    deliver('S1', 'S2', 'accepted', { slot: 1 }),
    deliver('S2', 'S2', 'accepted', { slot: 1 }),
  ],
};

/**
 * forget-promise-on-learn, shortest: the bounded search of the hunting scope with a set network (every
 * multiset run is in it) found a 23-move run, one shorter than the hunt's. It delivers no message twice,
 * so it is a run of the multiset scope as well, and 23 is shortest in both. S1 leads (1.S1) with S3 and
 * gets `set x 2` chosen in slot 1 while slot 0's `set x 1` reaches S1 only. S2 runs (1.S2) on S3's promise,
 * which reports slot 1 alone, so S2 fills slot 0 with a no-op that S1 and S2 accept: chosen. S3 learns
 * slot 1 (its last record: the mutant writes 1.S1 there as its promise), crashes, recovers promising
 * 1.S1 again, and accepts S1's old accept(1.S1, set x 1) for slot 0: S1 and S3 choose `set x 1` there too.
 */
export const SEARCHED: { readonly [name: string]: RecordedSearch | undefined } = {
  'reconfigure-immediately': RECONFIGURE_SHORTEST,
  'forget-promise-on-learn': {
    scope: () => ({ ...forgetPromiseHuntScope(), network: 'set' }),
    bound: 23,
    reductions: ['idle-deliveries', 'distance-bound'],
    states: 28_084_460,
    transitions: 274_722_033,
    steps: 23,
    replayScope: forgetPromiseHuntScope,
    moves: [
      { kind: 'propose', node: 'S1', value: 'set x 1' },
      { kind: 'propose', node: 'S1', value: 'set x 2' },
      { kind: 'timeout', node: 'S1', timer: 'election' },
      deliver('S1', 'S1', 'prepare'),
      deliver('S1', 'S3', 'prepare'),
      deliver('S1', 'S1', 'promise'),
      deliver('S3', 'S1', 'promise'),
      deliver('S1', 'S1', 'accept', { slot: 0 }),
      deliver('S1', 'S1', 'accept', { slot: 1 }),
      deliver('S1', 'S3', 'accept', { slot: 1 }),
      deliver('S1', 'S1', 'accepted', { slot: 1 }),
      deliver('S3', 'S1', 'accepted', { slot: 1 }),
      { kind: 'timeout', node: 'S2', timer: 'election' },
      deliver('S2', 'S2', 'prepare'),
      deliver('S2', 'S3', 'prepare'),
      deliver('S2', 'S2', 'promise'),
      deliver('S3', 'S2', 'promise'),
      deliver('S1', 'S3', 'commit', { slot: 1 }),
      deliver('S2', 'S1', 'accept', { slot: 0 }),
      deliver('S2', 'S2', 'accept', { slot: 0 }),
      { kind: 'crash', node: 'S3' },
      { kind: 'recover', node: 'S3' },
      deliver('S1', 'S3', 'accept', { slot: 0 }),
    ],
  },
};

/** The recorded shortest run of a mutant (SEARCHED), replayed; throws if it no longer breaks agreement in `steps` moves. */
export function recordedRun(mutant: string): Witness | undefined {
  const rec = SEARCHED[mutant];
  if (!rec) return undefined;
  const w = new EngineExplorer(rec.replayScope(), SCRIPTED).follow([...rec.moves, ...(rec.epilogue ?? [])]);
  if (!w.conflict || rec.moves.length !== rec.steps) {
    throw new Error(`${mutant}: the recorded ${rec.steps}-move search result no longer chooses two values; the engine changed: run \`npm run bench -- checker --only bounded\` and update SEARCHED in witnesses.ts`);
  }
  return w;
}

/** Mutants whose standard scope the search cannot finish: the cache serves their hunted, else scripted, run by default. */
export const SCRIPTED_BY_DEFAULT: readonly string[] = ['forget-promise-on-learn', 'fast-recovery-any-reported', 'reconfigure-immediately'];
