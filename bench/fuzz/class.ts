// One class of hostile input for `npm run bench -- fuzz` (bench/fuzz.ts loads every module in this
// folder that exports `fuzzClasses`). A class turns a seed into one input and feeds it to the part of
// the project it attacks; a clean rejection (an error message naming what is wrong) is handled, a thrown
// exception that is not such a rejection is a crash, and bench/fuzz.ts times every attempt for hangs.
export interface FuzzClass {
  /** Shown in the bench's table, e.g. "share link", "hexo post", "static server request". */
  readonly name: string;
  /** Build the input for `seed` and feed it. Resolves when handled; rejects on a crash. */
  attempt(seed: number): Promise<void>;
  /** A short description of the input for `seed`, printed for the slowest input and for crashes. */
  describe(seed: number): string;
}
