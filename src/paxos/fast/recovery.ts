// The coordinator's value-selection rule for a classic round that follows a fast round, from Lamport's
// "Fast Paxos" (2006), §3.1, Figure 2 (the phase-2a rule; §3.2 uses it for collision recovery): shared by the
// coordinator (fast/) and the trace checker (check/), so both apply the one rule. In a fast round several
// values can be accepted at one ballot, and a value may already have been chosen by a fast quorum that the
// coordinator can only partly see.
import { compareBallots, type Ballot } from '../core/ballot.ts';
import type { NodeId, Value } from '../core/ids.ts';
import { compareIds } from '../core/sorted.ts';

export interface PhaseOneReport {
  readonly acceptor: NodeId;
  /** Highest ballot the acceptor accepted in (vrnd), or undefined if it accepted nothing. */
  readonly ballot?: Ballot;
  readonly value?: Value;
}

export type RecoveryPick =
  | { readonly kind: 'forced'; readonly value: Value } // this value may have been chosen: it must be proposed
  | { readonly kind: 'free' } // nothing can have been chosen: the coordinator may propose any proposed value
  // The values reported at fast ballot k, none of which can have been chosen at k: propose one of them. With
  // a single value this is still a must (Lamport: "if V = {v}, pick v"), since k's coordinator may have
  // sent exactly v because a lower ballot may have chosen it.
  | { readonly kind: 'any-of'; readonly values: readonly Value[] };

/**
 * reports: phase-1b replies from a classic quorum Q (|Q| ≥ q_c). n acceptors, fast quorum size q_f.
 * Let k be the highest ballot reported. If nobody accepted anything, the pick is free. If k is classic,
 * exactly one value was proposed at k: it is forced. If k is fast, value v "may have been chosen" when some
 * fast quorum R could consist of acceptors outside Q plus the members of Q that reported (k, v), i.e. when
 * |{a ∈ Q : reported (k, v)}| ≥ q_f − (n − |Q|). q_c + 2·q_f > 2n makes that v unique.
 */
export function pickRecoveryValue(allReports: readonly PhaseOneReport[], n: number, fastQuorum: number, mutant?: string): RecoveryPick {
  // One report per acceptor: a repeated (duplicated) promise must not count twice towards "may have been
  // chosen", nor shrink the number of acceptors the coordinator has not heard from.
  // Sorted by acceptor, so the pick depends only on who reported what, never on arrival order: the
  // coordinator and the trace checker then agree whatever order each saw the reports in.
  const reports = allReports.filter((r, i) => allReports.findIndex((o) => o.acceptor === r.acceptor) === i).sort((a, b) => compareIds(a.acceptor, b.acceptor));
  let k: Ballot | undefined;
  for (const r of reports) if (r.ballot && (!k || compareBallots(r.ballot, k) > 0)) k = r.ballot;
  if (!k) return { kind: 'free' };
  const atK = reports.filter((r) => r.ballot && compareBallots(r.ballot, k) === 0);
  const values = [...new Set(atK.map((r) => r.value as Value))];
  if (!k.fast) return { kind: 'forced', value: values[0] as Value };
  const unseen = n - reports.length;
  const needed = fastQuorum - unseen;
  const count = (v: Value): number => atK.filter((r) => r.value === v).length;
  const possible = values.filter((v) => count(v) >= needed);
  // With valid quorums at most one value is possible. Only broken sizes (mutant small-fast-quorum) leave
  // several: take the one most reported (then the lowest acceptor id's), the coordinator's best guess.
  let best: Value | undefined;
  for (const v of possible) if (best === undefined || count(v) > count(best)) best = v;
  if (best !== undefined) return { kind: 'forced', value: best };
  // The mutant fast-recovery-any-reported reads the rule as the notes once stated it ("otherwise pick any
  // reported value"): every value any promise reported, at any round, in acceptor order. A value chosen in a
  // round below k can then be replaced by one that lost it (Lamport's Figure 2: a single value reported at k is forced).
  if (mutant === 'fast-recovery-any-reported') return { kind: 'any-of', values: [...new Set(reports.filter((r) => r.ballot).map((r) => r.value as Value))] };
  return { kind: 'any-of', values };
}

/** Largest promise set a trace reader enumerates exactly (2^16 subsets at most); beyond it, the whole set. */
const MAX_SUBSET_SEARCH = 16;

/**
 * For a trace reader (check/properties.ts, through TraceRules): may a coordinator that received `reports`
 * after a fast round send `value`? It may have used any classic quorum among them, so the answer is yes when
 * the rule picks `value` for some such quorum. `freePick` says whether a free pick may be `value` (it was
 * proposed). Lives here, beside the rule, so a page downloads it only with Fast Paxos.
 */
export function recoveryPermits(reports: readonly PhaseOneReport[], value: Value, n: number, classicQuorum: number, fastQuorum: number, freePick: (v: Value) => boolean): boolean {
  const permits = (q: readonly PhaseOneReport[]): boolean => {
    const pick = pickRecoveryValue(q, n, fastQuorum);
    if (pick.kind === 'forced') return pick.value === value;
    if (pick.kind === 'any-of') return pick.values.includes(value);
    return freePick(value);
  };
  if (reports.length > MAX_SUBSET_SEARCH) return permits(reports);
  const k = reports.length;
  for (let mask = 1; mask < 1 << k; mask++) {
    let size = 0;
    for (let i = 0; i < k; i++) if (mask & (1 << i)) size++;
    if (size < classicQuorum) continue;
    if (permits(reports.filter((_, i) => mask & (1 << i)))) return true;
  }
  return false;
}
