// Where the network picture puts things, in plain TypeScript (tested without a browser). Coordinates are
// CSS pixels of the picture's own width, so text keeps its size at any width and an HTML menu can be
// placed over a node or a message by its coordinates.
//
// Nodes sit by role, so a reader sees who talks to whom: Basic's proposers above their acceptors; Fast's
// clients above the acceptors they write to directly, the coordinator below them; learners (when they are
// nodes of their own) at the bottom. Multi's servers are all three roles at once, so they stand in a ring,
// with the clients in a row under it.
import type { NodeId, NodeInfo } from '../../paxos/core/ids.ts';

export type Place = 'client' | 'proposer' | 'acceptor' | 'learner' | 'server';

export interface NodeBox {
  readonly id: NodeId;
  readonly place: Place;
  /** Centre. */
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface NetworkLayout {
  readonly width: number;
  readonly height: number;
  /** Narrow picture: smaller boxes, messages as dots (the label shows on focus or hover). */
  readonly compact: boolean;
  readonly boxes: ReadonlyMap<NodeId, NodeBox>;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

const MARGIN = 8;
/** Vertical room between two rows of nodes: where the messages travel. */
const LANE = 120;
const COMPACT_LANE = 96;
const COMPACT_BELOW = 520;
/** Narrowest node boxes before a role's row is split in two. */
const MIN_BOX = 120;
const MIN_COMPACT_BOX = 86;
/** Height of the loop a message to oneself draws above its node. */
const SELF_LOOP = 22;
/** Between two rows of the same role. */
const ROLE_GAP = 34;

/** Where a node goes: its most telling role. */
export function placeOf(node: NodeInfo): Place {
  const r = node.roles;
  if (r.includes('client')) return 'client';
  if (r.includes('acceptor') && r.includes('proposer')) return 'server';
  if (r.includes('acceptor')) return 'acceptor';
  if (r.includes('proposer') || r.includes('leader')) return 'proposer';
  return 'learner';
}

/**
 * Lays the nodes out in a picture `width` pixels wide. `lines(id)` is how many text lines a node's box
 * holds (its state decides it), so rows grow to fit their tallest node.
 */
export function layoutNetwork(nodes: readonly NodeInfo[], width: number, lines: (id: NodeId) => number): NetworkLayout {
  const w = Math.max(280, Math.round(width));
  const compact = w < COMPACT_BELOW;
  const lineH = compact ? 12 : 14;
  const lane = compact ? COMPACT_LANE : LANE;
  const boxH = (id: NodeId): number => 24 + lineH * lines(id);
  const byPlace = new Map<Place, NodeInfo[]>();
  for (const n of nodes) {
    const p = placeOf(n);
    byPlace.set(p, [...(byPlace.get(p) ?? []), n]);
  }
  const boxes = new Map<NodeId, NodeBox>();
  // A role with more nodes than fit side by side (five acceptors on a phone) takes two rows or more.
  const perRow = Math.max(2, Math.floor((w - 2 * MARGIN) / (compact ? MIN_COMPACT_BOX : MIN_BOX)));
  const rowsOf = (list: readonly NodeInfo[]): NodeInfo[][] => {
    const count = Math.ceil(list.length / perRow);
    const size = Math.ceil(list.length / count);
    return Array.from({ length: count }, (_, i) => list.slice(i * size, (i + 1) * size));
  };
  const widest = Math.max(1, ...[...byPlace.values()].flatMap((list) => rowsOf(list).map((r) => r.length)));
  const boxW = Math.min(compact ? 104 : 150, Math.floor((w - 2 * MARGIN) / widest) - (compact ? 6 : 14));
  let y = MARGIN;
  const row = (all: readonly NodeInfo[], place: Place): void => {
    const split = rowsOf(all);
    split.forEach((list, r) => {
      const h = Math.max(...list.map((n) => boxH(n.id)));
      list.forEach((n, i) => {
        boxes.set(n.id, { id: n.id, place, x: MARGIN + ((w - 2 * MARGIN) * (i + 0.5)) / list.length, y: y + h / 2, w: boxW, h: boxH(n.id) });
      });
      // Rows of one role sit close together; the wide lane is between roles, where messages travel.
      y += h + (r < split.length - 1 ? ROLE_GAP : lane);
    });
  };

  const servers = byPlace.get('server') ?? [];
  if (servers.length > 0) {
    // Servers send to themselves too (a leader accepts its own proposal): room for that loop above the ring.
    y += SELF_LOOP;
    // A ring (a pair stands side by side); its radius keeps neighbouring boxes apart.
    const n = servers.length;
    const h = Math.max(...servers.map((s) => boxH(s.id)));
    const gap = Math.hypot(boxW, h) + 28;
    const radius = n === 1 ? 0 : Math.min((w - 2 * MARGIN - boxW) / 2, Math.max(gap / (2 * Math.sin(Math.PI / n)), compact ? 70 : 110));
    const cx = w / 2;
    const top = y + h / 2;
    let bottom = top;
    servers.forEach((s, i) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
      const sx = cx + radius * Math.cos(angle);
      const sy = top + radius * (1 + Math.sin(angle)) * (n === 2 ? 0 : 0.8);
      bottom = Math.max(bottom, sy);
      boxes.set(s.id, { id: s.id, place: 'server', x: sx, y: sy, w: boxW, h: boxH(s.id) });
    });
    y = bottom + h / 2 + lane;
    const clients = byPlace.get('client') ?? [];
    if (clients.length > 0) row(clients, 'client');
    for (const p of ['proposer', 'acceptor', 'learner'] as const) if (byPlace.has(p)) row(byPlace.get(p)!, p);
  } else {
    // Clients that write to acceptors directly (Fast) put the coordinator under the acceptors.
    const order: Place[] = byPlace.has('client') ? ['client', 'acceptor', 'proposer', 'learner'] : ['proposer', 'acceptor', 'learner'];
    for (const p of order) if (byPlace.has(p)) row(byPlace.get(p)!, p);
  }
  return { width: w, height: Math.round(y - lane + MARGIN), compact, boxes };
}

/** Where the segment from the centre of `b` toward `toward` leaves b's box. */
function edgeOf(b: NodeBox, toward: Point): Point {
  const dx = toward.x - b.x;
  const dy = toward.y - b.y;
  if (dx === 0 && dy === 0) return { x: b.x, y: b.y };
  const sx = dx === 0 ? Infinity : b.w / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : b.h / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return { x: b.x + dx * s, y: b.y + dy * s };
}

/** The visible stretch of the edge from one node's box to another's (a message to itself loops above it). */
export function edge(layout: NetworkLayout, from: NodeId, to: NodeId): { a: Point; b: Point } | null {
  const f = layout.boxes.get(from);
  const t = layout.boxes.get(to);
  if (!f || !t) return null;
  if (from === to) return { a: { x: f.x - f.w / 4, y: f.y - f.h / 2 }, b: { x: f.x + f.w / 4, y: f.y - f.h / 2 } };
  return { a: edgeOf(f, t), b: edgeOf(t, f) };
}

/**
 * A point `progress` (0 … 1) of the way along the edge, shifted `lane` pixels to the right of the
 * direction of travel: a message and its reply on the same edge pass each other instead of overlapping.
 */
export function alongEdge(layout: NetworkLayout, from: NodeId, to: NodeId, progress: number, lane: number): Point | null {
  const e = edge(layout, from, to);
  if (!e) return null;
  const p = Math.max(0, Math.min(1, progress));
  const dx = e.b.x - e.a.x;
  const dy = e.b.y - e.a.y;
  const len = Math.hypot(dx, dy) || 1;
  // Right-hand normal of the direction of travel (screen coordinates: y grows downward).
  const nx = -dy / len;
  const ny = dx / len;
  // A message to oneself arcs over the top of its node, inside the room the layout keeps there.
  if (from === to) return { x: e.a.x + dx * p + lane * 0.3, y: e.a.y - 10 - Math.sin(Math.PI * p) * 8 };
  return { x: e.a.x + dx * p + nx * lane, y: e.a.y + dy * p + ny * lane };
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

const overlaps = (a: Rect, b: Rect): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * Where each message's label goes: right of its dot, else left of it, else nowhere (the dot alone; its
 * label shows on focus or hover), so that no label covers another label or a node. Greedy, in the order given.
 */
export function placeLabels(layout: NetworkLayout, dots: readonly { at: Point; width: number }[]): ('right' | 'left' | null)[] {
  const taken: Rect[] = [...layout.boxes.values()].map((b) => ({ x: b.x - b.w / 2, y: b.y - b.h / 2, w: b.w, h: b.h }));
  // The dots themselves stay visible.
  for (const d of dots) taken.push({ x: d.at.x - 6, y: d.at.y - 6, w: 12, h: 12 });
  return dots.map((d) => {
    for (const side of ['right', 'left'] as const) {
      const r = { x: side === 'right' ? d.at.x + 9 : d.at.x - 9 - d.width, y: d.at.y - 9, w: d.width, h: 18 };
      if (r.x < 0 || r.x + r.w > layout.width) continue;
      if (taken.some((t) => overlaps(r, t))) continue;
      taken.push(r);
      return side;
    }
    return null;
  });
}
