// The rule-changing variants the notes use. Each is a setting of the engine (ProtocolConfig.mutant), not a
// copy of it: the role that owns the rule checks `config.mutant` at the one place the rule is applied.
//
// Most of them break agreement; a few change a rule and keep it (`safety: 'kept'`). Those are mutants in the
// mutation-testing sense too — a change the checker must judge — and live in the same list, under the same
// setting, because the question the notes ask of each is the same ("is this rule needed?") and the checker
// answers both ways: a counterexample, or "safe" over the whole scope. The field says which answer the
// notes state; tests/check and tests/notes fail when the checker disagrees. What each one changes, in words,
// is in mutant-summaries.ts: the simulator in the reader's browser needs the names, not the sentences.
import type { ProtocolName } from './trace.ts';

interface MutantRow {
  readonly name: string;
  readonly protocol: ProtocolName;
  /** What the checker finds in the mutant's standard scope: a run choosing two values, or none at all. */
  readonly safety: 'broken' | 'kept';
  /**
   * The protocol's stale hint (Protocol.stale) still describes the mutant: it changes only how many replies
   * make a quorum, never what a message does to the node that receives it, which is all the hint speaks of.
   * The checker then keeps the hint (certified after the search, on a violation too); for every other
   * mutant it searches without one.
   */
  readonly staleHint?: 'holds';
}

export const MUTANTS = [
  { name: 'no-first-promise', protocol: 'basic', safety: 'broken' },
  { name: 'answer-lower-prepare', protocol: 'basic', safety: 'kept' },
  { name: 'no-second-promise', protocol: 'basic', safety: 'broken' },
  { name: 'no-reply', protocol: 'basic', safety: 'broken' },
  { name: 'ignore-reply', protocol: 'basic', safety: 'broken' },
  { name: 'minority-quorum', protocol: 'basic', safety: 'broken', staleHint: 'holds' },
  { name: 'non-intersecting-quorums', protocol: 'basic', safety: 'broken', staleHint: 'holds' },
  { name: 'reused-ballot', protocol: 'basic', safety: 'broken' },
  { name: 'small-fast-quorum', protocol: 'fast', safety: 'broken' },
  { name: 'fast-recovery-any-reported', protocol: 'fast', safety: 'broken' },
  { name: 'uncoordinated-small-fast-quorum', protocol: 'fast', safety: 'broken' },
  { name: 'forget-promise-on-learn', protocol: 'multi', safety: 'broken' },
  { name: 'reconfigure-immediately', protocol: 'multi', safety: 'broken' },
] as const satisfies readonly MutantRow[];

export type MutantInfo = (typeof MUTANTS)[number];
export type MutantName = MutantInfo['name'];

/** Every mutant's name, in the table's order. */
export const MUTANT_NAMES: readonly MutantName[] = MUTANTS.map((m) => m.name);

export function isMutantName(name: string): name is MutantName {
  return (MUTANT_NAMES as readonly string[]).includes(name);
}
