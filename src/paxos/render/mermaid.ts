// Trace → Mermaid `sequenceDiagram` text. A message is drawn once, when it is delivered (a request as a
// solid arrow, a reply dashed); a lost one as a lost arrow (`-x`); proposals, crashes, recoveries,
// timeouts and chosen values as notes over the node. The output is plain text: the site renders it to SVG
// at build time, the playground in the browser.
import type { Message } from '../core/message.ts';
import type { TraceDocument } from '../core/trace.ts';
import { messageLabel, noteLabel, type Lang } from './labels.ts';

export interface MermaidOptions {
  /** Number the arrows (Mermaid's `autonumber`). */
  readonly autonumber?: boolean;
  /** Draw lost messages as `-x` arrows (default true). */
  readonly drops?: boolean;
  /** Draw timer firings as notes (default true). */
  readonly timeouts?: boolean;
  /** Message kinds to leave out, e.g. ['heartbeat'] (default: none). */
  readonly hideKinds?: readonly string[];
  /** Show slot numbers; default: only for Multi-Paxos. */
  readonly slots?: boolean;
  readonly lang?: Lang;
  /** Stop after this many events (a long random run makes an unreadable picture). */
  readonly maxEvents?: number;
}

/** Replies are drawn dashed, as UML does. */
const REPLIES = new Set(['promise', 'accepted', 'nack', 'catchup-reply', 'client-reply']);

/**
 * Makes text safe inside a Mermaid message or note: `;` and `#` end a statement or start an entity code,
 * `<`/`>` would be read as HTML, `%%` starts a comment, and a newline ends the line.
 */
export function escapeMermaid(text: string): string {
  // One pass, so the `;` of an inserted entity code is not escaped again.
  return text.replace(/[#;<>%]|[\r\n]+/g, (c) => ESCAPES[c] ?? ' ');
}

const ESCAPES: Record<string, string> = { '#': '#35;', ';': '#59;', '<': '#lt;', '>': '#gt;', '%': '#37;' };

const SIMPLE_ID = /^[A-Za-z][A-Za-z0-9_]*$/;

export function traceToMermaid(doc: TraceDocument, opts: MermaidOptions = {}): string {
  const slots = opts.slots ?? doc.protocol === 'multi';
  const labelOpts = opts.lang === undefined ? { slots } : { slots, lang: opts.lang };
  const hide = new Set(opts.hideKinds ?? []);
  const drops = opts.drops ?? true;
  const timeouts = opts.timeouts ?? true;
  // Participants keep the trace's node order; an id Mermaid cannot take gets a safe alias.
  const alias = new Map<string, string>();
  const lines = ['sequenceDiagram'];
  if (opts.autonumber) lines.push('  autonumber');
  doc.nodes.forEach((n, i) => {
    if (SIMPLE_ID.test(n.id)) {
      alias.set(n.id, n.id);
      lines.push(`  participant ${n.id}`);
    } else {
      alias.set(n.id, `n${i}`);
      lines.push(`  participant n${i} as ${escapeMermaid(n.id)}`);
    }
  });
  const id = (node: string): string => alias.get(node) ?? `unknown_${node.replace(/[^A-Za-z0-9_]/g, '_')}`;
  const arrow = (m: Message, lost: boolean): string => {
    const dashed = REPLIES.has(m.kind) ? '--' : '-';
    return `  ${id(m.from)}${dashed}${lost ? 'x' : '>>'}${id(m.to)}: ${escapeMermaid(messageLabel(m, labelOpts))}`;
  };
  const limit = opts.maxEvents ?? Infinity;
  let count = 0;
  for (const e of doc.events) {
    if (count++ >= limit) break;
    if (e.type === 'send') continue;
    if (e.type === 'deliver' || e.type === 'drop') {
      if (hide.has(e.msg.kind)) continue;
      if (e.type === 'drop' && !drops) continue;
      lines.push(arrow(e.msg, e.type === 'drop'));
      continue;
    }
    if (e.type === 'timeout' && !timeouts) continue;
    const note = noteLabel(e, labelOpts);
    if (note !== null) lines.push(`  Note over ${id(e.node)}: ${escapeMermaid(note)}`);
  }
  return `${lines.join('\n')}\n`;
}
