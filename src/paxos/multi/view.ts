// The read-only view for state tables and the playground.
import { formatBallot } from '../core/ballot.ts';
import type { AcceptedEntry } from '../core/message.ts';
import type { Slot, Value } from '../core/ids.ts';
import type { NodeView } from '../core/protocol.ts';
import type { MultiConfig, MultiState } from './types.ts';
import { formatKv } from './kv.ts';
import { membershipView, reconfigures } from './membership.ts';

export function viewState(s: MultiState, config: MultiConfig): NodeView {
  if (s.kind === 'client') {
    return {
      accepted: [],
      chosen: [],
      extra: {
        role: 'client',
        outstanding: s.outstanding.length === 0 ? '—' : s.outstanding.join(' ; '),
        completed: String(s.completed),
        last: s.lastReply ?? '—',
      },
    };
  }
  const accepted: AcceptedEntry[] = [];
  for (const e of s.accepted) if (e) accepted.push(e);
  const chosen: { slot: Slot; value: Value }[] = [];
  s.learned.forEach((e, slot) => {
    if (e) chosen.push({ slot, value: e.value });
  });
  // The table already has promised / accepted / chosen columns: extra holds the rest, briefly.
  const extra: Record<string, string> = { role: s.role };
  if (s.role === 'follower') extra['leader'] = s.leader ?? '—';
  else extra['ballot'] = formatBallot(s.lastBallot);
  extra['applied'] = String(s.applied); // slots 0 … applied−1 are in the store
  extra['kv'] = formatKv(s.kv);
  if (s.role === 'leader') extra['nextSlot'] = String(s.nextSlot);
  if (s.role === 'candidate') extra['promises'] = s.promisesFrom.join(',') || '—';
  if (s.pending.length > 0) extra['pending'] = s.pending.map((p) => p.value).join(' ; ');
  if (s.leaseHolder !== null) extra['lease'] = `${s.leaseHolder} until ${s.leaseUntil}`;
  if (s.promiseOnDisk !== null) extra['promiseOnDisk'] = formatBallot(s.promiseOnDisk);
  if (reconfigures(config)) {
    // What this server believes, which may lag what is chosen: `s2: S1 S2 S3` (the acceptors of its next
    // slot; `?` while a slot α back is not known chosen), and changes still to come, `s3: S1 S2 S4` each,
    // marked `(proposed)` while only its own proposal says so.
    const m = membershipView(s, config);
    extra['members'] = `s${m.slot}: ${m.members?.join(' ') ?? '?'}`;
    if (m.pending.length > 0) extra['changes'] = m.pending.map((c) => `s${c.from}: ${c.members.join(' ')}${c.chosen ? '' : ' (proposed)'}`).join(' ; ');
  }
  return { promised: s.promised, accepted, chosen, extra };
}
