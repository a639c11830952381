// The breadth-first search's state store when a scope has more states than their rows fit in memory
// (SearchOptions.fingerprints). Instead of every state's row it keeps:
//
// - a 96-bit fingerprint per state, in an open-addressed table (12 bytes a slot, at most three quarters
//   full), which answers "seen before?";
// - the rows of the level being filled and of the part of the level being expanded that is still to
//   expand, and nothing older — a search reads a state's row only to expand it, and breadth-first order
//   expands each level once, in order;
// - for every state, its parent's index (4 bytes) and the ordinal of the move that led to it (2 bytes),
//   so a path back to the initial state is a list of moves to replay, not a list of stored rows.
//
// That is 22 to 33 bytes a state (the table and the per-state arrays grow by half again when full), plus the rows
// of the level being filled and of the unexpanded part of the level being expanded, where RowStore
// needs its ~150 for every state: the widest scopes have levels of tens of millions of states, and all
// of them together are what RowStore cannot hold.
//
// The price is a chance, not a certainty: two different states with one fingerprint make the search take
// the second for the first and skip its successors. The i-th new state meets one of the i − 1 stored
// fingerprints with probability at most (i − 1)/2^95 when fingerprints behave as random (one of the 96
// bits is fixed to mark a slot as full), so over n states the chance that any state was skipped is below
// n²/2^96 (`missBound`): 1.3·10⁻¹¹ at a billion states. TLC's fingerprint sets make the same trade with 64
// bits and print the same kind of estimate. The three 32-bit words come from two differently keyed
// Murmur3-style hashes of the row and one xxHash-style hash (`fingerprint`), so that a difference in a row
// which one construction happens to cancel is not cancelled by the other.
import { murmurFinal, widened } from './word-store.ts';
import { SpilledLevel, type LevelFiles } from './level-files.ts';

/**
 * The three words of a row's fingerprint, in one pass over the row: `a` and `b` are hashRow (word-store.ts)
 * keyed 0x811c9dc5 and 0x3c6ef372, which share each word's Murmur3 mixing; `c` is an xxHash32-style
 * accumulation (its primes, its rotations), not keyed, with its low bit set to mark a slot full. One pass
 * instead of three: hashing is a tenth of a search's time.
 */
function fingerprint(row: Uint32Array, length: number, out: Int32Array): void {
  let a = 0x811c9dc5 ^ length;
  let b = 0x3c6ef372 ^ length;
  let c = (0x165667b1 + length) | 0;
  for (let k = 0; k < length; k++) {
    const word = row[k]!;
    let x = Math.imul(word, 0xcc9e2d51);
    x = (x << 15) | (x >>> 17);
    x = Math.imul(x, 0x1b873593);
    a ^= x;
    a = (a << 13) | (a >>> 19);
    a = (Math.imul(a, 5) + 0xe6546b64) | 0;
    b ^= x;
    b = (b << 13) | (b >>> 19);
    b = (Math.imul(b, 5) + 0xe6546b64) | 0;
    c = (c + Math.imul(word, 0xc2b2ae3d)) | 0;
    c = Math.imul((c << 17) | (c >>> 15), 0x27d4eb2f);
  }
  out[0] = murmurFinal(a);
  out[1] = murmurFinal(b);
  c ^= c >>> 15;
  c = Math.imul(c, 0x85ebca77);
  c ^= c >>> 13;
  c = Math.imul(c, 0xc2b2ae3d);
  c ^= c >>> 16;
  out[2] = c | 1;
}

const EMPTY = new Uint32Array(0);

/** Words of a chunk of a level's rows: 2^22 (16 MB), so a level's memory is returned chunk by chunk. */
const LOG_CHUNK = 1 << 22;

/** The rows of one breadth-first level, in the order they were added. */
class LevelRows {
  /** Global index of this level's first state. */
  readonly first: number;
  private chunks: Uint32Array[] = [];
  private used = LOG_CHUNK;
  private start = new Float64Array(1 << 10);
  private length = new Uint16Array(1 << 10);
  /** Chunks below this one were given back (releaseBefore). */
  private released = 0;
  count = 0;

  constructor(first: number) {
    this.first = first;
  }

  push(row: Uint32Array, length: number): void {
    if (this.used + length > LOG_CHUNK) {
      this.chunks.push(new Uint32Array(LOG_CHUNK));
      this.used = 0;
    }
    if (this.count === this.start.length) {
      this.start = widened(this.start, this.count * 2);
      this.length = widened(this.length, this.count * 2);
    }
    const words = this.chunks[this.chunks.length - 1]!;
    for (let k = 0; k < length; k++) words[this.used + k] = row[k]!;
    this.start[this.count] = (this.chunks.length - 1) * LOG_CHUNK + this.used;
    this.length[this.count] = length;
    this.used += length;
    this.count++;
  }

  row(index: number): Uint32Array {
    const i = index - this.first;
    const at = this.start[i]!;
    const chunk = Math.floor(at / LOG_CHUNK);
    const words = this.chunks[chunk]!;
    if (words.length === 0) throw new RangeError(`model checker: the row of state ${index} was released after its expansion (fingerprint store)`);
    const base = at - chunk * LOG_CHUNK;
    return words.subarray(base, base + this.length[i]!);
  }

  /**
   * Gives back the chunks that hold only rows before `index`: the search expands a level in order and
   * never reads an expanded row again, so while it works through one level only the unexpanded part of
   * it is kept beside the level it fills.
   */
  releaseBefore(index: number): void {
    const i = index - this.first;
    if (i <= 0 || i >= this.count) return;
    const chunk = Math.floor(this.start[i]! / LOG_CHUNK);
    for (let c = this.released; c < chunk; c++) this.chunks[c] = EMPTY;
    if (chunk > this.released) this.released = chunk;
  }

  bytes(): number {
    return (this.chunks.length - this.released) * LOG_CHUNK * 4 + this.start.byteLength + this.length.byteLength;
  }

  /** In memory a level needs no sealing and leaves nothing to close (SpilledLevel does both). */
  seal(): void {}
  close(): void {}
}

type Level = LevelRows | SpilledLevel;

/** Slots of a fresh table, and rows of fresh per-state arrays, when no capacity is asked for. */
const FIRST_SLOTS = 1 << 12;
/** The table is grown (or sized) so that at most this share of its slots is full. */
const MAX_LOAD = 0.75;
/** A full table, or full per-state arrays, are replaced by ones this many times larger. */
const GROWTH = 1.5;
/** Bytes of a table slot (three 32-bit words) and of a state's parent index and move ordinal. */
const SLOT_BYTES = 12;
const ROW_BYTES = 4 + 2;
/** Parent indices are Int32: no store holds more states than this. */
export const MAX_FINGERPRINT_STATES = 0x7fffffff;

/** Slots of a table sized for `capacity` states. */
function slotsFor(capacity: number): number {
  return Math.max(FIRST_SLOTS, Math.ceil(capacity / MAX_LOAD) + 1);
}

/** Bytes a store sized for `capacity` states allocates at the start (FingerprintStoreOptions.capacity). */
export function presizedBytes(capacity: number): number {
  return SLOT_BYTES * slotsFor(capacity) + ROW_BYTES * Math.max(FIRST_SLOTS, capacity);
}

/**
 * Why a store cannot be sized for `capacity` states up front on a machine with `memory` bytes, in words a
 * flag's message can carry (`check --expect-states`, `bench checker-store --capacity`); undefined if it can.
 */
export function presizeRefusal(capacity: number, memory: number): string | undefined {
  if (capacity > MAX_FINGERPRINT_STATES) return `a store holds at most ${MAX_FINGERPRINT_STATES} states (parent indices are Int32), not ${capacity}`;
  const bytes = presizedBytes(capacity);
  if (bytes > memory) return `${capacity} states need ${(bytes / 2 ** 30).toFixed(1)} GiB up front and this machine has ${(memory / 2 ** 30).toFixed(1)} GiB; ask for fewer`;
  return undefined;
}

export interface FingerprintStoreOptions {
  /** Keep each level's rows in a file from here instead of memory (level-files.ts). */
  readonly files?: LevelFiles;
  /** Words of each level file's buffer (tests make it small); default 2^20. */
  readonly bufferWords?: number;
  /**
   * States to make room for at the start: the table and the per-state arrays are allocated at that size,
   * so a search that stays under it never grows them. Growing is what the largest searches cannot afford:
   * it holds the old table and the new one at once (12 + 18 bytes a slot), which at 400 M states is
   * 19 GB. Past the capacity the store grows as usual.
   */
  readonly capacity?: number;
}

export class FingerprintStore {
  size = 0;
  /** Index of the state each state was first reached from (−1 for the initial state). */
  parent: Int32Array;
  /** Ordinal, in its parent's move list, of the move that led to each state. */
  action: Uint16Array;
  /** Three words a slot; a slot is full when its third word is not 0. */
  private table: Int32Array;
  /** Scratch for the fingerprint of the row being added. */
  private readonly print = new Int32Array(3);
  private slots = 0;
  /** slots / 2^32: a fingerprint's first word times this is its home slot (see home()). */
  private scale = 0;
  /** The level being expanded, and the one its successors go to. */
  private current: Level | undefined;
  private next: Level;
  private readonly options: FingerprintStoreOptions;

  constructor(options: FingerprintStoreOptions = {}) {
    this.options = options;
    const capacity = options.capacity ?? 0;
    if (!Number.isSafeInteger(capacity) || capacity < 0 || capacity > MAX_FINGERPRINT_STATES) {
      throw new RangeError(`model checker: a fingerprint store holds 0 to ${MAX_FINGERPRINT_STATES} states, not a capacity of ${capacity}`);
    }
    const rows = Math.max(FIRST_SLOTS, capacity);
    this.parent = new Int32Array(rows);
    this.action = new Uint16Array(rows);
    this.table = this.sized(slotsFor(capacity));
    this.next = this.level(0);
  }

  /**
   * A fingerprint's home slot: its first word scaled to [0, slots) (Lemire's multiply-shift range
   * reduction, in a double because slots × 2^32 passes 2^53; the exact product lies at least slots/2^32
   * below `slots`, far more than the half unit in the last place a rounding can add). Unlike a mask it
   * allows any table size, so the table grows by half again rather than doubling, and it keeps the slots
   * in the order of the first words, so rehashing walks both tables front to back.
   */
  private home(a: number): number {
    return Math.floor((a >>> 0) * this.scale);
  }

  /** Adds row[0..length) unless its fingerprint is stored. Returns its index if new, or -1. */
  add(row: Uint32Array, length: number, parent: number, action: number): number {
    if (action > 0xffff) throw new RangeError(`model checker: move ordinal ${action} does not fit the fingerprint store's 16 bits`);
    const print = this.print;
    fingerprint(row, length, print);
    const a = print[0]!;
    const b = print[1]!;
    const c = print[2]!;
    const table = this.table;
    const slots = this.slots;
    let h = this.home(a);
    for (;;) {
      const at = 3 * h;
      const full = table[at + 2]!;
      if (full === 0) break;
      if (full === c && table[at] === a && table[at + 1] === b) return -1;
      if (++h === slots) h = 0;
    }
    const index = this.size;
    if (index === MAX_FINGERPRINT_STATES) throw new RangeError(`model checker: more than ${MAX_FINGERPRINT_STATES} states do not fit the fingerprint store's parent indices`);
    if (index === this.parent.length) this.growRows();
    table[3 * h] = a;
    table[3 * h + 1] = b;
    table[3 * h + 2] = c;
    this.parent[index] = parent;
    this.action[index] = action;
    this.next.push(row, length);
    this.size++;
    if (this.size > this.slots * MAX_LOAD) this.rehash();
    return index;
  }

  /**
   * The breadth-first search starts expanding the level whose first state is `first`: the level before it
   * is dropped, and new states go to a new level.
   */
  beginLevel(first: number): void {
    if (first !== this.next.first) throw new Error(`model checker: level starts at ${first}, but the store's next level starts at ${this.next.first}`);
    this.current?.close();
    this.next.seal();
    this.current = this.next;
    this.next = this.level(this.size);
  }

  /** The search is over: level files are closed (and deleted). */
  close(): void {
    this.current?.close();
    this.next.close();
    this.current = undefined;
  }

  private level(first: number): Level {
    const files = this.options.files;
    return files ? new SpilledLevel(first, files.create(), this.options.bufferWords ?? 1 << 20) : new LevelRows(first);
  }

  /**
   * Row `index` as a view, for a state of the level being filled, or of the level being expanded at or
   * after the last one asked for: reading a row of the level being expanded gives back the chunks of the
   * rows before it (LevelRows.releaseBefore).
   */
  row(index: number): Uint32Array {
    if (index >= this.next.first) return this.next.row(index);
    if (this.current && index >= this.current.first) {
      this.current.releaseBefore(index);
      return this.current.row(index);
    }
    throw new RangeError(`model checker: the row of state ${index} was dropped with its level (fingerprint store); replay its path instead`);
  }

  /** Chance, were fingerprints random, that some state was taken for another and skipped (see above). */
  missBound(): number {
    return (this.size * this.size) / 2 ** 96;
  }

  bytes(): number {
    return this.table.byteLength + this.parent.byteLength + this.action.byteLength + this.next.bytes() + (this.current?.bytes() ?? 0);
  }

  /** How many slots the table has (tests hold its sizing to the capacity asked for). */
  tableSlots(): number {
    return this.slots;
  }

  private growRows(): void {
    const cap = Math.min(MAX_FINGERPRINT_STATES, Math.ceil(this.parent.length * GROWTH));
    this.parent = widened(this.parent, cap);
    this.action = widened(this.action, cap);
  }

  /** An empty table of `slots` slots, made the current size (its entries are the caller's to move in). */
  private sized(slots: number): Int32Array {
    this.slots = slots;
    this.scale = slots / 2 ** 32;
    return new Int32Array((SLOT_BYTES / 4) * slots);
  }

  private rehash(): void {
    const old = this.table;
    const table = this.sized(Math.ceil(this.slots * GROWTH));
    const slots = this.slots;
    // Each entry's first word is the hash its slot came from: move entries without hashing a row again.
    for (let k = 0; k < old.length; k += 3) {
      if (old[k + 2] === 0) continue;
      let h = this.home(old[k]!);
      while (table[3 * h + 2] !== 0) if (++h === slots) h = 0;
      table[3 * h] = old[k]!;
      table[3 * h + 1] = old[k + 1]!;
      table[3 * h + 2] = old[k + 2]!;
    }
    this.table = table;
  }
}
