// Seeded random runs of Multi-Paxos with reconfiguration: clients write while configuration changes go
// through the log, with message loss, duplication, reordering, partitions and crashes; every trace is
// judged by checkTrace, whose agreement and proposer rules read each slot's acceptors from the chosen
// prefix (Quorums.reconfig). The same loop must catch reconfigure-immediately, so the check can fail.
// MULTI_RECONFIG_RUNS=N changes the number of runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate, type Scenario, type Step } from '../../src/paxos/sim/index.ts';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import { Random } from '../../src/paxos/core/random.ts';
import { configCommand } from '../../src/paxos/core/reconfig.ts';
import type { MutantName } from '../../src/paxos/core/mutants.ts';
import { randomFaultyNetwork } from './dst-helpers.ts';

const RUNS = Number(process.env['MULTI_RECONFIG_RUNS'] ?? 1_500);

/** One seed's scenario: sizes, window, faults, and a script of writes and membership changes at random times. */
function reconfigScenario(seed: number, mutant?: MutantName, faulty = true): Scenario {
  const r = new Random(seed);
  const servers = r.int(3, 5);
  const members = r.int(Math.max(1, servers - 2), servers);
  const clients = r.int(1, 2);
  const steps: Step[] = [];
  let at = 0;
  for (let i = 0; i < r.int(3, 8); i++) {
    at += r.int(2, 25);
    steps.push({ type: 'run', until: at });
    const client = `C${r.int(1, clients)}`;
    if (r.chance(0.35)) {
      // A random non-empty membership among all servers (spares included).
      const ids = Array.from({ length: servers }, (_, j) => `S${j + 1}`).filter(() => r.chance(0.6));
      steps.push({ type: 'propose', node: client, value: configCommand(ids.length > 0 ? ids : ['S1', 'S2']) });
    } else {
      steps.push({ type: 'propose', node: client, value: `set k${i} ${seed}` });
    }
  }
  steps.push({ type: 'run', until: at + 250 });
  return {
    protocol: 'multi',
    seed,
    acceptors: servers,
    clients,
    options: { alpha: r.int(1, 3), members },
    ...(mutant ? { mutant } : {}),
    ...(r.chance(0.4) ? { timing: { heartbeat: 3, electionTimeout: [6, 14] as [number, number], proposerTimeout: 15 } } : {}),
    // Crashes hit servers only (a crashed client could not be asked to write); most recover.
    ...(faulty ? { network: randomFaultyNetwork(r, 4, 2), faults: { crashes: serverCrashes(r, servers, at) } } : { network: { latency: [1, 3] as [number, number] } }),
    steps,
    maxTime: at + 250,
  };
}

function serverCrashes(r: Random, servers: number, end: number): { node: string; at: number; recover?: number }[] {
  return Array.from({ length: r.int(0, 3) }, () => {
    const at = r.int(0, end);
    const node = `S${r.int(1, servers)}`;
    return r.chance(0.8) ? { node, at, recover: at + r.int(5, 60) } : { node, at };
  });
}

test(`DST: ${RUNS} random faulty Multi-Paxos runs with membership changes (α 1–3), 0 safety violations`, () => {
  let changed = 0;
  let decided = 0;
  for (let seed = 1; seed <= RUNS; seed++) {
    const scenario = reconfigScenario(seed);
    const trace = simulate(scenario).trace();
    assert.ok(trace.quorums.reconfig, 'the trace says how its acceptors change');
    const violation = checkTrace(trace);
    if (violation) assert.fail(`reconfig DST seed ${seed}: ${violation.property} at event ${violation.seq}: ${violation.message}\n${JSON.stringify(scenario)}`);
    const chosen = trace.events.filter((e) => e.type === 'chosen');
    if (chosen.length > 0) decided++;
    if (chosen.some((e) => e.type === 'chosen' && typeof e.value === 'string' && e.value.startsWith('config '))) changed++;
  }
  process.stderr.write(`reconfig DST: ${RUNS} runs, ${decided} decided, ${changed} chose a membership change, 0 violations\n`);
  // Not safety, but runs that never change the membership would test nothing new.
  assert.ok(decided > RUNS * 0.7, `only ${decided} of ${RUNS} runs chose anything`);
  assert.ok(changed > RUNS * 0.3, `only ${changed} of ${RUNS} runs chose a membership change`);
});

test('DST without faults: every write and membership change asked for is chosen', () => {
  for (let seed = 1; seed <= 300; seed++) {
    const scenario = reconfigScenario(seed, undefined, false);
    const sim = simulate(scenario);
    const trace = sim.trace();
    assert.equal(checkTrace(trace), null, `seed ${seed}`);
    const proposed = new Set(trace.events.flatMap((e) => (e.type === 'propose' ? [e.value] : [])));
    const chosen = new Set(trace.events.flatMap((e) => (e.type === 'chosen' ? [e.value] : [])));
    for (const v of proposed) assert.ok(chosen.has(v), `seed ${seed}: ${v} was never chosen\n${JSON.stringify(scenario)}`);
  }
});

test('DST: the same loop catches reconfigure-immediately (the check can fail)', () => {
  let first = 0;
  for (let seed = 1; seed <= 3_000 && first === 0; seed++) {
    if (checkTrace(simulate(reconfigScenario(seed, 'reconfigure-immediately')).trace())) first = seed;
  }
  process.stderr.write(`reconfig DST: reconfigure-immediately first caught at seed ${first}\n`);
  assert.ok(first > 0, 'no run of the mutant broke a safety property in 3000 seeds');
});
