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
