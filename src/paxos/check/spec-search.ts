// The breadth-first search shared by the specification modes (spec.ts: Lamport's Paxos.tla; spec-fast.ts:
// SimplifiedFastPaxos; spec-multi.ts: MultiPaxos-SMR). Each mode describes its TLA+ module as a
// SpecMachine — a fixed-width row of 32-bit words per state and a function that writes every successor —
// and this file counts the way TLC counts:
//
//   `distinct` is TLC's "distinct states found" (initial states included), `depth` TLC's "depth of the
//   complete state graph search" (an initial state alone is depth 1), and `transitions` every successor
//   computed, already-seen ones included (TLC's "states generated" less the initial states).
//
// Invariants are checked on every new state, action properties (TLC's [][A]_v) on every step, and, where
// the module's configuration asks for it (CHECK_DEADLOCK), a state with no successor at all is reported.
//
// Symmetry, as TLC does it. A configuration's SYMMETRY names a set of permutations of model values; TLC
// (tlc2/value/impl/MVPerms.permutationSubgroup) first closes that set under composition, so that
// Permutations(Values) \cup Permutations(Replicas) becomes every pair of a value and a replica permutation,
// then stores per state the least fingerprint among the state and its images under that group. The key is
// thus a function of the orbit, and TLC's distinct count is the number of orbits reached, whatever its
// fingerprint order: here the key is the least row (lexicographically) instead, which gives the same
// count and depth. A mode hands the whole group (identity left out) to the search.
import { WordStore } from './word-store.ts';
import { LimitWatch, type SearchLimits, type StopReason } from './limits.ts';

export interface SpecCounts {
  /** TLC's "distinct states found". */
  readonly distinct: number;
  /** TLC's depth: number of breadth-first levels, the initial state being level 1. */
  readonly depth: number;
  /** Distinct states (the same number as `distinct`; the name every check result uses). */
  readonly states: number;
  /** Successor states computed, one per enabled action instance, already-seen and unchanged ones included. */
  readonly transitions: number;
  readonly ms: number;
}

export type SpecSearchResult<P extends string> =
  | ({ readonly result: 'safe' } & SpecCounts)
  | ({ readonly result: 'violation'; readonly property: P; readonly path: readonly string[] } & SpecCounts)
  | ({ readonly result: 'incomplete'; readonly reason: StopReason } & SpecCounts);

/**
 * The group of permutations under which TLC identifies states (its SYMMETRY set closed under composition):
 * each writes the image of `row` into `out`. The identity is left out (the state itself is always a
 * candidate key). The module's actions and invariants must commute with every one of them.
 */
export type SpecSymmetry = readonly ((row: Uint32Array, out: Uint32Array) => void)[];

/** Writes successors into `next` and hands each to `emit`; `broken` names a property the step breaks. */
export type SpecEmit<P extends string> = (action: number, broken?: P) => boolean;

export interface SpecMachine<P extends string> {
  /** Words per state row. */
  readonly width: number;
  readonly initial: readonly Uint32Array[];
  /** Writes each successor of `cur` into `next`, then calls emit; stops as soon as emit returns true. */
  expand(cur: Uint32Array, next: Uint32Array, emit: SpecEmit<P>): void;
  /** The invariant a state breaks, if any. */
  invariant(row: Uint32Array): P | undefined;
  /** What to report for a state with no successor (TLC's CHECK_DEADLOCK), or undefined if that is fine. */
  readonly deadlock?: P;
  readonly symmetry?: SpecSymmetry;
  /** An action code, for a counterexample's path. */
  describe(action: number): string;
}

/** Explores every reachable state of the machine breadth first, as TLC's model checker would. */
export function searchSpec<P extends string>(machine: SpecMachine<P>, limits: SearchLimits = {}): SpecSearchResult<P> {
  const { width, symmetry } = machine;
  const store = new WordStore(width);
  const watch = new LimitWatch(limits);
  const cur = new Uint32Array(width);
  const next = new Uint32Array(width);
  const key = new Uint32Array(width);
  const image = new Uint32Array(width);

  const keyOf = (row: Uint32Array): Uint32Array => {
    if (!symmetry) return row;
    key.set(row);
    for (const permute of symmetry) {
      permute(row, image);
      if (lessRow(image, key, width)) key.set(image);
    }
    return key;
  };

  let transitions = 0;
  let levelDepth = 1; // level being expanded, for progress reports
  let levelEnd = 0; // rows before levelEnd belong to levels ≤ levelDepth
  let stop: StopReason | undefined;
  let violation: { at: number; action: number; property: P } | undefined;

  for (const row of machine.initial) {
    const index = store.add(keyOf(row), -1, 0);
    if (index < 0) continue;
    const broken = machine.invariant(row);
    if (broken !== undefined && !violation) violation = { at: index, action: -1, property: broken };
  }
  levelEnd = store.size;

  let parent = 0;
  let emitted = 0;
  const emit: SpecEmit<P> = (action, broken) => {
    transitions++;
    emitted++;
    if (broken !== undefined) {
      // A broken step (an action property, or a value outside the module's types): the path is the
      // parent's plus this action, whether or not the state itself is stored.
      violation = { at: parent, action, property: broken };
      return true;
    }
    const index = store.add(keyOf(next), parent, action);
    if (index < 0) return false;
    const bad = machine.invariant(next);
    if (bad !== undefined) {
      violation = { at: index, action: -1, property: bad };
      return true;
    }
    stop = watch.check(store.size, transitions, levelDepth);
    return stop !== undefined;
  };

  for (let i = 0; !violation && !stop && i < store.size; i++) {
    if (i === levelEnd) {
      levelEnd = store.size;
      levelDepth++;
    }
    store.read(i, cur);
    parent = i;
    emitted = 0;
    machine.expand(cur, next, emit);
    if (emitted === 0 && machine.deadlock !== undefined && !violation && !stop) {
      violation = { at: i, action: -1, property: machine.deadlock };
    }
  }

  const last = violation ? violation.at : store.size - 1;
  const depth = levelOf(store, last) + (violation && violation.action >= 0 ? 1 : 0);
  const counts: SpecCounts = { distinct: store.size, depth, states: store.size, transitions, ms: Math.round(watch.elapsed()) };
  if (violation) {
    const rows = store.path(violation.at);
    let path: string[];
    if (symmetry) {
      const keys = rows.map((row) => {
        const out = new Uint32Array(width);
        store.read(row, out);
        return out;
      });
      path = replay(machine, keys, keyOf, violation);
    } else {
      path = rows.slice(1).map((row) => machine.describe(store.action[row]!));
      if (violation.action >= 0) path.push(machine.describe(violation.action));
    }
    return { result: 'violation', property: violation.property, path, ...counts };
  }
  if (stop) return { result: 'incomplete', reason: stop, ...counts };
  return { result: 'safe', ...counts };
}

/**
 * A counterexample as one run. Under symmetry the store chains keys (least images), and an action recorded
 * on a key may name other replicas or values than the run that reached the next key: so the run is
 * replayed from a real initial state, at each step taking the first action whose successor has the next
 * key, and ending with the broken step if the property is an action property.
 */
function replay<P extends string>(
  machine: SpecMachine<P>,
  keys: readonly Uint32Array[],
  keyOf: (row: Uint32Array) => Uint32Array,
  violation: { readonly action: number; readonly property: P },
): string[] {
  const { width } = machine;
  const same = (a: Uint32Array, b: Uint32Array): boolean => a.every((x, k) => x === b[k]);
  const start = machine.initial.find((row) => same(keyOf(row), keys[0]!));
  if (!start) throw new Error('spec search: no initial state has the counterexample\'s first key');
  const cur = Uint32Array.from(start);
  const next = new Uint32Array(width);
  const path: string[] = [];
  const step = (want: (action: number, broken: P | undefined) => boolean): void => {
    let found = -1;
    const from = Uint32Array.from(cur);
    machine.expand(from, next, (action, broken) => {
      if (!want(action, broken)) return false;
      found = action;
      cur.set(next);
      return true;
    });
    if (found < 0) throw new Error(`spec search: the counterexample cannot be replayed at step ${path.length + 1}`);
    path.push(machine.describe(found));
  };
  for (let k = 1; k < keys.length; k++) step((_, broken) => broken === undefined && same(keyOf(next), keys[k]!));
  if (violation.action >= 0) step((_, broken) => broken === violation.property);
  return path;
}

/** Row order for symmetry keys: word by word, unsigned. */
function lessRow(a: Uint32Array, b: Uint32Array, width: number): boolean {
  for (let k = 0; k < width; k++) {
    if (a[k] !== b[k]) return a[k]! < b[k]!;
  }
  return false;
}

/** Breadth-first level of a row: its distance from the initial state plus one (TLC's convention). */
function levelOf(store: WordStore, row: number): number {
  if (row < 0) return 0;
  let d = 1;
  for (let i = row; store.parent[i]! >= 0; i = store.parent[i]!) d++;
  return d;
}

// Row plumbing shared by the modes: a message set is a bitset at the front of the row.

export const bitsFor = (n: number): number => Math.max(1, Math.ceil(Math.log2(n)));

/** Set bits of a 32-bit word (branch-free: the engine's sleep sets count a state's message words with it). */
export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

export const has = (row: Uint32Array, i: number): boolean => (row[i >>> 5]! & (1 << (i & 31))) !== 0;

export const set = (row: Uint32Array, i: number): void => {
  row[i >>> 5] = row[i >>> 5]! | (1 << (i & 31));
};

/** Every non-empty subset of n members (as bitmasks) whose size passes `sizeOk`: quorums given by a size. */
export function subsetsBySize(n: number, sizeOk: (size: number) => boolean): number[] {
  const out: number[] = [];
  for (let q = 1; q < 1 << n; q++) if (sizeOk(popcount(q))) out.push(q);
  return out;
}

/** Every permutation of 0..n-1, the identity first, in lexicographic order. */
export function permutations(n: number): number[][] {
  const out: number[][] = [];
  const walk = (prefix: number[], rest: number[]): void => {
    if (rest.length === 0) out.push(prefix);
    rest.forEach((x, i) => walk([...prefix, x], [...rest.slice(0, i), ...rest.slice(i + 1)]));
  };
  walk([], [...Array(n).keys()]);
  return out;
}

/**
 * Maps a message bitset through a permutation of message indices: `map[i]` is the image of message i.
 * Words [0, msgWords) of `row` are read and of `out` written.
 */
export function permuteMessages(row: Uint32Array, out: Uint32Array, msgWords: number, map: Int32Array): void {
  out.fill(0, 0, msgWords);
  for (let w = 0; w < msgWords; w++) {
    for (let bits = row[w]!; bits !== 0; bits &= bits - 1) {
      const i = (w << 5) | (31 - Math.clz32(bits & -bits));
      set(out, map[i]!);
    }
  }
}
