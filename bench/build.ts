// Build-time benchmark: how much do build-time diagrams cost?
//
//   npm exec -- node bench/build.ts [--notes 20] [--diagrams 1] [--small 10] [--large 100] [--runs 3]
//
// Generates sites of N notes × M Mermaid diagrams in temp dirs (tests/support/site-build.ts) and
// prints, in seconds and as ratios:
//   cold   first build, empty diagram cache (Chromium renders every diagram)
//   warm   rebuild of the same site (every diagram from the disk cache)
//   free   the same notes without diagrams (first build, and a rebuild for the warm comparison)
//   scale  cold builds of --small and --large notes
// Targets on the reference machine: cold ≤ 1.5 × free, warm ≤ 1.05 × free rebuild,
// large/small ≤ 10.5 (for 10 → 100 notes). Progress goes to stderr, the table to stdout.
// Nothing here asserts: timings are figures to read, not tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildSite, makeSite, removeSite, type Site } from '../tests/support/site-build.ts';

const { values } = parseArgs({
  options: {
    notes: { type: 'string', default: '20' },
    diagrams: { type: 'string', default: '1' },
    small: { type: 'string', default: '10' },
    large: { type: 'string', default: '100' },
    runs: { type: 'string', default: '3' },
  },
});
const NOTES = Number(values.notes);
const DIAGRAMS = Number(values.diagrams);
const SMALL = Number(values.small);
const LARGE = Number(values.large);
const RUNS = Math.max(1, Number(values.runs));

function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** A note like the real ones: prose, math, code, and `diagrams` sequence diagrams unique to the note. */
function note(i: number, diagrams: number): string {
  const blocks: string[] = [];
  for (let d = 0; d < diagrams; d++) {
    blocks.push(
      [
        '```mermaid',
        'sequenceDiagram',
        `    participant P as Proposer ${i}`,
        '    participant A1 as Acceptor 1',
        '    participant A2 as Acceptor 2',
        `    P->>A1: prepare(${i}.${d})`,
        `    P->>A2: prepare(${i}.${d})`,
        `    A1-->>P: promise(${i}.${d})`,
        `    A2-->>P: promise(${i}.${d})`,
        `    P->>A1: accept(${i}.${d}, v${i})`,
        `    A1-->>P: accepted(${i}.${d})`,
        '```',
      ].join('\n'),
    );
  }
  return [
    '---',
    `title: 基准笔记 ${i}`,
    `date: 2024-01-${String((i % 28) + 1).padStart(2, '0')} 10:00:00`,
    'tags: [bench]',
    '---',
    '',
    `第 ${i} 篇。Proposer 先发 prepare，收到多数派的 promise 后再发 accept；多数派满足 $|Q| > n/2$。`,
    '',
    '$$',
    '|Q_1| + |Q_2| > n \\Rightarrow Q_1 \\cap Q_2 \\neq \\varnothing',
    '$$',
    '',
    ...blocks.flatMap((b) => [b, '']),
    '```ts',
    `const quorum${i} = Math.floor(n / 2) + 1;`,
    '```',
    '',
  ].join('\n');
}

function notes(count: number, diagrams: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < count; i++) out[`note-${String(i).padStart(3, '0')}.md`] = note(i, diagrams);
  return out;
}

interface Timing {
  wall: number;
  cpu: number;
}

async function timedBuild(site: Site, label: string, cacheDir: string): Promise<Timing> {
  progress(`${label}: building…`);
  const result = await buildSite(site, { env: { PAXOS_DIAGRAM_CACHE: cacheDir }, cpu: true });
  if (result.code !== 0) {
    process.stderr.write(result.output);
    throw new Error(`${label}: build failed`);
  }
  const cpu = result.cpuSeconds ?? Number.NaN;
  progress(`${label}: ${result.seconds.toFixed(2)} s wall, ${cpu.toFixed(2)} s CPU`);
  return { wall: result.seconds, cpu };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

interface Pair {
  cold: Timing;
  warm: Timing;
}

/** One cold build (fresh site, empty diagram cache) and one warm rebuild of the same site. */
async function coldWarm(count: number, diagrams: number, label: string): Promise<Pair> {
  const site = makeSite({ name: `bench-${label}`, notes: notes(count, diagrams) });
  const cache = mkdtempSync(join(tmpdir(), 'paxos-bench-cache-'));
  try {
    const cold = await timedBuild(site, `${label} cold`, cache);
    const warm = await timedBuild(site, `${label} warm`, cache);
    return { cold, warm };
  } finally {
    removeSite(site);
    rmSync(cache, { recursive: true, force: true });
  }
}

type Config = 'diagrams' | 'free' | 'small' | 'large';

/**
 * The configurations are interleaved run by run (not all runs of one, then the next), so that a
 * busy moment on the machine hits every configuration alike; the tables show medians.
 */
async function measure(): Promise<Record<Config, Pair>> {
  const samples: Record<Config, Pair[]> = { diagrams: [], free: [], small: [], large: [] };
  for (let r = 0; r < RUNS; r++) {
    progress(`run ${r + 1} of ${RUNS}`);
    samples.free.push(await coldWarm(NOTES, 0, `${NOTES}×0`));
    samples.diagrams.push(await coldWarm(NOTES, DIAGRAMS, `${NOTES}×${DIAGRAMS}`));
    samples.small.push(await coldWarm(SMALL, DIAGRAMS, `${SMALL}×${DIAGRAMS}`));
    samples.large.push(await coldWarm(LARGE, DIAGRAMS, `${LARGE}×${DIAGRAMS}`));
  }
  const med = (xs: Timing[]): Timing => ({ wall: median(xs.map((x) => x.wall)), cpu: median(xs.map((x) => x.cpu)) });
  const pick = (xs: Pair[]): Pair => ({ cold: med(xs.map((x) => x.cold)), warm: med(xs.map((x) => x.warm)) });
  return { diagrams: pick(samples.diagrams), free: pick(samples.free), small: pick(samples.small), large: pick(samples.large) };
}

// Warm-up build so that the first measured build does not pay for cold OS file caches.
progress('warm-up build (not measured)');
await coldWarm(2, 0, 'warm-up');

const m = await measure();

for (const metric of ['wall', 'cpu'] as const) {
  const rows: [string, number, string][] = [
    [`${NOTES} notes × ${DIAGRAMS} diagram(s), cold`, m.diagrams.cold[metric], `${(m.diagrams.cold[metric] / m.free.cold[metric]).toFixed(2)}× no-diagram build (target ≤ 1.5)`],
    [`${NOTES} notes × ${DIAGRAMS} diagram(s), warm rebuild`, m.diagrams.warm[metric], `${(m.diagrams.warm[metric] / m.free.warm[metric]).toFixed(2)}× no-diagram rebuild (target ≤ 1.05)`],
    [`${NOTES} notes, no diagrams`, m.free.cold[metric], ''],
    [`${NOTES} notes, no diagrams, rebuild`, m.free.warm[metric], ''],
    [`${SMALL} notes × ${DIAGRAMS}, cold`, m.small.cold[metric], ''],
    [`${LARGE} notes × ${DIAGRAMS}, cold`, m.large.cold[metric], `${(m.large.cold[metric] / m.small.cold[metric]).toFixed(2)}× ${SMALL} notes (target ≤ 10.5)`],
    [`${SMALL} notes × ${DIAGRAMS}, warm`, m.small.warm[metric], ''],
    [`${LARGE} notes × ${DIAGRAMS}, warm`, m.large.warm[metric], `${(m.large.warm[metric] / m.small.warm[metric]).toFixed(2)}× ${SMALL} notes`],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(
    metric === 'wall'
      ? `\nwall-clock seconds (median of ${RUNS} run(s), including Node and Astro start-up; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')})`
      : '\nCPU seconds, user + system, build and browser (less sensitive to other load on the machine)',
  );
  for (const [what, sec, ratio] of rows) console.log(`${what.padEnd(width)}  ${sec.toFixed(2).padStart(7)} s  ${ratio}`);
}
