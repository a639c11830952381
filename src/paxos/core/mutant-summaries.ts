// What each mutant (mutants.ts) changes, in one line: zh-CN for the notes, the checker panel and `paxos
// mutants`, English for `paxos mutants --en`. Kept apart from the mutant table so that the playground, which
// only validates names, does not ship these sentences.
import type { MutantName } from './mutants.ts';

export const MUTANT_SUMMARIES: Readonly<Record<MutantName, { readonly zh: string; readonly en: string }>> = {
  'no-first-promise': { zh: '接受者回应任何 prepare，即使编号低于它已许诺的，并把许诺降到这个编号', en: 'acceptor answers any prepare, even below its promise, and lowers its promise to it' },
  'answer-lower-prepare': { zh: '接受者也回应低于其许诺的 prepare，但许诺不降（安全：只多发一条消息）', en: 'acceptor also answers a prepare below its promise but keeps the promise (safe: one more message)' },
  'no-second-promise': { zh: '接受者接受低于其许诺编号的 accept', en: 'acceptor accepts below its promise' },
  'no-reply': { zh: 'promise 不带上接受者已接受的值', en: 'promise leaves out what the acceptor accepted' },
  'ignore-reply': { zh: '提议者无视 promise 中的已接受值，坚持提自己的值', en: 'proposer proposes its own value regardless of the promises' },
  'minority-quorum': { zh: '提议者收到 ⌊n/2⌋ 个回应就继续', en: 'proposer proceeds with ⌊n/2⌋ replies' },
  'non-intersecting-quorums': { zh: '灵活法定人数不满足 q1 + q2 > n：某个阶段一法定人数与某个阶段二法定人数可以不相交', en: 'flexible quorums with q1 + q2 ≤ n: a phase-1 quorum and a phase-2 quorum need not meet' },
  'reused-ballot': { zh: '两个提议者可能用同一个编号（编号不含节点号，或重启后重用）', en: 'two proposers can use the same ballot' },
  'small-fast-quorum': { zh: 'Fast Paxos 的快速法定人数满足 q_c + 2·q_f ≤ 2n', en: 'Fast Paxos with q_c + 2·q_f ≤ 2n' },
  'fast-recovery-any-reported': { zh: '恢复时没有值达到门槛，协调者从所有报告的值里任选，而不只在最高轮 k 的值里选', en: 'recovery with no value at the threshold picks among every reported value, not only those of the highest round k' },
  'uncoordinated-small-fast-quorum': { zh: '非协调恢复，但快速法定人数满足 3·q_f ≤ 2n（q_c + 2·q_f > 2n 仍成立）', en: 'uncoordinated recovery with 3·q_f ≤ 2n (q_c + 2·q_f > 2n still holds)' },
  'forget-promise-on-learn': { zh: '学到已选定值时，用较低的已接受编号覆盖存储的许诺，重启后读回（zpaxos 的疑问）', en: 'learning a chosen value overwrites the stored promise with the lower accepted ballot; a restart reads it back' },
  'reconfigure-immediately': { zh: '成员变更立即生效：领导者一提出变更命令，就从下一个槽起使用新成员，不等它被选定，也没有 α 窗口', en: 'a configuration change takes effect at once: from the next slot as soon as the leader proposes it, not α slots after it is chosen' },
};
