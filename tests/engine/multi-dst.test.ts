// Deterministic simulation testing of Multi-Paxos: thousands of seeded random runs with message loss,
// duplication, reordering, partitions, crashes and recoveries, leader changes, clients and leases, every
// trace judged by checkTrace. Each seed picks its own sizes, timing and faults, so a failure prints the
// seed and the exact scenario to replay (`npm run --silent paxos -- simulate --scenario that.json --format text`).
// MULTI_DST_RUNS=N changes the number of runs. Counts are fixed (no time budget), so every machine checks
// the same seeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate, type Scenario } from '../../src/paxos/sim/index.ts';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import { Random } from '../../src/paxos/core/random.ts';
import type { TraceDocument } from '../../src/paxos/core/trace.ts';
import { formatFailures, randomFaultyNetwork, runDst } from './dst-helpers.ts';

// Together about 10 s on this machine: the rich generator below, then the CLI-replayable one of dst-helpers.ts.
const RUNS = Number(process.env['MULTI_DST_RUNS'] ?? 5_000);

/** The random faulty scenario for one seed: cluster size, clients, timing, network and faults all drawn from it. */
function faultyScenario(seed: number): Scenario {
  const r = new Random(seed);
  const fastTimers = r.chance(0.3); // short heartbeats and elections: many more leader changes per run
  return {
    protocol: 'multi',
    seed,
    acceptors: r.pick([1, 2, 3, 3, 3, 4, 5, 5, 7]),
    clients: r.int(0, 3), // 0: the workload asks the servers themselves to propose
    proposals: r.int(1, 4),
    nack: r.chance(0.5),
    options: { lease: r.chance(0.25) ? r.int(5, 30) : 0 },
    ...(fastTimers ? { timing: { heartbeat: 2, electionTimeout: [5, 12] as [number, number], proposerTimeout: 12 } } : {}),
    network: randomFaultyNetwork(r, 5, 3),
    faults: { crashes: r.int(0, 4) },
    maxTime: r.int(150, 350),
  };
}

function chosenSlots(trace: TraceDocument): number {
  const slots = new Set<number>();
  for (const e of trace.events) if (e.type === 'chosen') slots.add(e.slot);
  return slots.size;
}

test(`DST: ${RUNS} random faulty Multi-Paxos runs (leases, short timers, 1–7 servers), 0 safety violations`, () => {
  const start = performance.now();
  let events = 0;
  let decided = 0;
  let slots = 0;
  let ran = 0;
  for (let seed = 1; seed <= RUNS; seed++) {
    const scenario = faultyScenario(seed);
    const sim = simulate(scenario);
    const trace = sim.trace();
    const violation = checkTrace(trace);
    if (violation) {
      assert.fail(
        `multi DST seed ${seed}: ${violation.property} at event ${violation.seq}: ${violation.message}\n` +
          `replay: save this scenario and run \`npm run --silent paxos -- simulate --scenario it.json --format text\`\n${JSON.stringify(scenario)}`,
      );
    }
    if (seed % 10 === 0) {
      // Node states must stay plain JSON (no undefined, no holes, no class instances) whatever happened.
      for (const node of sim.nodes) {
        const state = sim.state(node.id);
        assert.deepEqual(JSON.parse(JSON.stringify(state)), state, `seed ${seed}: ${node.id}'s state is not plain JSON`);
      }
    }
    ran++;
    events += trace.events.length;
    const n = chosenSlots(trace);
    slots += n;
    if (n > 0) decided++;
    if (seed % 1000 === 0) process.stderr.write(`multi DST: ${seed}/${RUNS} runs, ${events} events, ${Math.round(performance.now() - start)} ms\n`);
  }
  const ms = Math.round(performance.now() - start);
  process.stderr.write(`multi DST: ${ran} runs, ${events} events, ${decided} decided, ${slots} slots chosen, 0 violations, ${ms} ms\n`);
  assert.equal(ran, RUNS);
  // Not safety, but a protocol that never decides would pass the loop above vacuously.
  assert.ok(decided > ran * 0.8, `only ${decided} of ${ran} runs chose anything`);
});

test('DST (CLI-replayable settings): random faulty Multi-Paxos runs with 0–2 clients, 0 safety violations', () => {
  // dst-helpers draws only settings `paxos simulate` has flags for, so a failure prints the exact command.
  let runs = 0;
  for (const clients of [0, 1, 2]) {
    const r = runDst({ protocol: 'multi', runs: 2_000, firstSeed: 1 + clients * 100_000, overrides: { clients } });
    assert.deepEqual(r.failures, [], formatFailures(r));
    assert.equal(r.runs, 2_000);
    assert.ok(r.decided > r.runs * 0.8, `only ${r.decided} of ${r.runs} runs chose anything`);
    runs += r.runs;
  }
  process.stderr.write(`multi DST (CLI settings): ${runs} runs, 0 violations\n`);
});

test('DST: without faults every proposed value is chosen and every server ends with the same log and store', () => {
  for (let seed = 1; seed <= 400; seed++) {
    const r = new Random(seed ^ 0x3c);
    const scenario: Scenario = {
      protocol: 'multi',
      seed,
      acceptors: r.int(1, 6),
      clients: r.int(0, 3),
      proposals: r.int(1, 4),
      network: { latency: [1, r.int(1, 4)], reorder: r.pick([0, 0.3]) },
      maxTime: 400,
    };
    const sim = simulate(scenario);
    const trace = sim.trace();
    const violation = checkTrace(trace);
    assert.equal(violation, null, `seed ${seed}: ${violation?.message}\n${JSON.stringify(scenario)}`);
    const proposed = new Set(trace.events.flatMap((e) => (e.type === 'propose' ? [e.value] : [])));
    const chosen = new Set(trace.events.flatMap((e) => (e.type === 'chosen' ? [e.value] : [])));
    for (const v of proposed) assert.ok(chosen.has(v), `seed ${seed}: ${v} was never chosen\n${JSON.stringify(scenario)}`);
    const servers = sim.nodes.filter((n) => n.roles.includes('acceptor')).map((n) => sim.view(n.id));
    for (const s of servers) {
      assert.deepEqual(s.chosen, servers[0]?.chosen, `seed ${seed}: logs differ`);
      assert.equal(s.extra['kv'], servers[0]?.extra['kv'], `seed ${seed}: stores differ`);
    }
  }
});

test('DST: the same loop catches the forget-promise-on-learn mutant (the check can fail)', () => {
  let first = 0;
  let tried = 0;
  for (let seed = 1; seed <= 600 && first === 0; seed++) {
    tried++;
    // Short timers and many crashes: the lost promise needs a learn, a restart and a stale leader in a row.
    const scenario: Scenario = {
      protocol: 'multi',
      mutant: 'forget-promise-on-learn',
      seed,
      acceptors: 3,
      proposals: 3,
      timing: { heartbeat: 3, electionTimeout: [6, 14], proposerTimeout: 15 },
      network: { latency: [1, 4], drop: 0.1, reorder: 0.2, partitions: 2 },
      faults: { crashes: 6 },
      maxTime: 300,
    };
    const v = checkTrace(simulate(scenario).trace());
    if (v) {
      first = seed;
      assert.ok(['first-promise', 'second-promise', 'agreement'].includes(v.property), `seed ${seed}: ${v.property}: ${v.message}`);
      process.stderr.write(`multi DST mutant forget-promise-on-learn: caught at seed ${seed} (${v.property}: ${v.message})\n`);
    }
  }
  assert.ok(first > 0, `a promise that goes backwards must show up in random runs; none in ${tried}`);
});
