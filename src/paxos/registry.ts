// Every protocol the engine knows, by the name used in scenarios, traces and the CLI, loaded at once.
// Node-side code (the CLI, the checker, the build's figures, tests) looks protocols up here. The reader's
// browser does not: a page loads only the protocol its playground runs (load-protocol.ts), so the
// simulator and the scenario validator take the lookup as a parameter instead of importing this table.
import type { Protocol, ProtocolConfig } from './core/protocol.ts';
import { PROTOCOL_NAMES, type ProtocolName } from './core/trace.ts';
import { basicPaxos } from './basic/index.ts';
import { multiPaxos } from './multi/index.ts';
import { fastPaxos } from './fast/index.ts';
import type { FastConfig } from './fast/config.ts';
import { staleForNode as basicStale } from './basic/stale.ts';
import { staleForServer as multiStale } from './multi/stale.ts';
import { staleForNode as fastStale } from './fast/stale.ts';

/**
 * A protocol whose state and config types the caller does not know (the simulator drives any of them). Any
 * Protocol<S, C> is one: its methods take S and C as parameters, which TypeScript compares both ways.
 */
export type AnyProtocol = Protocol<unknown, ProtocolConfig>;

/** Finds a protocol by name, or undefined when it is not at hand (not loaded yet in a browser). */
export type ProtocolLookup = (name: ProtocolName) => AnyProtocol | undefined;

// Each protocol, typed as itself (a caller who names one gets its own config type), with the model checker's
// hints (Protocol.stale, Protocol.valuesPerStep) attached. The hints are attached here and not in the
// protocol modules because only Node-side code and the checker's worker use them: a reader's page loads a
// protocol module on its own (load-protocol.ts) and so does not download them.
export const protocols = {
  basic: { ...basicPaxos, stale: basicStale },
  multi: { ...multiPaxos, stale: multiStale },
  // Uncoordinated recovery: the request that shows an acceptor the collision is voted for in round i, and
  // in the same step the acceptor votes in round i + 1 for the value its recovery picks.
  fast: { ...fastPaxos, stale: fastStale, valuesPerStep: (config: FastConfig) => (config.recovery === 'uncoordinated' ? 2 : 1) },
} as const satisfies Readonly<Record<ProtocolName, AnyProtocol>>;

export function protocolNames(): ProtocolName[] {
  return [...PROTOCOL_NAMES];
}

/** The lookup over every protocol: what Node-side callers pass to `resolveScenario` and `Simulation`. */
export const getProtocol = (name: string): AnyProtocol | undefined => (protocols as Record<string, AnyProtocol | undefined>)[name];
