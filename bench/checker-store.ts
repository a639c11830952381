// `npm run bench -- checker-store`: does the engine mode's state store (word-store.ts RowStore) hold a
// hundred million states in the memory of this machine? Fills one with distinct synthetic rows as wide as
// a Multi-Paxos state (25 words: 3 locals, up/proposal/budget/firing words, votes, announcements, a network
// bitset of a few words), the way a breadth-first search does — every row also looked up once more, as a
// duplicate successor — and prints rows/s, the store's own bytes per state, and the process's peak
// resident size. Target (printed, never asserted): 100 M states within ~20 GB.
// `--store fingerprints` measures the FingerprintStore (`check --fingerprints on`) instead, the way a
// search uses it: levels of --level N states (default 5,000,000), each read in order while the next is
// filled, so that only a fingerprint, a parent and a move are kept of every state.
// `--capacity N` (fingerprints) sizes the store for N states up front, as `check --expect-states N` does:
// the run then pays for first touches of a table it has not grown into (on this VM ~37 µs a 4 KB page).
// Flags: --states N (default 100,000,000), --width W (default 25), --store rows|fingerprints, --level N,
// --capacity N.
import { RowStore } from '../src/paxos/check/word-store.ts';
import { totalmem } from 'node:os';
import { FingerprintStore, presizeRefusal } from '../src/paxos/check/fingerprint-store.ts';

const argv = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(argv[i + 1]);
  if (!Number.isInteger(v) || v < 1) {
    console.error(`bench checker-store: --${name} wants a positive integer, got ${JSON.stringify(argv[i + 1])}`);
    process.exit(2);
  }
  return v;
};
const states = flag('states', 100_000_000);
const width = flag('width', 25);
const level = flag('level', 5_000_000);
const storeAt = argv.indexOf('--store');
const kind = storeAt < 0 ? 'rows' : argv[storeAt + 1];
if (kind !== 'rows' && kind !== 'fingerprints') {
  console.error(`bench checker-store: --store wants rows or fingerprints, got ${JSON.stringify(kind)}`);
  process.exit(2);
}
const capacity = argv.includes('--capacity') ? flag('capacity', 1) : undefined;
if (capacity !== undefined && kind !== 'fingerprints') {
  console.error('bench checker-store: --capacity sizes the fingerprint store; add --store fingerprints');
  process.exit(2);
}
const refusal = capacity === undefined ? undefined : presizeRefusal(capacity, totalmem());
if (refusal) {
  console.error(`bench checker-store: --capacity: ${refusal}`);
  process.exit(2);
}
const prints = kind === 'fingerprints' ? new FingerprintStore(capacity === undefined ? {} : { capacity }) : undefined;
const store = prints ?? new RowStore();
const row = new Uint32Array(width);
const t0 = performance.now();
const c0 = process.cpuUsage();
const fill = (i: number): void => {
  // Small numbers in the first words (local ids, bits), a spread of bits after: like real rows.
  row[0] = i % 1000;
  row[1] = Math.floor(i / 1000) % 1000;
  row[2] = Math.floor(i / 1_000_000);
  for (let k = 3; k < width; k++) row[k] = Math.imul(i ^ k, 0x9e3779b1) >>> k % 17;
};
for (let i = 0; i < states; i++) {
  fill(i);
  if (prints && i % level === 0) prints.beginLevel(Math.max(0, i - level));
  // A search reads the level it expands in order while it fills the next one.
  if (prints && i >= level && prints.row(i - level)[0] !== (i - level) % 1000) throw new Error(`bench checker-store: row ${i - level} read back wrong`);
  if (store.add(row, width, i - 1, 0) !== i) throw new Error(`bench checker-store: row ${i} was not stored as new`);
  if (i > 0 && i % 4 === 0) {
    fill(i - 1);
    if (store.add(row, width, 0, 0) !== -1) throw new Error(`bench checker-store: row ${i - 1} stored twice`);
  }
  if (i > 0 && i % 10_000_000 === 0) {
    const s = (performance.now() - t0) / 1000;
    process.stdout.write(`  ${i.toLocaleString('en')} states, ${s.toFixed(0)} s, rss ${(process.memoryUsage().rss / 2 ** 30).toFixed(1)} GiB\n`);
  }
}
const wall = (performance.now() - t0) / 1000;
const c = process.cpuUsage(c0);
const cpu = (c.user + c.system) / 1e6;
const peak = process.resourceUsage().maxRSS * 1024; // maxRSS is in KiB
process.stdout.write(
  `${prints ? `fingerprint store (levels of ${level.toLocaleString('en')}${capacity === undefined ? '' : `, sized for ${capacity.toLocaleString('en')}`})` : 'row store'}: ${states.toLocaleString('en')} states of ${width} words in ${wall.toFixed(1)} s wall, ${cpu.toFixed(1)} s cpu ` +
    `(${Math.round(states / cpu).toLocaleString('en')} states/cpu-s); store ${(store.bytes() / states).toFixed(0)} bytes/state; ` +
    `peak RSS ${(peak / 2 ** 30).toFixed(1)} GiB${prints ? `; chance a collision skipped a state < ${prints.missBound().toPrecision(2)}` : ''} — target 100 M states within ~20 GB: ${states >= 100_000_000 && peak <= 20 * 2 ** 30 ? 'met' : states >= 100_000_000 ? 'MISSED' : 'not measured at 100 M'}\n`,
);
