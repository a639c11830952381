// A set of fixed-width states, each a row of 32-bit words, stored back to back in one typed array.
// Rows are numbered in insertion order, so a breadth-first search can use the store itself as its queue,
// and a parent index per row gives the shortest path back to an initial state. Open addressing over an
// Int32Array keeps a million states in a few tens of megabytes with no per-state JS objects, which is
// what makes the specification mode fast enough to explore millions of states per second.

export class WordStore {
  readonly width: number;
  /** Row i occupies words[i*width .. i*width+width). */
  words: Uint32Array;
  /** Row index of the state a row was first reached from (-1 for an initial state). */
  parent: Int32Array;
  /** Which action (model-specific code) led from the parent to this row. */
  action: Int32Array;
  size = 0;
  private slots: Int32Array; // row index + 1, 0 = empty
  private mask: number;

  constructor(width: number, capacity = 1 << 16) {
    this.width = width;
    let cap = 1;
    while (cap < capacity) cap <<= 1;
    this.words = new Uint32Array(cap * width);
    this.parent = new Int32Array(cap);
    this.action = new Int32Array(cap);
    this.slots = new Int32Array(cap * 2);
    this.mask = cap * 2 - 1;
  }

  /** Adds the row in `row[0..width)` unless present. Returns its index if new, or -1 if already stored. */
  add(row: Uint32Array, parent: number, action: number): number {
    const w = this.width;
    let h = hashRow(row, w) & this.mask;
    const slots = this.slots;
    const words = this.words;
    for (;;) {
      const s = slots[h]!;
      if (s === 0) break;
      const base = (s - 1) * w;
      let same = true;
      for (let k = 0; k < w; k++) {
        if (words[base + k] !== row[k]) {
          same = false;
          break;
        }
      }
      if (same) return -1;
      h = (h + 1) & this.mask;
    }
    if (this.size * w + w > words.length) {
      this.grow();
      return this.add(row, parent, action);
    }
    const index = this.size++;
    this.words.set(row.subarray(0, w), index * w);
    this.parent[index] = parent;
    this.action[index] = action;
    slots[h] = index + 1;
    return index;
  }

  /** Copies row `index` into `out`. */
  read(index: number, out: Uint32Array): void {
    const w = this.width;
    out.set(this.words.subarray(index * w, index * w + w));
  }

  /** Indices from an initial state to `index`, in order. */
  path(index: number): number[] {
    const out: number[] = [];
    for (let i = index; i >= 0; i = this.parent[i]!) out.push(i);
    return out.reverse();
  }

  private grow(): void {
    const cap = (this.words.length / this.width) * 2;
    const words = new Uint32Array(cap * this.width);
    words.set(this.words);
    this.words = words;
    const parent = new Int32Array(cap);
    parent.set(this.parent);
    this.parent = parent;
    const action = new Int32Array(cap);
    action.set(this.action);
    this.action = action;
    this.slots = new Int32Array(cap * 2);
    this.mask = cap * 2 - 1;
    const w = this.width;
    for (let i = 0; i < this.size; i++) {
      let h = hashRow(this.words.subarray(i * w, i * w + w), w) & this.mask;
      while (this.slots[h] !== 0) h = (h + 1) & this.mask;
      this.slots[h] = i + 1;
    }
  }
}

/** Murmur3-style mixing of a row: cheap, and spreads the sparse bitsets of message sets well. */
function hashRow(row: Uint32Array, width: number): number {
  let h = 0x811c9dc5 ^ width;
  for (let k = 0; k < width; k++) {
    let x = row[k]!;
    x = Math.imul(x, 0xcc9e2d51);
    x = (x << 15) | (x >>> 17);
    x = Math.imul(x, 0x1b873593);
    h ^= x;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A set of variable-length rows of 32-bit words (the engine mode's states: a network or a vote history has
 * no fixed size), stored back to back in one growing array with an offset per row. Rows are numbered in
 * insertion order, so a breadth-first search uses the store as its queue, like WordStore.
 */
export class RowStore {
  words = new Uint32Array(1 << 16);
  /** Row i occupies words[start[i] .. start[i+1]). */
  start = new Int32Array(1 << 12);
  parent = new Int32Array(1 << 12);
  /** Which move (ordinal in the parent's move list) led from the parent to this row. */
  action = new Int32Array(1 << 12);
  size = 0;
  private used = 0;
  private slots = new Int32Array(1 << 16); // row index + 1, 0 = empty
  /** Each slot's row hash, compared before the row itself (a mismatch then costs no visit to the row). */
  private hashes = new Int32Array(1 << 16);
  private mask = (1 << 16) - 1;

  /** Adds row[0..length) unless present. Returns its index if new, or -1 if already stored. */
  add(row: Uint32Array, length: number, parent: number, action: number): number {
    const hash = hashRow(row, length) | 0;
    let h = hash & this.mask;
    const slots = this.slots;
    const hashes = this.hashes;
    const words = this.words;
    const start = this.start;
    for (;;) {
      const s = slots[h]!;
      if (s === 0) break;
      if (hashes[h] === hash) {
        const base = start[s - 1]!;
        if (start[s]! - base === length) {
          let k = 0;
          while (k < length && words[base + k] === row[k]) k++;
          if (k === length) return -1;
        }
      }
      h = (h + 1) & this.mask;
    }
    const index = this.size;
    if (index + 2 > this.start.length) this.growRows();
    if (this.used + length > this.words.length) {
      let cap = this.words.length * 2;
      while (cap < this.used + length) cap *= 2;
      const next = new Uint32Array(cap);
      next.set(this.words.subarray(0, this.used));
      this.words = next;
    }
    this.words.set(row.subarray(0, length), this.used);
    this.used += length;
    this.start[index + 1] = this.used;
    this.parent[index] = parent;
    this.action[index] = action;
    this.size++;
    slots[h] = index + 1;
    hashes[h] = hash;
    if (this.size * 2 > this.mask) this.rehash();
    return index;
  }

  /** Row `index` as a view (valid until the next add). */
  row(index: number): Uint32Array {
    return this.words.subarray(this.start[index]!, this.start[index + 1]!);
  }

  private growRows(): void {
    const cap = this.start.length * 2;
    const grow = (a: Int32Array): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    this.start = grow(this.start);
    this.parent = grow(this.parent);
    this.action = grow(this.action);
  }

  private rehash(): void {
    const size = (this.mask + 1) * 2;
    const slots = new Int32Array(size);
    const hashes = new Int32Array(size);
    const mask = size - 1;
    // Every stored row's hash is in the old table: move the entries without hashing any row again.
    for (let old = 0; old <= this.mask; old++) {
      const s = this.slots[old]!;
      if (s === 0) continue;
      const hash = this.hashes[old]!;
      let h = hash & mask;
      while (slots[h] !== 0) h = (h + 1) & mask;
      slots[h] = s;
      hashes[h] = hash;
    }
    this.slots = slots;
    this.hashes = hashes;
    this.mask = mask;
  }
}
