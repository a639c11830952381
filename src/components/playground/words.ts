// The playground's sentences built from the engine's data (a step, a node's extra state), shared by its
// views. The words themselves live in src/i18n/figures.ts.
import type { Step } from '../../paxos/sim/scenario.ts';
import { formatValue } from '../../paxos/render/labels.ts';
import { strings } from '../../i18n/figures.ts';

const T = strings();
const P = T.playground;

export const timerName = (t: string): string => T.timer[t] ?? t;
export const roleNames = (roles: readonly string[]): string => roles.map((r) => T.role[r] ?? r).join('、');

/** One `extra` entry of a node view, in words (keys and enumerated values translated, the rest as is). */
export function extraText(key: string, value: string): string {
  const v = key === 'lease' ? value.replace(' until ', P.leaseUntil) : key === 'ballot' ? value.replace(' (fast)', P.fastBallot) : (T.extraValue[value] ?? value);
  return `${T.extraKey[key] ?? key}=${v}`;
}

/** Extra keys the state table shows in the membership column (Multi with reconfiguration), not under 其他. */
export const MEMBERSHIP_KEYS: readonly string[] = ['members', 'changes'];

/**
 * A server's membership lines from its view (multi/view.ts): `s2: S1 S2 S3`, the acceptors of its next
 * slot, then each change still to come, `待生效 s3: S1 S2 S4`. None for a node without them.
 */
export function membershipLines(extra: Readonly<Record<string, string>>): string[] {
  const members = extra['members'];
  if (members === undefined) return [];
  const changes = extra['changes']?.split(' ; ') ?? [];
  return [members.replace(/: \?$/, `: ${P.membersUnknown}`), ...changes.map((c) => P.pendingChange + c.replace(' (proposed)', P.proposedChange))];
}

/** A step (a command's applied step), in words for the live line and the timeline's ticks. */
export function stepText(s: Step | null): string {
  const w = P.steps;
  if (!s) return w.start;
  switch (s.type) {
    case 'propose':
      return w.propose(s.node, formatValue(s.value));
    case 'deliver':
    case 'drop':
    case 'duplicate': {
      const verb = w[s.type];
      const m = s.match;
      return `${verb}${m.id !== undefined ? ` #${m.id}` : ''}${m.kind ? ` ${m.kind}` : ''}${m.from ? ` ${m.from}` : ''}${m.to ? `→${m.to}` : ''}`;
    }
    case 'crash':
      return w.crash(s.node);
    case 'recover':
      return w.recover(s.node);
    case 'timeout':
      return w.timeout(s.node, s.timer ? timerName(s.timer) : undefined);
    case 'tick':
      return w.tick;
    case 'run':
      return s.until === 'quiet' ? w.runQuiet : w.runUntil(s.until);
  }
}
