// What a node of the network picture says about itself, in words: its lines of state (durable state first,
// since a crashed node keeps showing it) and its label for screen readers. Plain TypeScript, so the tests
// read exactly what the picture draws.
import { formatBallot } from '../../paxos/core/ballot.ts';
import { formatValue } from '../../paxos/render/labels.ts';
import { strings } from '../../i18n/figures.ts';
import type { NodeRow } from './run.ts';
import { roleNames } from './words.ts';

const T = strings();
const P = T.playground;
const W = P.network;

/** Accepted entries shown per node (Multi's log grows; the latest slots are the interesting ones). */
const MAX_ENTRIES = 2;

/** What a node shows on itself, one line each: durable state first (it survives a crash), then the rest. */
export function nodeLines(n: NodeRow, slots: boolean): string[] {
  const v = n.view;
  const lines: string[] = [];
  // Ballot 0 of nobody is the engine's "nothing promised yet" (the table prints it as 0).
  if (v.promised && (v.promised.round > 0 || v.promised.node !== '')) lines.push(W.promised(formatBallot(v.promised)));
  const accepted = v.accepted.slice(-MAX_ENTRIES);
  for (const a of accepted) lines.push(W.accepted(`${slots ? `s${a.slot} ` : ''}${formatBallot(a.ballot)}=${formatValue(a.value)}`));
  if (v.accepted.length > accepted.length) lines.push(W.more(v.accepted.length - accepted.length));
  if (v.chosen.length > 0) {
    lines.push(W.chosen(slots ? v.chosen.slice(-3).map((c) => `s${c.slot}=${formatValue(c.value)}`).join(' ') : formatValue(v.chosen[0]!.value)));
  }
  const x = v.extra;
  // A proposer's own ballot and phase; a client's outstanding request. (Multi's role shows as the title's star.)
  if (x['ballot'] && x['phase']) lines.push(`${x['ballot'].replace(' (fast)', P.fastBallot)} ${T.extraValue[x['phase']] ?? x['phase']}`);
  else if (x['proposed']) lines.push(`${T.extraKey['proposed']} ${x['proposed']}`);
  else if (x['outstanding'] && x['outstanding'] !== '—') lines.push(`${T.extraKey['outstanding']} ${x['outstanding']}`);
  return lines;
}

export const isLeader = (n: NodeRow): boolean => n.view.extra['role'] === 'leader';

export function nodeLabel(n: NodeRow, lines: readonly string[]): string {
  const roles = roleNames(n.info.roles);
  const state = [isLeader(n) ? W.leader : '', n.up ? '' : W.down, ...lines].filter(Boolean).join('，');
  return W.node(n.info.id, roles, state ? `：${state}` : '');
}

