// The Multi-Paxos acceptor: Basic Paxos's rules, with one promise covering a whole suffix of the log.
// On prepare(b, k) it makes the two promises and gives the reply:
//   1. first promise: it answers no later prepare numbered ≤ b (so a duplicate of the prepare it promised
//      is ignored, as in Basic);
//   2. second promise: it accepts no later accept numbered < b, in any slot;
//   3. the reply: for every slot ≥ k, what it last accepted there (slots with nothing are left out).
// A refusal is answered with `nack` carrying the promise when config.nack is on, else ignored. Durable:
// `promised` and `accepted` (see state.ts for what a crash keeps).
import { ballotLess, compareBallots } from '../core/ballot.ts';
import type { AcceptBody, AcceptedEntry, PrepareBody } from '../core/message.ts';
import type { NodeId, Slot } from '../core/ids.ts';
import type { MultiConfig, ServerState } from './types.ts';
import { withSlot, type Effects } from './effects.ts';
import { reconfigures } from './membership.ts';
import { armElection, heardFromLeader, leaseBlocks, stepDown } from './follower.ts';

/** Rule 3: the accepted entries in slots ≥ k, in slot order. */
export function acceptedFrom(accepted: readonly (AcceptedEntry | null)[], k: Slot): AcceptedEntry[] {
  const out: AcceptedEntry[] = [];
  for (let slot = k; slot < accepted.length; slot++) {
    const e = accepted[slot];
    if (e) out.push(e);
  }
  return out;
}

export function onPrepare(s: ServerState, from: NodeId, m: PrepareBody, config: MultiConfig, now: number, fx: Effects): ServerState {
  if (leaseBlocks(s, from, config, now)) return s; // silently: a lease holder is alive, no vote for anyone else
  // With reconfiguration a leader asks a new membership's acceptors for promises in mid-term, and one of
  // them may already have accepted in its ballot: it answers a prepare equal to its promise again (that
  // promise was made; the reply lists what it accepted since). Otherwise a duplicate is ignored, as in Basic.
  if (reconfigures(config) && compareBallots(m.ballot, s.promised) === 0 && m.ballot.node === from) {
    fx.send.push({ kind: 'promise', to: from, ballot: m.ballot, slot: m.slot, accepted: acceptedFrom(s.accepted, m.slot) });
    return s;
  }
  if (compareBallots(m.ballot, s.promised) <= 0) {
    if (config.nack && ballotLess(m.ballot, s.promised)) {
      fx.send.push({ kind: 'nack', to: from, ballot: m.ballot, promised: s.promised, slot: m.slot });
    }
    return s;
  }
  fx.send.push({ kind: 'promise', to: from, ballot: m.ballot, slot: m.slot, accepted: acceptedFrom(s.accepted, m.slot) });
  const next: ServerState = { ...s, promised: m.ballot, promiseOnDisk: null };
  if (m.ballot.node === s.id) return next;
  // Another server bids higher: a candidate or leader with a lower ballot yields; a follower gives the
  // bidder a full election timeout to finish before running itself.
  if (next.role !== 'follower' && ballotLess(next.lastBallot, m.ballot)) return stepDown(next, null, config, fx);
  if (next.role === 'follower') armElection(config, fx);
  return next;
}

export function onAccept(s: ServerState, from: NodeId, m: AcceptBody, config: MultiConfig, now: number, fx: Effects): ServerState {
  if (ballotLess(m.ballot, s.promised)) {
    if (config.nack) fx.send.push({ kind: 'nack', to: from, ballot: m.ballot, promised: s.promised, slot: m.slot });
    return s;
  }
  const entry: AcceptedEntry = { slot: m.slot, ballot: m.ballot, value: m.value };
  fx.send.push({ kind: 'accepted', to: from, ballot: m.ballot, slot: m.slot, value: m.value });
  const next: ServerState = {
    ...s,
    promised: m.ballot,
    promiseOnDisk: null,
    accepted: withSlot(s.accepted, m.slot, entry),
    lastRecord: m.slot > s.lastRecord ? m.slot : s.lastRecord,
  };
  return from === s.id ? next : heardFromLeader(next, from, m.ballot, config, now, fx);
}
