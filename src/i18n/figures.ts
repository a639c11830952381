// Every word a reader sees in the playground island and the figures, keyed by locale. It ships to the
// reader's browser with the island, so words only the build's figures use are in figure-strings.ts, and
// the site's own words (chrome, pages) in ui.ts, beside this file. The engine (src/paxos) speaks English for
// developers (CLI, build errors, checker messages); the notes are zh-CN first, so these words translate what
// the engine says from its stable ids (property ids, event types, stall reasons) and keep the engine's
// English only as a secondary detail. The engine's own diagram labels (render/labels.ts: 已接受, 提议 …) stay
// in the engine, which draws the Mermaid text and may import nothing from the site. An English locale is a
// second object of the same shape (`satisfies Strings`) and a lookup by the page's language.
import type { PropertyId } from '../paxos/check/properties.ts';
import type { TraceEvent } from '../paxos/core/trace.ts';
import { formatValue, messageLabel, type Lang } from '../paxos/render/labels.ts';

export interface PropertyText {
  /** A short name of the rule (no colon: it follows "违反安全性质 N："). */
  readonly title: string;
  /** What the rule demands and why it matters, one or two sentences. */
  readonly explain: string;
}

const PROPERTIES_ZH: Record<PropertyId, PropertyText> = {
  'first-promise': {
    title: '不许诺比已许诺的更低的编号',
    explain: '接受者许诺过一个编号之后，就不能再许诺比它低的编号；否则低编号的提议者会以为自己仍有多数派支持。',
  },
  'second-promise': {
    title: '不接受比已许诺的更低的编号',
    explain: '接受者许诺过一个编号之后，就不能再接受比它低的编号的 accept；许诺正是为了挡住这些旧提议。',
  },
  'promise-reply': {
    title: 'promise 如实报告已接受的值',
    explain: 'promise 里要带上接受者在涉及的每个槽里最后接受的编号和值，一个不少；新提议者靠它找到可能已被选定的值。',
  },
  'acceptor-value': {
    title: '接受者只接受收到的值',
    explain: '接受者只能接受某条它收到的 accept 携带的值，而且同一编号、同一槽里只接受一个值。',
  },
  'proposer-value': {
    title: '提议者只提出 promise 强制的值',
    explain: '提议者只为自己的编号发 accept：先收齐经典法定人数的 promise，用这些 promise 报告的编号最高的值（没有才用自己的），同一编号、同一槽只发一个值。',
  },
  agreement: {
    title: '每个槽只选定一个值（一致性）',
    explain: '每个槽最多只有一个值被法定人数接受；每条“选定”都必须是这个值，并且在它被法定人数接受之后。',
  },
  validity: {
    title: '只选定提议过的值（有效性）',
    explain: '被接受的值（no-op 除外）必须是某个节点提议过的值。',
  },
};

/** A trace event in words: who did what. `slots`: Multi-Paxos (show slot numbers). */
function eventZh(e: TraceEvent, slots: boolean): string {
  const label = (m: Parameters<typeof messageLabel>[0]): string => messageLabel(m, { slots, lang: 'zh' });
  switch (e.type) {
    case 'send':
      return `${e.msg.from} 向 ${e.msg.to} 发出 ${label(e.msg)}`;
    case 'deliver':
      return `${e.msg.to} 收到 ${e.msg.from} 的 ${label(e.msg)}`;
    case 'drop':
      return `${e.msg.from} 发给 ${e.msg.to} 的 ${label(e.msg)} 丢失`;
    case 'propose':
      return `${e.node} 提议 ${formatValue(e.value)}`;
    case 'crash':
      return `${e.node} 崩溃`;
    case 'recover':
      return `${e.node} 恢复`;
    case 'timeout':
      return `${e.node} 的计时器${e.timer ? `“${ZH_TIMERS[e.timer] ?? e.timer}”` : ''}到期`;
    case 'chosen':
      return `${e.node} 得知${slots ? `槽 ${e.slot} ` : ''}选定了 ${formatValue(e.value)}`;
  }
}

const ZH_TIMERS: Record<string, string> = { phase: '阶段超时', retry: '重试', round: '轮次超时', resend: '重发', election: '选举', heartbeat: '心跳', lease: '租约' };

export const ZH = {
  lang: 'zh' as Lang,
  property: PROPERTIES_ZH,
  /** "违反安全性质 5：…" */
  violationHeading: (number: number | undefined, title: string): string => `违反安全性质${number !== undefined ? ` ${number}` : ''}：${title}`,
  /** "第 13 个事件（t=4）：P1 向 A1 发出 accept(1.P1, v1)" */
  violationEvent: (seq: number, e: TraceEvent, slots: boolean): string => `出事的是第 ${seq} 个事件（t=${e.time}）：${eventZh(e, slots)}`,
  /** The summary of the <details> that holds the checker's own (English) message. */
  checkerOriginal: '检查器原文（英文）',
  event: eventZh,
  and: ' 和 ',
  conflict: (slotPrefix: string, values: string): string => `${slotPrefix}先后选定了 ${values}：不同的节点学到了不同的值`,
  /** Names the slot before conflict(), for Multi-Paxos: "槽 2 ". */
  slotPrefix: (slot: number): string => `槽 ${slot} `,
  /** Between clauses of one sentence (two conflicting slots). */
  clauseBreak: '；',
  chosenSlots: (n: number, list: string): string => `选定 ${n} 个槽位：${list}`,
  chosenSlot: (slot: number, value: string): string => `槽 ${slot} = ${value}`,
  chosenOne: (value: string, time: number, learners: string): string => `选定 ${value}（t=${time}，${learners} 得知）`,
  listSep: '、',
  clauseSep: '，',
  stall: {
    'no-proposal': '没有值被选定：没有人提议',
    'majority-crashed': (quorum: number): string => `没有值被选定：崩溃的接受者太多，剩下的凑不齐法定人数（${quorum}）`,
    livelock: (ballots: number): string => `没有值被选定：提议者互相抢占（用了 ${ballots} 个编号），直到时间用完（活锁）`,
    'messages-lost': (dropped: number, delivered: number): string => `没有值被选定：丢了 ${dropped} 条消息（送达 ${delivered} 条）`,
    unfinished: '还没有值被选定：运行停在多数派接受某个值之前',
  },
  /** Names of the protocols' timers (the engine's timer ids), for buttons and step texts. */
  timer: ZH_TIMERS,
  /** A timer firing as a diagram note: "超时（选举）". */
  timerNote: (timer: string | undefined): string => (timer ? `超时（${ZH_TIMERS[timer] ?? timer}）` : '超时'),
  /** Keys of a node view's `extra` (protocol-specific state) and their enumerated values. */
  extraKey: {
    phase: '阶段', round: '轮次', ballot: '编号', value: '自己的值', promises: '已收 promise', any: '快速编号', pending: '待投',
    sent: '已发', proposed: '已提议', votes: '票数', role: '角色', leader: '领导者', outstanding: '未完成', completed: '已完成',
    last: '最近回复', applied: '已应用', kv: '存储', nextSlot: '下一个槽', lease: '租约', promiseOnDisk: '盘上许诺',
  } as Record<string, string>,
  extraValue: {
    idle: '空闲', preparing: '阶段一', accepting: '阶段二', backoff: '退避', done: '完成', 'waiting-value': '等待值', retrying: '重试',
    follower: '跟随者', candidate: '候选者', leader: '领导者', client: '客户端',
  } as Record<string, string>,
  /** Node roles as the state table shows them. */
  role: { proposer: '提议者', acceptor: '接受者', learner: '学习者', client: '客户端', coordinator: '协调者', leader: '领导者', server: '服务器' } as Record<string, string>,
  playground: {
    /** The button that opens the model-checker panel (whose own words, i18n/checker.ts, load with it). */
    openChecker: '拆掉一条规则：让模型检查器找反例',
    checkerLoadFailed: (message: string): string => `模型检查器没能加载：${message}`,
    region: 'Paxos 演练场',
    about: (title: string): string => `场景说明：${title}`,
    thisScenario: '本节场景',
    controls: '运行控制',
    play: '▶ 播放',
    pause: '⏸ 暂停',
    step: '下一步',
    speed: '速度',
    back: '◀ 后退',
    backLabel: '后退一步',
    forward: '前进 ▶',
    forwardLabel: '前进一步',
    runScript: '走完脚本',
    restart: '重来',
    position: (p: number, n: number): string => `位置 ${p} / ${n}`,
    positionText: (p: number, n: number): string => `第 ${p} 步，共 ${n} 步`,
    seekLabel: '在运行中定位',
    scriptTaken: '脚本：已由你接管',
    scriptDone: '脚本：已走完',
    scriptAt: (i: number, n: number): string => `脚本：第 ${i} / ${n} 步`,
    scenario: '场景',
    newSeed: (seed: number): string => `换个种子（现在 ${seed}）`,
    nack: '被抢占时回 nack',
    nackHint: 'nack：接受者拒绝过时的编号时，回一条消息告诉提议者；关掉后提议者只能靠超时发现',
    safe: '✓ 到目前为止安全：七条安全性质全部成立',
    safeMutant: (m: string): string => `✓ 到目前为止安全（变体 ${m}：规则被故意改坏，继续操作可能出事）`,
    unsafeHeading: (heading: string): string => `✕ 安全性被破坏——${heading}`,
    forked: '你在过去动了手：从这一刻起分出了新的未来（后面的旧步骤已丢弃）。',
    cannot: (why: string): string => `做不到：${why}`,
    stepAt: (p: number, what: string): string => `第 ${p} 步：${what}`,
    /** Why the run cannot go on (the simulator's stop reasons, told from what is still pending). */
    stop: {
      quiet: '运行结束：没有在途消息，也没有待触发的计时器',
      'max-time': (t: number): string => `运行结束：剩下的事件都在时间上限 t=${t} 之后`,
    },
    diagram: '时序图（可滚动）',
    inFlight: (n: number): string => `在途消息（${n}）`,
    noFlights: '没有在途消息',
    /** A message in flight, for the aria-labels of its buttons: "#3（副本 1） accept P1→A2". */
    flight: (id: number, copy: number, kind: string, from: string, to: string): string => `#${id}${copy > 0 ? `（副本 ${copy}）` : ''} ${kind} ${from}→${to}`,
    copy: (n: number): string => `（副本 ${n}）`,
    deliver: '投递',
    drop: '丢弃',
    duplicate: '复制',
    nodes: '节点状态',
    colNode: '节点',
    colPromised: '已许诺',
    colAccepted: '已接受',
    colChosen: '已选定',
    colExtra: '其他',
    /** Multi with reconfiguration: the acceptors a server believes govern its next slot, and changes to come. */
    colMembers: '成员',
    membersUnknown: '待定（前面的槽未选定）',
    pendingChange: '待生效 ',
    proposedChange: '（未选定）',
    colActions: '操作',
    crashed: '崩溃',
    crash: '崩溃',
    recover: '恢复',
    crashLabel: (n: string): string => `让 ${n} 崩溃`,
    recoverLabel: (n: string): string => `让 ${n} 恢复`,
    fire: (t: string): string => `触发 ${t}`,
    fireLabel: (n: string, t: string): string => `让 ${n} 的计时器 ${t} 立即到期`,
    proposeAs: '让',
    proposeValue: '提议值',
    propose: '提议',
    share: '复制分享链接',
    shareCopied: '分享链接已复制。',
    shareManual: '分享链接在下面，手动复制即可。',
    exportScenario: '复制为场景',
    exportCopied: '场景 JSON 已复制：存成文件后用 paxos simulate --scenario 重放。',
    exportManual: '场景 JSON 在下面。',
    shareLink: '分享链接',
    exportLabel: '场景 JSON（npm run --silent paxos -- simulate --scenario 文件.json）',
    linkReplayFailed: (why: string): string => `链接里的操作无法重放（${why}）。下面是默认场景。`,
    linkDefault: '下面是默认场景。',
    scriptStepFailed: (i: number, why: string): string => `脚本第 ${i} 步做不到（${why}），脚本到此结束`,
    steps: {
      start: '开始',
      propose: (node: string, v: string): string => `${node} 提议 ${v}`,
      deliver: '投递',
      drop: '丢弃',
      duplicate: '复制',
      crash: (node: string): string => `${node} 崩溃`,
      recover: (node: string): string => `${node} 恢复`,
      timeout: (node: string, timer: string | undefined): string => `${node} 的计时器${timer ? ` ${timer}` : ''}到期`,
      tick: '下一个事件',
      runQuiet: '一直运行到没有事可做',
      runUntil: (t: number): string => `运行到 t=${t}`,
    },
    /** Trace-checker explanation in the banner. */
    diagramLabel: (nodes: number, rows: number): string => `时序图，${nodes} 个节点，${rows} 行；最后一行是最新的事件`,
    hiddenRows: (n: number): string => `（更早的 ${n} 行未画出）`,
    leaseUntil: ' 至 t=',
    fastBallot: '（快速）',
    violationIntro: '时序图里标红的就是它。',
    /** Under the agreement banner: the rule the run broke first, which led there. */
    brokenEarlier: (heading: string, event: string): string => `更早的一步已经${heading}——${event}。`,
    /** The network picture: nodes where they sit, messages on their way. */
    network: {
      label: (nodes: number, flights: number): string => `网络图：${nodes} 个节点，${flights} 条在途消息；选中一条消息或一个节点可以对它动手`,
      node: (id: string, roles: string, state: string): string => `${id}（${roles}）${state}`,
      down: '已崩溃',
      promised: (b: string): string => `许诺 ${b}`,
      accepted: (what: string): string => `接受 ${what}`,
      chosen: (what: string): string => `选定 ${what}`,
      more: (n: number): string => `另有 ${n} 项`,
      leader: '领导者',
      flight: (label: string, from: string, to: string, id: number, copy: number): string => `${label}：${from} → ${to}，#${id}${copy > 0 ? `（副本 ${copy}）` : ''}`,
      menuFor: (what: string): string => `对 ${what} 的操作`,
      close: '关闭',
      delivered: (label: string): string => `${label} 已送达`,
      lost: (label: string): string => `${label} 丢失`,
    },
    timeline: '时间线',
    timelineTick: (p: number, what: string): string => `第 ${p} 步：${what}`,
    /** Narrated runs: captions on the scenario's steps, and 讲解模式 walking from one to the next. */
    tour: {
      heading: '讲解',
      region: '讲解模式',
      previous: '◀ 上一段',
      next: '下一段 ▶▶',
      play: '▶ 自动讲解',
      pause: '⏸ 暂停讲解',
      at: (i: number, n: number): string => `第 ${i} / ${n} 段`,
      before: (n: number): string => `这个场景有 ${n} 段讲解：按“自动讲解”或“下一段”开始。`,
      done: '讲解到此结束，可以继续自己动手。',
      takenOver: '你接管了运行，讲解停在这里；按“上一段”或拖回位置条，可以回到讲解的路线上。',
    },
  },
};

export type Strings = typeof ZH;

/** The strings for a page's language; only zh-CN exists so far. */
export function strings(_lang: string = 'zh-CN'): Strings {
  return ZH;
}
