// The author's loop, timed: `astro dev` on a copy of the real site with an empty diagram cache.
//
//   npm run bench -- dev            (or: npm exec -- node bench/dev.ts [--runs 5])
//
// Prints, in seconds:
//   ready          from spawning `astro dev` to its first answer
//   cold note      first load of the note with the most diagrams (empty cache: Chromium draws them all)
//   mermaid edit   a ```mermaid block edited on disk → the served HTML has the edit (median of --runs)
//   scenario edit  a scenario file edited on disk → the note that draws it has the edit (median of --runs)
// Targets on the reference machine: each edit ≤ 1 s median; the cold note ≤ 10 s. Progress goes to stderr,
// the table to stdout. Nothing here asserts: timings are figures to read, not tests.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startDev } from '../tests/support/dev-server.ts';
import { PROJECT_ROOT } from '../tests/support/project.ts';
import { makeSite, removeSite } from '../tests/support/site-build.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const RUNS = Math.max(1, Number(values.runs));

const progress = (message: string): void => void process.stderr.write(`[bench dev] ${message}\n`);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Figures a note draws: ```mermaid and ```paxos fences, and the Paxos figure components. */
function figureCount(text: string): number {
  return (text.match(/^```(mermaid|paxos)\b/gm) ?? []).length + (text.match(/<Paxos(Diagram|Counterexample)\b/g) ?? []).length;
}

const notesDir = join(PROJECT_ROOT, 'content', 'notes');
const notes = readdirSync(notesDir).filter((f) => /\.mdx?$/.test(f));
const busiest = notes
  .map((file) => ({ file, figures: figureCount(readFileSync(join(notesDir, file), 'utf8')) }))
  .sort((a, b) => b.figures - a.figures)[0]!;
const slug = (file: string) => file.replace(/\.mdx?$/, '');

const site = makeSite({ name: 'bench-dev', notesFrom: 'content/notes', allPages: true });
const cacheDir = mkdtempSync(join(tmpdir(), 'bench-dev-cache-'));
progress(`site ${site.root}; diagram cache ${cacheDir} (empty); load ${loadavg()[0]!.toFixed(2)}`);

const started = performance.now();
const dev = await startDev(site, { PAXOS_DIAGRAM_CACHE: cacheDir }, 180_000);
const ready = (performance.now() - started) / 1000;
progress(`ready in ${ready.toFixed(1)} s`);

async function html(path: string): Promise<string> {
  const res = await fetch(`${dev.url}${path}`);
  return res.text();
}

/** Seconds from writing `next` to `file` until `path` serves `expect`. */
async function editToHtml(file: string, next: string, path: string, expect: string): Promise<number> {
  const t0 = performance.now();
  writeFileSync(file, next);
  for (;;) {
    if ((await html(path)).includes(expect)) return (performance.now() - t0) / 1000;
    if (performance.now() - t0 > 60_000) throw new Error(`${path} never showed ${expect}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

try {
  const t0 = performance.now();
  const cold = await html(`notes/${slug(busiest.file)}/`);
  const coldSeconds = (performance.now() - t0) / 1000;
  const svgs = (cold.match(/<svg/g) ?? []).length;
  progress(`cold ${busiest.file}: ${coldSeconds.toFixed(1)} s, ${svgs} SVGs`);

  // A mermaid block: the first note that has one (the busiest, if it does).
  const withMermaid = [busiest.file, ...notes].find((f) => /^```mermaid\b/m.test(readFileSync(join(notesDir, f), 'utf8')))!;
  const mermaidFile = join(site.root, 'content', 'notes', withMermaid);
  const mermaidText = readFileSync(mermaidFile, 'utf8');
  await html(`notes/${slug(withMermaid)}/`);
  const mermaidTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const mark = `bench-edit-${Date.now()}-${i}`;
    // A new node in the first flowchart or a note in the first sequence diagram.
    const next = mermaidText.replace(/^```mermaid\n((?:%%.*\n)*)(sequenceDiagram|flowchart[^\n]*|graph[^\n]*)\n/m, (_m, init: string, head: string) =>
      head.startsWith('sequence') ? `\`\`\`mermaid\n${init}${head}\n    Note over ${firstParticipant(mermaidText)}: ${mark}\n` : `\`\`\`mermaid\n${init}${head}\n    benchnode["${mark}"]\n`,
    );
    mermaidTimes.push(await editToHtml(mermaidFile, next, `notes/${slug(withMermaid)}/`, mark));
    progress(`mermaid edit ${i + 1}/${RUNS}: ${mermaidTimes.at(-1)!.toFixed(2)} s`);
  }
  writeFileSync(mermaidFile, mermaidText);

  // A scenario that a chapter draws with <PaxosDiagram>.
  const scenarioFile = join(site.root, 'content', 'scenarios', 'basic', 'preempted.json');
  const scenarioText = readFileSync(scenarioFile, 'utf8');
  const scenarioNote = notes.find((f) => /\bpreempted\b/.test(readFileSync(join(notesDir, f), 'utf8')) && f.endsWith('.mdx'))!;
  await html(`notes/${slug(scenarioNote)}/`);
  const scenarioTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const mark = `bench${Date.now()}x${i}`;
    scenarioTimes.push(await editToHtml(scenarioFile, scenarioText.replace('"value2"', `"${mark}"`), `notes/${slug(scenarioNote)}/`, mark));
    progress(`scenario edit ${i + 1}/${RUNS}: ${scenarioTimes.at(-1)!.toFixed(2)} s`);
  }
  writeFileSync(scenarioFile, scenarioText);

  const rows: [string, string, string][] = [
    ['ready', `${ready.toFixed(2)} s`, 'astro dev answers'],
    ['cold note', `${coldSeconds.toFixed(2)} s`, `${busiest.file}, ${svgs} SVGs, empty cache (target ≤ 10 s)`],
    ['mermaid edit', `${median(mermaidTimes).toFixed(2)} s`, `median of ${RUNS}, ${withMermaid}; all: ${mermaidTimes.map((t) => t.toFixed(2)).join(' ')} (target ≤ 1 s)`],
    ['scenario edit', `${median(scenarioTimes).toFixed(2)} s`, `median of ${RUNS}, basic/preempted → ${scenarioNote}; all: ${scenarioTimes.map((t) => t.toFixed(2)).join(' ')} (target ≤ 1 s)`],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  console.log(`astro dev, the author's loop (load ${loadavg()[0]!.toFixed(2)} on ${process.platform})`);
  for (const [name, value, what] of rows) console.log(`  ${name.padEnd(w)}  ${value.padStart(8)}  ${what}`);
} finally {
  await dev.stop();
  removeSite(site);
  rmSync(cacheDir, { recursive: true, force: true });
}

function firstParticipant(text: string): string {
  return /participant\s+(\w+)/.exec(text)?.[1] ?? 'P';
}
