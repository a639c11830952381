// Sets that roles count (promises, acknowledgements, votes) are kept as arrays sorted by a fixed order, so
// one set is one JSON text whatever order its messages arrived in: the simulator's state hashes and the
// model checker's interned states then see one state where there is one.

/** A copy of sorted `items` with `item` inserted after every element that does not sort after it. */
export function insertSorted<T>(items: readonly T[], item: T, compare: (a: T, b: T) => number): T[] {
  let at = items.length;
  while (at > 0 && compare(items[at - 1] as T, item) > 0) at--;
  return [...items.slice(0, at), item, ...items.slice(at)];
}

/** Node ids in plain string order, the order every sorted set of nodes uses. */
export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
