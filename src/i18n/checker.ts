// The words of the playground's model-checker panel (components/playground/checker/): the rules a reader can
// switch off, the scope's fields, progress and verdicts. Kept apart from figures.ts because they load with
// the panel, on its first opening, and not with the island; the button that opens it takes its two texts
// from figures.ts. An English locale is a second object of the same shape and a lookup by the page's language.
import type { MutantName } from '../paxos/core/mutants.ts';

const n = (x: number): string => x.toLocaleString('zh-CN');
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} 秒`;

const CHECKER_ZH = {
  /** What each rule demands, as the switch that keeps it on says it. */
  rules: {
    'no-first-promise': '接受者不许诺比已许诺的更低的编号',
    'answer-lower-prepare': '接受者不回应低于其许诺的 prepare',
    'no-second-promise': '接受者不接受低于其许诺编号的 accept',
    'no-reply': 'promise 带上接受者已接受的编号和值',
    'ignore-reply': '提议者采用 promise 里编号最高的已接受值',
    'minority-quorum': '提议者要等到多数派（过半）的回应',
    'non-intersecting-quorums': '任一阶段一法定人数与任一阶段二法定人数相交（q1 + q2 > n）',
    'reused-ballot': '每个编号只属于一个提议者，重启后也不重用',
    'small-fast-quorum': '快速法定人数满足 q_c + 2·q_f > 2n',
    'fast-recovery-any-reported': '恢复时只在最高轮 k 报告的值里选',
    'uncoordinated-small-fast-quorum': '非协调恢复要求 3·q_f > 2n',
    'forget-promise-on-learn': '学到选定值时不降低已存储的许诺',
    'reconfigure-immediately': '成员变更在选定后 α 个槽才生效，领导者不越过窗口提议',
  } satisfies Record<MutantName, string>,
  /** The scope's fields, by ScopeOptions field. */
  fields: {
    acceptors: '接受者',
    servers: '服务器',
    proposers: '提议者',
    clients: '客户端',
    slots: '日志槽',
    maxRound: '最高轮次',
    drops: '丢包',
    duplicates: '重复',
    crashes: '崩溃',
  },
  title: '拆掉一条规则',
  hint: '每条规则都是 Paxos 安全的一部分吗？关掉一条，让模型检查器在下面的范围里穷举所有交错，找出选定两个值的最短运行。一次只能拆掉一条。',
  rulesOf: (protocol: string): string => `${protocol} 的规则`,
  loading: '正在载入模型检查器…',
  ruleOff: (summary: string): string => `已拆掉：${summary}`,
  scope: '范围',
  standardScope: '标准范围',
  scopeInvalid: (error: string): string => `范围无效：${error}`,
  find: '找最短反例',
  cancel: '取消',
  pageCap: (max: number): string => `本页最多搜索 ${n(max)} 个状态`,
  cancelled: '已取消。',
  searching: '搜索中…',
  progress: (states: number, depth: number, rate: number, ms: number): string => ` 已搜 ${n(states)} 个状态，深度 ${depth}，每秒 ${n(rate)} 个，用时 ${seconds(ms)}`,
  starting: ' 正在启动检查器',
  workerFailed: '检查器的 worker 出错了',
  checkerError: (message: string): string => `检查器报错：${message}`,
  traceTitle: (rule: string): string => `模型检查器的反例：拆掉“${rule}”`,
  stats: (states: number, depth: number, ms: number): string => `搜索了 ${n(states)} 个状态，深度 ${depth}，用时 ${seconds(ms)}`,
  period: '。',
  noOp: '空操作',
  found: (steps: number, values: readonly string[]): string => `找到最短反例：${steps} 步之后，${values.join(' 和 ')} 都被选定。`,
  loadFailed: (error: string): string => `反例没能载入演练场：${error}`,
  loaded: (turns: string): string => `已载入上面的演练场，从头开始：按“下一步”逐步走${turns}。`,
  turnsBoth: (red: number): string => `，第 ${red} 步两个值都被法定人数接受：一致性被打破，安全横幅变红`,
  turnsRed: (red: number): string => `，第 ${red} 步安全横幅变红（先违反的是被拆掉的那条规则守护的性质）`,
  turnsAgreement: (step: number): string => `，第 ${step} 步两个值都被法定人数接受：一致性被打破`,
  safe: (states: number): string => `在这个范围内安全：${n(states)} 个状态。`,
  safeTail: '，没有任何运行选定两个值。',
  tooLarge: '这个范围对本页太大：',
  tooLargeTail: (states: number, max: number): string => `搜到 ${n(states)} 个状态（本页的上限是 ${n(max)}）还没搜完，所以什么也没证明。请缩小范围，或在终端里运行下面的命令（没有上限）。`,
  scopeEcho: (words: string, mutant: string | undefined): string => `范围：${words}${mutant ? `；拆掉的规则：${mutant}` : '；完整协议'}。`,
  sameCheck: '同样的检查：',
  /** Joins the scope's fields in words. */
  list: '，',
};

export type CheckerStrings = typeof CHECKER_ZH;

/** The panel's words for a page in `lang` (zh-CN only so far). */
export function checkerStrings(_lang: string = 'zh-CN'): CheckerStrings {
  return CHECKER_ZH;
}
