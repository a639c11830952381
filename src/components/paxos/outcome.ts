// What a run came to, in the notes' language (zh-CN): the engine's summarizeOutcome reads the trace, this
// file only words it. Shared by the build-time figures and the playground island, so both say the same.
import type { TraceDocument } from '../../paxos/core/trace.ts';
import type { Violation } from '../../paxos/check/properties.ts';
import { PROPERTIES } from '../../paxos/check/properties.ts';
import { summarizeOutcome, type Outcome } from '../../paxos/render/outcome.ts';
import { formatValue } from '../../paxos/render/labels.ts';

export interface OutcomeText {
  /** One line for people, e.g. "选定 value2（t=6，P1、P2 得知）". */
  readonly text: string;
  readonly chosen: Outcome['chosen'];
  readonly stall: Outcome['stall'];
}

const STALL: Record<NonNullable<Outcome['stall']>, (o: Outcome, doc: TraceDocument) => string> = {
  'no-proposal': () => '没有值被选定：没有人提议',
  'majority-crashed': (_o, doc) => `没有值被选定：崩溃的接受者太多，剩下的凑不齐法定人数（${doc.quorums.classic}）`,
  livelock: (o) => `没有值被选定：提议者互相抢占（${o.ballots} 个编号），直到时间用完`,
  'messages-lost': (o) => `没有值被选定：丢了 ${o.dropped} 条消息（送达 ${o.delivered} 条）`,
  unfinished: () => '还没有值被选定：运行停在多数派接受某个值之前',
};

export function describeOutcome(doc: TraceDocument): OutcomeText {
  const o = summarizeOutcome(doc);
  if (o.chosen.length === 0) return { text: STALL[o.stall ?? 'unfinished'](o, doc), chosen: o.chosen, stall: o.stall };
  const conflicts = conflictingChoices(doc);
  if (conflicts.length > 0) {
    const text = conflicts.map((c) => `${doc.protocol === 'multi' ? `槽 ${c.slot} ` : ''}先后选定了 ${c.values.map(formatValue).join(' 和 ')}`).join('；');
    return { text: `${text}：不同的节点学到了不同的值`, chosen: o.chosen, stall: o.stall };
  }
  const slots = doc.protocol === 'multi' || o.chosen.some((c) => c.slot !== 0);
  const text = slots
    ? `选定 ${o.chosen.length} 个槽位：${o.chosen.map((c) => `槽 ${c.slot} = ${formatValue(c.value)}`).join('，')}`
    : `选定 ${formatValue(o.chosen[0]!.value)}（t=${o.chosen[0]!.time}，${o.chosen[0]!.learners.join('、')} 得知）`;
  return { text, chosen: o.chosen, stall: o.stall };
}

/** "违反性质 6（agreement）：…" with the property's number, for banners and build errors. */
export function describeViolation(v: Violation): string {
  const p = PROPERTIES.find((x) => x.id === v.property);
  return `违反安全性质 ${p ? `${p.number}（${v.property}）` : v.property}，第 ${v.seq} 个事件：${v.message}`;
}

/** The distinct values chosen in each slot where there are several: what a counterexample calls out. */
export function conflictingChoices(doc: TraceDocument): { readonly slot: number; readonly values: readonly (string | null)[] }[] {
  const bySlot = new Map<number, (string | null)[]>();
  for (const e of doc.events) {
    if (e.type !== 'chosen') continue;
    const list = bySlot.get(e.slot) ?? [];
    if (!list.includes(e.value)) list.push(e.value);
    bySlot.set(e.slot, list);
  }
  return [...bySlot].filter(([, v]) => v.length > 1).map(([slot, values]) => ({ slot, values }));
}
