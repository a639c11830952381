// The configuration-change command, part of the trace format (Quorums.reconfig): a value `config S1 S2 S4`
// chosen in slot i makes those nodes the acceptors of every slot from i + alpha on. The engine's Multi
// servers and the trace checker read it with this one function, so they cannot disagree on what a
// command means.
import type { NodeId, Value } from './ids.ts';
import { compareIds } from './sorted.ts';

const CONFIG_PREFIX = 'config ';

/**
 * The membership a command names (sorted), or null when the value is not a configuration change. The word
 * `config`, then distinct ids of `acceptors` separated by spaces. A malformed change (an unknown id, a
 * repeated one, none at all) is not a change: like any opaque value it leaves the membership as it was.
 */
export function parseConfigCommand(value: Value, acceptors: readonly NodeId[]): NodeId[] | null {
  if (value === null || !value.startsWith(CONFIG_PREFIX)) return null;
  const ids = value.slice(CONFIG_PREFIX.length).split(' ').filter((x) => x !== '');
  if (ids.length === 0 || ids.some((id) => !acceptors.includes(id)) || new Set(ids).size !== ids.length) return null;
  return ids.sort(compareIds);
}

/** The command that makes `members` the acceptors. */
export const configCommand = (members: readonly NodeId[]): string => `${CONFIG_PREFIX}${[...members].sort(compareIds).join(' ')}`;

/** A majority of `members`: any two such sets share a node. */
export const majority = (members: readonly NodeId[]): number => Math.floor(members.length / 2) + 1;
