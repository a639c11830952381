// Issue #14, point 4: scenarios that are valid but never finish replaying. One replay budget in the
// engine's simulator (SCENARIO_LIMITS.inFlight messages in flight, the run's maxEvents events, at most
// SCENARIO_LIMITS.steps steps) ends them with a ReplayBudgetError naming the step, whether the scenario
// comes from a share link, a scenario file (paxos simulate) or a ```paxos fence. Each replay runs in a
// worker with a generous deadline (bounded.ts), so a replay that hangs fails here instead of hanging.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCENARIO_LIMITS } from '../../src/paxos/sim/limits.ts';
import { ReplayBudgetError, Simulation } from '../../src/paxos/sim/simulation.ts';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import { encodeRunLink } from '../../src/figures/playground-link/codec.ts';
import { bounded, type Ending } from './bounded.ts';
import { getProtocol } from '../../src/paxos/registry.ts';
import { resolveScenario } from '../../src/paxos/sim/validate.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const propose = { type: 'propose', node: 'P1', value: 'v' } as const;

/** The three scripts of the issue, each after one proposal (so that prepares are in flight). */
const HOSTILE: readonly { readonly name: string; readonly steps: readonly object[]; readonly step: number }[] = [
  { name: 'duplicate count 2^53−1', steps: [propose, { type: 'duplicate', match: {}, count: Number.MAX_SAFE_INTEGER }], step: 1 },
  { name: 'duplicate count 100000', steps: [propose, { type: 'duplicate', match: {}, count: 100_000 }], step: 1 },
  // Each "all" doubles the three prepares: the 10th would put 3·2^10 > 2000 in flight.
  { name: '25 × duplicate count "all"', steps: [propose, ...Array.from({ length: 25 }, () => ({ type: 'duplicate', match: {}, count: 'all' }))], step: 10 },
];

function budgetError(e: Ending, label: string): { path: string; message: string } {
  assert.notEqual(e.ended, 'timeout', `${label}: the replay did not end`);
  assert.equal(e.ended, 'error', `${label}: the replay should stop with the budget's message, got ${JSON.stringify(e)}`);
  const err = e as Extract<Ending, { ended: 'error' }>;
  assert.equal(err.name, 'ReplayBudgetError', `${label}: ${err.message}`);
  return { path: err.path ?? '', message: err.message };
}

for (const h of HOSTILE) {
  test(`scenario file / engine: ${h.name} ends with the replay budget's message naming the step`, async () => {
    const e = budgetError(await bounded('replayScenario', [{ protocol: 'basic', workload: false, steps: h.steps }]), h.name);
    assert.equal(e.path, `steps[${h.step}]`);
    assert.match(e.message, new RegExp(`^steps\\[${h.step}\\]: replay budget exceeded at step ${h.step + 1} \\(duplicate\\): more than ${SCENARIO_LIMITS.inFlight} messages`));
  });

  test(`share link: ${h.name} as the reader's actions ends with the same message`, async () => {
    const [first, ...rest] = h.steps;
    // The link records the proposal and the duplicates as actions; the playground replays them one by one.
    const fragment = encodeRunLink({ scenario: { protocol: 'basic', workload: false, steps: [first as never] }, commands: [{ type: 'next' }, ...rest.map((step) => ({ type: 'act' as const, step: step as never }))], position: 0 });
    const r = await bounded('replayLink', [fragment]);
    assert.notEqual(r.ended, 'timeout', 'the link never finished replaying');
    assert.equal(r.ended, 'value', JSON.stringify(r));
    const out = (r as Extract<Ending, { ended: 'value' }>).value as { decoded: boolean; error: { name: string; message: string } | null };
    assert.equal(out.decoded, true);
    assert.equal(out.error?.name, 'ReplayBudgetError', JSON.stringify(out));
    assert.match(out.error!.message, new RegExp(`replay budget exceeded at step ${h.step + 1} \\(duplicate\\)`));
  });

  test(`paxos fence: ${h.name} fails the block naming the step`, async () => {
    const yaml = `protocol: basic\nworkload: false\nsteps:\n${h.steps.map((s) => `  - ${JSON.stringify(s)}`).join('\n')}\n`;
    const r = await bounded('replayFence', [yaml]);
    assert.notEqual(r.ended, 'timeout', 'the fence never finished replaying');
    assert.equal(r.ended, 'value', JSON.stringify(r));
    const out = (r as Extract<Ending, { ended: 'value' }>).value as { field: string; line: number; message: string };
    assert.equal(out.field, `steps[${h.step}]`);
    assert.equal(out.line, 4 + h.step, 'the line of the step inside the block');
    assert.match(out.message, /^replay budget exceeded at step \d+ \(duplicate\)/);
  });
}

test('paxos simulate --scenario: exit 2 and one line naming the file and the step', () => {
  const dir = mkdtempSync(join(tmpdir(), 'replay-budget-'));
  try {
    const file = join(dir, 'dup.json');
    writeFileSync(file, JSON.stringify({ protocol: 'basic', workload: false, steps: HOSTILE[0]!.steps }));
    const r = spawnSync(process.execPath, ['src/cli/paxos.ts', 'simulate', '--scenario', file], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 2, `exit ${r.status} ${r.signal ?? ''}: ${r.stderr.slice(0, 300)}`);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`^paxos simulate: ${file.replace(/[/.]/g, '\\$&')}: steps\\[1\\]: replay budget exceeded at step 2 \\(duplicate\\)`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the budget counts events too: a step past the run\'s maxEvents is refused, and a refused step changes nothing', () => {
  const sim = new Simulation(resolveScenario({ protocol: 'basic', maxEvents: 12, workload: false, steps: [propose, { type: 'run', until: 'quiet' }] }, getProtocol));
  sim.runSteps();
  // `run` stops by itself at maxEvents (a normal end, as before)…
  assert.equal(sim.stopReason, 'max-events');
  const before = { events: sim.events().length, inFlight: sim.inFlight().length, time: sim.time, steps: sim.steps().length };
  // …and a step asked for afterwards is over budget, with the step's number in the run.
  assert.throws(
    () => sim.apply({ type: 'deliver', match: {} }, 'action'),
    (e: unknown) => e instanceof ReplayBudgetError && e.path === 'action' && /at step 3 \(deliver\): the run has recorded \d+ events, its limit \(maxEvents 12\)/.test(e.message),
  );
  assert.deepEqual({ events: sim.events().length, inFlight: sim.inFlight().length, time: sim.time, steps: sim.steps().length }, before);
  assert.equal(checkTrace(sim.trace()), null);
});

test('a duplicate that would overflow the network leaves the run as it was, and the run goes on', () => {
  const sim = new Simulation(resolveScenario({ protocol: 'basic', workload: false, steps: [propose] }, getProtocol));
  sim.runSteps();
  const inFlight = sim.inFlight().length;
  assert.throws(() => sim.apply({ type: 'duplicate', match: {}, count: 100_000 }), ReplayBudgetError);
  assert.equal(sim.inFlight().length, inFlight);
  sim.apply({ type: 'duplicate', match: {}, count: 'all' });
  assert.equal(sim.inFlight().length, 2 * inFlight);
  sim.apply({ type: 'run', until: 'quiet' });
  assert.equal(sim.stopReason, 'quiet');
  assert.equal(checkTrace(sim.trace()), null);
});

test('a scenario may not hold more steps than the limit', async () => {
  const steps = Array.from({ length: SCENARIO_LIMITS.steps + 1 }, () => ({ type: 'tick' }));
  const e = await bounded('replayScenario', [{ protocol: 'basic', steps }]);
  assert.equal(e.ended, 'error');
  assert.match((e as Extract<Ending, { ended: 'error' }>).message, new RegExp(`^steps: at most ${SCENARIO_LIMITS.steps}`));
});

// Seeded fuzz (bench/fuzz/share-link.ts, bench/fuzz/scenario.ts): every hostile link and scenario either
// runs (and stays safe and within the limits) or is refused with the engine's message. 300 of each here;
// `npm run bench -- fuzz` runs thousands.
test('fuzz: 300 hostile share links decode and replay to an end', async () => {
  const r = await bounded('fuzzLinks', [1, 300], 120_000);
  assert.equal(r.ended, 'value', JSON.stringify(r));
  const failures = (r as Extract<Ending, { ended: 'value' }>).value as string[];
  assert.deepEqual(failures, [], failures.slice(0, 5).join('\n'));
});
