// Trace → plain text, one line per event (`paxos simulate --format text`): time, who → whom, what.
import type { TraceDocument } from '../core/trace.ts';
import { messageLabel, noteLabel, words, type Lang } from './labels.ts';
import { summarizeOutcome } from './outcome.ts';

export interface TextOptions {
  /** Also print `send` events (default: a message shows once, when delivered or lost). */
  readonly sends?: boolean;
  readonly slots?: boolean;
  readonly lang?: Lang;
}

export function traceToText(doc: TraceDocument, opts: TextOptions = {}): string {
  const slots = opts.slots ?? doc.protocol === 'multi';
  const lang = opts.lang ?? 'en';
  const labelOpts = { slots, lang };
  const w = words(lang);
  const width = Math.max(2, ...doc.nodes.map((n) => n.id.length));
  const timeWidth = String(doc.events.at(-1)?.time ?? 0).length;
  const q = doc.quorums.fast !== undefined
    ? `quorums classic ${doc.quorums.classic}, fast ${doc.quorums.fast}`
    : doc.quorums.phase1 !== undefined
      ? `quorums phase 1 ${doc.quorums.phase1}, phase 2 ${doc.quorums.classic}`
      : doc.quorums.reconfig !== undefined
        ? `quorum a majority of each slot's acceptors (first ${doc.quorums.reconfig.initial.join(' ')}, a change takes effect α = ${doc.quorums.reconfig.alpha} slots after it)`
        : `quorum ${doc.quorums.classic}`;
  const lines = [`${doc.protocol} paxos, seed ${doc.config.seed}, ${q}; nodes ${doc.nodes.map((n) => `${n.id} (${n.roles.join('+')})`).join(', ')}`];
  for (const e of doc.events) {
    const t = `t=${String(e.time).padStart(timeWidth)}`;
    if (e.type === 'send' && !opts.sends) continue;
    if (e.type === 'send' || e.type === 'deliver' || e.type === 'drop') {
      const way = e.type === 'send' ? '⇢' : e.type === 'drop' ? '✕' : '→';
      const who = `${e.msg.from.padStart(width)} ${way} ${e.msg.to.padEnd(width)}`;
      const tail = e.type === 'drop' ? `  (${w.lost})` : e.type === 'send' ? '  (sent)' : '';
      lines.push(`${t}  ${who}  ${messageLabel(e.msg, labelOpts)}${tail}`);
      continue;
    }
    const note = noteLabel(e, labelOpts);
    if (note !== null) lines.push(`${t}  ${e.node.padStart(width)}   ${''.padEnd(width)}  ${note}`);
  }
  lines.push(summarizeOutcome(doc).text);
  return `${lines.join('\n')}\n`;
}
