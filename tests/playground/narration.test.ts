// Narrated runs: the optional `narration` caption on scenario steps (validated, ignored by the engine) and
// the playground model's tour from caption to caption. Every run here is checked against the safety
// properties (mutant scenarios excepted: they are meant to break them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import { runScenario } from '../../src/paxos/sim/run.ts';
import { NARRATION_MAX, ScenarioError, type Scenario } from '../../src/paxos/sim/scenario.ts';
import { resolveScenario } from '../../src/paxos/sim/validate.ts';
import { PlaygroundModel } from '../../src/components/playground/model.ts';
import { scenarioCatalog } from '../../src/scenarios/index.ts';
import { preempted } from '../../src/scenarios/basic.ts';
import { getProtocol } from '../../src/paxos/registry.ts';

const narrated = Object.entries(scenarioCatalog).filter(([, s]) => (s.steps ?? []).some((step) => step.narration));
const safeUnlessMutant = (model: PlaygroundModel, what: string): void => {
  const bad = checkTrace(model.run.trace());
  if (!model.run.scenario.mutant) assert.equal(bad, null, `${what}: ${bad?.message}`);
};

test('the key scenario of every chapter is narrated, and narration changes nothing the engine does', () => {
  for (const name of ['basic/smooth', 'basic/preempted', 'basic/value-adoption', 'basic/nack-preempted', 'multi/steady', 'multi/takeover-half-accepted', 'multi/lost-promise', 'fast/collision-recovery', 'basic/flexible-quorums', 'fast/uncoordinated-recovery', 'multi/reconfigure', 'fast/coordinated-recovery']) {
    assert.ok(narrated.some(([n]) => n === name), `${name} has captions`);
  }
  for (const [name, scenario] of narrated) {
    const silent: Scenario = { ...scenario, steps: scenario.steps!.map(({ narration: _, ...step }) => step as typeof step) };
    assert.deepEqual(runScenario(scenario), runScenario(silent), name);
    for (const s of scenario.steps!) if (s.narration) assert.ok([...s.narration].length <= NARRATION_MAX, `${name}: ${s.narration}`);
  }
});

test('a caption that is too long, empty or not text is refused, naming the step', () => {
  const withNarration = (narration: unknown): Scenario => ({ ...preempted, steps: [{ type: 'propose', node: 'P1', value: 'v', narration } as never] });
  assert.doesNotThrow(() => resolveScenario(withNarration('P1 提议 v。'), getProtocol));
  const refused = (narration: unknown, message: RegExp): void => {
    assert.throws(
      () => resolveScenario(withNarration(narration), getProtocol),
      (err: unknown) => err instanceof ScenarioError && err.path === 'steps[0].narration' && message.test(err.message),
    );
  };
  refused('很'.repeat(NARRATION_MAX + 1), new RegExp(`${NARRATION_MAX + 1} characters; a caption holds at most ${NARRATION_MAX}`));
  refused('  ', /non-empty caption/);
  refused(42, /non-empty caption string, got 42/);
});

test('the tour visits every caption in order, goes back, and ends on the build-time run', () => {
  for (const [name, scenario] of narrated) {
    const model = new PlaygroundModel(scenario, (s) => resolveScenario(s, getProtocol));
    const captions = model.captions();
    assert.equal(model.captionHere(), null, `${name}: no caption before the run starts`);
    const seen: string[] = [];
    for (let i = 0; i < captions.length + 2 && model.hasNextCaption(); i++) {
      const o = model.nextCaption();
      assert.ok(o.moved, `${name}: next caption ${i} moved`);
      const here = model.captionHere()!;
      assert.equal(here.fresh, true, `${name}: standing on the caption's first command`);
      seen.push(here.caption.text);
    }
    assert.deepEqual(seen, captions.map((c) => c.text), name);
    assert.deepEqual(model.captionPositions().length, captions.length, name);
    // Back one caption at a time to the start.
    for (let i = captions.length - 2; i >= 0; i--) {
      model.previousCaption();
      assert.equal(model.captionHere()?.caption.text, captions[i]!.text, `${name}: back to caption ${i}`);
    }
    model.previousCaption();
    assert.equal(model.run.position, 0, `${name}: back to the start`);
    // Forward again along the same timeline, then the rest of the script: the build-time trace.
    while (model.hasNextCaption()) model.nextCaption();
    model.runScript();
    assert.deepEqual(model.run.trace(), runScenario(scenario), name);
    safeUnlessMutant(model, name);
  }
});

test('autoplay steps one command at a time and says when it reaches a caption', () => {
  const model = new PlaygroundModel(preempted, (s) => resolveScenario(s, getProtocol));
  let reached = 0;
  let commands = 0;
  for (let i = 0; i < 500; i++) {
    const o = model.stepTowardCaption();
    if (!o.moved) break;
    commands++;
    if (o.reached) reached++;
  }
  assert.equal(reached, model.captions().length);
  assert.equal(commands, model.captionPositions().at(-1), 'it stopped on the last caption');
  safeUnlessMutant(model, 'preempted');
});

test('actions return what happened: moved, forked, refused, the script complaint; subscribers hear each', () => {
  const model = new PlaygroundModel(preempted, (s) => resolveScenario(s, getProtocol));
  const heard: string[] = [];
  const stop = model.subscribe((o) => heard.push(`${o.moved}/${o.forked}/${o.refused !== ''}/${o.scriptError !== ''}`));
  assert.deepEqual(model.step(), { moved: true, forked: false, scriptError: '', refused: '' });
  const refused = model.act({ type: 'deliver', match: { id: 999 } });
  assert.equal(refused.moved, false);
  assert.match(refused.refused, /999|no message/);
  model.step();
  model.seek(1);
  const forked = model.act({ type: 'crash', node: 'A1' });
  assert.equal(forked.forked, true);
  assert.equal(model.step().forked, false, 'the next command no longer forks');
  stop();
  model.step();
  assert.deepEqual(heard, ['true/false/false/false', 'false/false/true/false', 'true/false/false/false', 'true/false/false/false', 'true/true/false/false', 'true/false/false/false']);
  safeUnlessMutant(model, 'actions');

  const noNack = new PlaygroundModel({ ...preempted, nack: false }, (s) => resolveScenario(s, getProtocol));
  const complaints = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const o = noNack.step();
    if (o.scriptError) complaints.add(o.scriptError);
    if (!o.moved) break;
  }
  assert.equal(complaints.size, 1);
  assert.match([...complaints][0]!, /脚本第 \d+ 步做不到/);
  safeUnlessMutant(noNack, 'nack off');
});
