// Engine benchmark: simulated events per second and random faulty runs per second, for every protocol in
// the registry. Prints figures on stdout (one line per protocol, plus JSON with --json); progress on stderr.
//   npm exec -- node bench/engine.ts [--runs 10000] [--reps 3] [--json]
// Each protocol's batch is timed --reps times; the best wall time is reported (other processes on a shared
// machine only ever make a batch slower), together with the rate by CPU time of that batch.
// Targets on the reference machine: ≥ 1,000,000 events/s; 10,000 random faulty runs of each protocol ≤ 10 s.
// The runs are the DST mix (loss, duplication, partitions, crashes; sizes drawn from the seed), without the
// safety check, which is measured separately.
import { checkTrace } from '../src/paxos/check/properties.ts';
import { Random } from '../src/paxos/core/random.ts';
import type { ProtocolName } from '../src/paxos/core/trace.ts';
import { protocolNames } from '../src/paxos/registry.ts';
import type { Scenario } from '../src/paxos/sim/scenario.ts';
import { Simulation } from '../src/paxos/sim/simulation.ts';
import { getProtocol } from '../src/paxos/registry.ts';
import { resolveScenario } from '../src/paxos/sim/validate.ts';

const argv = process.argv.slice(2);
const runsArg = argv.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(argv[runsArg + 1]) : 10_000;
if (!Number.isInteger(RUNS) || RUNS < 1) {
  process.stderr.write(`bench/engine: --runs must be a positive integer, got ${argv[runsArg + 1]}\n`);
  process.exit(2);
}
const repsArg = argv.indexOf('--reps');
const REPS = repsArg >= 0 ? Number(argv[repsArg + 1]) : 3;
if (!Number.isInteger(REPS) || REPS < 1) {
  process.stderr.write(`bench/engine: --reps must be a positive integer, got ${argv[repsArg + 1]}\n`);
  process.exit(2);
}
const asJson = argv.includes('--json');

function scenario(protocol: ProtocolName, seed: number): Scenario {
  const r = new Random((seed * 2654435761) >>> 0);
  return {
    protocol,
    seed,
    acceptors: r.pick([3, 3, 5]),
    proposers: r.pick([1, 2, 2, 3]),
    nack: r.chance(0.7),
    network: { drop: r.pick([0, 0.05, 0.1, 0.2]), duplicate: r.pick([0, 0.05, 0.15]), partitions: r.int(0, 2) },
    faults: { crashes: r.int(0, 3) },
    maxTime: 400,
  };
}

interface Figures {
  protocol: ProtocolName;
  runs: number;
  /** Best wall time of one batch of `runs` runs, and the CPU time that batch used. */
  ms: number;
  cpuMs: number;
  runsPerSecond: number;
  events: number;
  eventsPerSecond: number;
  eventsPerCpuSecond: number;
  messageEvents: number;
  messageEventsPerSecond: number;
  checkMs: number;
}

interface Batch {
  ms: number;
  cpuMs: number;
  events: number;
  messageEvents: number;
}

function batch(protocol: ProtocolName, rep: number): Batch {
  let events = 0;
  let messageEvents = 0;
  let last = Date.now();
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  for (let seed = 1; seed <= RUNS; seed++) {
    const sim = new Simulation(resolveScenario(scenario(protocol, seed), getProtocol));
    sim.runSteps();
    const evs = sim.events();
    events += evs.length;
    for (const e of evs) if (e.type === 'send' || e.type === 'deliver' || e.type === 'drop') messageEvents++;
    if (Date.now() - last > 1000) {
      last = Date.now();
      process.stderr.write(`bench ${protocol}: pass ${rep}/${REPS}, ${seed}/${RUNS} runs\n`);
    }
  }
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, events, messageEvents };
}

function bench(protocol: ProtocolName): Figures {
  // Warm-up so the JIT has seen the code paths.
  for (let s = 1; s <= 200; s++) new Simulation(resolveScenario(scenario(protocol, 1_000_000 + s), getProtocol)).runSteps();
  let best: Batch | undefined;
  for (let rep = 1; rep <= REPS; rep++) {
    const b = batch(protocol, rep);
    if (!best || b.ms < best.ms) best = b;
  }
  const b = best!;
  // The safety check, timed on a sample and scaled (it is not part of the simulation figures).
  const docs = [];
  for (let seed = 1; seed <= 500; seed++) {
    const sim = new Simulation(resolveScenario(scenario(protocol, seed), getProtocol));
    sim.runSteps();
    docs.push(sim.trace());
  }
  for (const d of docs) if (checkTrace(d)) throw new Error(`bench ${protocol}: seed ${d.config.seed} broke a safety property`);
  const c0 = performance.now(); // second pass, warm
  for (const d of docs) checkTrace(d);
  const checkMs = ((performance.now() - c0) / docs.length) * RUNS;
  return {
    protocol,
    runs: RUNS,
    ms: Math.round(b.ms),
    cpuMs: Math.round(b.cpuMs),
    runsPerSecond: Math.round((RUNS / b.ms) * 1000),
    events: b.events,
    eventsPerSecond: Math.round((b.events / b.ms) * 1000),
    eventsPerCpuSecond: Math.round((b.events / b.cpuMs) * 1000),
    messageEvents: b.messageEvents,
    messageEventsPerSecond: Math.round((b.messageEvents / b.ms) * 1000),
    checkMs: Math.round(checkMs),
  };
}

const results: Figures[] = [];
for (const p of protocolNames()) {
  process.stderr.write(`bench ${p}: ${RUNS} random faulty runs…\n`);
  const f = bench(p);
  results.push(f);
  const fmt = (n: number) => n.toLocaleString('en-US');
  process.stdout.write(
    `${p.padEnd(5)}  ${fmt(f.runs)} runs in ${(f.ms / 1000).toFixed(2)} s (${fmt(f.runsPerSecond)} runs/s)  ` +
      `${fmt(f.eventsPerSecond)} events/s (${fmt(f.messageEventsPerSecond)} message events/s, ${fmt(Math.round(f.events / f.runs))} events/run; ` +
      `by CPU time ${fmt(f.eventsPerCpuSecond)} events/s)  ` +
      `checking all traces ≈ ${(f.checkMs / 1000).toFixed(2)} s\n`,
  );
}
if (asJson) process.stdout.write(`${JSON.stringify({ node: process.version, reps: REPS, results })}\n`);
