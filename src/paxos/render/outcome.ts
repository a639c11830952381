// What a run came to, read from its trace alone: the value chosen in each slot, or the likeliest reason
// nothing was chosen (no proposal, too many acceptors crashed, proposers pre-empting each other until the
// time limit, lost messages).
import { formatBallot } from '../core/ballot.ts';
import type { NodeId, Slot, Value } from '../core/ids.ts';
import type { TraceDocument } from '../core/trace.ts';
import { formatValue } from './labels.ts';

export interface SlotOutcome {
  readonly slot: Slot;
  readonly value: Value;
  /** When the first node learned it. */
  readonly time: number;
  readonly learners: readonly NodeId[];
  /** Other values some node learned for the same slot: only a broken (mutant) run has any. */
  readonly conflicting: readonly Value[];
}

export type StallReason = 'no-proposal' | 'majority-crashed' | 'livelock' | 'messages-lost' | 'unfinished';

export interface Outcome {
  readonly chosen: readonly SlotOutcome[];
  /** Set when nothing was chosen. */
  readonly stall?: StallReason;
  /** Distinct ballots that went through phase 1 (prepare sent). */
  readonly ballots: number;
  /** Messages lost (drop events) and delivered. */
  readonly dropped: number;
  readonly delivered: number;
  readonly endTime: number;
  /** One line for people. */
  readonly text: string;
}

export function summarizeOutcome(doc: TraceDocument): Outcome {
  const bySlot = new Map<Slot, { value: Value; time: number; learners: NodeId[]; conflicting: Value[] }>();
  const prepared = new Set<string>();
  const acceptors = new Set(doc.nodes.filter((n) => n.roles.includes('acceptor')).map((n) => n.id));
  const down = new Set<NodeId>();
  let proposals = 0;
  let dropped = 0;
  let delivered = 0;
  let nacks = 0;
  let timeouts = 0;
  let endTime = 0;
  for (const e of doc.events) {
    endTime = e.time;
    switch (e.type) {
      case 'propose':
        proposals++;
        break;
      case 'send':
        if (e.msg.kind === 'prepare') prepared.add(formatBallot(e.msg.ballot));
        break;
      case 'deliver':
        delivered++;
        if (e.msg.kind === 'nack') nacks++;
        break;
      case 'drop':
        dropped++;
        break;
      case 'timeout':
        timeouts++;
        break;
      case 'crash':
        down.add(e.node);
        break;
      case 'recover':
        down.delete(e.node);
        break;
      case 'chosen': {
        const s = bySlot.get(e.slot);
        if (!s) bySlot.set(e.slot, { value: e.value, time: e.time, learners: [e.node], conflicting: [] });
        else if (s.value !== e.value) {
          if (!s.conflicting.includes(e.value)) s.conflicting.push(e.value);
        } else if (!s.learners.includes(e.node)) s.learners.push(e.node);
        break;
      }
    }
  }
  const chosen = [...bySlot].sort((a, b) => a[0] - b[0]).map(([slot, s]) => ({ slot, ...s }));
  const base = { chosen, ballots: prepared.size, dropped, delivered, endTime };
  const conflicts = chosen.filter((c) => c.conflicting.length > 0);
  if (conflicts.length > 0) {
    const what = conflicts.map((c) => `slot ${c.slot}: ${[c.value, ...c.conflicting].map(formatValue).join(' and ')}`).join('; ');
    return { ...base, text: `UNSAFE: different values chosen (${what})` };
  }
  if (chosen.length > 0) {
    const list = chosen.length === 1 && chosen[0]!.slot === 0
      ? `chosen: ${formatValue(chosen[0]!.value)} (t=${chosen[0]!.time}, learned by ${chosen[0]!.learners.join(', ')})`
      : `chosen in ${chosen.length} slot(s): ${chosen.map((c) => `${c.slot}=${formatValue(c.value)}`).join(', ')}`;
    return { ...base, text: list };
  }
  const quorum = doc.quorums.classic;
  const downAcceptors = [...acceptors].filter((a) => down.has(a)).length;
  const maxTime = typeof doc.config['maxTime'] === 'number' ? doc.config['maxTime'] : undefined;
  let stall: StallReason;
  let text: string;
  if (proposals === 0) {
    stall = 'no-proposal';
    text = 'nothing chosen: nobody proposed a value';
  } else if (acceptors.size - downAcceptors < quorum) {
    stall = 'majority-crashed';
    text = `nothing chosen: ${downAcceptors} of ${acceptors.size} acceptors are crashed, fewer than a quorum (${quorum}) can answer`;
  } else if (dropped > 0 && dropped >= delivered) {
    stall = 'messages-lost';
    text = `nothing chosen: ${dropped} messages were lost (${delivered} delivered)`;
  } else if (prepared.size >= 3 && nacks + timeouts >= prepared.size) {
    stall = 'livelock';
    const until = maxTime !== undefined && endTime >= maxTime * 0.9 ? ` until the time limit (${maxTime})` : '';
    text = `nothing chosen: proposers kept pre-empting each other (${prepared.size} ballots, ${nacks} nacks, ${timeouts} timeouts)${until}`;
  } else {
    stall = 'unfinished';
    text = 'nothing chosen yet: the run ended before a quorum accepted a value';
  }
  return { ...base, stall, text };
}
