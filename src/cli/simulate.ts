// `paxos simulate`: run the simulator and print traces (paxos-trace/1 JSON lines), Mermaid or text.
//   npm run --silent paxos -- simulate --protocol basic --seed 7 --runs 3 --drop 0.1 --format json
// Flags override the scenario file's fields. Exit codes: 0 done; 1 with --check, some trace broke a safety
// property (printed on stderr); 2 bad flag, value or scenario file (one line naming it).
import { readFileSync } from 'node:fs';
import { checkTrace } from '../paxos/check/properties.ts';
import { traceToMermaid } from '../paxos/render/mermaid.ts';
import { traceToText } from '../paxos/render/text.ts';
import { resolveScenario } from '../paxos/sim/validate.ts';
import { ScenarioError, type Scenario } from '../paxos/sim/scenario.ts';
import { Simulation } from '../paxos/sim/simulation.ts';
import { PROTOCOL_NAMES } from '../paxos/core/trace.ts';
import { MUTANT_NAMES } from '../paxos/core/mutants.ts';
import { SCENARIO_LIMITS } from '../paxos/sim/limits.ts';
import { parseArgs, shown, usage, UsageError, type FlagSpec, type ParsedArgs } from './args.ts';
import { getProtocol } from '../paxos/registry.ts';

export const SIMULATE_FLAGS: readonly FlagSpec[] = [
  { name: 'protocol', type: 'enum', values: PROTOCOL_NAMES, help: 'which protocol (default basic, or the scenario file\'s)' },
  // Bounds from the engine's SCENARIO_LIMITS: the same as a scenario file, a fence or a share link.
  { name: 'acceptors', type: 'int', min: 1, max: SCENARIO_LIMITS.acceptors, help: `number of acceptors (Multi-Paxos: servers), at most ${SCENARIO_LIMITS.acceptors}` },
  { name: 'proposers', type: 'int', min: 1, max: SCENARIO_LIMITS.proposers, help: `number of proposers, at most ${SCENARIO_LIMITS.proposers}` },
  { name: 'clients', type: 'int', min: 0, max: SCENARIO_LIMITS.clients, help: `number of clients (Multi, Fast), at most ${SCENARIO_LIMITS.clients}` },
  { name: 'seed', type: 'int', min: 0, help: 'first seed (default 1)' },
  { name: 'runs', type: 'int', min: 1, help: 'runs with seeds S … S+R−1 (default 1)' },
  { name: 'drop', type: 'number', min: 0, max: 1, arg: 'P', help: 'probability that a message is lost' },
  { name: 'duplicate', type: 'number', min: 0, max: 1, arg: 'P', help: 'probability that a message is delivered twice' },
  { name: 'crashes', type: 'int', min: 0, max: SCENARIO_LIMITS.crashes, arg: 'K', help: 'random node crashes (most recover later)' },
  { name: 'partitions', type: 'int', min: 0, max: SCENARIO_LIMITS.partitions, arg: 'K', help: 'random network partitions' },
  { name: 'nack', type: 'on-off', help: 'acceptors answer a refused prepare/accept with nack (default on)' },
  { name: 'recovery', type: 'enum', values: ['classic', 'coordinated', 'uncoordinated'], help: 'Fast: how a collision is recovered from (default classic)' },
  { name: 'q1', type: 'int', min: 1, help: 'Basic: phase-1 quorum (Flexible Paxos; default a majority)' },
  { name: 'q2', type: 'int', min: 1, help: 'Basic: phase-2 quorum (q1 + q2 > acceptors, unless mutant non-intersecting-quorums)' },
  { name: 'mutant', type: 'enum', values: MUTANT_NAMES, help: 'break one rule (see `paxos mutants`)' },
  { name: 'max-time', type: 'number', min: 1, max: SCENARIO_LIMITS.maxTime, arg: 'T', help: 'simulated time limit (default 500)' },
  { name: 'scenario', type: 'string', arg: 'file.json', help: 'start from this scenario (flags override its fields)' },
  { name: 'format', type: 'enum', values: ['json', 'mermaid', 'text'], help: 'json: one trace per line (default); mermaid; text' },
  { name: 'check', type: 'flag', help: 'check every trace against the safety properties; exit 1 on a violation' },
  { name: 'help', type: 'flag', help: 'this text' },
];

const HELP = `usage: npm run --silent paxos -- simulate [flags]\n\n${usage(SIMULATE_FLAGS)}\n\nExit codes: 0 done, 1 a violation (with --check), 2 bad flag, value or file.`;

function loadScenario(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`--scenario ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  // An editor's byte-order mark is not part of the JSON.
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--scenario ${file}: not valid JSON (${(e as Error).message})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new UsageError(`--scenario ${file}: must hold one JSON object (a scenario)`);
  return data as Record<string, unknown>;
}

/** The scenario file (or nothing) with the flags laid over it. */
export function scenarioFromFlags(args: ParsedArgs): Record<string, unknown> {
  const file = args.string('scenario');
  const s: Record<string, unknown> = file ? loadScenario(file) : {};
  const set = (field: string, v: unknown): void => {
    if (v !== undefined) s[field] = v;
  };
  set('protocol', args.string('protocol') ?? s['protocol'] ?? 'basic');
  set('acceptors', args.int('acceptors'));
  set('proposers', args.int('proposers'));
  set('clients', args.int('clients'));
  set('nack', args.bool('nack'));
  set('mutant', args.string('mutant'));
  set('maxTime', args.number('max-time'));
  if (args.has('recovery')) {
    if (s['protocol'] !== 'fast') throw new UsageError(`--recovery: only Fast Paxos has collision recovery, not ${String(s['protocol'])}`);
    s['options'] = { ...(typeof s['options'] === 'object' && s['options'] !== null ? (s['options'] as object) : {}), recovery: args.string('recovery') };
  }
  if (args.has('q1') || args.has('q2')) {
    if (s['protocol'] !== 'basic') throw new UsageError(`--${args.has('q1') ? 'q1' : 'q2'}: only Basic Paxos takes phase-1 and phase-2 quorum sizes, not ${String(s['protocol'])}`);
    // Basic's quorum sizes are protocol-specific config fields: they travel in the scenario's `options`.
    const options = { ...(typeof s['options'] === 'object' && s['options'] !== null ? (s['options'] as object) : {}) } as Record<string, unknown>;
    if (args.has('q1')) options['phase1Quorum'] = args.int('q1');
    if (args.has('q2')) options['phase2Quorum'] = args.int('q2');
    s['options'] = options;
  }
  const network = { ...(typeof s['network'] === 'object' && s['network'] !== null ? (s['network'] as object) : {}) } as Record<string, unknown>;
  if (args.has('drop')) network['drop'] = args.number('drop');
  if (args.has('duplicate')) network['duplicate'] = args.number('duplicate');
  if (args.has('partitions')) network['partitions'] = args.int('partitions');
  if (Object.keys(network).length > 0) s['network'] = network;
  if (args.has('crashes')) s['faults'] = { ...(typeof s['faults'] === 'object' && s['faults'] !== null ? (s['faults'] as object) : {}), crashes: args.int('crashes') };
  return s;
}

export async function run(argv: string[]): Promise<number> {
  let args: ParsedArgs;
  let base: Record<string, unknown>;
  try {
    args = parseArgs(argv, SIMULATE_FLAGS);
    if (args.bool('help')) {
      process.stdout.write(`${HELP}\n`);
      return 0;
    }
    if (args.positionals.length > 0) throw new UsageError(`unexpected argument ${shown(args.positionals[0]!)}; flags start with --`);
    base = scenarioFromFlags(args);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`paxos simulate: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const file = args.string('scenario');
  const where = file ? `${file}: ` : '';
  const first = args.int('seed') ?? (typeof base['seed'] === 'number' ? base['seed'] : 1);
  const runs = args.int('runs') ?? 1;
  // Every seed of the range must be valid before the first run prints anything.
  // (Compared by subtraction: past 2^53 the sum itself rounds back into range.)
  if (Number.isSafeInteger(first) && first > Number.MAX_SAFE_INTEGER - (runs - 1)) {
    const from = args.has('seed') ? '--seed' : `${where}seed`;
    process.stderr.write(`paxos simulate: --runs: ${runs} runs from seed ${first} pass the largest seed ${Number.MAX_SAFE_INTEGER}; lower ${from} or --runs\n`);
    return 2;
  }
  const format = args.string('format') ?? 'json';
  const check = args.bool('check') ?? false;
  const progress = runs >= 200;
  let lastReport = Date.now();
  let violations = 0;
  for (let k = 0; k < runs; k++) {
    const seed = first + k;
    let sim: Simulation;
    try {
      const resolved = resolveScenario({ ...base, seed } as unknown as Scenario, getProtocol);
      sim = new Simulation(resolved);
      sim.runSteps();
    } catch (e) {
      if (e instanceof ScenarioError) {
        process.stderr.write(`paxos simulate: ${where}${e.message}\n`);
        return 2;
      }
      throw e;
    }
    const doc = sim.trace();
    if (format === 'json') process.stdout.write(`${JSON.stringify(doc)}\n`);
    else if (format === 'mermaid') process.stdout.write(`${runs > 1 ? `%% seed ${seed}\n` : ''}${traceToMermaid(doc)}${k < runs - 1 ? '\n' : ''}`);
    else process.stdout.write(`${traceToText(doc)}${k < runs - 1 ? '\n' : ''}`);
    if (check) {
      const v = checkTrace(doc);
      if (v) {
        violations++;
        process.stderr.write(`paxos simulate: seed ${seed}: ${v.property} violated at event ${v.seq}: ${v.message}\n`);
      }
    }
    if (progress && Date.now() - lastReport > 1000) {
      lastReport = Date.now();
      process.stderr.write(`simulate: ${k + 1}/${runs} runs\n`);
    }
  }
  return violations > 0 ? 1 : 0;
}
