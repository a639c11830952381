// Lighthouse 12.2.3 with Debian's Chromium against the built site, served locally: the home page, a
// note without a playground and a note with one (if any). Prints the four category scores per page
// and, for any score under 100, the audits that cost points. Prints figures; never fails on them.
//
//   npm run bench -- lighthouse                      builds the site into a temp dir first
//   node bench/lighthouse.ts --dist dist [--base /notes-site/]   uses an existing build (+ Pagefind)
//   … --dark        the same in the dark theme (the system preference set to dark), for contrast
//
// Needs the npm registry the first time (npx -y fetches lighthouse@12.2.3 into npm's cache).

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSearchIndex } from '../scripts/pagefind.ts';
import { serveStatic } from '../scripts/static-server.ts';

const LIGHTHOUSE = 'lighthouse@12.2.3';
const CHROME_FLAGS =
  '--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync' +
  // preferredColorScheme=0 makes prefers-color-scheme: dark, so the site starts in its dark theme.
  (process.argv.includes('--dark') ? ' --blink-settings=preferredColorScheme=0' : '');
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

let dist = flag('--dist');
const base = flag('--base') ?? process.env['BASE_PATH'] ?? '/';
let temp: string | undefined;
if (!dist) {
  // Inside the project (bench/out is git-ignored): the build's prerender chunks must resolve
  // node_modules from where they are written.
  mkdirSync('bench/out', { recursive: true });
  temp = mkdtempSync(join('bench', 'out', 'lighthouse-site-'));
  dist = temp;
  console.error(`lighthouse: building the site into ${dist} …`);
  const build = spawnSync('npx', ['astro', 'build', '--outDir', dist], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', BASE_PATH: base },
  });
  if (build.status !== 0) {
    console.error('lighthouse: astro build failed');
    process.exit(1);
  }
}
if (!existsSync(join(dist, 'pagefind'))) await buildSearchIndex(dist);

/** Note pages: the heaviest without an island (no playground; diagrams and math make it the worst
 * case), and the heaviest with one. */
function pickNotes(dir: string): { note?: string; playground?: string } {
  const notesDir = join(dir, 'notes');
  if (!existsSync(notesDir)) return {};
  const size = (s: string) => statSync(join(notesDir, s, 'index.html')).size;
  const slugs = readdirSync(notesDir)
    .filter((s) => existsSync(join(notesDir, s, 'index.html')))
    .sort((a, b) => size(b) - size(a) || (a < b ? -1 : 1));
  const hasIsland = (s: string) => readFileSync(join(notesDir, s, 'index.html'), 'utf8').includes('<astro-island');
  const note = slugs.find((s) => !hasIsland(s));
  const playground = slugs.find(hasIsland);
  return { ...(note ? { note: `notes/${note}/` } : {}), ...(playground ? { playground: `notes/${playground}/` } : {}) };
}

const picked = pickNotes(dist);
const pages: Array<[string, string]> = [['home', '']];
// --path notes/x/ (repeatable) measures more pages.
args.forEach((a, i) => {
  if (a === '--path' && args[i + 1]) pages.push([`path ${pages.length}`, args[i + 1] as string]);
});
if (picked.note) pages.push(['note', picked.note]);
if (picked.playground) pages.push(['playground', picked.playground]);
else console.error('lighthouse: no note with a playground island found; measuring home and a note only');

interface Audit {
  id: string;
  title: string;
  score: number | null;
  scoreDisplayMode: string;
}
interface Report {
  categories: Record<string, { score: number | null; auditRefs: Array<{ id: string; weight: number }> }>;
  audits: Record<string, Audit>;
}

function runLighthouse(url: string, out: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'npx',
      ['-y', LIGHTHOUSE, url, '--quiet', '--output=json', `--output-path=${out}`, `--chrome-flags=${CHROME_FLAGS}`],
      { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CHROME_PATH: process.env['CHROME_PATH'] ?? '/usr/bin/chromium' } },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stderr }));
  });
}

const reports = mkdtempSync(join(tmpdir(), 'lighthouse-reports-'));
const server = await serveStatic(dist, { base });
const rows: string[] = [];
try {
  for (const [label, path] of pages) {
    const url = server.url + path;
    const started = performance.now();
    const out = join(reports, `${label}.json`);
    // Asynchronous on purpose: the static server runs in this process and must keep answering.
    const run = await runLighthouse(url, out);
    if (run.code !== 0) {
      console.error(`lighthouse: ${label} (${url}) failed: ${run.stderr.slice(-2000)}`);
      continue;
    }
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    const scores = CATEGORIES.map((c) => Math.round((report.categories[c]?.score ?? 0) * 100));
    rows.push(`${label.padEnd(11)} ${scores.map((s) => String(s).padStart(15)).join('')}   ${path || '/'}`);
    console.error(`lighthouse: ${label} measured in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    for (const c of CATEGORIES) {
      const cat = report.categories[c];
      if (!cat || cat.score === 1) continue;
      for (const ref of cat.auditRefs) {
        const audit = report.audits[ref.id];
        if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== 'informative') {
          console.error(`  ${label} · ${c}: ${audit.title} (${audit.id}, score ${audit.score})`);
        }
      }
    }
  }
} finally {
  await server.close();
  rmSync(reports, { recursive: true, force: true });
  if (temp) rmSync(temp, { recursive: true, force: true });
}
console.log(`${'page'.padEnd(11)} ${CATEGORIES.map((c) => c.padStart(15)).join('')}`);
for (const row of rows) console.log(row);
