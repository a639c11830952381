// The network picture (`[data-view="network"]`): every node where its role puts it (network-layout.ts),
// drawing its own state on itself, and every message in flight on its way along the edge from sender to
// receiver. A reader acts by choosing what they see: a message (click, Enter or Space) opens
// deliver / drop / duplicate; a node opens crash or recover, its timers, and a proposal. Motion is CSS
// (playground.css), so `prefers-reduced-motion` turns it off in one place: messages then jump.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { NodeId } from '../../paxos/core/ids.ts';
import type { Step } from '../../paxos/sim/scenario.ts';
import type { Flight } from '../../paxos/sim/simulation.ts';
import { messageLabel } from '../../paxos/render/labels.ts';
import { strings } from '../../i18n/figures.ts';
import { REPLIES } from './diagram.ts';
import { alongEdge, edge, layoutNetwork, placeLabels, placeOf, type NetworkLayout, type Point } from './network-layout.ts';
import type { Outcome } from './model.ts';
import { isLeader, nodeLabel, nodeLines } from './node-state.ts';
import { timerName } from './words.ts';
import type { NodeRow, PlaygroundRun } from './run.ts';

const T = strings();
const P = T.playground;
const W = P.network;


type Selected = { readonly kind: 'flight'; readonly id: number; readonly copy: number } | { readonly kind: 'node'; readonly id: NodeId };

export interface NetworkViewProps {
  readonly run: PlaygroundRun;
  /** Steps per second of the player: messages glide for one step's time. */
  readonly speed: number;
  readonly act: (step: Step) => Outcome;
  /** Nodes that may be asked to propose (clients where the protocol has them, else proposers). */
  readonly proposers: readonly NodeId[];
  /** The value a proposal gets when the reader types none. */
  readonly nextValue: string;
  readonly hideKinds?: readonly string[] | undefined;
}

/** Display width of a string in the picture's font: CJK characters count about twice a Latin one. */
function textWidth(s: string, px: number): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0x2e80 ? px : px * 0.58;
  return w;
}

/** `s`, cut with an ellipsis so it fits `room` pixels. */
function fit(s: string, room: number, px: number): string {
  if (textWidth(s, px) <= room) return s;
  let out = '';
  for (const ch of s) {
    if (textWidth(`${out}${ch}…`, px) > room) break;
    out += ch;
  }
  return `${out}…`;
}

const flightKey = (f: Flight): string => `${f.msg.id}.${f.copy}`;

/** How far along its edge a message is, from when it was sent to when it is due (never at either end). */
function progressOf(f: Flight, sentAt: number | undefined, now: number): number {
  const from = sentAt ?? now;
  const span = f.due - from;
  const p = span <= 0 ? 0.5 : (now - from) / span;
  return 0.14 + 0.72 * Math.max(0, Math.min(1, p));
}

export function NetworkView(props: NetworkViewProps) {
  const { run } = props;
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(560);
  const [selected, setSelected] = useState<Selected | null>(null);
  const [value, setValue] = useState('');
  const seen = useRef<Map<string, Point>>(new Map());

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = (): void => setWidth(Math.round(el.clientWidth));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const slots = run.scenario.protocol === 'multi';
  const nodes = run.nodes();
  const lines = new Map(nodes.map((n) => [n.info.id, nodeLines(n, slots)]));
  const layout: NetworkLayout = layoutNetwork(
    nodes.map((n) => n.info),
    width,
    (id) => lines.get(id)?.length ?? 0,
  );
  const hide = new Set(props.hideKinds ?? []);
  const flights = run.inFlight().filter((f) => !hide.has(f.msg.kind));
  const now = run.sim.time;
  const events = run.events();
  const sentAt = new Map<number, number>();
  for (const e of events) if (e.type === 'send') sentAt.set(e.msg.id, e.time);
  const labelOpts = { slots, lang: 'zh' as const };
  const fontPx = layout.compact ? 10 : 11;

  // Messages on the same edge spread over lanes, so none hides another.
  const onEdge = new Map<string, number>();
  const placed = flights.map((f) => {
    const key = `${f.msg.from}>${f.msg.to}`;
    const k = onEdge.get(key) ?? 0;
    onEdge.set(key, k + 1);
    const at = alongEdge(layout, f.msg.from, f.msg.to, progressOf(f, sentAt.get(f.msg.id), now), 7 + (k % 3) * 13) ?? { x: 0, y: 0 };
    const label = messageLabel(f.msg, labelOpts);
    const text = `${label}${f.copy > 0 ? ` ×${f.copy + 1}` : ''}`;
    return { f, at, label, text, pill: textWidth(text, fontPx) + 10 };
  });
  // Labels go where they cover nothing; the others show on focus or hover. A narrow picture has dots only.
  const sides = layout.compact ? placed.map(() => null) : placeLabels(layout, placed.map((p) => ({ at: p.at, width: p.pill })));
  // A message that was not there at the last drawing starts from its sender (a duplicate: from its original).
  const before = seen.current;
  const origin = (f: Flight, at: Point): Point | null => {
    if (before.has(flightKey(f))) return null;
    if (f.copy > 0) return before.get(`${f.msg.id}.0`) ?? at;
    return edge(layout, f.msg.from, f.msg.to)?.a ?? at;
  };
  const departures = placed.map((p) => origin(p.f, p.at));
  useEffect(() => {
    seen.current = new Map(placed.map((p) => [flightKey(p.f), p.at]));
  });

  // What the last command did to messages: deliveries glide into their receiver, losses leave a mark.
  const latest = run.latestEvents().filter((e) => (e.type === 'deliver' || e.type === 'drop') && !hide.has(e.msg.kind));

  const edges = new Set(placed.map((p) => [p.f.msg.from, p.f.msg.to].sort().join('|')));
  const flightOf = (s: Selected | null): Flight | undefined => (s?.kind === 'flight' ? flights.find((f) => f.msg.id === s.id && f.copy === s.copy) : undefined);
  const nodeOf = (s: Selected | null): NodeRow | undefined => (s?.kind === 'node' ? nodes.find((n) => n.info.id === s.id) : undefined);
  const chosenFlight = flightOf(selected);
  const chosenNode = nodeOf(selected);
  const open = selected && (chosenFlight || chosenNode) ? selected : null;

  const focusPicture = (): void => box.current?.focus();
  const close = (back: boolean): void => {
    const s = open;
    setSelected(null);
    if (!back || !s) return;
    const sel = s.kind === 'flight' ? `[data-flight="${s.id}.${s.copy}"]` : `[data-node="${s.id}"]`;
    requestAnimationFrame(() => box.current?.querySelector<HTMLElement | SVGElement>(sel)?.focus());
  };
  const doStep = (step: Step): void => {
    props.act(step);
    setSelected(null);
    // The message may be gone (delivered, dropped): keep the focus in the picture.
    requestAnimationFrame(focusPicture);
  };
  // Nodes are SVG shapes acting as buttons (Enter and Space by hand); messages are real buttons.
  const choose = (s: Selected) => ({
    onClick: () => setSelected(s),
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        setSelected(s);
      }
    },
  });

  // Focus the menu's first button when it opens.
  const menu = useRef<HTMLDivElement>(null);
  const openKey = open ? (open.kind === 'flight' ? `f${open.id}.${open.copy}` : `n${open.id}`) : '';
  useEffect(() => {
    if (openKey) menu.current?.querySelector<HTMLElement>('button, input')?.focus();
  }, [openKey]);
  // A press anywhere but the menu or another message or node closes it (those open their own).
  useEffect(() => {
    if (!openKey) return;
    const away = (e: PointerEvent): void => {
      const t = e.target as Element | null;
      if (t && !t.closest('.pg-menu, .pg-net [data-flight], .pg-net [data-node]')) setSelected(null);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [openKey]);

  let anchor: Point | null = null;
  let menuTitle = '';
  if (chosenFlight) {
    anchor = placed.find((p) => p.f === chosenFlight)?.at ?? null;
    menuTitle = W.flight(messageLabel(chosenFlight.msg, labelOpts), chosenFlight.msg.from, chosenFlight.msg.to, chosenFlight.msg.id, chosenFlight.copy);
  } else if (chosenNode) {
    const b = layout.boxes.get(chosenNode.info.id);
    anchor = b ? { x: b.x, y: b.y + b.h / 2 } : null;
    menuTitle = chosenNode.info.id;
  }
  const menuW = Math.min(260, layout.width - 8);
  const menuLeft = anchor ? Math.max(4, Math.min(layout.width - menuW - 4, anchor.x - menuW / 2)) : 0;
  const canPropose = chosenNode !== undefined && chosenNode.up && props.proposers.includes(chosenNode.info.id);

  return (
    <div
      class={`pg-net${layout.compact ? ' pg-net-compact' : ''}`}
      ref={box}
      data-view="network"
      role="group"
      tabindex={-1}
      aria-label={W.label(nodes.length, flights.length)}
      style={`--pg-move: ${Math.round(600 / props.speed)}ms`}
    >
      <svg class="pg-net-svg" viewBox={`0 0 ${layout.width} ${layout.height}`} width={layout.width} height={layout.height}>
        {[...edges].map((key) => {
          const [a, b] = key.split('|') as [NodeId, NodeId];
          const e = edge(layout, a, b);
          return e && a !== b ? <line key={key} class="pg-net-edge" x1={e.a.x} y1={e.a.y} x2={e.b.x} y2={e.b.y} aria-hidden="true" /> : null;
        })}
        {nodes.map((n) => {
          const b = layout.boxes.get(n.info.id)!;
          const own = lines.get(n.info.id) ?? [];
          const leader = isLeader(n);
          const lineH = layout.compact ? 12 : 14;
          const place = placeOf(n.info);
          return (
            <g
              key={n.info.id}
              class={`pg-node pg-place-${place}${n.up ? '' : ' pg-node-down'}${leader ? ' pg-node-leader' : ''}${n.view.chosen.length > 0 ? ' pg-node-chosen' : ''}`}
              data-node={n.info.id}
              transform={`translate(${b.x - b.w / 2},${b.y - b.h / 2})`}
              tabindex={0}
              role="button"
              aria-haspopup="true"
              aria-expanded={open?.kind === 'node' && open.id === n.info.id}
              aria-label={nodeLabel(n, own)}
              {...choose({ kind: 'node', id: n.info.id })}
            >
              <rect class="pg-node-box" width={b.w} height={b.h} rx={8} />
              <text class="pg-node-id" x={8} y={16}>
                {`${leader ? '★ ' : ''}${n.info.id}`}
              </text>
              {!n.up && (
                <text class="pg-node-down-mark" x={b.w - 6} y={16} text-anchor="end">
                  {W.down}
                </text>
              )}
              {own.map((l, i) => (
                <text key={i} class={`pg-node-line${l.startsWith(W.chosen('')) ? ' pg-node-chosen-line' : ''}`} x={8} y={16 + lineH * (i + 1)}>
                  {fit(l, b.w - 14, fontPx)}
                </text>
              ))}
            </g>
          );
        })}
        {latest.map((e) => {
          if (e.type !== 'drop') return null;
          const at = alongEdge(layout, e.msg.from, e.msg.to, 0.5, 7);
          return at ? (
            <text key={`x${e.seq}`} class="pg-net-lost" x={at.x} y={at.y + 5} text-anchor="middle" aria-hidden="true">
              <title>{W.lost(messageLabel(e.msg, labelOpts))}</title>✕
            </text>
          ) : null;
        })}
      </svg>
      {/* Messages are HTML over the picture: real buttons, and their motion is a compositor transform. */}
      <div class="pg-fl-layer" style={`width: ${layout.width}px; height: ${layout.height}px`}>
        {latest.map((e) => {
          if (e.type !== 'deliver') return null;
          const from = alongEdge(layout, e.msg.from, e.msg.to, 0.7, 7);
          const to = alongEdge(layout, e.msg.from, e.msg.to, 1, 0);
          return from && to ? <span key={`d${e.seq}`} class={`pg-net-arrive${REPLIES.has(e.msg.kind) ? ' pg-fl-reply' : ''}`} style={`--x0: ${from.x}px; --y0: ${from.y}px; --x1: ${to.x}px; --y1: ${to.y}px`} aria-hidden="true" /> : null;
        })}
        {placed.map(({ f, at, label, text }, i) => {
          const start = departures[i];
          const side = sides[i];
          return (
            <button
              type="button"
              key={flightKey(f)}
              class={`pg-fl${REPLIES.has(f.msg.kind) ? ' pg-fl-reply' : ''}${f.msg.kind === 'nack' ? ' pg-fl-nack' : ''}${side ? '' : ' pg-fl-dot'}${side === 'left' ? ' pg-fl-left' : ''}${start ? ' pg-fl-fresh' : ''}`}
              data-flight={flightKey(f)}
              aria-haspopup="true"
              aria-expanded={open?.kind === 'flight' && open.id === f.msg.id && open.copy === f.copy}
              aria-label={W.flight(label, f.msg.from, f.msg.to, f.msg.id, f.copy)}
              style={`transform: translate(${at.x}px, ${at.y}px)${start ? `; --x0: ${start.x}px; --y0: ${start.y}px` : ''}`}
              onClick={() => setSelected({ kind: 'flight', id: f.msg.id, copy: f.copy })}
            >
              <span class="pg-fl-label" aria-hidden="true">
                {text}
              </span>
            </button>
          );
        })}
      </div>
      {open && anchor && (
        <div
          class={`pg-menu${layout.compact ? ' pg-menu-below' : ''}`}
          ref={menu}
          role="group"
          aria-label={W.menuFor(menuTitle)}
          // A narrow picture has no room beside what was chosen: the menu goes under the picture.
          style={layout.compact ? undefined : `left: ${menuLeft}px; top: ${Math.min(anchor.y + 12, layout.height)}px; width: ${menuW}px`}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              close(true);
            }
          }}
        >
          <p class="pg-menu-title">{menuTitle}</p>
          {chosenFlight && (
            <div class="pg-menu-actions">
              {(['deliver', 'drop', 'duplicate'] as const).map((type) => (
                <button key={type} type="button" onClick={() => doStep({ type, match: { id: chosenFlight.msg.id, copy: chosenFlight.copy } })}>
                  {P[type]}
                </button>
              ))}
            </div>
          )}
          {chosenNode && (
            <div class="pg-menu-actions">
              {chosenNode.up ? (
                <button type="button" onClick={() => doStep({ type: 'crash', node: chosenNode.info.id })}>
                  {P.crash}
                </button>
              ) : (
                <button type="button" onClick={() => doStep({ type: 'recover', node: chosenNode.info.id })}>
                  {P.recover}
                </button>
              )}
              {chosenNode.timers.map((t) => (
                <button key={t.timer} type="button" onClick={() => doStep({ type: 'timeout', node: chosenNode.info.id, timer: t.timer })}>
                  {P.fire(timerName(t.timer))}
                </button>
              ))}
            </div>
          )}
          {canPropose && (
            <form
              class="pg-menu-propose"
              onSubmit={(e) => {
                e.preventDefault();
                doStep({ type: 'propose', node: chosenNode!.info.id, value: value.trim() || props.nextValue });
                setValue('');
              }}
            >
              <label>
                {P.proposeValue}
                <input type="text" maxLength={40} value={value} placeholder={props.nextValue} onInput={(e) => setValue((e.target as HTMLInputElement).value)} />
              </label>
              <button type="submit">{P.propose}</button>
            </form>
          )}
          <button type="button" class="pg-menu-close" onClick={() => close(true)}>
            {W.close}
          </button>
        </div>
      )}
    </div>
  );
}
