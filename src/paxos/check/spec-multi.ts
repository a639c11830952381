// Specification mode for Multi-Paxos: the MultiPaxos-SMR TLA+ module of tlaplus/Examples
// (specifications/MultiPaxos-SMR/MultiPaxos.tla, a PlusCal algorithm, with MultiPaxos_MC.tla's invariants),
// rule for rule after the PlusCal translation, so that its counts can be held against TLC's.
//
//   VARIABLES msgs (every message ever sent), node (per replica: leader, kvalue, commitUpTo, balPrepared,
//             balMaxKnown, insts[slot] = [status, cmd, voted = [bal, cmd]]), pending (the client requests
//             not yet committed, InitPending = the writes then the reads), observed (the client's Req and
//             Ack events, each at most once), pc (per replica, "rloop" until `terminated`, then "Done")
//   Each step of a replica r, while ~terminated, is one of
//     BecomeLeader        r is not leader; some b > balMaxKnown with no Prepare at b yet: lead at b, slots
//                         Accepting -> Preparing, send Prepare(r, b) and r's own PrepareReply(r, b, votes)
//     HandlePrepare       a Prepare(src, b) with b > balMaxKnown: follow src at b, send PrepareReply(r, b, votes)
//     HandlePrepareReplies  r leads, unprepared, and a majority of PrepareReplies at balMaxKnown: prepared;
//                         every slot takes the highest-ballot vote reported (PeakVotedCmd) and the slots
//                         then Accepting are sent as Accept(r, b, s, cmd)
//     TakeNewRequest      r leads, prepared: the first empty slot takes the first pending command no slot
//                         holds; send Accept and r's own AcceptReply; observe Req(cmd)
//     HandleAccept        an Accept(src, b, s, cmd) with b >= balMaxKnown, b > the slot's voted ballot:
//                         vote for it, follow src at b, send AcceptReply(r, b, s)
//     HandleAcceptReplies r leads, prepared, the next slot Accepting and a majority of AcceptReplies at
//                         balPrepared: commit it, apply it, observe Ack(cmd, old value), drop it from
//                         pending, send CommitNotice(s)
//     HandleCommitNotice  r follows, the next slot Accepting and a CommitNotice for it: commit and apply it
//   and once `terminated` (nothing pending, every command requested and acknowledged) it goes to "Done";
//   when all are done, Terminating stutters.
//
// TLC checks TypeOK and Linearizability (after termination, some order of the commands explains every
// acknowledged result and respects real time), and deadlock (CHECK_DEADLOCK TRUE).
//
// The published model, MultiPaxos_MC_small.cfg: Replicas {s1, s2, s3}, Writes {w1}, Reads {r1},
// MaxBallot 2, SYMMETRY SymmetricPerms == Permutations(Replicas) (the permutations of the one-member
// Writes and Reads are left out by ConditionalPerm); TLC (tlaplus/Examples manifest.json): 343,796
// distinct states, 736,012 generated, depth 28. Permutations(Replicas) is a group, so TLC's count is the
// number of orbits of replica permutations reached, which `symmetry: true` computes (spec-search.ts).
// TLC's "generated" (the initial state plus every successor it computes) is matched too: 736,011
// successors + 1. TLC builds successors by walking the action's formula (tlc2.tool.impl.Tool.getNextStates),
// and a bounded \E found there is enumerated witness by witness, the rest of the action evaluated once per
// witness and every completed evaluation counted (Worker.addElement), whether or not the quantifier's body
// mentions a primed variable. TakeNewRequest's guard `\E s \in Slots: node[self].insts[s].status = "Empty"`
// is such an existential: a leader with both slots Empty produces the same successor twice. MC_small
// reaches that 94 times (of 4,820 TakeNewRequest steps), which is exactly the 94 a one-successor-per-step
// count misses; so TakeNewRequest emits its successor once per Empty slot. The other existentials are
// either already one successor per witness (BecomeLeader's ballot, the message read by HandlePrepare,
// HandleAccept, HandleCommitNotice) or sit under a negation (BecomeLeader's "no Prepare at b"), which TLC
// evaluates as a plain boolean. Distinct states and depth do not change.
//
// Row: the message bitset, then one word per replica, then one word for pending and observed.
import { has, permuteMessages, popcount, permutations, searchSpec, set, type SpecEmit, type SpecMachine, type SpecSearchResult } from './spec-search.ts';
import type { SearchLimits } from './limits.ts';

export interface MultiSpecScope {
  readonly replicas: number;
  readonly writes: number;
  readonly reads: number;
  /** Ballots are 1..maxBallot (the module assumes at least 2). */
  readonly maxBallot: number;
  /** Identify states that differ by a permutation of replicas, as MultiPaxos_MC_small.cfg's SYMMETRY. */
  readonly symmetry?: boolean;
  /** MajorityNum, for breaking the rule on purpose (default ⌊replicas/2⌋ + 1, the module's). */
  readonly majority?: number;
}

/** MultiPaxos_MC_small.cfg, the model whose count TLC published. */
export const MULTI_PAXOS_MC_SMALL: MultiSpecScope = { replicas: 3, writes: 1, reads: 1, maxBallot: 2, symmetry: true };

/** Commands (writes + reads) are at most 2: a PrepareReply carries a vote per slot, and the message
 * bitset grows as (ballots × commands)^commands. */
export const MULTI_SPEC_LIMITS = { replicas: 4, writes: 2, reads: 2, commands: 2, maxBallot: 3 } as const;

export type MultiProperty = 'TypeOK' | 'Linearizability' | 'Deadlock' | 'PeakVotedCmd';
export type MultiSpecResult = SpecSearchResult<MultiProperty> & { readonly symmetry: boolean };

/** Throws a RangeError naming the field when the scope is outside what this mode supports. */
export function validateMultiScope(scope: MultiSpecScope): void {
  const fields: [keyof MultiSpecScope, unknown, number, number][] = [
    ['replicas', scope.replicas, 1, MULTI_SPEC_LIMITS.replicas],
    ['writes', scope.writes, 1, MULTI_SPEC_LIMITS.writes],
    ['reads', scope.reads, 0, MULTI_SPEC_LIMITS.reads],
    ['maxBallot', scope.maxBallot, 2, MULTI_SPEC_LIMITS.maxBallot],
  ];
  if (scope.majority !== undefined) fields.push(['majority', scope.majority, 1, Number(scope.replicas)]);
  for (const [field, v, min, max] of fields) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      throw new RangeError(`${field}: must be an integer from ${min} to ${max} in spec-multi mode (got ${String(v)})`);
    }
  }
  if (scope.writes + scope.reads > MULTI_SPEC_LIMITS.commands) {
    throw new RangeError(`reads: writes + reads must be at most ${MULTI_SPEC_LIMITS.commands} in spec-multi mode (got ${scope.writes} + ${scope.reads})`);
  }
  if (scope.symmetry !== undefined && typeof scope.symmetry !== 'boolean') {
    throw new RangeError(`symmetry: must be true or false (got ${String(scope.symmetry)})`);
  }
}

// A replica's word: leader (0 = none, else replica + 1) | kvalue (0 = nil, else write) | commitUpTo |
// balPrepared | balMaxKnown | pc (1 = Done) | per slot: status, cmd (0 = nil), voted.bal, voted.cmd.
const LEADER = 0;
const KVALUE = 3;
const COMMIT = 5;
const BAL_PREPARED = 7;
const BAL_MAX = 9;
const DONE = 11;
const SLOT0 = 12;
const [STATUS, CMD, VBAL, VCMD] = [0, 2, 4, 6];
const slotAt = (s: number, f: number): number => SLOT0 + 8 * (s - 1) + f;
const get = (w: number, at: number, bits: number): number => (w >>> at) & ((1 << bits) - 1);
const put = (w: number, at: number, bits: number, v: number): number => ((w & ~(((1 << bits) - 1) << at)) | (v << at)) >>> 0;
const [EMPTY, PREPARING, ACCEPTING, COMMITTED] = [0, 1, 2, 3];

// The global word: pending (bit c-1: command c still pending) | Len(observed) << 2 | events, 4 bits each
// from bit 5 (Req(c) = c; Ack(c, v) = C + 1 + (c-1)(W+1) + v).
const OBS_LEN = 2;
const OBS0 = 5;

// Action codes: kind << 16 | replica << 12 | arguments.
const [BECOME_LEADER, HANDLE_PREPARE, HANDLE_PREPARE_REPLIES, TAKE_NEW_REQUEST, HANDLE_ACCEPT, HANDLE_ACCEPT_REPLIES, HANDLE_COMMIT_NOTICE, TO_DONE, TERMINATING] = [1, 2, 3, 4, 5, 6, 7, 8, 9];

/** Builds the module as a machine for spec-search.ts. */
export function multiPaxosMachine(scope: MultiSpecScope): SpecMachine<MultiProperty> {
  validateMultiScope(scope);
  const R = scope.replicas;
  const W = scope.writes;
  const C = W + scope.reads; // commands 1..C: writes 1..W, then reads; 0 is "nil"
  const MB = scope.maxBallot;
  const majority = scope.majority ?? Math.floor(R / 2) + 1;
  const K = (MB + 1) * (C + 1); // one slot's vote [bal, cmd]
  const VOTES = K ** C;

  const idxPrepare = (src: number, b: number): number => src * MB + b - 1;
  const basePR = R * MB;
  const idxPrepareReply = (src: number, b: number, votes: number): number => basePR + (src * MB + b - 1) * VOTES + votes;
  const baseAccept = basePR + R * MB * VOTES;
  const idxAccept = (src: number, b: number, s: number, cmd: number): number => baseAccept + ((src * MB + b - 1) * C + s - 1) * (C + 1) + cmd;
  const baseAR = baseAccept + R * MB * C * (C + 1);
  const idxAcceptReply = (src: number, b: number, s: number): number => baseAR + (src * MB + b - 1) * C + s - 1;
  const baseCN = baseAR + R * MB * C;
  const idxCommitNotice = (s: number): number => baseCN + s - 1;
  const messages = baseCN + C;
  const msgWords = Math.ceil(messages / 32);
  const width = msgWords + R + 1;
  const G = msgWords + R;

  const votesOf = (w: number): number => {
    let v = 0;
    for (let s = C; s >= 1; s--) v = v * K + get(w, slotAt(s, VBAL), 2) * (C + 1) + get(w, slotAt(s, VCMD), 2);
    return v;
  };
  const isWrite = (c: number): boolean => c >= 1 && c <= W;
  const reqCode = (c: number): number => c;
  const ackCode = (c: number, v: number): number => C + 1 + (c - 1) * (W + 1) + v;
  const cmdName = (c: number): string => (c === 0 ? 'nil' : isWrite(c) ? `w${c}` : `r${c - W}`);

  const init = new Uint32Array(width);
  init[G] = (1 << C) - 1; // InitPending: every command, writes first

  const observedLen = (g: number): number => get(g, OBS_LEN, 3);
  const observedAt = (g: number, k: number): number => get(g, OBS0 + 4 * k, 4);
  /** Observe(e): append e unless already there. Returns the new word, or -1 past TypeOK's 2 * NumCommands. */
  const observe = (g: number, e: number): number => {
    const n = observedLen(g);
    for (let k = 0; k < n; k++) if (observedAt(g, k) === e) return g;
    if (n >= 2 * C) return -1;
    return put(put(g, OBS0 + 4 * n, 4, e), OBS_LEN, 3, n + 1);
  };
  /** Which commands were requested and acknowledged (bitmasks), and where first (for Linearizability). */
  const reqPos = new Int32Array(C + 1);
  const ackPos = new Int32Array(C + 1);
  const ackVal = new Int32Array(C + 1);
  const scanObserved = (g: number): { reqs: number; acks: number } => {
    reqPos.fill(-1);
    ackPos.fill(-1);
    let reqs = 0;
    let acks = 0;
    for (let k = 0, n = observedLen(g); k < n; k++) {
      const e = observedAt(g, k);
      if (e <= C) {
        if (reqPos[e]! < 0) reqPos[e] = k;
        reqs |= 1 << (e - 1);
      } else {
        const c = Math.floor((e - C - 1) / (W + 1)) + 1;
        if (ackPos[c]! < 0) ((ackPos[c] = k), (ackVal[c] = (e - C - 1) % (W + 1)));
        acks |= 1 << (c - 1);
      }
    }
    return { reqs, acks };
  };
  const all = (1 << C) - 1;
  const terminated = (g: number): boolean => {
    if ((g & all) !== 0) return false;
    const { reqs, acks } = scanObserved(g);
    return reqs === all && acks === all;
  };
  /** Slots Accepting -> Preparing, as BecomeLeader and HandlePrepare do. */
  const unaccept = (w: number): number => {
    for (let s = 1; s <= C; s++) if (get(w, slotAt(s, STATUS), 2) === ACCEPTING) w = put(w, slotAt(s, STATUS), 2, PREPARING);
    return w;
  };
  const apply = (w: number, c: number): number => (isWrite(c) ? put(w, KVALUE, 2, c) : w);

  const peakCmd = new Int32Array(C + 1);
  const peakBal = new Int32Array(C + 1);

  const expand = (cur: Uint32Array, next: Uint32Array, emit: SpecEmit<MultiProperty>): void => {
    const g = cur[G]!;
    const done = terminated(g);
    let allDone = true;
    for (let r = 0; r < R; r++) {
      const w = cur[msgWords + r]!;
      if (get(w, DONE, 1)) continue;
      allDone = false;
      const act = (kind: number, args = 0): number => (kind << 16) | (r << 12) | args;
      const withNode = (nw: number): void => {
        next.set(cur);
        next[msgWords + r] = nw;
      };
      if (done) {
        withNode(put(w, DONE, 1, 1));
        if (emit(act(TO_DONE))) return;
        continue;
      }
      const leader = get(w, LEADER, 3);
      const balP = get(w, BAL_PREPARED, 2);
      const balM = get(w, BAL_MAX, 2);
      const commitUpTo = get(w, COMMIT, 2);

      // BecomeLeader
      if (leader !== r + 1) {
        for (let b = balM + 1; b <= MB; b++) {
          let taken = false;
          for (let src = 0; src < R && !taken; src++) taken = has(cur, idxPrepare(src, b));
          if (taken) continue;
          const nw = put(put(put(unaccept(w), LEADER, 3, r + 1), BAL_PREPARED, 2, 0), BAL_MAX, 2, b);
          withNode(nw);
          set(next, idxPrepare(r, b));
          set(next, idxPrepareReply(r, b, votesOf(nw)));
          if (emit(act(BECOME_LEADER, b))) return;
        }
      }
      // HandlePrepare
      for (let src = 0; src < R; src++) {
        for (let b = balM + 1; b <= MB; b++) {
          if (!has(cur, idxPrepare(src, b))) continue;
          const nw = put(put(unaccept(w), LEADER, 3, src + 1), BAL_MAX, 2, b);
          withNode(nw);
          set(next, idxPrepareReply(r, b, votesOf(nw)));
          if (emit(act(HANDLE_PREPARE, (src << 4) | b))) return;
        }
      }
      // HandlePrepareReplies
      if (leader === r + 1 && balP === 0 && balM >= 1) {
        let count = 0;
        peakBal.fill(0);
        peakCmd.fill(0);
        let undefinedPeak = false;
        for (let src = 0; src < R; src++) {
          for (let v = 0; v < VOTES; v++) {
            if (!has(cur, idxPrepareReply(src, balM, v))) continue;
            count++;
            for (let s = 1, x = v; s <= C; s++, x = Math.floor(x / K)) {
              const vb = Math.floor((x % K) / (C + 1));
              const vc = x % (C + 1);
              // PeakVotedCmd: the command of a highest-ballot vote (CHOOSE over Ballots \X Commands: the
              // first command in order when two tie, which a safe run never shows).
              if (vb > peakBal[s]! || (vb === peakBal[s] && vb > 0 && (peakCmd[s] === 0 || (vc > 0 && vc < peakCmd[s]!)))) {
                peakBal[s] = vb;
                peakCmd[s] = vc;
              }
            }
          }
        }
        for (let s = 1; s <= C; s++) if (peakBal[s]! > 0 && peakCmd[s] === 0) undefinedPeak = true;
        if (count >= majority) {
          let nw = put(w, BAL_PREPARED, 2, balM);
          for (let s = 1; s <= C; s++) {
            const st = get(w, slotAt(s, STATUS), 2);
            const peak = peakBal[s] === 0 ? 0 : peakCmd[s]!;
            if (st === PREPARING || (st === EMPTY && peak !== 0)) nw = put(nw, slotAt(s, STATUS), 2, ACCEPTING);
            nw = put(nw, slotAt(s, CMD), 2, peak);
          }
          withNode(nw);
          for (let s = 1; s <= C; s++) {
            if (get(nw, slotAt(s, STATUS), 2) === ACCEPTING) set(next, idxAccept(r, balM, s, get(nw, slotAt(s, CMD), 2)));
          }
          // A highest vote without a command leaves PeakVotedCmd's CHOOSE empty: TLC stops with an error.
          if (emit(act(HANDLE_PREPARE_REPLIES, balM), undefinedPeak ? 'PeakVotedCmd' : undefined)) return;
        }
      }
      // TakeNewRequest
      if (leader === r + 1 && balP === balM) {
        let empty = 0;
        let empties = 0;
        let held = 0;
        for (let s = C; s >= 1; s--) {
          if (get(w, slotAt(s, STATUS), 2) === EMPTY) ((empty = s), empties++);
          const c = get(w, slotAt(s, CMD), 2);
          if (c > 0) held |= 1 << (c - 1);
        }
        const unseen = g & all & ~held;
        if (empty > 0 && unseen !== 0) {
          const c = 31 - Math.clz32(unseen & -unseen) + 1; // Head(UnseenPending): pending keeps InitPending's order
          let nw = put(w, slotAt(empty, STATUS), 2, ACCEPTING);
          nw = put(put(put(nw, slotAt(empty, CMD), 2, c), slotAt(empty, VBAL), 2, balP), slotAt(empty, VCMD), 2, c);
          const ng = observe(g, reqCode(c));
          const broken = ng < 0 || balP < 1 ? 'TypeOK' : undefined;
          // The guard `\E s \in Slots: insts[s].status = "Empty"` sits in the action's conjunct list, so TLC
          // enumerates it like any existential: the rest of the action runs once per Empty slot, and each
          // run is one more generated state, all of them this same successor (see the header).
          for (let witness = 0; witness < empties; witness++) {
            withNode(nw);
            if (balP >= 1) {
              set(next, idxAccept(r, balP, empty, c));
              set(next, idxAcceptReply(r, balP, empty));
            }
            if (ng >= 0) next[G] = ng;
            if (emit(act(TAKE_NEW_REQUEST, (empty << 4) | c), broken)) return;
          }
        }
      }
      // HandleAccept
      for (let src = 0; src < R; src++) {
        for (let b = Math.max(balM, 1); b <= MB; b++) {
          for (let s = 1; s <= C; s++) {
            if (b <= get(w, slotAt(s, VBAL), 2)) continue;
            for (let c = 0; c <= C; c++) {
              if (!has(cur, idxAccept(src, b, s, c))) continue;
              let nw = put(put(w, LEADER, 3, src + 1), BAL_MAX, 2, b);
              nw = put(put(nw, slotAt(s, STATUS), 2, ACCEPTING), slotAt(s, CMD), 2, c);
              nw = put(put(nw, slotAt(s, VBAL), 2, b), slotAt(s, VCMD), 2, c);
              withNode(nw);
              set(next, idxAcceptReply(r, b, s));
              if (emit(act(HANDLE_ACCEPT, (src << 10) | (b << 6) | (s << 3) | c))) return;
            }
          }
        }
      }
      const nextSlot = commitUpTo + 1;
      const nextAccepting = commitUpTo < C && get(w, slotAt(nextSlot, STATUS), 2) === ACCEPTING;
      // HandleAcceptReplies
      if (leader === r + 1 && balP === balM && nextAccepting && balP >= 1) {
        let count = 0;
        for (let src = 0; src < R; src++) if (has(cur, idxAcceptReply(src, balP, nextSlot))) count++;
        if (count >= majority) {
          const c = get(w, slotAt(nextSlot, CMD), 2);
          const v = get(w, KVALUE, 2);
          withNode(apply(put(put(w, slotAt(nextSlot, STATUS), 2, COMMITTED), COMMIT, 2, nextSlot), c));
          // Ack(c, v) with c nil is no client event, and one more event is past 2 * NumCommands: TypeOK.
          const ng = c === 0 ? -1 : observe(g, ackCode(c, v));
          if (ng >= 0) next[G] = (ng & ~all) | (g & all & ~(c > 0 ? 1 << (c - 1) : 0)); // RemovePending(c)
          set(next, idxCommitNotice(nextSlot));
          if (emit(act(HANDLE_ACCEPT_REPLIES, nextSlot), ng < 0 ? 'TypeOK' : undefined)) return;
        }
      }
      // HandleCommitNotice
      if (leader !== r + 1 && nextAccepting && has(cur, idxCommitNotice(nextSlot))) {
        const c = get(w, slotAt(nextSlot, CMD), 2);
        withNode(apply(put(put(w, slotAt(nextSlot, STATUS), 2, COMMITTED), COMMIT, 2, nextSlot), c));
        if (emit(act(HANDLE_COMMIT_NOTICE, nextSlot))) return;
      }
    }
    // Terminating: every replica done, the state stutters (so termination is no deadlock).
    if (allDone) {
      next.set(cur);
      emit(TERMINATING << 16);
    }
  };

  const commands = [...Array(C).keys()].map((i) => i + 1);
  const orders = permutations(C).map((p) => p.map((i) => commands[i]!));
  const invariant = (row: Uint32Array): MultiProperty | undefined => {
    // TypeOK, the parts not kept by construction: every Accept carries a command, reqsMade ⊇ acksRecv in size.
    for (let src = 0; src < R; src++) {
      for (let b = 1; b <= MB; b++) for (let s = 1; s <= C; s++) if (has(row, idxAccept(src, b, s, 0))) return 'TypeOK';
    }
    const g = row[G]!;
    const { reqs, acks } = scanObserved(g);
    if (popcount(reqs) < popcount(acks)) return 'TypeOK';
    if (!((g & all) === 0 && reqs === all && acks === all)) return undefined;
    // Linearizability: some order of the commands in which each acknowledged result is the last write
    // before it ("nil" if none) and a command acknowledged before another was requested comes first.
    const linear = orders.some((order) => {
      let last = 0;
      for (const c of order) {
        if (ackVal[c] !== last) return false;
        if (isWrite(c)) last = c;
      }
      const at = (c: number): number => order.indexOf(c);
      return commands.every((c1) => commands.every((c2) => !(ackPos[c1]! < reqPos[c2]!) || at(c1) < at(c2)));
    });
    return linear ? undefined : 'Linearizability';
  };

  // Symmetry: a permutation of replicas moves every message's src, each replica's word, and its leader.
  const image = (rho: number[]): ((row: Uint32Array, out: Uint32Array) => void) => {
    const map = new Int32Array(msgWords * 32);
    for (let src = 0; src < R; src++) {
      for (let b = 1; b <= MB; b++) {
        map[idxPrepare(src, b)] = idxPrepare(rho[src]!, b);
        for (let v = 0; v < VOTES; v++) map[idxPrepareReply(src, b, v)] = idxPrepareReply(rho[src]!, b, v);
        for (let s = 1; s <= C; s++) {
          for (let c = 0; c <= C; c++) map[idxAccept(src, b, s, c)] = idxAccept(rho[src]!, b, s, c);
          map[idxAcceptReply(src, b, s)] = idxAcceptReply(rho[src]!, b, s);
        }
      }
    }
    for (let s = 1; s <= C; s++) map[idxCommitNotice(s)] = idxCommitNotice(s);
    return (row, out) => {
      permuteMessages(row, out, msgWords, map);
      for (let r = 0; r < R; r++) {
        const w = row[msgWords + r]!;
        const l = get(w, LEADER, 3);
        out[msgWords + rho[r]!] = put(w, LEADER, 3, l === 0 ? 0 : rho[l - 1]! + 1);
      }
      out[G] = row[G]!;
    };
  };
  const symmetry = scope.symmetry ? permutations(R).slice(1).map(image) : [];

  const describe = (code: number): string => {
    const kind = code >> 16;
    const r = `s${((code >> 12) & 15) + 1}`;
    const a = code & 4095;
    switch (kind) {
      case BECOME_LEADER: return `${r} BecomeLeader at ballot ${a}`;
      case HANDLE_PREPARE: return `${r} HandlePrepare: Prepare(s${(a >> 4) + 1}, ${a & 15})`;
      case HANDLE_PREPARE_REPLIES: return `${r} HandlePrepareReplies: prepared at ballot ${a}`;
      case TAKE_NEW_REQUEST: return `${r} TakeNewRequest: ${cmdName(a & 15)} into slot ${a >> 4}`;
      case HANDLE_ACCEPT: return `${r} HandleAccept: Accept(s${(a >> 10) + 1}, ${(a >> 6) & 15}, slot ${(a >> 3) & 7}, ${cmdName(a & 7)})`;
      case HANDLE_ACCEPT_REPLIES: return `${r} HandleAcceptReplies: commits slot ${a}`;
      case HANDLE_COMMIT_NOTICE: return `${r} HandleCommitNotice: commits slot ${a}`;
      case TO_DONE: return `${r} terminated: pc := "Done"`;
      default: return 'Terminating';
    }
  };

  return { width, initial: [init], expand, invariant, describe, deadlock: 'Deadlock', ...(symmetry.length > 0 ? { symmetry } : {}) };
}

/** Explores every reachable state of MultiPaxos.tla (with MultiPaxos_MC's invariants) breadth first. */
export function checkMultiSpec(scope: MultiSpecScope, limits: SearchLimits = {}): MultiSpecResult {
  return { ...searchSpec(multiPaxosMachine(scope), limits), symmetry: scope.symmetry ?? false };
}
