// The playground's live sequence diagram, laid out from the trace in plain TypeScript (no Mermaid in the
// browser: it is 5 MB). One column per node; one row per delivered or lost message and per note (propose,
// crash, recover, timeout, chosen), in trace order, the way the build-time Mermaid figures read; then the
// messages still in flight as dashed rows at the bottom. A crashed node's lifeline is drawn broken for the
// rows it is down.
import type { NodeId, NodeInfo } from '../../paxos/core/ids.ts';
import type { Message } from '../../paxos/core/message.ts';
import type { TraceEvent } from '../../paxos/core/trace.ts';
import type { Flight } from '../../paxos/sim/simulation.ts';
import { messageLabel, noteLabel } from '../../paxos/render/labels.ts';
import { strings } from '../../i18n/figures.ts';

export type RowKind = 'deliver' | 'drop' | 'flight' | 'note';

export interface DiagramRow {
  readonly kind: RowKind;
  /** Trace seq of the event (flight rows: -1). */
  readonly seq: number;
  readonly time: number;
  readonly from: number;
  readonly to: number;
  readonly label: string;
  /** Replies (promise, accepted, nack …) are dashed, as in the Mermaid figures. */
  readonly reply: boolean;
  /** Message rows: the message id (a violation found at a send is shown on its delivery or flight row). */
  readonly msgId?: number;
  /** Note rows: what happened, for colour (crash, recover, chosen, propose, timeout). */
  readonly note?: TraceEvent['type'];
}

export interface DiagramLayout {
  readonly columns: readonly NodeInfo[];
  readonly rows: readonly DiagramRow[];
  /** Earlier rows left out to keep a long run drawable. */
  readonly hidden: number;
  /** Per column: [startRow, endRow) spans in which the node was crashed (endRow = rows.length: still down). */
  readonly down: readonly (readonly (readonly [number, number])[])[];
}

/** Reply kinds: dashed in the diagrams, drawn in the reply colour in the network picture. */
export const REPLIES = new Set(['promise', 'accepted', 'nack', 'catchup-reply', 'client-reply']);

export interface LayoutOptions {
  readonly slots?: boolean;
  /** Most rows drawn (the latest ones). */
  readonly maxRows?: number;
  readonly hideKinds?: readonly string[];
}

export function layoutDiagram(nodes: readonly NodeInfo[], events: readonly TraceEvent[], inFlight: readonly Flight[], opts: LayoutOptions = {}): DiagramLayout {
  const col = new Map<NodeId, number>();
  nodes.forEach((n, i) => col.set(n.id, i));
  const hide = new Set(opts.hideKinds ?? []);
  const labelOpts = { slots: opts.slots ?? false, lang: 'zh' as const };
  const all: DiagramRow[] = [];
  const crashes: { node: number; row: number; up: boolean }[] = [];
  const message = (kind: RowKind, seq: number, time: number, m: Message): DiagramRow => ({
    kind,
    seq,
    time,
    from: col.get(m.from) ?? 0,
    to: col.get(m.to) ?? 0,
    label: messageLabel(m, labelOpts),
    reply: REPLIES.has(m.kind),
    msgId: m.id,
  });
  for (const e of events) {
    if (e.type === 'send') continue;
    if (e.type === 'deliver' || e.type === 'drop') {
      if (!hide.has(e.msg.kind)) all.push(message(e.type, e.seq, e.time, e.msg));
      continue;
    }
    // Timer ids are the engine's (English); the note names them in the page's language.
    const label = e.type === 'timeout' ? strings().timerNote(e.timer) : noteLabel(e, labelOpts);
    if (label === null) continue;
    const c = col.get(e.node) ?? 0;
    if (e.type === 'crash' || e.type === 'recover') crashes.push({ node: c, row: all.length, up: e.type === 'recover' });
    all.push({ kind: 'note', seq: e.seq, time: e.time, from: c, to: c, label, reply: false, note: e.type });
  }
  for (const f of inFlight) {
    if (hide.has(f.msg.kind)) continue;
    const row = message('flight', -1, f.due, f.msg);
    all.push(f.copy > 0 ? { ...row, label: `${row.label} ×${f.copy + 1}` } : row);
  }
  const maxRows = opts.maxRows ?? 400;
  const hidden = Math.max(0, all.length - maxRows);
  const rows = hidden > 0 ? all.slice(hidden) : all;
  const down = nodes.map((_, i) => {
    const spans: [number, number][] = [];
    let start: number | null = null;
    for (const c of crashes) {
      if (c.node !== i) continue;
      if (!c.up && start === null) start = c.row;
      else if (c.up && start !== null) {
        spans.push([start, c.row]);
        start = null;
      }
    }
    if (start !== null) spans.push([start, all.length]);
    return spans
      .map(([a, b]) => [Math.max(0, a - hidden), Math.max(0, b - hidden)] as const)
      .filter(([a, b]) => b > a || b === rows.length);
  });
  return { columns: nodes, rows, hidden, down };
}
