// Short human labels for messages and events, shared by the Mermaid and text renderers:
// prepare(1.P1), promise(1.P1, 已接受 0.P2=v1), accept(1.P1, v1), accepted(1.P1, v1), nack(promised 2.P2), request(v).
import { formatBallot, type Ballot } from '../core/ballot.ts';
import type { Value } from '../core/ids.ts';
import type { AcceptedEntry, Message } from '../core/message.ts';
import type { TraceEvent } from '../core/trace.ts';

export type Lang = 'zh' | 'en';

export interface LabelOptions {
  /** Show slot numbers (Multi-Paxos); Basic and Fast decide one value, in slot 0. */
  readonly slots?: boolean;
  readonly lang?: Lang;
}

const WORDS = {
  zh: { accepted: '已接受', propose: '提议', crash: '崩溃', recover: '恢复', chosen: '选定', timeout: '超时', promised: 'promised', lost: '丢失' },
  en: { accepted: 'accepted', propose: 'propose', crash: 'crash', recover: 'recover', chosen: 'chosen', timeout: 'timeout', promised: 'promised', lost: 'lost' },
} as const;

export const words = (lang: Lang = 'zh') => WORDS[lang];

export function formatValue(v: Value): string {
  return v === null ? 'no-op' : v;
}

function isBallot(x: unknown): x is Ballot {
  return typeof x === 'object' && x !== null && typeof (x as Ballot).round === 'number' && typeof (x as Ballot).node === 'string';
}

function entry(e: AcceptedEntry, slots: boolean): string {
  return `${slots ? `s${e.slot}:` : ''}${formatBallot(e.ballot)}=${formatValue(e.value)}`;
}

/** One message as a short call-like label. Unknown kinds print their plain fields. */
export function messageLabel(m: Message, opts: LabelOptions = {}): string {
  const slots = opts.slots ?? false;
  const w = words(opts.lang);
  const at = (slot: number | undefined): string => (slots && slot !== undefined ? `, s${slot}` : '');
  switch (m.kind) {
    case 'prepare':
      return `prepare(${formatBallot(m.ballot)}${slots && m.slot > 0 ? `, s≥${m.slot}` : ''})`;
    case 'promise':
      return m.accepted.length === 0
        ? `promise(${formatBallot(m.ballot)})`
        : `promise(${formatBallot(m.ballot)}, ${w.accepted} ${m.accepted.map((e) => entry(e, slots)).join(', ')})`;
    case 'accept':
      return `accept(${formatBallot(m.ballot)}${at(m.slot)}, ${formatValue(m.value)})`;
    case 'accepted':
      return `accepted(${formatBallot(m.ballot)}${at(m.slot)}, ${formatValue(m.value)})`;
    case 'nack':
      return `nack(${w.promised} ${formatBallot(m.promised)})`;
    case 'request':
      return `request(${formatValue(m.value)})`;
    default: {
      const parts: string[] = [];
      for (const [k, v] of Object.entries(m)) {
        if (k === 'id' || k === 'from' || k === 'to' || k === 'kind') continue;
        if (isBallot(v)) parts.push(formatBallot(v));
        else if (v === null) parts.push(`${k}=no-op`);
        else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') parts.push(`${k}=${v}`);
        else if (Array.isArray(v)) parts.push(`${k}[${v.length}]`);
      }
      return `${m.kind}(${parts.join(', ')})`;
    }
  }
}

/** Label for the events that are not messages (drawn as notes). */
export function noteLabel(e: TraceEvent, opts: LabelOptions = {}): string | null {
  const w = words(opts.lang);
  switch (e.type) {
    case 'propose':
      return `${w.propose} ${formatValue(e.value)}`;
    case 'crash':
      return w.crash;
    case 'recover':
      return w.recover;
    case 'timeout':
      return e.timer ? `${w.timeout} (${e.timer})` : w.timeout;
    case 'chosen':
      return `${w.chosen} ${opts.slots ? `s${e.slot}=` : ''}${formatValue(e.value)}`;
    default:
      return null;
  }
}
