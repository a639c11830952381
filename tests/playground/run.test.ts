// The playground's model: following a script, acting by hand, seeking, forking, and "copy as scenario".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PlaygroundRun } from '../../src/components/playground/run.ts';
import { layoutDiagram } from '../../src/components/playground/diagram.ts';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import { runScenario } from '../../src/paxos/sim/run.ts';
import { Random } from '../../src/paxos/core/random.ts';
import { scenarioCatalog } from '../../src/scenarios/index.ts';
import { preempted, valueAdoption } from '../../src/scenarios/basic.ts';
import { getProtocol } from '../../src/paxos/registry.ts';
import { resolveScenario } from '../../src/paxos/sim/validate.ts';

const safeUnlessMutant = (run: PlaygroundRun, what: string): void => {
  const bad = checkTrace(run.trace());
  if (!run.scenario.mutant) assert.equal(bad, null, `${what}: ${bad?.message}`);
};

test('"run the script" reaches exactly the build-time trace of every scripted scenario', () => {
  for (const [name, scenario] of Object.entries(scenarioCatalog)) {
    const run = new PlaygroundRun(resolveScenario(scenario, getProtocol));
    run.runScript();
    assert.equal(run.scriptActive, false, name);
    assert.deepEqual(run.trace(), runScenario(scenario), name);
    safeUnlessMutant(run, name);
  }
});

test('copy as scenario replays to the same trace, after random reader actions, for every scenario', () => {
  for (const [name, scenario] of Object.entries(scenarioCatalog)) {
    const rng = new Random(name.length * 7919);
    const run = new PlaygroundRun(resolveScenario(scenario, getProtocol));
    for (let i = 0; i < 40; i++) {
      const flights = run.inFlight();
      const nodes = run.nodes();
      const roll = rng.int(0, 9);
      try {
        if (roll < 5 || flights.length === 0) {
          if (!run.next()) break;
        } else if (roll < 8) {
          const f = flights[rng.int(0, flights.length - 1)]!;
          run.act({ type: roll === 5 ? 'drop' : roll === 6 ? 'deliver' : 'duplicate', match: { id: f.msg.id, copy: f.copy } });
        } else {
          const n = nodes[rng.int(0, nodes.length - 1)]!;
          run.act({ type: n.up ? 'crash' : 'recover', node: n.info.id });
        }
      } catch (err) {
        assert.fail(`${name}: action ${i} threw ${(err as Error).message}`);
      }
    }
    const exported = run.exportScenario();
    assert.deepEqual(runScenario(JSON.parse(JSON.stringify(exported))), run.trace(), name);
    safeUnlessMutant(run, name);
  }
});

test('seeking back and acting forks a new future; seeking without acting keeps the old one', () => {
  const run = new PlaygroundRun(resolveScenario(preempted, getProtocol));
  run.runScript();
  const end = run.length;
  const finalTrace = run.trace();
  run.seek(3);
  assert.equal(run.position, 3);
  assert.ok(run.events().length < finalTrace.events.length);
  run.seek(end);
  assert.deepEqual(run.trace(), finalTrace, 'forward again: the same future');
  run.seek(3);
  const flight = run.inFlight()[0]!;
  run.act({ type: 'drop', match: { id: flight.msg.id, copy: flight.copy } });
  assert.equal(run.forked, true);
  assert.equal(run.length, 4, 'the old future is cut off');
  assert.equal(run.scriptIndex, null, 'acting by hand leaves the script');
  assert.equal(run.trace().events.at(-1)!.type, 'drop');
  run.runToEnd();
  assert.notDeepEqual(run.trace(), finalTrace);
  assert.equal(checkTrace(run.trace()), null);
});

test('the incremental safety check agrees with checkTrace at every position, forward, backward and after a fork', () => {
  for (const [name, scenario] of Object.entries(scenarioCatalog)) {
    const run = new PlaygroundRun(resolveScenario(scenario, getProtocol));
    run.runScript();
    const positions = [run.length, 0, Math.floor(run.length / 2), run.length - 1, 1, run.length];
    for (const p of positions) {
      run.seek(p);
      assert.deepEqual(run.violation(), checkTrace(run.trace()), `${name} at ${p}`);
    }
    run.seek(Math.floor(run.length / 2));
    const f = run.inFlight()[0];
    if (f) run.act({ type: 'duplicate', match: { id: f.msg.id, copy: f.copy } });
    while (run.next() && run.length < 400) assert.deepEqual(run.violation(), checkTrace(run.trace()), `${name} after the fork`);
  }
});

test('an impossible action is refused and changes nothing', () => {
  const run = new PlaygroundRun(resolveScenario(preempted, getProtocol));
  run.next();
  const before = run.trace();
  assert.throws(() => run.act({ type: 'deliver', match: { id: 999 } }), /no message in flight/);
  assert.throws(() => run.act({ type: 'recover', node: 'A1' }), /not crashed/);
  assert.deepEqual(run.trace(), before);
  assert.equal(run.length, 1);
});

test('a script step that no longer fits (nack switched off) ends the script instead of failing', () => {
  const run = new PlaygroundRun(resolveScenario({ ...preempted, nack: false }, getProtocol));
  run.runToEnd();
  assert.match(run.scriptError, /脚本第 \d+ 步做不到/);
  assert.equal(checkTrace(run.trace()), null);
});

test('the live diagram shows deliveries, drops, notes, messages in flight and crashed spans', () => {
  const run = new PlaygroundRun(resolveScenario(valueAdoption, getProtocol));
  for (let i = 0; i < 4; i++) run.next();
  const f = run.inFlight()[0]!;
  run.act({ type: 'drop', match: { id: f.msg.id, copy: f.copy } });
  run.act({ type: 'crash', node: 'A3' });
  const layout = layoutDiagram(run.sim.nodes, run.events(), run.inFlight());
  const kinds = new Set(layout.rows.map((r) => r.kind));
  for (const k of ['deliver', 'drop', 'note', 'flight'] as const) assert.ok(kinds.has(k), k);
  assert.equal(layout.rows.filter((r) => r.kind === 'flight').length, run.inFlight().length);
  const a3 = run.sim.nodes.findIndex((n) => n.id === 'A3');
  assert.deepEqual(layout.down[a3]!.map(([, b]) => b), [layout.rows.length], 'A3 is down to the end');
  const capped = layoutDiagram(run.sim.nodes, run.events(), run.inFlight(), { maxRows: 3 });
  assert.equal(capped.rows.length, 3);
  assert.equal(capped.hidden, layout.rows.length - 3);
});

test('a broken rule turns the run red first; agreement, when it breaks, is found later and kept apart', () => {
  // A mutant's run breaks a rule's property first (or at the same event); agreement is tracked on past it.
  for (const name of ['basic/reused-ballot'] as const) {
    const scenario = scenarioCatalog[name]!;
    const run = new PlaygroundRun(resolveScenario(scenario, getProtocol));
    let red: number | null = null;
    let agreement: number | null = null;
    for (let i = 0; i < 2000 && run.next(); i++) {
      if (red === null && run.violation()) red = run.position;
      if (agreement === null && run.agreementViolation()) agreement = run.position;
    }
    assert.ok(red !== null && agreement !== null && red <= agreement, `${name}: red at ${red}, agreement at ${agreement}`);
    assert.equal(run.agreementViolation()!.property, 'agreement');
    assert.equal(checkTrace(run.trace())?.property, run.violation()!.property, 'the first violation is the trace checker\'s');
    // Seeking back before the agreement break forgets it; forward again finds the same event.
    const at = run.agreementViolation()!.seq;
    run.seek(agreement - 1);
    assert.equal(run.agreementViolation(), null);
    run.seek(agreement);
    assert.equal(run.agreementViolation()!.seq, at);
  }
});
