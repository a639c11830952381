// The one converter from a model-checker counterexample (a paxos-trace/1 document whose moves are one time
// step each) to a playground scenario: the same nodes, mutant and settings, and a script with one step per
// move, so the reader steps through the checker's run with the playground's own engine and safety banner.
//
// Messages are matched by the simulator's own ids: the script is built by replaying it in a Simulation and,
// for each delivered or dropped message, picking the in-flight message whose content equals the checker's.
// A pattern by kind/from/to alone could pick the wrong one when a restarted proposer has two promises in
// flight for one ballot with different contents; an id cannot. The checker's "deliver and keep a copy" is
// the simulator's duplicate followed by a deliver.
import type { Message } from '../../../paxos/core/message.ts';
import type { TraceDocument, TraceEvent } from '../../../paxos/core/trace.ts';
import type { Scenario, Step } from '../../../paxos/sim/scenario.ts';
import { Simulation, type Flight } from '../../../paxos/sim/simulation.ts';
import { getProtocol } from '../../../paxos/registry.ts';
import { resolveScenario } from '../../../paxos/sim/validate.ts';

/** JSON with sorted keys and no id: two messages with equal content compare equal. */
function content(msg: Message): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v === null || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).filter((k) => k !== 'id').sort().map((k) => [k, sort(o[k])]));
  };
  return JSON.stringify(sort(msg));
}

/** The moves of a trace: its events grouped by time, in order (time 0 holds what happens before any move). */
function moves(trace: TraceDocument): TraceEvent[][] {
  const out: TraceEvent[][] = [];
  let last = -1;
  for (const e of trace.events) {
    if (e.time !== last) {
      out.push([]);
      last = e.time;
    }
    out[out.length - 1]!.push(e);
  }
  return out;
}

/** The scenario fields the checker's trace echoes (its scope), as a scenario of the same protocol. */
function baseScenario(trace: TraceDocument, title: string): Scenario {
  const c = trace.config as Record<string, unknown>;
  const num = (k: string): number | undefined => (typeof c[k] === 'number' ? (c[k] as number) : undefined);
  const acceptors = num('acceptors');
  const proposers = num('proposers');
  const clients = num('clients');
  const fast = trace.protocol === 'fast';
  return {
    protocol: trace.protocol,
    ...(acceptors === undefined ? {} : { acceptors }),
    ...(trace.protocol === 'basic' && proposers !== undefined ? { proposers } : {}),
    ...(fast && clients !== undefined ? { clients } : {}),
    ...(fast ? { classicQuorum: trace.quorums.classic, ...(trace.quorums.fast === undefined ? {} : { fastQuorum: trace.quorums.fast }) } : {}),
    ...(fast && c['retries'] === 'fast' ? { options: { retries: 'fast' } } : {}),
    // Multi with reconfiguration: the window and the first membership (without them the variant
    // reconfigure-immediately is refused, and the correct rule would run with one fixed membership).
    ...(trace.protocol === 'multi' && num('alpha') !== undefined ? { options: { alpha: num('alpha'), ...(num('members') === undefined ? {} : { members: num('members') }) } } : {}),
    nack: c['nack'] === true,
    ...(typeof c['mutant'] === 'string' ? { mutant: c['mutant'] as NonNullable<Scenario['mutant']> } : {}),
    workload: false,
    title,
  };
}

/**
 * The playground scenario for a checker counterexample. Throws (naming the move) if the simulator cannot
 * follow the checker's run — the two share the protocol's roles, so that would be a bug to report.
 */
export function counterexampleScenario(trace: TraceDocument, title: string): Scenario {
  const base = baseScenario(trace, title);
  const sim = new Simulation(resolveScenario({ ...base, steps: [] }, getProtocol));
  const steps: Step[] = [];
  const apply = (step: Step): void => {
    sim.apply(step, `steps[${steps.length}]`);
    steps.push(step);
  };
  const all = moves(trace);
  // A message delivered here and again later was duplicated (the checker keeps a copy in flight).
  const deliveredAt = new Map<number, number[]>();
  all.forEach((group, i) => {
    const first = group[0];
    if (first && (first.type === 'deliver' || first.type === 'drop')) deliveredAt.set(first.msg.id, [...(deliveredAt.get(first.msg.id) ?? []), i]);
  });
  const flightFor = (msg: Message, where: string): Flight => {
    const want = content(msg);
    const f = sim.inFlight().find((x) => content(x.msg) === want);
    if (!f) throw new Error(`counterexample ${where}: the simulator has no ${msg.kind} from ${msg.from} to ${msg.to} in flight`);
    return f;
  };
  all.forEach((group, i) => {
    const e = group[0];
    if (!e || e.time === 0) return;
    const where = `move ${e.time}`;
    switch (e.type) {
      case 'propose':
        apply({ type: 'propose', node: e.node, value: e.value });
        return;
      case 'crash':
      case 'recover':
        apply({ type: e.type, node: e.node });
        return;
      case 'timeout':
        apply({ type: 'timeout', node: e.node, ...(e.timer === undefined ? {} : { timer: e.timer }) });
        return;
      case 'deliver':
      case 'drop': {
        const f = flightFor(e.msg, where);
        const match = { kind: f.msg.kind, from: f.msg.from, to: f.msg.to, id: f.msg.id };
        const later = (deliveredAt.get(e.msg.id) ?? []).some((j) => j > i);
        if (e.type === 'deliver' && later) apply({ type: 'duplicate', match: { ...match, copy: f.copy } });
        apply({ type: e.type, match: { ...match, copy: f.copy } });
        return;
      }
      default:
        throw new Error(`counterexample ${where}: a move cannot start with a ${e.type} event`);
    }
  });
  return { ...base, steps };
}
