// Words only the build-time figures use (a diagram's result line, the counterexample's caption and notes), kept
// out of figures.ts because that table ships to the reader's browser with the playground island.
import { strings } from './figures.ts';

const FIGURE_ZH = {
  safetyBroken: '安全性被破坏',
  mutantPrefix: (name: string): string => `变体 ${name}：`,
  slotChoseBoth: (slot: number, values: string): string => `槽 ${slot} 先后选定了 ${values}`,
  result: '结果：',
  openInPlayground: '在演练场中打开这次运行 →',
  counterexample: {
    quorumNote: (acceptors: string, ballot: string, value: string): string => `${acceptors} 在编号 ${ballot} 接受了 ${value}：多数派，${value} 被选定`,
    quorumOutcome: (list: string): string => `多数派先后接受了 ${list}：两个不同的值都已被选定`,
    quorumItem: (value: string, ballot: string, acceptors: string): string => `${value}（编号 ${ballot}，${acceptors}）`,
    broken: (list: string): string => `这条运行依次违反了：${list}。`,
    brokenItem: (number: number, title: string): string => `性质 ${number}“${title}”`,
    twoValues: (multi: boolean, slot: number): string => `同一个${multi ? `槽（槽 ${slot}）` : '实例'}里选定了两个不同的值：`,
    searchedCaption: (mutant: string, summary: string): string => `变体 ${mutant}（${summary}）：模型检查器找到的最短反例`,
    scriptedCaption: (mutant: string, summary: string): string => `变体 ${mutant}（${summary}）：按脚本驱动引擎跑出的反例`,
    searched: (states: number, depth: number | undefined): string => `检查器搜索了 ${states} 个状态${depth !== undefined ? `，反例深度 ${depth}` : ''}。`,
    huntedCaption: (mutant: string, summary: string, shortest: boolean): string => `变体 ${mutant}（${summary}）：检查器随机搜索找到的反例${shortest ? '（在它的范围里最短）' : ''}`,
    hunted: (steps: number, foundSteps: number, clear: number, shortest: boolean): string =>
      `这条运行是检查器在随机搜索里找到的（不是脚本）：第一次命中时 ${foundSteps} 步，逐步删去不需要的动作后剩 ${steps} 步。` +
      (shortest
        ? `有界的广度优先搜索证明了同一范围里没有 ${clear} 步以内的反例，所以 ${steps} 步是最短的。`
        : clear > 0
          ? `有界的广度优先搜索证明了同一范围里没有 ${clear} 步以内的反例，所以最短的反例在 ${clear + 1} 到 ${steps} 步之间；它不保证是最短的。`
          : '它不保证是最短的。'),
    scripted: (steps: number): string =>
      `这不是搜索结果：检查器按预先写好的 ${steps} 步脚本，驱动引擎里各个角色的真实代码跑出了这条运行。它证明违规确实会发生，但不保证是最短的。`,
  },
  /** The nack on/off chart (components/charts/nack-chart.ts), drawn at build time. */
  nackChart: {
    drop: (drop: number): string => (drop === 0 ? '无丢包' : `丢包 ${Math.round(drop * 100)}%`),
    nack: (on: boolean): string => (on ? 'nack 开' : 'nack 关'),
    p95: '最慢的 5%（p95）',
    median: '中位数',
    xAxis: '提议者个数',
    yAxis: '选定用时（模拟时间）',
    point: (proposers: number, medianOn: string, medianOff: string, p95On: string, p95Off: string): string => `${proposers} 个提议者：中位数 ${medianOn} 对 ${medianOff}，p95 ${p95On} 对 ${p95Off}`,
    pointSep: '；',
    panelTitle: (drop: string): string => `${drop}：选定用时（nack 开 对 nack 关）`,
    panelDesc: (points: string): string => `${points}。单位：模拟时间。`,
    caption: (seeds: number): string => `选定用时（模拟时间单位），每行 ${seeds} 个种子`,
    columns: ['网络', '提议者', 'nack', '中位数', 'p90', 'p95', '平均', '有值选定'],
    settings: (acceptors: number, latency: readonly number[], timeout: number, backoff: readonly number[]): string =>
      `${acceptors} 个接受者，网络延迟 ${latency[0]}–${latency[1]}，提议者超时 ${timeout}，退避 ${backoff[0]}–${backoff[1]}（单位都是模拟时间）`,
    title: '拒绝时回不回 nack：选定一个值要多久',
    about: (first: number, last: number, seeds: number, settings: string): string =>
      `每个点是种子 ${first}–${last} 共 ${seeds} 次运行；从第一次提议到第一个节点得知选定值的模拟时间。${settings}。构建站点时由引擎实际运行得出。`,
    data: '数据表',
  },
};

/** The page's strings plus the figures' own, merged once (a figure asks for them several times). */
const ALL_ZH = { ...strings('zh-CN'), ...FIGURE_ZH };

/** The page's strings plus the figures' own, for a page's language; only zh-CN exists so far. */
export function figureStrings(_lang: string = 'zh-CN'): typeof ALL_ZH {
  return ALL_ZH;
}
