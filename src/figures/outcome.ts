// What a run came to, in the notes' language (zh-CN): the engine's summarizeOutcome reads the trace, this
// file only words it. Shared by the build-time figures and the playground island, so both say the same.
import type { TraceDocument } from '../paxos/core/trace.ts';
import type { Violation } from '../paxos/check/properties.ts';
import { PROPERTIES } from '../paxos/check/properties.ts';
import { summarizeOutcome, type Outcome } from '../paxos/render/outcome.ts';
import { formatValue } from '../paxos/render/labels.ts';
import { strings } from '../i18n/figures.ts';

export interface OutcomeText {
  /** One line for people, e.g. "选定 value2（t=6，P1、P2 得知）". */
  readonly text: string;
  readonly chosen: Outcome['chosen'];
  readonly stall: Outcome['stall'];
}

const T = strings();

const STALL: Record<NonNullable<Outcome['stall']>, (o: Outcome, doc: TraceDocument) => string> = {
  'no-proposal': () => T.stall['no-proposal'],
  'majority-crashed': (_o, doc) => T.stall['majority-crashed'](doc.quorums.classic),
  livelock: (o) => T.stall.livelock(o.ballots),
  'messages-lost': (o) => T.stall['messages-lost'](o.dropped, o.delivered),
  unfinished: () => T.stall.unfinished,
};

export function describeOutcome(doc: TraceDocument): OutcomeText {
  const o = summarizeOutcome(doc);
  if (o.chosen.length === 0) return { text: STALL[o.stall ?? 'unfinished'](o, doc), chosen: o.chosen, stall: o.stall };
  const conflicts = conflictingChoices(doc);
  if (conflicts.length > 0) {
    const text = conflicts.map((c) => T.conflict(doc.protocol === 'multi' ? T.slotPrefix(c.slot) : '', c.values.map(formatValue).join(T.and))).join(T.clauseBreak);
    return { text, chosen: o.chosen, stall: o.stall };
  }
  const slots = doc.protocol === 'multi' || o.chosen.some((c) => c.slot !== 0);
  const text = slots
    ? T.chosenSlots(o.chosen.length, o.chosen.map((c) => T.chosenSlot(c.slot, formatValue(c.value))).join(T.clauseSep))
    : T.chosenOne(formatValue(o.chosen[0]!.value), o.chosen[0]!.time, o.chosen[0]!.learners.join(T.listSep));
  return { text, chosen: o.chosen, stall: o.stall };
}

/** A violation as the reader sees it: the rule in the page's language, the event, the checker's own words. */
export interface ViolationText {
  /** "违反安全性质 5：提议者只提出多数派 promise 强制的值" */
  readonly heading: string;
  /** What the rule demands. */
  readonly explain: string;
  /** "出事的是第 13 个事件（t=4）：P1 向 A1 发出 accept(1.P1, v1)" */
  readonly event: string;
  /** The trace checker's English message (secondary detail). */
  readonly detail: string;
}

/** `slots`: show slot numbers in message labels (Multi-Paxos). */
export function presentViolation(v: Violation, slots = false): ViolationText {
  const p = PROPERTIES.find((x) => x.id === v.property);
  const words = T.property[v.property] ?? { title: v.property, explain: '' };
  return {
    heading: T.violationHeading(p?.number, words.title),
    explain: words.explain,
    event: T.violationEvent(v.seq, v.event, slots),
    detail: v.message,
  };
}

/** For build errors and logs (authors, English like the rest of the tooling): "property 6 (agreement), event 17: …". */
export function describeViolationForLog(v: Violation): string {
  const p = PROPERTIES.find((x) => x.id === v.property);
  return `property ${p ? `${p.number} (${v.property})` : v.property}, event ${v.seq}: ${v.message}`;
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
