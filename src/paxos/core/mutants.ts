// The rule-changing variants the notes use. Each is a setting of the engine (ProtocolConfig.mutant), not a
// copy of it: the role that owns the rule checks `config.mutant` at the one place the rule is applied.
//
// Most of them break agreement; a few change a rule and keep it (`safety: 'kept'`). Those are mutants in the
// mutation-testing sense too — a change the checker must judge — and live in the same list, under the same
// setting, because the question the notes ask of each is the same ("is this rule needed?") and the checker
// answers both ways: a counterexample, or "safe" over the whole scope. The field says which answer the
// notes state; tests/check and tests/notes fail when the checker disagrees.
import type { ProtocolName } from './trace.ts';

export interface MutantInfo {
  readonly name: MutantName;
  readonly protocol: ProtocolName;
  /** What the checker finds in the mutant's standard scope: a run choosing two values, or none at all. */
  readonly safety: 'broken' | 'kept';
  /** One line, zh-CN first, for `paxos mutants` and the notes. */
  readonly summary: string;
  readonly summaryEn: string;
}

export const MUTANT_NAMES = [
  'no-first-promise',
  'answer-lower-prepare',
  'no-second-promise',
  'no-reply',
  'ignore-reply',
  'minority-quorum',
  'non-intersecting-quorums',
  'reused-ballot',
  'small-fast-quorum',
  'fast-recovery-any-reported',
  'uncoordinated-small-fast-quorum',
  'forget-promise-on-learn',
  'reconfigure-immediately',
] as const;

export type MutantName = (typeof MUTANT_NAMES)[number];

export const MUTANTS: readonly MutantInfo[] = [
  { name: 'no-first-promise', protocol: 'basic', safety: 'broken', summary: '接受者回应任何 prepare，即使编号低于它已许诺的，并把许诺降到这个编号', summaryEn: 'acceptor answers any prepare, even below its promise, and lowers its promise to it' },
  { name: 'answer-lower-prepare', protocol: 'basic', safety: 'kept', summary: '接受者也回应低于其许诺的 prepare，但许诺不降（安全：只多发一条消息）', summaryEn: 'acceptor also answers a prepare below its promise but keeps the promise (safe: one more message)' },
  { name: 'no-second-promise', protocol: 'basic', safety: 'broken', summary: '接受者接受低于其许诺编号的 accept', summaryEn: 'acceptor accepts below its promise' },
  { name: 'no-reply', protocol: 'basic', safety: 'broken', summary: 'promise 不带上接受者已接受的值', summaryEn: 'promise leaves out what the acceptor accepted' },
  { name: 'ignore-reply', protocol: 'basic', safety: 'broken', summary: '提议者无视 promise 中的已接受值，坚持提自己的值', summaryEn: 'proposer proposes its own value regardless of the promises' },
  { name: 'minority-quorum', protocol: 'basic', safety: 'broken', summary: '提议者收到 ⌊n/2⌋ 个回应就继续', summaryEn: 'proposer proceeds with ⌊n/2⌋ replies' },
  { name: 'non-intersecting-quorums', protocol: 'basic', safety: 'broken', summary: '灵活法定人数不满足 q1 + q2 > n：某个阶段一法定人数与某个阶段二法定人数可以不相交', summaryEn: 'flexible quorums with q1 + q2 ≤ n: a phase-1 quorum and a phase-2 quorum need not meet' },
  { name: 'reused-ballot', protocol: 'basic', safety: 'broken', summary: '两个提议者可能用同一个编号（编号不含节点号，或重启后重用）', summaryEn: 'two proposers can use the same ballot' },
  { name: 'small-fast-quorum', protocol: 'fast', safety: 'broken', summary: 'Fast Paxos 的快速法定人数满足 q_c + 2·q_f ≤ 2n', summaryEn: 'Fast Paxos with q_c + 2·q_f ≤ 2n' },
  { name: 'fast-recovery-any-reported', protocol: 'fast', safety: 'broken', summary: '恢复时没有值达到门槛，协调者从所有报告的值里任选，而不只在最高轮 k 的值里选', summaryEn: 'recovery with no value at the threshold picks among every reported value, not only those of the highest round k' },
  { name: 'uncoordinated-small-fast-quorum', protocol: 'fast', safety: 'broken', summary: '非协调恢复，但快速法定人数满足 3·q_f ≤ 2n（q_c + 2·q_f > 2n 仍成立）', summaryEn: 'uncoordinated recovery with 3·q_f ≤ 2n (q_c + 2·q_f > 2n still holds)' },
  { name: 'forget-promise-on-learn', protocol: 'multi', safety: 'broken', summary: '学到已选定值时，用较低的已接受编号覆盖存储的许诺，重启后读回（zpaxos 的疑问）', summaryEn: 'learning a chosen value overwrites the stored promise with the lower accepted ballot; a restart reads it back' },
  { name: 'reconfigure-immediately', protocol: 'multi', safety: 'broken', summary: '成员变更立即生效：领导者一提出变更命令，就从下一个槽起使用新成员，不等它被选定，也没有 α 窗口', summaryEn: 'a configuration change takes effect at once: from the next slot as soon as the leader proposes it, not α slots after it is chosen' },
];

export function isMutantName(name: string): name is MutantName {
  return (MUTANT_NAMES as readonly string[]).includes(name);
}
