// What one step produces besides the new state. A step collects its effects in one mutable, step-local
// accumulator (never part of a node state) so that handlers can be chained without building and merging
// intermediate StepResults: this keeps the hot path to one allocation per effect.
import type { Slot, Value } from '../core/ids.ts';
import type { StepResult, TimerCommand } from '../core/protocol.ts';
import type { MultiOutgoing } from './types.ts';

export interface Effects {
  readonly send: MultiOutgoing[];
  readonly timers: TimerCommand[];
  readonly chosen: { readonly slot: Slot; readonly value: Value }[];
}

export const newEffects = (): Effects => ({ send: [], timers: [], chosen: [] });

export function result<S>(state: S, fx: Effects): StepResult<S> {
  return { state, send: fx.send, timers: fx.timers, chosen: fx.chosen };
}

/** Timer names (the driver keeps one pending timer per name and node). */
export const ELECTION = 'election';
export const HEARTBEAT = 'heartbeat';
export const CLIENT_RETRY = 'retry';

/**
 * A copy of a slot-indexed array with `slot` set, padded with null holes: structural sharing at the level
 * of entries (only the spine is copied; entries are immutable and shared).
 */
export function withSlot<T>(items: readonly (T | null)[], slot: Slot, item: T | null): (T | null)[] {
  const next = items.slice();
  while (next.length < slot) next.push(null);
  next[slot] = item;
  return next;
}
