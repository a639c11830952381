// The network picture's geometry: every node of every scenario gets a box inside the picture at any width
// from a phone's to a wide page's, no two boxes overlap, roles read top to bottom (Multi's servers in a
// ring), messages travel from the sender's box to the receiver's on their own side of the edge, and
// message labels never cover a node or each other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeLines } from '../../src/components/playground/node-state.ts';
import { alongEdge, edge, layoutNetwork, placeLabels, type NetworkLayout, type Rect } from '../../src/components/playground/network-layout.ts';
import { PlaygroundRun } from '../../src/components/playground/run.ts';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import { scenarioCatalog } from '../../src/scenarios/index.ts';
import { getProtocol } from '../../src/paxos/registry.ts';
import { resolveScenario } from '../../src/paxos/sim/validate.ts';

const WIDTHS = [280, 300, 360, 520, 700, 1100];
const rect = (l: NetworkLayout, id: string): Rect => {
  const b = l.boxes.get(id)!;
  return { x: b.x - b.w / 2, y: b.y - b.h / 2, w: b.w, h: b.h };
};
const apart = (a: Rect, b: Rect): boolean => a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;

/** A scenario's run part-way, so node boxes carry real state (accepted entries make them taller). */
function midRun(name: string): PlaygroundRun {
  const run = new PlaygroundRun(resolveScenario(scenarioCatalog[name]!, getProtocol));
  for (let i = 0; i < 12 && run.next(); i++);
  const bad = checkTrace(run.trace());
  if (!run.scenario.mutant) assert.equal(bad, null, `${name}: ${bad?.message}`);
  return run;
}

test('every node of every scenario fits inside the picture, none overlapping, at every width', () => {
  for (const name of Object.keys(scenarioCatalog)) {
    const run = midRun(name);
    const slots = run.scenario.protocol === 'multi';
    const lines = new Map(run.nodes().map((n) => [n.info.id, nodeLines(n, slots).length]));
    for (const width of WIDTHS) {
      const l = layoutNetwork(run.sim.nodes, width, (id) => lines.get(id)!);
      assert.equal(l.width, Math.max(280, width));
      assert.equal(l.compact, width < 520);
      const ids = run.sim.nodes.map((n) => n.id);
      assert.equal(l.boxes.size, ids.length, name);
      for (const id of ids) {
        const r = rect(l, id);
        assert.ok(r.x >= 0 && r.x + r.w <= l.width && r.y >= 0 && r.y + r.h <= l.height, `${name} @${width}: ${id} inside`);
        assert.ok(r.w >= (l.compact ? 60 : 90), `${name} @${width}: ${id} is ${r.w}px wide`);
      }
      for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) assert.ok(apart(rect(l, ids[i]!), rect(l, ids[j]!)), `${name} @${width}: ${ids[i]} and ${ids[j]} overlap`);
    }
  }
});

test('roles read top to bottom; Multi\'s servers stand in a ring with the clients under it', () => {
  const y = (l: NetworkLayout, id: string): number => l.boxes.get(id)!.y;
  const basic = layoutNetwork(new PlaygroundRun(resolveScenario(scenarioCatalog['basic/preempted']!, getProtocol)).sim.nodes, 700, () => 2);
  assert.ok(y(basic, 'P1') < y(basic, 'A1') && y(basic, 'P2') === y(basic, 'P1') && y(basic, 'A1') === y(basic, 'A3'));
  const fast = layoutNetwork(new PlaygroundRun(resolveScenario(scenarioCatalog['fast/collision-recovery']!, getProtocol)).sim.nodes, 700, () => 2);
  assert.ok(y(fast, 'C1') < y(fast, 'A1') && y(fast, 'A1') < y(fast, 'L1'), 'clients, acceptors, then the coordinator');
  // On a phone five acceptors take two rows, still above the coordinator.
  const phone = layoutNetwork(new PlaygroundRun(resolveScenario(scenarioCatalog['fast/collision-recovery']!, getProtocol)).sim.nodes, 300, () => 2);
  assert.ok(y(phone, 'A1') < y(phone, 'A5') && y(phone, 'A5') < y(phone, 'L1'));
  const multi = layoutNetwork(new PlaygroundRun(resolveScenario(scenarioCatalog['multi/steady']!, getProtocol)).sim.nodes, 700, () => 2);
  const servers = ['S1', 'S2', 'S3'].map((id) => multi.boxes.get(id)!);
  const cx = servers.reduce((s, b) => s + b.x, 0) / 3;
  assert.ok(Math.abs(cx - 350) < 1, 'the ring is centred');
  assert.ok(servers[0]!.y < servers[1]!.y && Math.abs(servers[1]!.y - servers[2]!.y) < 1, 'S1 on top, S2 and S3 below it');
  assert.ok(y(multi, 'C1') > Math.max(...servers.map((b) => b.y)), 'the client under the ring');
});

test('a message travels from the edge of the sender\'s box to the receiver\'s, on the right of its way', () => {
  const l = layoutNetwork(new PlaygroundRun(resolveScenario(scenarioCatalog['basic/preempted']!, getProtocol)).sim.nodes, 700, () => 1);
  const e = edge(l, 'P1', 'A1')!;
  const p1 = rect(l, 'P1');
  const a1 = rect(l, 'A1');
  assert.ok(Math.abs(e.a.y - (p1.y + p1.h)) < 1e-6, 'leaves P1 through its bottom side');
  assert.ok(Math.abs(e.b.y - a1.y) < 1e-6, 'enters A1 through its top side');
  assert.deepEqual(alongEdge(l, 'P1', 'A1', 0, 0), e.a);
  assert.deepEqual(alongEdge(l, 'P1', 'A1', 1, 0), e.b);
  const there = alongEdge(l, 'P1', 'A1', 0.5, 8)!;
  const back = alongEdge(l, 'A1', 'P1', 0.5, 8)!;
  assert.ok(Math.hypot(there.x - back.x, there.y - back.y) > 15, 'a request and its reply pass each other');
  assert.equal(alongEdge(l, 'P1', 'X9', 0.5, 0), null, 'an unknown node has no edge');
  // Multi's servers send to themselves: the message arcs above its node, inside the picture.
  const ring = layoutNetwork(new PlaygroundRun(resolveScenario(scenarioCatalog['multi/steady']!, getProtocol)).sim.nodes, 700, () => 2);
  for (const lane of [7, 20, 33]) {
    for (const p of [0, 0.5, 1]) {
      const loop = alongEdge(ring, 'S1', 'S1', p, lane)!;
      assert.ok(loop.y >= 0 && loop.y < rect(ring, 'S1').y, `S1's message to itself at ${p} lane ${lane} is above it, in the picture`);
    }
  }
});

test('labels go where they cover neither a node nor another label, or are left to the dot', () => {
  const run = midRun('fast/collision-recovery');
  const l = layoutNetwork(run.sim.nodes, 700, () => 2);
  const dots = run.inFlight().map((f, i) => ({ at: alongEdge(l, f.msg.from, f.msg.to, 0.5, 7 + (i % 3) * 13)!, width: 90 }));
  assert.ok(dots.length >= 4, 'a crowded moment');
  const sides = placeLabels(l, dots);
  const rects: Rect[] = [];
  sides.forEach((side, i) => {
    if (!side) return;
    const d = dots[i]!;
    rects.push({ x: side === 'right' ? d.at.x + 9 : d.at.x - 9 - d.width, y: d.at.y - 9, w: d.width, h: 18 });
  });
  assert.ok(rects.length > 0, 'some labels are shown');
  for (const r of rects) {
    assert.ok(r.x >= 0 && r.x + r.w <= l.width);
    for (const id of l.boxes.keys()) assert.ok(apart(r, rect(l, id)), `a label covers ${id}`);
  }
  for (let i = 0; i < rects.length; i++) for (let j = i + 1; j < rects.length; j++) assert.ok(apart(rects[i]!, rects[j]!), 'two labels overlap');
});

test('a node draws its own state: durable promise and accepted entries first, chosen values, its own ballot', () => {
  const run = new PlaygroundRun(resolveScenario(scenarioCatalog['basic/preempted']!, getProtocol));
  run.runScript();
  const a1 = run.nodes().find((n) => n.info.id === 'A1')!;
  assert.deepEqual(nodeLines(a1, false), ['许诺 1.P2', '接受 1.P2=value2']);
  const p1 = run.nodes().find((n) => n.info.id === 'P1')!;
  assert.ok(nodeLines(p1, false).includes('选定 value2'));
  const fresh = new PlaygroundRun(resolveScenario(scenarioCatalog['basic/preempted']!, getProtocol)).nodes().find((n) => n.info.id === 'A1')!;
  assert.deepEqual(nodeLines(fresh, false), [], 'nothing promised yet: nothing drawn');
  const multi = new PlaygroundRun(resolveScenario(scenarioCatalog['multi/steady']!, getProtocol));
  multi.runScript();
  const s2 = multi.nodes().find((n) => n.info.id === 'S2')!;
  assert.ok(nodeLines(s2, true).some((l) => /^接受 s1 1\.S1=set y 2$/.test(l)), nodeLines(s2, true).join(' / '));
  assert.ok(nodeLines(s2, true).some((l) => l === '选定 s0=set x 1 s1=set y 2'), nodeLines(s2, true).join(' / '));
});
