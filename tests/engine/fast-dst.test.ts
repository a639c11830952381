// Deterministic simulation testing of Fast Paxos: thousands of seeded random runs with message loss,
// duplication, reordering, partitions, crashes and concurrent clients, every trace judged by checkTrace.
// Two loops: the shared one (dst-helpers.ts), whose settings are all CLI flags, so a failing seed prints
// the `paxos simulate --seed …` command that replays it; and a wider one that also varies what only a
// scenario file can set (opening, quorum sizes, dedicated learners, reordering), whose failure prints the
// scenario to save and replay with `paxos simulate --scenario it.json`.
// FAST_DST_RUNS=N changes the number of runs of the wider loop. Counts are fixed (no time budget), so every
// machine checks the same seeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { simulate, runScenario, type Scenario } from '../../src/paxos/sim/index.ts';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import { Random } from '../../src/paxos/core/random.ts';
import { smallestClassicQuorum, smallestFastQuorum, FAST_OPENINGS } from '../../src/paxos/fast/config.ts';
import { formatFailures, randomFaultyNetwork, replayCommand, runDst, toScenario } from './dst-helpers.ts';

const RUNS = Number(process.env['FAST_DST_RUNS'] ?? 6_000);
const root = fileURLToPath(new URL('../../', import.meta.url));

test('DST (shared helpers, CLI-replayable seeds): random faulty Fast Paxos runs never break a safety property', () => {
  for (const clients of [2, 3]) {
    const r = runDst({ protocol: 'fast', runs: 5000, overrides: { clients } });
    assert.deepEqual(r.failures, [], formatFailures(r));
    assert.equal(r.runs, 5000);
    assert.ok(r.decided > r.runs * 0.8, `${r.decided} of ${r.runs} runs decided`);
    process.stderr.write(`dst fast (${clients} clients): ${r.runs} runs, ${r.events} events, ${r.decided} decided, 0 violations, ${r.ms} ms\n`);
  }
});

test('DST (shared helpers) catches small-fast-quorum, and the printed command replays that trace', () => {
  const r = runDst({ protocol: 'fast', runs: 3000, overrides: { mutant: 'small-fast-quorum' } });
  assert.equal(r.failures.length, 1, 'the mutant should be caught');
  const f = r.failures[0]!;
  assert.equal(f.violation.property, 'agreement');
  const args = replayCommand(f.settings, 'json').replace('npm run --silent paxos -- ', '').split(' ');
  const run = spawnSync(process.execPath, ['src/cli/paxos.ts', ...args], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim(), JSON.stringify(runScenario(toScenario(f.settings))));
  process.stderr.write(`dst fast mutant small-fast-quorum: caught at seed ${f.settings.seed}: ${f.command}\n`);
});

/** The random faulty scenario for one seed: sizes, quorums, opening, network and faults all drawn from it. */
function faultyScenario(seed: number): Scenario {
  const r = new Random(seed);
  const n = r.int(3, 7);
  const classicQuorum = r.chance(0.7) ? smallestClassicQuorum(n) : r.int(smallestClassicQuorum(n), n);
  const fastQuorum = r.chance(0.7) ? smallestFastQuorum(n, classicQuorum) : r.int(smallestFastQuorum(n, classicQuorum), n);
  return {
    protocol: 'fast',
    seed,
    acceptors: n,
    classicQuorum,
    fastQuorum,
    clients: r.int(0, 3), // 0: the workload asks the coordinator itself to propose
    nack: r.chance(0.5),
    options: { opening: r.pick(FAST_OPENINGS), learners: r.int(0, 1) },
    network: randomFaultyNetwork(r, 4, 2),
    faults: { crashes: r.int(0, 2) },
    proposals: r.int(1, 2),
    maxTime: 300,
  };
}

test(`DST (wider settings): ${RUNS} random faulty Fast Paxos runs, 0 safety violations`, () => {
  const start = performance.now();
  let events = 0;
  let decided = 0;
  let ran = 0;
  for (let seed = 1; seed <= RUNS; seed++) {
    const scenario = faultyScenario(seed);
    const trace = simulate(scenario).trace();
    const violation = checkTrace(trace);
    if (violation) {
      assert.fail(
        `fast DST seed ${seed}: ${violation.property} at event ${violation.seq}: ${violation.message}\n` +
          `replay: save this scenario and run \`npm run --silent paxos -- simulate --scenario it.json --format text\`\n${JSON.stringify(scenario)}`,
      );
    }
    ran++;
    events += trace.events.length;
    if (trace.events.some((e) => e.type === 'chosen')) decided++;
    if (seed % 2500 === 0) process.stderr.write(`fast DST: ${seed}/${RUNS} runs, ${events} events, ${Math.round(performance.now() - start)} ms\n`);
  }
  const ms = Math.round(performance.now() - start);
  process.stderr.write(`fast DST: ${ran} runs, ${events} events, ${decided} decided, 0 violations, ${ms} ms\n`);
  // Not a safety property, but a protocol that never decides would pass the loop above vacuously.
  assert.ok(decided > ran * 0.8, `only ${decided} of ${ran} runs chose a value`);
});

test('DST: without faults, concurrent clients always get a value chosen (and only one)', () => {
  for (let seed = 1; seed <= 1000; seed++) {
    const r = new Random(seed ^ 0x2f);
    const scenario: Scenario = {
      protocol: 'fast',
      seed,
      acceptors: r.int(3, 7),
      clients: r.int(1, 4),
      options: { opening: r.pick(FAST_OPENINGS), learners: r.int(0, 2) },
      network: { latency: [1, r.int(1, 4)], reorder: r.pick([0, 0.3]) },
      maxTime: 400,
    };
    const sim = simulate(scenario);
    const trace = sim.trace();
    const violation = checkTrace(trace);
    assert.equal(violation, null, `seed ${seed}: ${violation?.message}\n${JSON.stringify(scenario)}`);
    const values = new Set(trace.events.filter((e) => e.type === 'chosen').map((e) => (e.type === 'chosen' ? e.value : null)));
    assert.equal(values.size, 1, `seed ${seed}: chosen ${[...values].join(', ') || 'nothing'} (stopped: ${sim.stopReason})\n${JSON.stringify(scenario)}`);
    assert.equal(sim.stopReason, 'quiet', `seed ${seed}: the run should settle (stopped: ${sim.stopReason})`);
  }
});

test('DST (wider settings) catches the small-fast-quorum mutant too', () => {
  let caught = 0;
  let first = 0;
  for (let seed = 1; seed <= 1000; seed++) {
    const base = faultyScenario(seed);
    const { classicQuorum: _c, fastQuorum: _f, ...rest } = base;
    const trace = simulate({ ...rest, mutant: 'small-fast-quorum', faults: { crashes: 0 } }).trace();
    const v = checkTrace(trace);
    if (v) {
      caught++;
      if (!first) first = seed;
      assert.equal(v.property, 'agreement', `seed ${seed}: ${v.message}`);
    }
  }
  process.stderr.write(`fast DST mutant small-fast-quorum: ${caught}/1000 runs violate agreement (first: seed ${first})\n`);
  assert.ok(caught > 0, 'a broken fast quorum must show up in random runs');
});
