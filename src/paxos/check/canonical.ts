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
 * Assigns small integers to plain-JSON structures by hash-consing: an object's text lists its own keys
 * and primitive fields plus the ids of its child objects, and the id is cached per object. States are
 * immutable and share unchanged parts, so a new node state costs one short text, not a full serialisation.
 * Key order is insertion order: two equal objects built with different key orders get two ids, which can
 * only make the search visit a state twice, never skip one (sound); the engine's roles build their objects
 * one way.
 */
export class Interner {
  private readonly ids = new Map<string, number>();
  private readonly byObject = new WeakMap<object, number>();
  size = 0;

  id(value: unknown): number {
    if (value === null || typeof value !== 'object') return this.text(JSON.stringify(value) ?? 'null');
    const hit = this.byObject.get(value);
    if (hit !== undefined) return hit;
    let text: string;
    if (Array.isArray(value)) {
      text = '[';
      for (const x of value) text += this.part(x) + ',';
    } else {
      text = '{';
      const obj = value as Record<string, unknown>;
      for (const k in obj) {
        const x = obj[k];
        if (x !== undefined) text += k + ':' + this.part(x) + ',';
      }
    }
    const id = this.text(text);
    this.byObject.set(value, id);
    return id;
  }

  private part(x: unknown): string {
    return x !== null && typeof x === 'object' ? '#' + this.id(x) : (JSON.stringify(x) ?? 'null');
  }

  private text(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.size++;
      this.ids.set(text, id);
    }
    return id;
  }
}
