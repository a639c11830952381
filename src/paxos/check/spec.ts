// Specification mode: a breadth-first explorer of Lamport's TLA+ Paxos consensus specification (the
// Paxos.tla of "The Paxos Algorithm, or How to Win a Turing Award"), rule for rule, so that its counts can
// be held against TLC's. The module there has
//
//   VARIABLES maxBal, maxVBal, maxVal, msgs      (msgs: every message ever sent; it never shrinks)
//   Init     == maxBal = maxVBal = [a |-> -1], maxVal = [a |-> None], msgs = {}
//   Phase1a(b)    == send [type |-> "1a", bal |-> b]
//   Phase1b(a)    == some 1a m with m.bal > maxBal[a]: maxBal[a] := m.bal, send 1b(a, m.bal, maxVBal[a], maxVal[a])
//   Phase2a(b, v) == no 2a with bal b was sent, and some quorum Q all sent a 1b for b, and either none of
//                    those 1b carries a vote, or the highest-mbal one carries v: send 2a(b, v)
//   Phase2b(a)    == some 2a m with m.bal >= maxBal[a]: maxBal[a] := maxVBal[a] := m.bal, maxVal[a] := m.val,
//                    send 2b(a, m.bal, m.val)
//   Next == \E b \in Ballot: Phase1a(b) \/ \E v \in Value: Phase2a(b, v)  \/  \E a \in Acceptor: Phase1b(a) \/ Phase2b(a)
//
// with Ballot = 0..MaxBallot, Quorum = the sets of a bare majority of acceptors (MCPaxosTiny's {{a1, a2},
// {a1, a3}, {a2, a3}}: a larger set adds successors but no state), and the safety property checked in every state:
// at most one value is chosen, where v is chosen when some quorum sent 2b for v in one ballot.
//
// Counting follows TLC: `distinct` is TLC's "distinct states found" (initial state included) and `depth` is
// TLC's "depth of the complete state graph search" (the initial state alone is depth 1); `transitions` + 1
// is TLC's "states generated", one per witness of each existential, as TLC enumerates them. No symmetry
// reduction: TLC counts every permutation of acceptors and values unless a SYMMETRY set is declared.
//
// A state is a row of 32-bit words: the set msgs as a bitset over every message the scope allows (its size
// is fixed by the scope), followed by each acceptor's three variables packed into a few bits.
import { bitsFor, has, searchSpec, set, subsetsBySize, type SpecEmit, type SpecMachine, type SpecSearchResult } from './spec-search.ts';
import type { SearchLimits } from './limits.ts';

export interface SpecScope {
  readonly acceptors: number;
  readonly values: number;
  /** Ballots are 0..maxBallot. */
  readonly maxBallot: number;
}

export type SpecResult = SpecSearchResult<'agreement'>;

export const SPEC_LIMITS = { acceptors: 7, values: 4, maxBallot: 6 } as const;

/** Throws a RangeError naming the field when the scope is outside what the encoding supports. */
export function validateSpecScope(scope: SpecScope): void {
  const fields: [keyof SpecScope, number, number][] = [
    ['acceptors', 1, SPEC_LIMITS.acceptors],
    ['values', 1, SPEC_LIMITS.values],
    ['maxBallot', 0, SPEC_LIMITS.maxBallot],
  ];
  for (const [field, min, max] of fields) {
    const v = scope[field];
    if (!Number.isInteger(v) || v < min || v > max) {
      throw new RangeError(`${field}: must be an integer from ${min} to ${max} in spec mode (got ${v})`);
    }
  }
}

/** The fixed layout of one scope: message numbering and where each acceptor's variables live. */
class SpecLayout {
  readonly A: number;
  readonly V: number;
  readonly B: number;
  readonly messages: number;
  readonly msgWords: number;
  readonly width: number;
  readonly base1b: number;
  readonly base2a: number;
  readonly base2b: number;
  /** Per ballot b, the offset of b's 1b messages inside one acceptor's 1b block. */
  readonly off1b: number[];
  readonly per1b: number;
  readonly fieldBits: number;
  readonly balBits: number;
  readonly valBits: number;
  readonly perWord: number;
  readonly quorums: number[]; // bitmasks of acceptors: every set of a bare majority, as MCPaxosTiny's Quorum
  readonly quorumSize: number;

  constructor(scope: SpecScope) {
    this.A = scope.acceptors;
    this.V = scope.values;
    this.B = scope.maxBallot + 1;
    const { A, V, B } = this;
    // 1b(a, b, mbal, mval): mbal is -1 (then mval = None) or a ballot below b with a value, because an
    // acceptor's maxVBal never exceeds its maxBal and Phase1b needs b > maxBal.
    this.off1b = [];
    let per = 0;
    for (let b = 0; b < B; b++) {
      this.off1b.push(per);
      per += 1 + b * V;
    }
    this.per1b = per;
    this.base1b = B;
    this.base2a = B + A * per;
    this.base2b = this.base2a + B * V;
    this.messages = this.base2b + A * B * V;
    this.msgWords = Math.ceil(this.messages / 32);
    this.balBits = bitsFor(B + 1); // maxBal + 1 and maxVBal + 1 in 0..B
    this.valBits = bitsFor(V + 1); // maxVal + 1 in 0..V (0 = None)
    this.fieldBits = 2 * this.balBits + this.valBits;
    this.perWord = Math.floor(32 / this.fieldBits);
    this.width = this.msgWords + Math.ceil(A / this.perWord);
    this.quorumSize = Math.floor(A / 2) + 1;
    this.quorums = subsetsBySize(A, (n) => n === this.quorumSize);
  }

  idx1a(b: number): number {
    return b;
  }
  idx1b(a: number, b: number, mbal: number, mval: number): number {
    return this.base1b + a * this.per1b + this.off1b[b]! + (mbal < 0 ? 0 : 1 + mbal * this.V + mval);
  }
  idx2a(b: number, v: number): number {
    return this.base2a + b * this.V + v;
  }
  idx2b(a: number, b: number, v: number): number {
    return this.base2b + (a * this.B + b) * this.V + v;
  }

  describe(index: number): string {
    const { A, V, B } = this;
    if (index < this.base1b) return `1a(${index})`;
    if (index < this.base2a) {
      const rel = index - this.base1b;
      const a = Math.floor(rel / this.per1b);
      let within = rel % this.per1b;
      let b = B - 1;
      while (this.off1b[b]! > within) b--;
      within -= this.off1b[b]!;
      if (within === 0) return `1b(a${a + 1}, ${b}, -1, None)`;
      const mbal = Math.floor((within - 1) / V);
      return `1b(a${a + 1}, ${b}, ${mbal}, v${((within - 1) % V) + 1})`;
    }
    if (index < this.base2b) {
      const rel = index - this.base2a;
      return `2a(${Math.floor(rel / V)}, v${(rel % V) + 1})`;
    }
    const rel = index - this.base2b;
    const v = rel % V;
    const ab = Math.floor(rel / V);
    void A;
    return `2b(a${Math.floor(ab / B) + 1}, ${ab % B}, v${v + 1})`;
  }
}

/** Builds Paxos.tla in the given scope as a machine for spec-search.ts. */
function paxosMachine(scope: SpecScope): SpecMachine<'agreement'> {
  validateSpecScope(scope);
  const L = new SpecLayout(scope);
  const { A, V, B, width, msgWords, balBits, valBits, fieldBits, perWord } = L;
  const balMask = (1 << balBits) - 1;
  const valMask = (1 << valBits) - 1;

  // Decoded acceptor variables of the state being expanded (maxBal/maxVBal: -1..B-1, maxVal: -1 = None).
  const maxBal = new Int32Array(A);
  const maxVBal = new Int32Array(A);
  const maxVal = new Int32Array(A);
  // Per (acceptor, ballot): the 1b that acceptor sent for that ballot, as mbal*V+mval, -1 (no vote), or -2 (none sent).
  const oneB = new Int32Array(A * B);

  const writeAcceptor = (row: Uint32Array, a: number, bal: number, vbal: number, val: number): void => {
    const word = msgWords + Math.floor(a / perWord);
    const shift = (a % perWord) * fieldBits;
    const packed = (bal + 1) | ((vbal + 1) << balBits) | ((val + 1) << (2 * balBits));
    const mask = ((1 << fieldBits) - 1) << shift;
    row[word] = ((row[word]! & ~mask) | (packed << shift)) >>> 0;
  };

  // Action codes, for the path of a counterexample: kind * 4096 + argument.
  const describe = (code: number): string => {
    const kind = code >> 12;
    const arg = code & 4095;
    if (kind === 1) return `Phase1a(${arg})`;
    if (kind === 2) return `Phase1b(a${(arg >> 6) + 1}) on 1a(${arg & 63})`;
    if (kind === 3) return `Phase2a(${arg >> 6}, v${(arg & 63) + 1})`;
    return `Phase2b(a${(arg >> 6) + 1}) on ${L.describe(L.idx2a((arg & 63) >> 3, arg & 7))}`;
  };

  const init = new Uint32Array(width);
  for (let a = 0; a < A; a++) writeAcceptor(init, a, -1, -1, -1);

  /** At most one value is chosen: v is chosen when some quorum sent 2b for v in one ballot. */
  const invariant = (row: Uint32Array): 'agreement' | undefined => {
    let chosen = -1;
    for (let b = 0; b < B; b++) {
      for (let v = 0; v < V; v++) {
        let votes = 0;
        for (let a = 0; a < A; a++) if (has(row, L.idx2b(a, b, v))) votes++;
        if (votes >= L.quorumSize) {
          if (chosen >= 0 && chosen !== v) return 'agreement';
          chosen = v;
        }
      }
    }
    return undefined;
  };

  const expand = (cur: Uint32Array, next: Uint32Array, emit: SpecEmit<'agreement'>): void => {
    for (let a = 0; a < A; a++) {
      const word = msgWords + Math.floor(a / perWord);
      const packed = cur[word]! >>> ((a % perWord) * fieldBits);
      maxBal[a] = (packed & balMask) - 1;
      maxVBal[a] = ((packed >>> balBits) & balMask) - 1;
      maxVal[a] = ((packed >>> (2 * balBits)) & valMask) - 1;
    }
    // Phase1a(b)
    for (let b = 0; b < B; b++) {
      next.set(cur);
      set(next, L.idx1a(b));
      if (emit((1 << 12) | b)) return;
    }
    // Phase1b(a): one successor per 1a message the acceptor may answer.
    for (let a = 0; a < A; a++) {
      for (let b = maxBal[a]! + 1; b < B; b++) {
        if (!has(cur, L.idx1a(b))) continue;
        next.set(cur);
        writeAcceptor(next, a, b, maxVBal[a]!, maxVal[a]!);
        set(next, L.idx1b(a, b, maxVBal[a]!, maxVal[a]!));
        if (emit((2 << 12) | (a << 6) | b)) return;
      }
    }
    // Phase2a(b, v)
    oneB.fill(-2);
    for (let a = 0; a < A; a++) {
      for (let b = 0; b < B; b++) {
        if (has(cur, L.idx1b(a, b, -1, 0))) {
          oneB[a * B + b] = -1;
          continue;
        }
        for (let mb = 0; mb < b; mb++) {
          for (let v = 0; v < V; v++) {
            if (has(cur, L.idx1b(a, b, mb, v))) oneB[a * B + b] = mb * V + v;
          }
        }
      }
    }
    for (let b = 0; b < B; b++) {
      let sent2a = false;
      for (let v = 0; v < V && !sent2a; v++) sent2a = has(cur, L.idx2a(b, v));
      if (sent2a) continue;
      // TLC enumerates \E Q \in Quorum and then the disjunction "Q1bv = {} \/ \E m \in Q1bv: m.mval = v /\
      // m is a highest vote": one successor per (Q, witness) pair, so many successors may be one state. The
      // same count here, so that `transitions` + 1 is TLC's "states generated" (23,563 for MCPaxosTiny).
      for (let v = 0; v < V; v++) {
        for (const q of L.quorums) {
          let complete = true;
          let best = -1; // highest mbal*V+mval among the quorum's votes
          for (let a = 0; a < A && complete; a++) {
            if (!(q & (1 << a))) continue;
            const r = oneB[a * B + b]!;
            if (r === -2) complete = false;
            else if (r > best) best = r;
          }
          if (!complete) continue;
          let witnesses = best < 0 ? 1 : 0; // Q1bv = {}: v is free
          if (best >= 0 && best % V === v) for (let a = 0; a < A; a++) if (q & (1 << a) && oneB[a * B + b] === best) witnesses++;
          for (let w = 0; w < witnesses; w++) {
            next.set(cur);
            set(next, L.idx2a(b, v));
            if (emit((3 << 12) | (b << 6) | v)) return;
          }
        }
      }
    }
    // Phase2b(a): one successor per 2a message with a ballot ≥ maxBal[a].
    for (let a = 0; a < A; a++) {
      for (let b = Math.max(0, maxBal[a]!); b < B; b++) {
        for (let v = 0; v < V; v++) {
          if (!has(cur, L.idx2a(b, v))) continue;
          next.set(cur);
          writeAcceptor(next, a, b, b, v);
          set(next, L.idx2b(a, b, v));
          if (emit((4 << 12) | (a << 6) | (b << 3) | v)) return;
        }
      }
    }
  };

  return { width, initial: [init], expand, invariant, describe };
}

/** Explores every reachable state of Paxos.tla in the given scope, breadth first. */
export function checkSpec(scope: SpecScope, limits: SearchLimits = {}): SpecResult {
  return searchSpec(paxosMachine(scope), limits);
}
