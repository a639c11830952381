// Hostile scenarios: a valid scenario of a random protocol, then one to three tamperings drawn from the
// seed — sizes past the limits (at the top level or inside `options`), wrong types, numbers JSON turns into
// Infinity, unknown fields (`__proto__` too) at every level, and scripts that duplicate or deliver messages
// by the quadrillion. The same generator feeds the share-link and CLI classes and tests/hostile/, so a seed
// that fails anywhere can be replayed everywhere.
import { Random } from '../../src/paxos/core/random.ts';
import type { ProtocolName } from '../../src/paxos/core/trace.ts';
import { SCENARIO_LIMITS } from '../../src/paxos/sim/limits.ts';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import { ScenarioError } from '../../src/paxos/sim/scenario.ts';
import { Simulation } from '../../src/paxos/sim/simulation.ts';
import type { FuzzClass } from './class.ts';
import { getProtocol } from '../../src/paxos/registry.ts';
import { resolveScenario } from '../../src/paxos/sim/validate.ts';

export interface HostileScenario {
  /** Plain data, as JSON.parse or a YAML parser would hand it over. */
  readonly scenario: Record<string, unknown>;
  /** What was done to it, e.g. `options.acceptors = 5000000000`. */
  readonly tampering: readonly string[];
  /** True when some tampering makes the scenario invalid: every entry must refuse it. */
  readonly mustReject: boolean;
}

const HUGE = [SCENARIO_LIMITS.acceptors + 1, 50, 10_000, 1e6, 5e9, Number.MAX_SAFE_INTEGER, Infinity];
const WRONG_TYPES: readonly unknown[] = ['3', 3.5, -1, null, true, [], {}, ''];
const UNKNOWN_NAMES = ['acceptorz', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'x'];

/** Sets a field as an own property even when it is `__proto__` (what JSON.parse does too). */
function put(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

function obj(o: Record<string, unknown>, key: string): Record<string, unknown> {
  const v = o[key];
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  const fresh: Record<string, unknown> = {};
  put(o, key, fresh);
  return fresh;
}

function base(r: Random): Record<string, unknown> {
  const protocol = r.pick<ProtocolName>(['basic', 'multi', 'fast']);
  const s: Record<string, unknown> = { protocol, seed: r.int(0, 1000), acceptors: r.pick([1, 3, 5]) };
  if (protocol === 'basic') s['proposers'] = r.int(1, 3);
  if (protocol !== 'basic') s['clients'] = r.int(0, 2);
  if (r.chance(0.3)) s['network'] = { drop: r.pick([0, 0.1]), duplicate: r.pick([0, 0.2, 1]), reorder: r.pick([0, 0.3]) };
  if (r.chance(0.3)) s['faults'] = { crashes: r.int(0, 3) };
  if (r.chance(0.5)) {
    // A script: one proposal, so that messages are in flight for the steps below to work on.
    const node = protocol === 'basic' ? 'P1' : protocol === 'multi' ? 'S1' : 'L1';
    s['steps'] = [{ type: 'propose', node, value: 'v' }, { type: 'run', until: r.int(1, 8) }];
  }
  return s;
}

/** One way to spoil a scenario: `apply` changes it and says how; `reject` says whether it is then invalid. */
interface Tamper {
  readonly reject: boolean;
  apply(r: Random, s: Record<string, unknown>): string;
}

const SIZE_FIELDS = ['acceptors', 'proposers', 'clients', 'learners'] as const;

const TAMPERINGS: readonly Tamper[] = [
  // A size past the limit, at the top level or inside options (learners only lives in options).
  {
    reject: true,
    apply(r, s) {
      const field = r.pick(SIZE_FIELDS);
      const inOptions = field === 'learners' || r.chance(0.5);
      const v = r.pick(HUGE);
      if (inOptions) {
        delete s[field];
        put(obj(s, 'options'), field, v);
      } else put(s, field, v);
      // learners is a Fast Paxos option; another protocol refuses it as unknown, which is a refusal too.
      return `${inOptions ? 'options.' : ''}${field} = ${v}`;
    },
  },
  // A size of the wrong type.
  {
    reject: true,
    apply(r, s) {
      const field = r.pick(['acceptors', 'proposers'] as const);
      const inOptions = r.chance(0.5);
      const v = r.pick(WRONG_TYPES);
      if (inOptions) {
        delete s[field];
        put(obj(s, 'options'), field, v);
      } else put(s, field, v);
      return `${inOptions ? 'options.' : ''}${field} = ${JSON.stringify(v)}`;
    },
  },
  // An unknown field at some level.
  {
    reject: true,
    apply(r, s) {
      const name = r.pick(UNKNOWN_NAMES);
      const steps = Array.isArray(s['steps']) ? (s['steps'] as Record<string, unknown>[]) : [];
      const levels: [string, () => Record<string, unknown>][] = [
        ['', () => s],
        ['options.', () => obj(s, 'options')],
        ['timing.', () => obj(s, 'timing')],
        ['options.timing.', () => obj(obj(s, 'options'), 'timing')],
        ['network.', () => obj(s, 'network')],
        ['faults.', () => obj(s, 'faults')],
      ];
      if (steps.length > 0) levels.push(['steps[0].', () => steps[0]!]);
      const [prefix, at] = r.pick(levels);
      if (prefix.startsWith('options.') && s['timing'] !== undefined) delete s['timing'];
      put(at(), name, r.pick([5, 'x', {}, null]));
      return `${prefix}${name} added`;
    },
  },
  // A number JSON cannot hold (1e309 parses to Infinity).
  {
    reject: true,
    apply(r, s) {
      const where = r.pick(['maxTime', 'network.latency', 'timing.heartbeat', 'maxEvents', 'proposals']);
      if (where === 'network.latency') obj(s, 'network')['latency'] = [1, Infinity];
      else if (where === 'timing.heartbeat') obj(s, 'timing')['heartbeat'] = Infinity;
      else s[where] = Infinity;
      return `${where} = Infinity`;
    },
  },
  // A count past its limit.
  {
    reject: true,
    apply(r, s) {
      const field = r.pick(['maxTime', 'maxEvents', 'proposals', 'faults.crashes', 'network.partitions'] as const);
      const key = field.includes('.') ? field.split('.')[1]! : field;
      const limit = SCENARIO_LIMITS[key as 'maxTime'];
      const v = r.pick([limit + 1, limit * 10, 1e6, Number.MAX_SAFE_INTEGER]);
      if (field === 'faults.crashes') obj(s, 'faults')['crashes'] = v;
      else if (field === 'network.partitions') obj(s, 'network')['partitions'] = v;
      else s[field] = v;
      return `${field} = ${v}`;
    },
  },
  // Too many steps.
  {
    reject: true,
    apply(r, s) {
      const n = SCENARIO_LIMITS.steps + r.int(1, 100);
      s['steps'] = Array.from({ length: n }, () => ({ type: 'tick' }));
      return `${n} tick steps`;
    },
  },
  // A script that multiplies messages: valid, but the replay budget must end it quickly.
  {
    reject: false,
    apply(r, s) {
      const node = s['protocol'] === 'basic' ? 'P1' : s['protocol'] === 'multi' ? 'S1' : 'L1';
      const type = r.pick(['duplicate', 'duplicate', 'deliver', 'drop'] as const);
      const count = r.pick<number | 'all'>([Number.MAX_SAFE_INTEGER, 100_000, 3000, 'all']);
      const repeat = count === 'all' ? r.int(1, 25) : r.int(1, 3);
      s['workload'] = false;
      delete s['options'];
      s['steps'] = [{ type: 'propose', node, value: 'v' }, ...Array.from({ length: repeat }, () => ({ type, match: {}, count })), { type: 'run', until: 'quiet' }];
      return `${repeat} × ${type} count ${count}`;
    },
  },
  // Valid but busy: heavy network faults and tiny timers; maxEvents must end it.
  {
    reject: false,
    apply(r, s) {
      s['network'] = { drop: r.pick([0, 0.5]), duplicate: r.pick([0.5, 1]), reorder: r.pick([0, 1]) };
      s['maxTime'] = SCENARIO_LIMITS.maxTime;
      if (s['protocol'] !== 'multi') s['timing'] = { proposerTimeout: r.pick([0.001, 1]), backoff: [0, 0.001] };
      return 'duplicate-heavy network, long maxTime, tiny timers';
    },
  },
];

/** The hostile scenario for `seed`; `valid`: only the tamperings that leave it valid (budget, busy runs). */
export function hostileScenario(seed: number, valid = false): HostileScenario {
  const r = new Random((seed * 2654435761) >>> 0);
  const s = base(r);
  const tampering: string[] = [];
  let mustReject = false;
  const picked: Tamper[] = [];
  const pool = valid ? TAMPERINGS.filter((t) => !t.reject) : TAMPERINGS;
  for (let k = r.int(1, 3); k > 0; k--) picked.push(r.pick(pool));
  // The valid tamperings rewrite whole parts (steps, network), so they go first and the refused ones stay.
  picked.sort((a, b) => Number(a.reject) - Number(b.reject));
  for (const t of picked) {
    tampering.push(t.apply(r, s));
    mustReject ||= t.reject;
  }
  return { scenario: s, tampering, mustReject };
}

export function describeScenario(seed: number): string {
  const h = hostileScenario(seed);
  return `${h.scenario['protocol']} scenario: ${h.tampering.join('; ')}`;
}

export type ScenarioOutcome = { readonly ran: true; readonly sim: Simulation } | { readonly ran: false; readonly error: ScenarioError };

/** Runs a scenario the way every entry does (resolve, replay the steps). A ScenarioError is a clean refusal; anything else propagates. */
export function runHostile(scenario: unknown): ScenarioOutcome {
  try {
    const sim = new Simulation(resolveScenario(scenario as never, getProtocol));
    sim.runSteps();
    return { ran: true, sim };
  } catch (e) {
    if (e instanceof ScenarioError) return { ran: false, error: e };
    throw e;
  }
}

/** What is wrong with a finished hostile run (unsafe, or past a limit), or null. */
export function judgeRun(sim: Simulation): string | null {
  const v = checkTrace(sim.trace());
  if (v) return `safety: ${v.property} at event ${v.seq}: ${v.message}`;
  const inFlight = sim.inFlight().length;
  if (inFlight > SCENARIO_LIMITS.inFlight) return `${inFlight} messages in flight`;
  // `run` stops at maxEvents between two ticks; one tick records a handful more.
  const events = sim.events().length;
  if (events > SCENARIO_LIMITS.maxEvents + 100) return `${events} events`;
  const acceptors = sim.nodes.filter((n) => n.roles.includes('acceptor')).length;
  if (acceptors > SCENARIO_LIMITS.acceptors) return `${acceptors} acceptors`;
  return null;
}

export const fuzzClasses: FuzzClass[] = [
  {
    name: 'scenario (engine)',
    async attempt(seed: number): Promise<void> {
      const h = hostileScenario(seed);
      const out = runHostile(h.scenario);
      if (out.ran && h.mustReject) throw new Error(`accepted a scenario it must refuse (${h.tampering.join('; ')})`);
      const bad = out.ran ? judgeRun(out.sim) : null;
      if (bad) throw new Error(bad);
    },
    describe: describeScenario,
  },
];
