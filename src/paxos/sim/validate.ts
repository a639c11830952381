// Hand-written scenario validation (no schema library: this ships to the browser). Every error names the
// field path and, where it helps, the allowed values. See scenario.ts for the schema.
import type { NodeId, NodeInfo } from '../core/ids.ts';
import { ConfigError, type ProtocolConfig } from '../core/protocol.ts';
import { PROTOCOL_NAMES, type ProtocolName, type Quorums } from '../core/trace.ts';
import { SCENARIO_LIMITS, type LimitedField } from './limits.ts';
import type { AnyProtocol, ProtocolLookup } from '../registry.ts';
import { DEFAULTS, NARRATION_MAX, ScenarioError, type CrashSpec, type PartitionSpec, type Pattern, type Scenario, type Step } from './scenario.ts';

/** A validated scenario with everything the simulator needs filled in. */
export interface ResolvedScenario {
  readonly scenario: Scenario;
  readonly protocol: AnyProtocol;
  readonly config: ProtocolConfig;
  readonly nodes: readonly NodeInfo[];
  readonly quorums: Quorums;
  readonly seed: number;
  readonly latency: readonly [number, number];
  readonly drop: number;
  readonly duplicate: number;
  readonly reorder: number;
  readonly partitions: number | readonly PartitionSpec[];
  readonly crashes: number | readonly CrashSpec[];
  readonly workload: boolean;
  readonly proposals: number;
  readonly maxTime: number;
  readonly maxEvents: number;
  readonly steps: readonly Step[];
}

const TOP_FIELDS = [
  'protocol', 'acceptors', 'proposers', 'clients', 'nack', 'mutant', 'classicQuorum', 'fastQuorum', 'timing', 'options',
  'seed', 'network', 'faults', 'workload', 'proposals', 'maxTime', 'maxEvents', 'steps', 'title', 'description', 'expect',
];
const NETWORK_FIELDS = ['latency', 'drop', 'duplicate', 'reorder', 'partitions'];
const PATTERN_FIELDS = ['kind', 'from', 'to', 'id', 'copy', 'slot', 'value', 'ballot'];
const STEP_TYPES = ['propose', 'deliver', 'drop', 'duplicate', 'crash', 'recover', 'timeout', 'tick', 'run'];
const TIMING_FIELDS = ['proposerTimeout', 'backoff', 'heartbeat', 'electionTimeout'];
/** Config fields a scenario may give at the top level or inside `options` (not both). */
const SHARED_CONFIG_FIELDS = ['acceptors', 'proposers', 'clients', 'nack', 'mutant', 'classicQuorum', 'fastQuorum', 'timing'];
/** Config fields only `options` carries, per protocol (the protocol's config reads them; see its config.ts). */
const OPTION_FIELDS: Readonly<Record<string, readonly string[]>> = {
  basic: ['phase1Quorum', 'phase2Quorum'],
  multi: ['lease', 'alpha', 'members'],
  fast: ['learners', 'opening', 'recovery'],
};
/** Node counts, checked before the protocol builds anything from them. */
const SIZE_FIELDS: readonly { readonly field: LimitedField; readonly min: number }[] = [
  { field: 'acceptors', min: 1 },
  { field: 'proposers', min: 1 },
  { field: 'clients', min: 0 },
  { field: 'learners', min: 0 },
];

// JSON has no Infinity: 1e309 parses to Infinity and prints as null, so show it as what it is.
const show = (v: unknown): string => (v === undefined ? 'nothing' : typeof v === 'number' && !Number.isFinite(v) ? String(v) : JSON.stringify(v));

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function object(path: string, v: unknown): Record<string, unknown> {
  if (!isObject(v)) throw new ScenarioError(path, `must be an object, got ${show(v)}`);
  return v;
}

function onlyFields(path: string, o: Record<string, unknown>, allowed: readonly string[]): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k)) throw new ScenarioError(path === '' ? k : `${path}.${k}`, `unknown field; allowed: ${allowed.join(', ')}`);
  }
}

function int(path: string, v: unknown, min: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) throw new ScenarioError(path, `must be an integer ≥ ${min}, got ${show(v)}`);
  return v;
}

function num(path: string, v: unknown, min: number): number {
  if (typeof v === 'number' && !Number.isFinite(v)) throw new ScenarioError(path, `must be a finite number ≥ ${min}, got ${show(v)}`);
  if (typeof v !== 'number' || v < min) throw new ScenarioError(path, `must be a number ≥ ${min}, got ${show(v)}`);
  return v;
}

function finite(path: string, v: unknown): void {
  if (typeof v === 'number' && !Number.isFinite(v)) throw new ScenarioError(path, `must be a finite number, got ${show(v)}`);
}

/** At most the limit every scenario shares (limits.ts). */
function atMost(path: string, v: number, field: LimitedField): number {
  const max = SCENARIO_LIMITS[field];
  if (v > max) throw new ScenarioError(path, `at most ${max} (the limit for every scenario and protocol), got ${v}`);
  return v;
}

function probability(path: string, v: unknown): number {
  if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new ScenarioError(path, `must be a probability between 0 and 1, got ${show(v)}`);
  return v;
}

function range(path: string, v: unknown): readonly [number, number] {
  if (!Array.isArray(v) || v.length !== 2) throw new ScenarioError(path, `must be [min, max], got ${show(v)}`);
  const min = num(`${path}[0]`, v[0], 0);
  const max = num(`${path}[1]`, v[1], 0);
  if (min > max) throw new ScenarioError(path, `min ${min} is above max ${max}`);
  return [min, max];
}

function nodeRef(path: string, v: unknown, ids: readonly NodeId[]): NodeId {
  if (typeof v !== 'string' || !ids.includes(v)) {
    throw new ScenarioError(path, `unknown node ${show(v)}; nodes are ${ids.join(', ')}`);
  }
  return v;
}

function pattern(path: string, v: unknown, ids: readonly NodeId[]): Pattern {
  const o = object(path, v);
  onlyFields(path, o, PATTERN_FIELDS);
  if (o['kind'] !== undefined && typeof o['kind'] !== 'string') throw new ScenarioError(`${path}.kind`, `must be a message kind such as "prepare", got ${show(o['kind'])}`);
  if (o['from'] !== undefined) nodeRef(`${path}.from`, o['from'], ids);
  if (o['to'] !== undefined) nodeRef(`${path}.to`, o['to'], ids);
  if (o['id'] !== undefined) int(`${path}.id`, o['id'], 0);
  if (o['copy'] !== undefined) int(`${path}.copy`, o['copy'], 0);
  if (o['slot'] !== undefined) int(`${path}.slot`, o['slot'], 0);
  if (o['value'] !== undefined && o['value'] !== null && typeof o['value'] !== 'string') throw new ScenarioError(`${path}.value`, `must be a string or null, got ${show(o['value'])}`);
  if (o['ballot'] !== undefined) {
    const b = object(`${path}.ballot`, o['ballot']);
    onlyFields(`${path}.ballot`, b, ['round', 'node']);
    if (b['round'] !== undefined) int(`${path}.ballot.round`, b['round'], 0);
    if (b['node'] !== undefined) nodeRef(`${path}.ballot.node`, b['node'], ids);
  }
  return o as Pattern;
}

function narration(path: string, v: unknown): void {
  if (typeof v !== 'string' || v.trim() === '') throw new ScenarioError(path, `must be a non-empty caption string, got ${show(v)}`);
  const length = [...v].length;
  if (length > NARRATION_MAX) throw new ScenarioError(path, `is ${length} characters; a caption holds at most ${NARRATION_MAX}: split it over two steps`);
}

/** Validates one step (or playground action); `path` names it in errors, e.g. `steps[3]`. */
export function validateStep(path: string, v: unknown, ids: readonly NodeId[]): Step {
  const o = object(path, v);
  const type = o['type'];
  if (typeof type !== 'string' || !STEP_TYPES.includes(type)) throw new ScenarioError(`${path}.type`, `must be one of ${STEP_TYPES.join(', ')}, got ${show(type)}`);
  const at = (): void => {
    if (o['at'] !== undefined) num(`${path}.at`, o['at'], 0);
  };
  if (o['narration'] !== undefined) narration(`${path}.narration`, o['narration']);
  switch (type) {
    case 'propose':
      onlyFields(path, o, ['type', 'node', 'value', 'at', 'narration']);
      nodeRef(`${path}.node`, o['node'], ids);
      if (o['value'] !== null && typeof o['value'] !== 'string') throw new ScenarioError(`${path}.value`, `must be a string (or null for a no-op), got ${show(o['value'])}`);
      at();
      break;
    case 'deliver':
    case 'drop':
    case 'duplicate':
      onlyFields(path, o, ['type', 'match', 'count', 'at', 'narration']);
      pattern(`${path}.match`, o['match'] ?? {}, ids);
      if (o['count'] !== undefined && o['count'] !== 'all') int(`${path}.count`, o['count'], 1);
      at();
      return { ...o, match: o['match'] ?? {} } as Step;
    case 'crash':
    case 'recover':
      onlyFields(path, o, ['type', 'node', 'at', 'narration']);
      nodeRef(`${path}.node`, o['node'], ids);
      at();
      break;
    case 'timeout':
      onlyFields(path, o, ['type', 'node', 'timer', 'at', 'narration']);
      nodeRef(`${path}.node`, o['node'], ids);
      if (o['timer'] !== undefined && typeof o['timer'] !== 'string') throw new ScenarioError(`${path}.timer`, `must be a timer name, got ${show(o['timer'])}`);
      at();
      break;
    case 'tick':
      onlyFields(path, o, ['type', 'narration']);
      break;
    case 'run':
      onlyFields(path, o, ['type', 'until', 'narration']);
      if (o['until'] !== 'quiet') num(`${path}.until`, o['until'], 0);
      break;
  }
  return o as Step;
}

/**
 * Validates a scenario and fills in defaults. Throws ScenarioError naming the field. `protocols` finds the
 * scenario's protocol: registry.ts's getProtocol in Node, a page's ProtocolShelf in the browser.
 */
export function resolveScenario(raw: unknown, protocols: ProtocolLookup): ResolvedScenario {
  const s = object('scenario', raw);
  onlyFields('', s, TOP_FIELDS);
  const name = s['protocol'];
  if (typeof name !== 'string' || !(PROTOCOL_NAMES as readonly string[]).includes(name)) {
    throw new ScenarioError('protocol', `must be one of ${PROTOCOL_NAMES.join(', ')}, got ${show(name)}`);
  }
  const protocol = protocols(name as ProtocolName);
  if (!protocol) throw new ScenarioError('protocol', `"${name}" is not loaded yet; load it before starting the run (ProtocolShelf.load)`);
  const options = s['options'] === undefined ? {} : object('options', s['options']);
  onlyFields('options', options, [...SHARED_CONFIG_FIELDS, ...(OPTION_FIELDS[name] ?? [])]);
  for (const f of Object.keys(options)) {
    if (s[f] !== undefined) throw new ScenarioError(`options.${f}`, `also given as the top-level "${f}"; give it once`);
  }
  // Sizes first: the protocol allocates a node per count, so a hostile count must not reach it.
  for (const { field, min } of SIZE_FIELDS) {
    const inOptions = options[field] !== undefined;
    const v = inOptions ? options[field] : s[field];
    if (v === undefined) continue;
    const path = inOptions ? `options.${field}` : field;
    if (field === 'acceptors' && typeof v === 'number' && v < 1) {
      throw new ScenarioError(path, `must be at least 1 (nothing can be chosen without acceptors), got ${show(v)}`);
    }
    atMost(path, int(path, v, min), field);
  }
  for (const [path, t] of [['timing', s['timing']], ['options.timing', options['timing']]] as const) {
    if (t === undefined) continue;
    const timing = object(path, t);
    onlyFields(path, timing, TIMING_FIELDS);
    // Infinity is no setting, whether or not the protocol reads the field (Basic ignores heartbeat); the
    // protocol checks the rest (a number > 0, a [min, max] range).
    for (const f of TIMING_FIELDS) {
      const v = timing[f];
      if (Array.isArray(v)) v.forEach((x: unknown, i) => finite(`${path}.${f}[${i}]`, x));
      else finite(`${path}.${f}`, v);
    }
  }
  if (s['nack'] !== undefined && typeof s['nack'] !== 'boolean') throw new ScenarioError('nack', `must be true or false, got ${show(s['nack'])}`);
  // The mutant's name and protocol, and Fast Paxos's quorum formulas, are the protocol's to check (its
  // config.ts): one place for each rule, named here by the scenario's path.
  if (name !== 'fast') {
    for (const f of ['classicQuorum', 'fastQuorum']) if (s[f] !== undefined) throw new ScenarioError(f, `only Fast Paxos takes quorum sizes; ${name} uses a majority`);
  }

  let config: ProtocolConfig;
  try {
    const partial: Record<string, unknown> = { ...options, protocol: name };
    for (const f of SHARED_CONFIG_FIELDS) {
      if (s[f] !== undefined) partial[f] = s[f];
    }
    config = protocol.config(partial as never);
  } catch (e) {
    if (e instanceof ConfigError) {
      // The protocol names its own field (`lease`, `timing.heartbeat`); say where the scenario gave it.
      const root = e.field.split('.')[0]!;
      const path = options[root] !== undefined ? `options.${e.field}` : e.field;
      throw new ScenarioError(path, e.message.slice(e.field.length + 2));
    }
    throw e;
  }
  const nodes = protocol.nodes(config);
  const ids = nodes.map((n) => n.id);

  const seed = s['seed'] === undefined ? DEFAULTS.seed : int('seed', s['seed'], 0);
  const net = s['network'] === undefined ? {} : object('network', s['network']);
  onlyFields('network', net, NETWORK_FIELDS);
  const latency = net['latency'] === undefined ? DEFAULTS.latency : range('network.latency', net['latency']);
  const drop = net['drop'] === undefined ? 0 : probability('network.drop', net['drop']);
  const duplicate = net['duplicate'] === undefined ? 0 : probability('network.duplicate', net['duplicate']);
  const reorder = net['reorder'] === undefined ? 0 : probability('network.reorder', net['reorder']);
  let partitions: number | PartitionSpec[] = 0;
  if (Array.isArray(net['partitions'])) {
    atMost('network.partitions', net['partitions'].length, 'partitions');
    partitions = net['partitions'].map((p: unknown, i) => {
      const path = `network.partitions[${i}]`;
      const o = object(path, p);
      onlyFields(path, o, ['nodes', 'from', 'to']);
      if (!Array.isArray(o['nodes']) || o['nodes'].length === 0) throw new ScenarioError(`${path}.nodes`, `must be a non-empty list of node ids, got ${show(o['nodes'])}`);
      const cut = o['nodes'].map((n: unknown, j) => nodeRef(`${path}.nodes[${j}]`, n, ids));
      if (cut.length >= ids.length) throw new ScenarioError(`${path}.nodes`, 'lists every node, so nothing is cut off; list one side of the cut');
      const from = num(`${path}.from`, o['from'], 0);
      const to = num(`${path}.to`, o['to'], 0);
      if (to <= from) throw new ScenarioError(`${path}.to`, `must be after from (${from}), got ${to}`);
      return { nodes: cut, from, to };
    });
  } else if (net['partitions'] !== undefined) {
    partitions = atMost('network.partitions', int('network.partitions', net['partitions'], 0), 'partitions');
  }

  const faults = s['faults'] === undefined ? {} : object('faults', s['faults']);
  onlyFields('faults', faults, ['crashes']);
  let crashes: number | CrashSpec[] = 0;
  if (Array.isArray(faults['crashes'])) {
    atMost('faults.crashes', faults['crashes'].length, 'crashes');
    crashes = faults['crashes'].map((c: unknown, i) => {
      const path = `faults.crashes[${i}]`;
      const o = object(path, c);
      onlyFields(path, o, ['node', 'at', 'recover']);
      const node = nodeRef(`${path}.node`, o['node'], ids);
      const at = num(`${path}.at`, o['at'], 0);
      if (o['recover'] === undefined) return { node, at };
      const recover = num(`${path}.recover`, o['recover'], 0);
      if (recover <= at) throw new ScenarioError(`${path}.recover`, `must be after at (${at}), got ${recover}`);
      return { node, at, recover };
    });
  } else if (faults['crashes'] !== undefined) {
    crashes = atMost('faults.crashes', int('faults.crashes', faults['crashes'], 0), 'crashes');
  }

  const maxTime = s['maxTime'] === undefined ? DEFAULTS.maxTime : atMost('maxTime', num('maxTime', s['maxTime'], 1), 'maxTime');
  const maxEvents = s['maxEvents'] === undefined ? DEFAULTS.maxEvents : atMost('maxEvents', int('maxEvents', s['maxEvents'], 1), 'maxEvents');
  const proposals = s['proposals'] === undefined ? DEFAULTS.proposals : atMost('proposals', int('proposals', s['proposals'], 0), 'proposals');
  if (s['workload'] !== undefined && typeof s['workload'] !== 'boolean') throw new ScenarioError('workload', `must be true or false, got ${show(s['workload'])}`);
  let steps: Step[] | undefined;
  if (s['steps'] !== undefined) {
    if (!Array.isArray(s['steps'])) throw new ScenarioError('steps', `must be a list of steps, got ${show(s['steps'])}`);
    atMost('steps', s['steps'].length, 'steps');
    steps = s['steps'].map((st: unknown, i) => validateStep(`steps[${i}]`, st, ids));
  }
  const workload = typeof s['workload'] === 'boolean' ? s['workload'] : steps === undefined;
  if (s['title'] !== undefined && typeof s['title'] !== 'string') throw new ScenarioError('title', `must be a string, got ${show(s['title'])}`);
  if (s['description'] !== undefined && typeof s['description'] !== 'string') throw new ScenarioError('description', `must be a string, got ${show(s['description'])}`);

  return {
    scenario: s as unknown as Scenario,
    protocol,
    config,
    nodes,
    quorums: protocol.quorums(config),
    seed,
    latency,
    drop,
    duplicate,
    reorder,
    partitions,
    crashes,
    workload,
    proposals,
    maxTime,
    maxEvents,
    steps: steps ?? [{ type: 'run', until: 'quiet' }],
  };
}
