// The replicated state machine: a small key-value store. Commands are the log's values, plain strings:
//   set KEY VALUE   (VALUE is the rest of the line, spaces allowed)   → "ok"
//   get KEY                                                           → the value, or null if unset
//   del KEY                                                           → "ok"
// A no-op (null, a filled hole) and any other string leave the store as it is and answer null: the log
// may carry opaque values (scenarios often propose "v1"), and every replica must treat them the same way.
// Every server applies the chosen commands strictly in slot order, so equal prefixes give equal stores.
import type { Value } from '../core/ids.ts';

export type KvStore = Readonly<Record<string, string>>;

export interface KvResult {
  readonly kv: KvStore;
  readonly result: string | null;
}

export function applyCommand(kv: KvStore, command: Value): KvResult {
  if (command === null) return { kv, result: null };
  const first = command.indexOf(' ');
  if (first < 0) return { kv, result: null };
  const op = command.slice(0, first);
  const rest = command.slice(first + 1);
  if (op === 'get') return { kv, result: Object.hasOwn(kv, rest) ? (kv[rest] as string) : null };
  if (op === 'del') {
    if (!Object.hasOwn(kv, rest)) return { kv, result: 'ok' };
    const next: Record<string, string> = {};
    for (const key of Object.keys(kv)) if (key !== rest) next[key] = kv[key] as string;
    return { kv: next, result: 'ok' };
  }
  if (op === 'set') {
    const second = rest.indexOf(' ');
    if (second <= 0) return { kv, result: null };
    const key = rest.slice(0, second);
    return { kv: { ...kv, [key]: rest.slice(second + 1) }, result: 'ok' };
  }
  return { kv, result: null };
}

/** `x=1, y=2` with keys sorted, for the state table. */
export function formatKv(kv: KvStore): string {
  const keys = Object.keys(kv).sort();
  return keys.length === 0 ? '{}' : keys.map((k) => `${k}=${kv[k] as string}`).join(', ');
}
