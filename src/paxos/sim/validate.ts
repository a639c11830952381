// Hand-written scenario validation (no schema library: it runs in the browser when a share link is decoded).
// Every error names the field path and, where it helps, the allowed values. See scenario.ts for the schema;
// one step's checks, and the field checks shared with them, are in validate-step.ts.
import { ConfigError, type ProtocolConfig } from '../core/protocol.ts';
import { PROTOCOL_NAMES, type ProtocolName } from '../core/trace.ts';
import { SCENARIO_LIMITS, type LimitedField } from './limits.ts';
import type { ProtocolLookup } from '../registry.ts';
import { completeScenario, configInput, SHARED_CONFIG_FIELDS, type ResolvedScenario } from './resolve.ts';
import { ScenarioError, type Scenario } from './scenario.ts';
import { int, nodeRef, num, object, onlyFields, show, validateStep } from './validate-step.ts';

export type { ResolvedScenario } from './resolve.ts';

const TOP_FIELDS = [
  'protocol', 'acceptors', 'proposers', 'clients', 'nack', 'mutant', 'classicQuorum', 'fastQuorum', 'timing', 'options',
  'seed', 'network', 'faults', 'workload', 'proposals', 'maxTime', 'maxEvents', 'steps', 'title', 'description', 'expect',
];
const NETWORK_FIELDS = ['latency', 'drop', 'duplicate', 'reorder', 'partitions'];
const TIMING_FIELDS = ['proposerTimeout', 'backoff', 'heartbeat', 'electionTimeout'];
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
    config = protocol.config(configInput(s as unknown as Scenario) as never);
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

  if (s['seed'] !== undefined) int('seed', s['seed'], 0);
  const net = s['network'] === undefined ? {} : object('network', s['network']);
  onlyFields('network', net, NETWORK_FIELDS);
  if (net['latency'] !== undefined) range('network.latency', net['latency']);
  for (const f of ['drop', 'duplicate', 'reorder']) if (net[f] !== undefined) probability(`network.${f}`, net[f]);
  if (Array.isArray(net['partitions'])) {
    atMost('network.partitions', net['partitions'].length, 'partitions');
    net['partitions'].forEach((p: unknown, i) => {
      const path = `network.partitions[${i}]`;
      const o = object(path, p);
      onlyFields(path, o, ['nodes', 'from', 'to']);
      if (!Array.isArray(o['nodes']) || o['nodes'].length === 0) throw new ScenarioError(`${path}.nodes`, `must be a non-empty list of node ids, got ${show(o['nodes'])}`);
      o['nodes'].forEach((n: unknown, j) => nodeRef(`${path}.nodes[${j}]`, n, ids));
      if (o['nodes'].length >= ids.length) throw new ScenarioError(`${path}.nodes`, 'lists every node, so nothing is cut off; list one side of the cut');
      const from = num(`${path}.from`, o['from'], 0);
      const to = num(`${path}.to`, o['to'], 0);
      if (to <= from) throw new ScenarioError(`${path}.to`, `must be after from (${from}), got ${to}`);
    });
  } else if (net['partitions'] !== undefined) {
    atMost('network.partitions', int('network.partitions', net['partitions'], 0), 'partitions');
  }

  const faults = s['faults'] === undefined ? {} : object('faults', s['faults']);
  onlyFields('faults', faults, ['crashes']);
  if (Array.isArray(faults['crashes'])) {
    atMost('faults.crashes', faults['crashes'].length, 'crashes');
    faults['crashes'].forEach((c: unknown, i) => {
      const path = `faults.crashes[${i}]`;
      const o = object(path, c);
      onlyFields(path, o, ['node', 'at', 'recover']);
      nodeRef(`${path}.node`, o['node'], ids);
      const at = num(`${path}.at`, o['at'], 0);
      if (o['recover'] === undefined) return;
      const recover = num(`${path}.recover`, o['recover'], 0);
      if (recover <= at) throw new ScenarioError(`${path}.recover`, `must be after at (${at}), got ${recover}`);
    });
  } else if (faults['crashes'] !== undefined) {
    atMost('faults.crashes', int('faults.crashes', faults['crashes'], 0), 'crashes');
  }

  if (s['maxTime'] !== undefined) atMost('maxTime', num('maxTime', s['maxTime'], 1), 'maxTime');
  if (s['maxEvents'] !== undefined) atMost('maxEvents', int('maxEvents', s['maxEvents'], 1), 'maxEvents');
  if (s['proposals'] !== undefined) atMost('proposals', int('proposals', s['proposals'], 0), 'proposals');
  if (s['workload'] !== undefined && typeof s['workload'] !== 'boolean') throw new ScenarioError('workload', `must be true or false, got ${show(s['workload'])}`);
  if (s['steps'] !== undefined) {
    if (!Array.isArray(s['steps'])) throw new ScenarioError('steps', `must be a list of steps, got ${show(s['steps'])}`);
    atMost('steps', s['steps'].length, 'steps');
    s['steps'].forEach((st: unknown, i) => validateStep(`steps[${i}]`, st, ids));
  }
  if (s['title'] !== undefined && typeof s['title'] !== 'string') throw new ScenarioError('title', `must be a string, got ${show(s['title'])}`);
  if (s['description'] !== undefined && typeof s['description'] !== 'string') throw new ScenarioError('description', `must be a string, got ${show(s['description'])}`);

  // Everything is checked: the defaults are filled in where the browser fills them in too (resolve.ts).
  return completeScenario(s as unknown as Scenario, protocols, config);
}
