// What the state table says about membership (Multi with reconfiguration): each server's view names the
// acceptors of its next slot and the changes still to come (multi/membership.ts membershipView, written
// by multi/view.ts), and the playground's words turn them into the membership column's lines. Checked on
// hand-built states and along the scenario multi/reconfigure, whose every step is also checked against
// the trace's safety properties.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { multiPaxos, type MultiConfig, type ServerState } from '../../src/paxos/multi/index.ts';
import { membershipView } from '../../src/paxos/multi/membership.ts';
import type { Message, Outgoing } from '../../src/paxos/core/message.ts';
import type { NodeId, Value } from '../../src/paxos/core/ids.ts';
import { PlaygroundRun } from '../../src/components/playground/run.ts';
import { membershipLines } from '../../src/components/playground/words.ts';
import { getProtocol } from '../../src/paxos/registry.ts';
import { resolveScenario } from '../../src/paxos/sim/validate.ts';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import { reconfigure, steady } from '../../src/scenarios/multi.ts';

const cfg = (extra: Partial<MultiConfig> = {}): MultiConfig => multiPaxos.config({ protocol: 'multi', acceptors: 4, alpha: 1, members: 3, ...extra });
const server = (c: MultiConfig, id: NodeId): ServerState => multiPaxos.init({ id, roles: ['proposer', 'acceptor', 'learner'] }, c) as ServerState;
const learned = (s: ServerState, values: Value[]): ServerState => ({
  ...s,
  learned: values.map((value) => ({ ballot: { round: 1, node: 'S1' }, value })),
  firstUnchosen: values.length,
});
let nextId = 1;
const deliver = (c: MultiConfig, s: ServerState, from: NodeId, body: Outgoing): ServerState =>
  multiPaxos.step(s, { type: 'message', msg: { ...body, id: nextId++, from } as Message }, c, 0).state as ServerState;

test('a follower: the acceptors of its first unchosen slot, and a chosen change that is still α slots away', () => {
  const s = learned(server(cfg(), 'S2'), ['set x 1', 'config S1 S2 S4']);
  // α = 1: the change in slot 1 governs slot 2, the follower's next slot.
  assert.deepEqual(membershipView(s, cfg()), { slot: 2, members: ['S1', 'S2', 'S4'], pending: [] });
  // α = 3: slot 2 still belongs to the first membership; the change waits for slot 4.
  const wide = cfg({ alpha: 3 });
  assert.deepEqual(membershipView(s, wide), { slot: 2, members: ['S1', 'S2', 'S3'], pending: [{ from: 4, members: ['S1', 'S2', 'S4'], chosen: true }] });
  assert.equal(multiPaxos.view(s, wide).extra['members'], 's2: S1 S2 S3');
  assert.equal(multiPaxos.view(s, wide).extra['changes'], 's4: S1 S2 S4');
});

test('a leader that proposed a change: its next slot is unknown until the change\'s slot is chosen, the change is marked proposed', () => {
  const c = cfg();
  let s = multiPaxos.step(server(c, 'S1'), { type: 'timeout', timer: 'election' }, c, 0).state as ServerState;
  for (const id of ['S1', 'S2']) s = deliver(c, s, id, { kind: 'promise', to: 'S1', ballot: s.lastBallot, slot: 0, accepted: [] });
  assert.equal(s.role, 'leader');
  s = multiPaxos.step(s, { type: 'propose', value: 'config S1 S2 S4' }, c, 0).state as ServerState;
  assert.deepEqual(membershipView(s, c), { slot: 1, members: null, pending: [{ from: 1, members: ['S1', 'S2', 'S4'], chosen: false }] });
  const extra = multiPaxos.view(s, c).extra;
  assert.deepEqual([extra['members'], extra['changes']], ['s1: ?', 's1: S1 S2 S4 (proposed)']);
  const lines = membershipLines(extra);
  assert.equal(lines.length, 2);
  assert.match(lines[0]!, /^s1: 待定/);
  assert.equal(lines[1], '待生效 s1: S1 S2 S4（未选定）');
  // The variant takes the change at once: its next slot already belongs to the new membership.
  const v = cfg({ mutant: 'reconfigure-immediately' });
  assert.deepEqual(membershipView({ ...s }, v).members, ['S1', 'S2', 'S4']);
});

test('without reconfiguration a view has no membership, and the table shows no membership column', () => {
  const run = new PlaygroundRun(resolveScenario(steady, getProtocol));
  run.runScript();
  for (const n of run.nodes()) {
    assert.equal(n.view.extra['members'], undefined, n.info.id);
    assert.deepEqual(membershipLines(n.view.extra), []);
  }
});

test('multi/reconfigure in the playground: every server\'s membership follows the log, step by step', () => {
  const run = new PlaygroundRun(resolveScenario(reconfigure, getProtocol));
  const seen = new Map<NodeId, Set<string>>();
  let steps = 0;
  while (run.next() && steps++ < 500) {
    for (const n of run.nodes()) {
      if (!n.info.roles.includes('acceptor')) {
        assert.equal(n.view.extra['members'], undefined, `${n.info.id} is a client`);
        continue;
      }
      const members = n.view.extra['members'];
      assert.ok(members !== undefined && /^s\d+: (\?|S\d( S\d)*)$/.test(members), `${n.info.id}: ${members}`);
      const set = seen.get(n.info.id) ?? new Set<string>();
      set.add(members.replace(/^s\d+: /, ''));
      seen.set(n.info.id, set);
    }
  }
  assert.equal(checkTrace(run.trace()), null);
  // Every server starts under S1 S2 S3; S1 (the leader), S2 and S4 end under S1 S2 S4. S3, crashed, is
  // left believing what it last learned.
  for (const id of ['S1', 'S2', 'S3']) assert.ok(seen.get(id)!.has('S1 S2 S3'), id);
  const last = new Map(run.nodes().map((n) => [n.info.id, n.view.extra['members']]));
  assert.match(last.get('S1')!, /: S1 S2 S4$/);
  assert.match(last.get('S2')!, /: S1 S2 S4$/);
  assert.match(last.get('S4')!, /: S1 S2 S4$/);
  // While the leader waited for slot 1 (the change) to be chosen, it showed the change as proposed.
  assert.ok(seen.get('S1')!.has('?'), 'the leader\'s next slot was unknown while the change was open');
});
