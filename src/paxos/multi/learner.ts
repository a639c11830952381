// The learner and the state machine. A server learns that `value` is chosen in a slot only from real
// evidence: a quorum of `accepted` for one ballot (the leader, leader.ts), or a `commit` / `catchup-reply`
// from a server that itself learned it that way. Chosen entries are applied to the key-value store
// strictly in slot order; the leader answers the client whose command it was once it is applied.
import type { Ballot } from '../core/ballot.ts';
import type { AcceptedEntry } from '../core/message.ts';
import type { NodeId, Slot, Value } from '../core/ids.ts';
import type { CatchupBody, CatchupReplyBody, CommitBody, MultiConfig, ServerState } from './types.ts';
import { withSlot, type Effects } from './effects.ts';
import { applyCommand } from './kv.ts';

/**
 * The mutant forget-promise-on-learn (zpaxos, pitfall 3 of the brief) lives here and only here: zpaxos
 * stores a learned slot as a record whose promise equals the chosen ballot, and a restart reads the
 * working promise back from the last record. So when the learned slot is the last record, the promise on
 * disk becomes the chosen ballot, which may be lower than what this acceptor has promised since.
 * The correct protocol keeps the (maximum) promise apart from the per-slot records.
 */
function promiseAfterLearning(s: ServerState, slot: Slot, ballot: Ballot, config: MultiConfig): Ballot | null {
  if (config.mutant === 'forget-promise-on-learn' && slot >= s.lastRecord) return ballot;
  return s.promiseOnDisk;
}

export function learn(s: ServerState, slot: Slot, ballot: Ballot, value: Value, config: MultiConfig, fx: Effects): ServerState {
  if ((s.learned[slot] ?? null) !== null) return s;
  fx.chosen.push({ slot, value });
  const learned = withSlot(s.learned, slot, { ballot, value });
  let firstUnchosen = s.firstUnchosen;
  while (firstUnchosen < learned.length && learned[firstUnchosen] !== null) firstUnchosen++;
  const next: ServerState = {
    ...s,
    learned,
    firstUnchosen,
    // A value this server was asking a leader to propose is done once it is seen chosen, answer or not.
    pending: s.pending.length === 0 || value === null ? s.pending : s.pending.filter((p) => p.value !== value),
    lastRecord: slot > s.lastRecord ? slot : s.lastRecord,
    promiseOnDisk: promiseAfterLearning(s, slot, ballot, config),
  };
  return apply(next, fx);
}

/** Apply every newly contiguous chosen slot, in order. */
function apply(s: ServerState, fx: Effects): ServerState {
  if (s.applied >= s.firstUnchosen) return s;
  let kv = s.kv;
  for (let slot = s.applied; slot < s.firstUnchosen; slot++) {
    const entry = s.learned[slot];
    if (!entry) break; // unreachable: every slot below firstUnchosen is learned
    const r = applyCommand(kv, entry.value);
    kv = r.kv;
    if (s.role !== 'leader') continue;
    const p = s.proposals[slot];
    if (p && p.client !== null && p.client !== s.id && p.value === entry.value && entry.value !== null) {
      fx.send.push({ kind: 'client-reply', to: p.client, value: entry.value, ok: true, slot, ...(r.result === null ? {} : { result: r.result }) });
    }
  }
  return { ...s, kv, applied: s.firstUnchosen };
}

export function onCommit(s: ServerState, m: CommitBody, config: MultiConfig, fx: Effects): ServerState {
  return learn(s, m.slot, m.ballot, m.value, config, fx);
}

/** Answer a lagging server with every chosen entry this server knows in slots ≥ `m.slot`. */
export function onCatchup(s: ServerState, requester: NodeId, m: CatchupBody, fx: Effects): ServerState {
  const entries: AcceptedEntry[] = [];
  for (let slot = Math.max(0, m.slot); slot < s.learned.length; slot++) {
    const e = s.learned[slot];
    if (e) entries.push({ slot, ballot: e.ballot, value: e.value });
  }
  if (entries.length > 0) fx.send.push({ kind: 'catchup-reply', to: requester, entries });
  return s;
}

export function onCatchupReply(s: ServerState, m: CatchupReplyBody, config: MultiConfig, fx: Effects): ServerState {
  let next = s;
  for (const e of m.entries) next = learn(next, e.slot, e.ballot, e.value, config, fx);
  return next;
}
