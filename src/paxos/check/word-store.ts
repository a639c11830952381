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

/** A per-row array of the stores, copied into a new one of `cap` entries (the rest zero). */
export function widened<A extends Float64Array | Int32Array | Uint32Array | Uint16Array>(a: A, cap: number): A {
  const b = new (a.constructor as new (length: number) => A)(cap);
  b.set(a as ArrayLike<number>);
  return b;
}

/**
 * Murmur3-style mixing of a row: cheap, and spreads the sparse bitsets of message sets well. `seed` keys it
 * (the fingerprint store computes two differently keyed ones of a row in one pass: fingerprint-store.ts).
 */
export function hashRow(row: Uint32Array, width: number, seed = 0x811c9dc5): number {
  let h = seed ^ width;
  for (let k = 0; k < width; k++) {
    let x = row[k]!;
    x = Math.imul(x, 0xcc9e2d51);
    x = (x << 15) | (x >>> 17);
    x = Math.imul(x, 0x1b873593);
    h ^= x;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  return murmurFinal(h) >>> 0;
}

/** Murmur3's finalizer: hashRow ends with it, and so do the fingerprint store's two keyed hashes. */
export function murmurFinal(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/**
 * A set of variable-length rows of 32-bit words (the engine mode's states: a network or a vote history has
 * no fixed size). Rows are numbered in insertion order, so a breadth-first search uses the store as its
 * queue, like WordStore.
 *
 * Sized for a hundred million states: the words live in fixed chunks of 64 MB that are never copied (a row
 * never straddles two), so growing costs no second copy of everything stored; a row's place is a
 * Float64Array offset (exact far beyond 2^32 words) and its length a Uint16Array entry. Per state that is
 * its words plus 8 + 2 + 4 + 4 bytes, plus 8 bytes per hash slot at a load of one half to one quarter:
 * about 100 + 34..50 bytes for a Multi-Paxos state of 25 words (`npm run bench -- checker-store` fills one
 * and prints the peak resident size).
 */
export class RowStore {
  /** Words per chunk: 2^24 (64 MB) unless a test asks for tiny chunks. */
  private readonly chunkWords: number;
  private chunks: Uint32Array[];
  /** Words used in the last chunk. */
  private used = 0;
  /** Row i occupies `length[i]` words from global word offset `start[i]` (chunk = offset / CHUNK). */
  private start = new Float64Array(1 << 12);
  private length = new Uint16Array(1 << 12);
  parent = new Int32Array(1 << 12);
  /** Which move (ordinal in the parent's move list) led from the parent to this row. */
  action = new Int32Array(1 << 12);
  size = 0;
  /**
   * The hash table: slot h is the pair table[2h] = row index + 1 (0 = empty) and table[2h + 1] = that row's
   * hash, compared before the row itself (a mismatch then costs no visit to the row). The two sit side by
   * side so that a probe touches one cache line, not one in each of two arrays: at tens of millions of
   * states the table is far larger than the caches, and this miss is most of what adding a state costs.
   */
  private table = new Int32Array(2 << 16);
  private mask = (1 << 16) - 1;

  constructor(chunkWords = 1 << 24) {
    this.chunkWords = chunkWords;
    this.chunks = [new Uint32Array(Math.min(1 << 16, chunkWords))];
  }

  /** Adds row[0..length) unless present. Returns its index if new, or -1 if already stored. */
  add(row: Uint32Array, length: number, parent: number, action: number): number {
    if (length > Math.min(0xffff, this.chunkWords)) throw new RangeError(`model checker: a state of ${length} words is more than a row holds`);
    const hash = hashRow(row, length) | 0;
    let h = hash & this.mask;
    const table = this.table;
    for (;;) {
      const s = table[2 * h]!;
      if (s === 0) break;
      if (table[2 * h + 1] === hash && this.length[s - 1] === length) {
        const at = this.start[s - 1]!;
        const chunk = Math.floor(at / this.chunkWords);
        const words = this.chunks[chunk]!;
        const base = at - chunk * this.chunkWords;
        let k = 0;
        while (k < length && words[base + k] === row[k]) k++;
        if (k === length) return -1;
      }
      h = (h + 1) & this.mask;
    }
    const index = this.size;
    if (index + 1 > this.start.length) this.growRows();
    let last = this.chunks.length - 1;
    let words = this.chunks[last]!;
    if (this.used + length > words.length) {
      if (words.length < this.chunkWords) {
        // The first chunk grows by doubling up to a full chunk (small searches stay small).
        let cap = words.length * 2;
        while (cap < this.used + length && cap < this.chunkWords) cap *= 2;
        cap = Math.min(cap, this.chunkWords);
        if (this.used + length <= cap) {
          const next = new Uint32Array(cap);
          next.set(words.subarray(0, this.used));
          this.chunks[last] = words = next;
        }
      }
      if (this.used + length > words.length) {
        this.chunks.push((words = new Uint32Array(this.chunkWords)));
        last++;
        this.used = 0;
      }
    }
    // A plain loop: a row is a few dozen words, and subarray() would allocate a view for each new state.
    for (let k = 0, at = this.used; k < length; k++) words[at + k] = row[k]!;
    this.start[index] = last * this.chunkWords + this.used;
    this.length[index] = length;
    this.used += length;
    this.parent[index] = parent;
    this.action[index] = action;
    this.size++;
    table[2 * h] = index + 1;
    table[2 * h + 1] = hash;
    if (this.size * 2 > this.mask) this.rehash();
    return index;
  }

  /** Row `index` as a view (valid until the next add). */
  row(index: number): Uint32Array {
    const at = this.start[index]!;
    const chunk = Math.floor(at / this.chunkWords);
    const base = at - chunk * this.chunkWords;
    return this.chunks[chunk]!.subarray(base, base + this.length[index]!);
  }

  /** Bytes held by the store's arrays (what a search's states cost, without the interned locals). */
  bytes(): number {
    let total = this.start.byteLength + this.length.byteLength + this.parent.byteLength + this.action.byteLength + this.table.byteLength;
    for (const c of this.chunks) total += c.byteLength;
    return total;
  }

  private growRows(): void {
    const cap = this.start.length * 2;
    this.start = widened(this.start, cap);
    this.length = widened(this.length, cap);
    this.parent = widened(this.parent, cap);
    this.action = widened(this.action, cap);
  }

  private rehash(): void {
    const size = (this.mask + 1) * 2;
    const table = new Int32Array(size * 2);
    const mask = size - 1;
    const old = this.table;
    // Every stored row's hash is in the old table: move the entries without hashing any row again.
    for (let k = 0; k <= this.mask; k++) {
      const s = old[2 * k]!;
      if (s === 0) continue;
      const hash = old[2 * k + 1]!;
      let h = hash & mask;
      while (table[2 * h] !== 0) h = (h + 1) & mask;
      table[2 * h] = s;
      table[2 * h + 1] = hash;
    }
    this.table = table;
    this.mask = mask;
  }
}
