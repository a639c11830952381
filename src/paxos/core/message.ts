// Message shapes of paxos-trace/1. A message has one sender and one receiver; `id` is assigned by the
// simulator when the message is put on the network, so roles emit `Outgoing` (a message without id).
import type { Ballot } from './ballot.ts';
import type { NodeId, Slot, Value } from './ids.ts';

export interface AcceptedEntry {
  readonly slot: Slot;
  readonly ballot: Ballot;
  readonly value: Value;
}

interface Envelope {
  readonly id: number;
  readonly from: NodeId;
  readonly to: NodeId;
}

export interface PrepareBody { readonly kind: 'prepare'; readonly ballot: Ballot; readonly slot: Slot }
export interface PromiseBody {
  readonly kind: 'promise';
  readonly ballot: Ballot;
  readonly slot: Slot;
  /** What the acceptor has accepted in each slot ≥ `slot` (empty: nothing). */
  readonly accepted: readonly AcceptedEntry[];
}
export interface AcceptBody { readonly kind: 'accept'; readonly ballot: Ballot; readonly slot: Slot; readonly value: Value }
export interface AcceptedBody { readonly kind: 'accepted'; readonly ballot: Ballot; readonly slot: Slot; readonly value: Value }
/** A refusal; `promised` tells the loser how high it must go. `slot` is an extension field (trace readers may ignore it). */
export interface NackBody { readonly kind: 'nack'; readonly ballot: Ballot; readonly promised: Ballot; readonly slot?: Slot }
/** Fast Paxos: a client's value sent straight to the acceptors. `slot` is an extension field. */
export interface RequestBody { readonly kind: 'request'; readonly value: Value; readonly slot?: Slot }
/**
 * Fast Paxos phase 2a "any" (an extension kind, outside the contract's table): the coordinator of fast
 * ballot `ballot` lets each acceptor accept the first client `request` it gets in that ballot.
 */
export interface AcceptAnyBody { readonly kind: 'accept-any'; readonly ballot: Ballot; readonly slot: Slot }
/**
 * Kinds outside the contract's table (heartbeat, chosen/commit broadcast, catch-up …). Readers that do not
 * know a kind skip it, so every extra field must be plain JSON.
 */
export interface OtherBody {
  readonly kind: 'heartbeat' | 'commit' | 'catchup' | 'catchup-reply' | 'client-request' | 'client-reply';
  readonly [field: string]: unknown;
}

export type MessageBody = PrepareBody | PromiseBody | AcceptBody | AcceptedBody | NackBody | RequestBody | AcceptAnyBody | OtherBody;
export type MessageKind = MessageBody['kind'];

/** What a role emits: the body plus the receiver. The simulator stamps `id` and `from`. */
export type Outgoing = MessageBody & { readonly to: NodeId };

/** A message as it appears in a trace. */
export type Message = MessageBody & Envelope;
