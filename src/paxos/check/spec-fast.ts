// Specification mode for Fast Paxos: the SimplifiedFastPaxos TLA+ module of tlaplus/Examples
// (specifications/SimplifiedFastPaxos/FastPaxos.tla, which EXTENDS its Paxos.tla), rule for rule, so that
// its counts can be held against TLC's. The module has one coordinator, so no phase 1:
//
//   VARIABLES messages (every message ever sent), decision, maxBallot, maxVBallot, maxValue, cValue
//   FastInit: messages = {}, decision = none, maxBallot = maxVBallot = [r |-> 0], maxValue = [r |-> none],
//             cValue = none
//   FastAny          == some fast ballot f: send P2a(f, any)
//   FastPropose      == some replica a, P2a(b, any), value v: maxBallot[a] <= b, maxValue[a] \in {none, v},
//                       no P2b of a at b yet: maxBallot[a] := maxVBallot[a] := b, maxValue[a] := v, send P2b(b, a, v)
//   FastDecide       == some fast ballot b and fast quorum q all sent P2b at b, all for one value:
//                       decision := that value
//   ClassicAccept    == some classic b, fast f < b, fast quorum q, value v: cValue \in {none, v}, cValue := v,
//                       no P2a at b yet, q all sent P2b at f and they differ (a collision); if some value has
//                       a majority of those votes v must be it, else v is one of them: send P2a(b, v)
//   ClassicAccepted  == Paxos's phase 2b: some replica a and P2a(b, v), v a value, maxBallot[a] <= b:
//                       the three variables := b, b, v, send P2b(b, a, v)
//   ClassicDecide    == some classic b and quorum q all sent P2b at b: decision := one of their values
//
// and TLC checks FastTypeOK (true here by construction), FastNontriviality (a decision is a value some
// replica proposed in a fast ballot) and PaxosConsistency == [][decision = none]_decision (decision, once
// set, never changes: at most one value is learnt), the property that says this protocol is safe.
//
// The published model, FastPaxos.cfg: Replicas {r1..r4}, Values {v1, v2, v3}, Ballots 0..4, FastBallots
// {1, 3}, Quorums and FastQuorums both the four 3-subsets; TLC (tlaplus/Examples manifest.json): 25,617
// distinct states, 320,053 generated, depth 22 — with SYMMETRY PaxosSymmetry == Permutations(Values)
// \cup Permutations(Replicas). That union is not itself a group, but TLC closes it under composition
// before use (spec-search.ts), so its count is the number of orbits under every (replica permutation,
// value permutation) pair: `symmetry: true` does the same and gives 25,617 states, depth 22 and 320,052
// successors (TLC's 320,053 generated counts the initial state too). `symmetry: false` counts every state.
import { has, permuteMessages, permutations, searchSpec, set, subsetsBySize, type SpecEmit, type SpecMachine, type SpecSearchResult } from './spec-search.ts';
import type { SearchLimits } from './limits.ts';

export interface FastSpecScope {
  readonly replicas: number;
  readonly values: number;
  /** Ballots are 0..maxBallot. */
  readonly maxBallot: number;
  /** The fast ballots, a subset of 0..maxBallot; the others are classic. */
  readonly fastBallots: readonly number[];
  /** Classic quorums: every set of this many replicas (default: a majority, FastPaxos.cfg's 3 of 4). */
  readonly quorum?: number;
  /** Fast quorums: every set of this many replicas (default: the least size FastAssume allows). */
  readonly fastQuorum?: number;
  /** Identify states that differ by a permutation of replicas and values, as FastPaxos.cfg's SYMMETRY. */
  readonly symmetry?: boolean;
}

/** FastPaxos.cfg, the model whose count TLC published. */
export const FAST_PAXOS_CFG: FastSpecScope = { replicas: 4, values: 3, maxBallot: 4, fastBallots: [1, 3], symmetry: true };

export const FAST_SPEC_LIMITS = { replicas: 5, values: 4, maxBallot: 6 } as const;

export type FastProperty = 'PaxosConsistency' | 'FastNontriviality';
export type FastSpecResult = SpecSearchResult<FastProperty> & { readonly symmetry: boolean };

const majority = (n: number): number => Math.floor(n / 2) + 1;

/**
 * The least fast-quorum size FastAssume accepts: at least 3n div 4, two fast quorums intersect, and a
 * classic quorum meets the intersection of any two fast ones (q + 2f > 2n).
 */
export function defaultFastQuorum(replicas: number, quorum = majority(replicas)): number {
  let f = Math.max(Math.floor((3 * replicas) / 4), majority(replicas), 1);
  while (f < replicas && quorum + 2 * f <= 2 * replicas) f++;
  return f;
}

/** Throws a RangeError naming the field when the scope is outside what this mode supports. */
export function validateFastScope(scope: FastSpecScope): void {
  const ints: [keyof FastSpecScope, unknown, number, number][] = [
    ['replicas', scope.replicas, 1, FAST_SPEC_LIMITS.replicas],
    ['values', scope.values, 1, FAST_SPEC_LIMITS.values],
    ['maxBallot', scope.maxBallot, 0, FAST_SPEC_LIMITS.maxBallot],
  ];
  if (scope.quorum !== undefined) ints.push(['quorum', scope.quorum, 1, Number(scope.replicas)]);
  if (scope.fastQuorum !== undefined) ints.push(['fastQuorum', scope.fastQuorum, 1, Number(scope.replicas)]);
  for (const [field, v, min, max] of ints) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      throw new RangeError(`${field}: must be an integer from ${min} to ${max} in spec-fast mode (got ${String(v)})`);
    }
  }
  const fast = scope.fastBallots;
  if (!Array.isArray(fast) || fast.length === 0) throw new RangeError('fastBallots: must list at least one ballot');
  const seen = new Set<number>();
  for (const b of fast) {
    if (!Number.isInteger(b) || b < 0 || b > scope.maxBallot) {
      throw new RangeError(`fastBallots: each must be a ballot from 0 to ${scope.maxBallot} (got ${String(b)})`);
    }
    if (seen.has(b)) throw new RangeError(`fastBallots: ${b} is listed twice`);
    seen.add(b);
  }
  if (scope.symmetry !== undefined && typeof scope.symmetry !== 'boolean') {
    throw new RangeError(`symmetry: must be true or false (got ${String(scope.symmetry)})`);
  }
}

// Action codes: kind << 20 | arguments in 4-bit fields.
const FAST_ANY = 1;
const FAST_PROPOSE = 2;
const FAST_DECIDE = 3;
const CLASSIC_ACCEPT = 4;
const CLASSIC_ACCEPTED = 5;
const CLASSIC_DECIDE = 6;
const code = (kind: number, ...args: number[]): number => args.reduce((c, a, i) => c | (a << (4 * i)), kind << 20);
const arg = (c: number, i: number): number => (c >> (4 * i)) & 15;

/** Builds the module as a machine for spec-search.ts. */
export function fastPaxosMachine(scope: FastSpecScope): SpecMachine<FastProperty> {
  validateFastScope(scope);
  const R = scope.replicas;
  const V = scope.values;
  const B = scope.maxBallot + 1;
  const ANY = V; // P2a's value index for `any`
  const isFast = Array.from({ length: B }, (_, b) => scope.fastBallots.includes(b));
  const fast = [...Array(B).keys()].filter((b) => isFast[b]);
  const classic = [...Array(B).keys()].filter((b) => !isFast[b]);
  const quorumSize = scope.quorum ?? majority(R);
  const fastQuorumSize = scope.fastQuorum ?? defaultFastQuorum(R, quorumSize);
  const quorums = subsetsBySize(R, (n) => n === quorumSize);
  const fastQuorums = subsetsBySize(R, (n) => n === fastQuorumSize);

  // Row: the message bitset, then one word per replica (maxBallot | maxVBallot << 8 | (maxValue + 1) << 16),
  // then one word (decision + 1) | (cValue + 1) << 8; a value of -1 is `none`.
  const idx2a = (b: number, x: number): number => b * (V + 1) + x;
  const base2b = B * (V + 1);
  const idx2b = (b: number, a: number, v: number): number => base2b + (b * R + a) * V + v;
  const messages = base2b + B * R * V;
  const msgWords = Math.ceil(messages / 32);
  const width = msgWords + R + 1;
  const G = msgWords + R; // the global word

  const replicaWord = (bal: number, vbal: number, val: number): number => bal | (vbal << 8) | ((val + 1) << 16);
  const init = new Uint32Array(width);
  for (let a = 0; a < R; a++) init[msgWords + a] = replicaWord(0, 0, -1);
  init[G] = 0; // decision = cValue = none

  // Decoded variables of the state being expanded.
  const maxBallot = new Int32Array(R);
  const maxValue = new Int32Array(R);
  const votes = new Int32Array(V);

  const describe = (c: number): string => {
    const kind = c >> 20;
    const [x, y, z, w] = [arg(c, 0), arg(c, 1), arg(c, 2), arg(c, 3)];
    if (kind === FAST_ANY) return `FastAny: P2a(${x}, any)`;
    if (kind === FAST_PROPOSE) return `FastPropose: r${x + 1} sends P2b(${y}, r${x + 1}, v${z + 1})`;
    if (kind === FAST_DECIDE) return `FastDecide: ballot ${x}, fast quorum ${quorumName(fastQuorums[y]!)}, decision := v${z + 1}`;
    if (kind === CLASSIC_ACCEPT) return `ClassicAccept: P2a(${x}, v${w + 1}) after the collision in ballot ${y} among ${quorumName(fastQuorums[z]!)}`;
    if (kind === CLASSIC_ACCEPTED) return `ClassicAccepted: r${x + 1} sends P2b(${y}, r${x + 1}, v${z + 1})`;
    return `ClassicDecide: ballot ${x}, quorum ${quorumName(quorums[y]!)}, decision := v${z + 1}`;
  };

  const expand = (cur: Uint32Array, next: Uint32Array, emit: SpecEmit<FastProperty>): void => {
    for (let a = 0; a < R; a++) {
      const w = cur[msgWords + a]!;
      maxBallot[a] = w & 255;
      maxValue[a] = ((w >>> 16) & 255) - 1;
    }
    const decision = (cur[G]! & 255) - 1;
    const cValue = ((cur[G]! >>> 8) & 255) - 1;
    const decide = (v: number, action: number): boolean => {
      next.set(cur);
      next[G] = (cur[G]! & ~255) | (v + 1);
      // PaxosConsistency: a step may change decision only while it is none.
      return emit(action, decision >= 0 && v !== decision ? 'PaxosConsistency' : undefined);
    };

    // FastAny
    for (const f of fast) {
      next.set(cur);
      set(next, idx2a(f, ANY));
      if (emit(code(FAST_ANY, f))) return;
    }
    // FastPropose
    for (let a = 0; a < R; a++) {
      for (const b of fast) {
        if (!has(cur, idx2a(b, ANY)) || maxBallot[a]! > b) continue;
        let voted = false;
        for (let v = 0; v < V && !voted; v++) voted = has(cur, idx2b(b, a, v));
        if (voted) continue;
        for (let v = 0; v < V; v++) {
          if (maxValue[a]! >= 0 && maxValue[a] !== v) continue;
          next.set(cur);
          next[msgWords + a] = replicaWord(b, b, v);
          set(next, idx2b(b, a, v));
          if (emit(code(FAST_PROPOSE, a, b, v))) return;
        }
      }
    }
    // FastDecide: one successor per message m of M (decision' = m.value), as TLC enumerates \E m \in M.
    for (const b of fast) {
      for (let qi = 0; qi < fastQuorums.length; qi++) {
        const q = fastQuorums[qi]!;
        if (!tally(cur, b, q)) continue;
        let distinct = 0;
        let only = -1;
        for (let v = 0; v < V; v++) if (votes[v]! > 0) (distinct++, (only = v));
        if (distinct !== 1) continue;
        for (let m = 0; m < votes[only]!; m++) if (decide(only, code(FAST_DECIDE, b, qi, only))) return;
      }
    }
    // ClassicAccept
    for (const b of classic) {
      let sent = false;
      for (let x = 0; x <= V && !sent; x++) sent = has(cur, idx2a(b, x));
      if (sent) continue;
      for (const f of fast) {
        if (f >= b) continue;
        for (let qi = 0; qi < fastQuorums.length; qi++) {
          if (!tally(cur, f, fastQuorums[qi]!)) continue;
          let total = 0;
          let distinct = 0;
          for (let v = 0; v < V; v++) (total += votes[v]!), (distinct += votes[v]! > 0 ? 1 : 0);
          if (distinct <= 1) continue; // no collision
          const isMajority = (v: number): boolean => Math.floor(total / 2) < votes[v]!;
          let someMajority = false;
          for (let v = 0; v < V; v++) someMajority ||= isMajority(v);
          for (let v = 0; v < V; v++) {
            if (cValue >= 0 && cValue !== v) continue;
            if (someMajority ? !isMajority(v) : votes[v] === 0) continue;
            next.set(cur);
            next[G] = (cur[G]! & 255) | ((v + 1) << 8);
            set(next, idx2a(b, v));
            if (emit(code(CLASSIC_ACCEPT, b, f, qi, v))) return;
          }
        }
      }
    }
    // ClassicAccepted (Paxos's PaxosAccepted: any P2a carrying a value, in any ballot)
    for (let a = 0; a < R; a++) {
      for (let b = maxBallot[a]!; b < B; b++) {
        for (let v = 0; v < V; v++) {
          if (!has(cur, idx2a(b, v))) continue;
          next.set(cur);
          next[msgWords + a] = replicaWord(b, b, v);
          set(next, idx2b(b, a, v));
          if (emit(code(CLASSIC_ACCEPTED, a, b, v))) return;
        }
      }
    }
    // ClassicDecide: one successor per message of M.
    for (const b of classic) {
      for (let qi = 0; qi < quorums.length; qi++) {
        if (!tally(cur, b, quorums[qi]!)) continue;
        for (let v = 0; v < V; v++) {
          for (let m = 0; m < votes[v]!; m++) if (decide(v, code(CLASSIC_DECIDE, b, qi, v))) return;
        }
      }
    }
  };

  /** Counts into `votes` the P2b messages at ballot b from the members of q; false if a member sent none. */
  const tally = (row: Uint32Array, b: number, q: number): boolean => {
    votes.fill(0);
    for (let a = 0; a < R; a++) {
      if (!(q & (1 << a))) continue;
      let any = false;
      for (let v = 0; v < V; v++) {
        if (has(row, idx2b(b, a, v))) {
          votes[v]!++;
          any = true;
        }
      }
      if (!any) return false;
    }
    return true;
  };

  const invariant = (row: Uint32Array): FastProperty | undefined => {
    const decision = (row[G]! & 255) - 1;
    if (decision < 0) return undefined;
    for (const b of fast) for (let a = 0; a < R; a++) if (has(row, idx2b(b, a, decision))) return undefined;
    return 'FastNontriviality';
  };

  // Symmetry: a replica permutation ρ and a value permutation σ act on every message and variable
  // (`any` and `none` stay put: they are not values).
  const image = (rho: number[], sigma: number[]): ((row: Uint32Array, out: Uint32Array) => void) => {
    const map = new Int32Array(msgWords * 32);
    for (let b = 0; b < B; b++) {
      for (let x = 0; x <= V; x++) map[idx2a(b, x)] = idx2a(b, x === ANY ? ANY : sigma[x]!);
      for (let a = 0; a < R; a++) for (let v = 0; v < V; v++) map[idx2b(b, a, v)] = idx2b(b, rho[a]!, sigma[v]!);
    }
    const val = (plusOne: number): number => (plusOne === 0 ? 0 : sigma[plusOne - 1]! + 1);
    return (row, out) => {
      permuteMessages(row, out, msgWords, map);
      for (let a = 0; a < R; a++) {
        const w = row[msgWords + a]!;
        out[msgWords + rho[a]!] = (w & 0xffff) | (val((w >>> 16) & 255) << 16);
      }
      const g = row[G]!;
      out[G] = val(g & 255) | (val((g >>> 8) & 255) << 8);
    };
  };
  // The group TLC derives from Permutations(Values) \cup Permutations(Replicas): every pair (ρ, σ).
  const symmetry: ((row: Uint32Array, out: Uint32Array) => void)[] = [];
  if (scope.symmetry) {
    const sigmas = permutations(V);
    permutations(R).forEach((rho, i) => sigmas.forEach((sigma, j) => (i > 0 || j > 0) && symmetry.push(image(rho, sigma))));
  }

  return { width, initial: [init], expand, invariant, describe, ...(symmetry.length > 0 ? { symmetry } : {}) };
}

const quorumName = (q: number): string =>
  `{${[...Array(8).keys()].filter((a) => q & (1 << a)).map((a) => `r${a + 1}`).join(', ')}}`;

/** Explores every reachable state of FastPaxos.tla in the given scope, breadth first. */
export function checkFastSpec(scope: FastSpecScope, limits: SearchLimits = {}): FastSpecResult {
  const machine = fastPaxosMachine(scope);
  return { ...searchSpec(machine, limits), symmetry: scope.symmetry ?? false };
}
