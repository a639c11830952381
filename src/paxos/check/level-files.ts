// A breadth-first level's rows kept in a file instead of memory (SearchOptions.levelFiles, with the
// fingerprint store). The search needs a level's rows once, in order: it fills a level by appending, then
// expands it from its first state to its last. A file read and written front to back serves that with
// two buffers of memory, whatever the level's size. The engine imports nothing from Node, so the files
// themselves come from the caller (`LevelFiles`; the command line's is src/cli/level-files.ts).

/** One append-only file of 32-bit words. */
export interface LevelFile {
  /** Appends the words. */
  write(words: Uint32Array): void;
  /** Reads words from word `offset` into `into` (as many as fit and the file holds); returns how many. */
  read(into: Uint32Array, offset: number): number;
  /** Closes and deletes the file. */
  close(): void;
}

/** Where a search's level files come from. */
export interface LevelFiles {
  create(): LevelFile;
}

/**
 * The rows of one level in a file: each row is written as its length and its words. While the level is
 * filled only the write buffer is in memory; once sealed, only the read buffer. Rows are read in order:
 * `row(i)` for i past the next row skips ahead, for a row already read it throws.
 */
export class SpilledLevel {
  /** Global index of this level's first state. */
  readonly first: number;
  count = 0;
  private readonly file: LevelFile;
  private readonly bufferWords: number;
  private out: Uint32Array | undefined;
  private used = 0;
  private in: Uint32Array | undefined;
  /** File offset (in words) of in[0], words valid in `in`, and where the next row starts in `in`. */
  private inStart = 0;
  private inLength = 0;
  private cursor = 0;
  /** Global index of the next row to read. */
  private nextRow: number;
  private closed = false;

  constructor(first: number, file: LevelFile, bufferWords: number) {
    if (bufferWords < 0x10001) throw new RangeError(`model checker: a level file's buffer must hold the longest row (${0x10001} words), got ${bufferWords}`);
    this.first = first;
    this.nextRow = first;
    this.file = file;
    this.bufferWords = bufferWords;
    this.out = new Uint32Array(bufferWords);
  }

  push(row: Uint32Array, length: number): void {
    const out = this.out;
    if (!out) throw new Error('model checker: a row added to a level already being expanded');
    if (this.used + 1 + length > out.length) this.flush();
    out[this.used++] = length;
    for (let k = 0; k < length; k++) out[this.used + k] = row[k]!;
    this.used += length;
    this.count++;
  }

  /** The level is complete: its last words go to the file, and reading begins at its first row. */
  seal(): void {
    this.flush();
    this.out = undefined;
    this.in = new Uint32Array(this.bufferWords);
  }

  /** Row `index` as a view, valid until the next call; rows are read in order (see the class comment). */
  row(index: number): Uint32Array {
    if (!this.in) throw new RangeError(`model checker: the row of state ${index} is in a level file still being written`);
    if (index < this.nextRow) throw new RangeError(`model checker: the row of state ${index} was read already (level files are read once, in order)`);
    if (index >= this.first + this.count) throw new RangeError(`model checker: no state ${index} in this level`);
    for (;;) {
      this.ensure(1);
      const length = this.in[this.cursor]!;
      this.ensure(1 + length);
      const at = this.cursor + 1;
      this.cursor = at + length;
      if (this.nextRow++ === index) return this.in.subarray(at, at + length);
    }
  }

  /** Rows are given back as they are read: nothing to do. */
  releaseBefore(_index: number): void {}

  bytes(): number {
    return (this.out?.byteLength ?? 0) + (this.in?.byteLength ?? 0);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.out = undefined;
    this.in = undefined;
    this.file.close();
  }

  private flush(): void {
    if (this.used === 0 || !this.out) return;
    this.file.write(this.out.subarray(0, this.used));
    this.used = 0;
  }

  /** Makes `k` words from the cursor available in the read buffer. */
  private ensure(k: number): void {
    const buffer = this.in!;
    if (this.inLength - this.cursor >= k) return;
    buffer.copyWithin(0, this.cursor, this.inLength);
    this.inStart += this.cursor;
    this.inLength -= this.cursor;
    this.cursor = 0;
    while (this.inLength < k) {
      const got = this.file.read(buffer.subarray(this.inLength), this.inStart + this.inLength);
      if (got <= 0) throw new Error(`model checker: a level file ended inside a row (at word ${this.inStart + this.inLength}); was it changed while the search ran?`);
      this.inLength += got;
    }
  }
}
