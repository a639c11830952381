// Every protocol the engine knows, by the name used in scenarios, traces and the CLI.
import type { Protocol } from './core/protocol.ts';
import type { ProtocolName } from './core/trace.ts';
import { basicPaxos } from './basic/index.ts';
import { multiPaxos } from './multi/index.ts';
import { fastPaxos } from './fast/index.ts';

/** A protocol whose state and config types the caller does not know (the simulator drives any of them). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyProtocol = Protocol<any, any>;

export const protocols: Partial<Record<ProtocolName, AnyProtocol>> = {
  basic: basicPaxos,
  multi: multiPaxos,
  fast: fastPaxos,
};

export const PROTOCOL_NAMES: readonly ProtocolName[] = ['basic', 'multi', 'fast'];

export function protocolNames(): ProtocolName[] {
  return PROTOCOL_NAMES.filter((n) => protocols[n] !== undefined);
}

export function getProtocol(name: string): AnyProtocol | undefined {
  return (protocols as Record<string, AnyProtocol | undefined>)[name];
}
