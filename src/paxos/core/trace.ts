// paxos-trace/1, the engine's public output (../shared/design/trace-format.md). Keep field meanings stable.
import type { Message } from './message.ts';
import type { NodeId, NodeInfo, Slot, Value } from './ids.ts';

export const TRACE_FORMAT = 'paxos-trace/1';

export type ProtocolName = 'basic' | 'multi' | 'fast';
/** Every protocol name a scenario or trace may give, in the order menus list them. */
export const PROTOCOL_NAMES: readonly ProtocolName[] = ['basic', 'multi', 'fast'];

interface EventBase {
  readonly seq: number;
  readonly time: number;
}

export type TraceEvent = EventBase &
  (
    | { readonly type: 'propose'; readonly node: NodeId; readonly value: Value }
    | { readonly type: 'send'; readonly msg: Message }
    | { readonly type: 'deliver'; readonly msg: Message }
    | { readonly type: 'drop'; readonly msg: Message }
    | { readonly type: 'crash'; readonly node: NodeId }
    | { readonly type: 'recover'; readonly node: NodeId }
    | { readonly type: 'timeout'; readonly node: NodeId; readonly timer?: string }
    | { readonly type: 'chosen'; readonly node: NodeId; readonly slot: Slot; readonly value: Value }
  );

export type TraceEventType = TraceEvent['type'];

export interface Quorums {
  /** A value accepted by this many acceptors in one classic ballot is chosen (phase 2's quorum). */
  readonly classic: number;
  /** Only for protocol `fast`. */
  readonly fast?: number;
  /**
   * Only for Basic with flexible quorums (Flexible Paxos), and only when it differs from `classic`: the
   * promises phase 1 waits for. Absent, phase 1 waits for `classic`, as every trace written before it did.
   */
  readonly phase1?: number;
  /**
   * Only for Multi with reconfiguration: the acceptors of the first slots (`initial`) and the window.
   * A value `config S1 S2 S4` chosen in slot i makes those servers the acceptors of slots ≥ i + alpha;
   * a slot's quorum is then a majority of its acceptors, and `classic` is the first membership's.
   * Absent, every acceptor node is an acceptor of every slot, as in every trace written before it.
   */
  readonly reconfig?: { readonly initial: readonly NodeId[]; readonly alpha: number };
}

export interface TraceDocument {
  readonly format: typeof TRACE_FORMAT;
  readonly protocol: ProtocolName;
  /** Echo of the run's settings (seed, sizes, nack, mutant …); free form. */
  readonly config: { readonly seed: number; readonly [setting: string]: unknown };
  readonly quorums: Quorums;
  readonly nodes: readonly NodeInfo[];
  readonly events: readonly TraceEvent[];
}
