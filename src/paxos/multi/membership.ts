// Reconfiguration: which servers are the acceptors of a slot. Paxos Made Simple §3 lets the state machine
// itself say who the acceptors are: the membership of slot i + α is the one in force after executing the
// commands of slots 0..i. A leader therefore knows the acceptors of slot s only once every slot ≤ s − α is
// chosen and known to it, which bounds how far ahead it may propose: the window [firstUnchosen,
// firstUnchosen + α). Two leaders, whatever their ballots, then agree on every slot's acceptors, because
// they read them from the same chosen prefix.
//
// The variant reconfigure-immediately applies a change at once: from the slot after the one the leader put
// it in, whether or not it is chosen, and with no window. Two leaders can then use different acceptors for
// one slot, and a quorum of one membership need not meet a quorum of the other.
import type { NodeId, Slot, Value } from '../core/ids.ts';
import { majority, parseConfigCommand } from '../core/reconfig.ts';
import type { MultiConfig, ServerState } from './types.ts';
import { serverIds } from './config.ts';

/** Is reconfiguration on (MultiConfig.alpha set)? Off, every server is an acceptor of every slot. */
export const reconfigures = (config: MultiConfig): boolean => config.alpha !== undefined;

/** The first membership: S1..S{members}, or every server. */
export function initialMembers(config: MultiConfig): readonly NodeId[] {
  const all = serverIds(config);
  return config.members === undefined ? all : all.slice(0, config.members);
}

const change = (value: Value, config: MultiConfig): readonly NodeId[] | null => parseConfigCommand(value, serverIds(config));

/**
 * The acceptors of `slot` as this server can know them: the membership after the commands of slots
 * 0..slot − α, or null while one of those slots is not known chosen. The variant reads the leader's own
 * log instead (what it learned, else what it proposed) up to slot − 1, so it always has an answer.
 */
export function membersOf(s: ServerState, slot: Slot, config: MultiConfig): readonly NodeId[] | null {
  let members = initialMembers(config);
  if (config.mutant === 'reconfigure-immediately') {
    for (let i = 0; i < slot; i++) {
      const value = s.learned[i]?.value ?? s.proposals[i]?.value;
      const next = value === undefined ? null : change(value, config);
      if (next) members = next;
    }
    return members;
  }
  const alpha = config.alpha ?? 1;
  for (let i = 0; i <= slot - alpha; i++) {
    const e = s.learned[i] ?? null;
    if (e === null) return null;
    const next = change(e.value, config);
    if (next) members = next;
  }
  return members;
}

/** May the leader propose in `slot`? Only inside the window, where the slot's acceptors are known. */
export function inWindow(s: ServerState, slot: Slot, config: MultiConfig): boolean {
  if (config.mutant === 'reconfigure-immediately') return true;
  return slot < s.firstUnchosen + (config.alpha ?? 1);
}

export { majority };

/** How many of `ids` are in `members`. */
export function countIn(ids: readonly NodeId[], members: readonly NodeId[]): number {
  let n = 0;
  for (const id of ids) if (members.includes(id)) n++;
  return n;
}

/** One change a server knows of that is not in force at its next slot yet. */
export interface PendingChange {
  /** The first slot the change governs: the slot it sits in + α. */
  readonly from: Slot;
  readonly members: readonly NodeId[];
  /** Chosen (learned), or only proposed by this leader and not known chosen yet. */
  readonly chosen: boolean;
}

/**
 * What a server believes about membership, for its state table: the acceptors of its next slot (a
 * leader's next free slot, anyone else's first unchosen one; null while that slot's acceptors are not
 * known), and the changes it has learned or proposed that take effect after that slot.
 */
export function membershipView(s: ServerState, config: MultiConfig): { readonly slot: Slot; readonly members: readonly NodeId[] | null; readonly pending: readonly PendingChange[] } {
  const slot = s.role === 'leader' ? s.nextSlot : s.firstUnchosen;
  // The variant takes a change at once (membersOf reads it from the next slot on), the rule α slots later.
  const delay = config.mutant === 'reconfigure-immediately' ? 1 : (config.alpha ?? 1);
  const pending: PendingChange[] = [];
  const length = Math.max(s.learned.length, s.proposals.length);
  for (let i = 0; i < length; i++) {
    const learned = s.learned[i];
    const value = learned?.value ?? s.proposals[i]?.value;
    const next = value === undefined ? null : change(value, config);
    // In force at the next slot: chosen and α slots back (the variant: proposed, one slot back).
    const inForce = i + delay <= slot && (learned != null || config.mutant === 'reconfigure-immediately');
    if (next && !inForce) pending.push({ from: i + delay, members: next, chosen: learned != null });
  }
  return { slot, members: membersOf(s, slot, config), pending };
}
