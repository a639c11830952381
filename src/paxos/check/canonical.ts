// Canonical text of plain-JSON data: object keys sorted, so two equal states give the same text however
// their objects were built. Node states and messages are immutable and shared between the model checker's
// states, so the text is cached per object and each shared piece is written once.

const cache = new WeakMap<object, string>();

export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return value === undefined ? 'null' : JSON.stringify(value);
  }
  const hit = cache.get(value);
  if (hit !== undefined) return hit;
  let out: string;
  if (Array.isArray(value)) {
    out = '[' + value.map(canonical).join(',') + ']';
  } else {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort();
    out = '{' + keys.map((k) => JSON.stringify(k) + ':' + canonical(obj[k])).join(',') + '}';
  }
  cache.set(value, out);
  return out;
}

/**
 * Assigns small integers to plain-JSON values by their JSON text, so a global state's key is a short list
 * of numbers. The explorer keeps each node's id in its global state and asks again only for a node whose
 * state changed. Key order is insertion order: two equal objects built with different key orders get two
 * ids, which can only make the search visit a state twice, never skip one (sound); the engine's roles
 * build their objects one way.
 */
export class Interner {
  private readonly ids = new Map<string, number>();

  id(value: unknown): number {
    const text = JSON.stringify(value) ?? 'null';
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(text, id);
    }
    return id;
  }
}
