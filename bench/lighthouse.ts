// Lighthouse 12.2.3 with Debian's Chromium against the built site, served locally and gzipped like a
// static host: every built page (notes, lists, tags, categories, the playground; not 404.html, which is
// noindex on purpose), each in the light and in the dark theme (the system preference set to dark).
// Prints the four category scores per page and theme, then, for every score under 100, the audits that
// cost points. The first rows are the machine's floor: a page of one paragraph, which the site cannot beat.
// Prints figures; never fails on them. Pages are measured one at a time: Lighthouse's timings mean little on
// a busy machine.
//
//   npm run bench -- lighthouse                      builds the site into a temp dir first
//   node bench/lighthouse.ts --dist dist [--base /notes-site/]   uses an existing build (+ Pagefind)
//   … --light | --dark                               one theme only
//   … --path notes/x/ [--path tags/]                 only these pages (repeatable)
//
// Needs the npm registry the first time (npx -y fetches lighthouse@12.2.3 into npm's cache).

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { buildSearchIndex } from '../scripts/pagefind.ts';
import { serveStatic } from '../scripts/static-server.ts';

const LIGHTHOUSE = 'lighthouse@12.2.3';
const CHROME_FLAGS =
  '--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync';
// preferredColorScheme=0 makes prefers-color-scheme: dark, so the site starts in its dark theme.
const THEME_FLAGS = { light: '', dark: ' --blink-settings=preferredColorScheme=0' } as const;
type Theme = keyof typeof THEME_FLAGS;
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

/** Every page of the build, as a path under the base: 'notes/x/' for notes/x/index.html, '404.html'. */
function builtPages(dir: string): string[] {
  const pages: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
    const rel = relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/');
    // 404.html asks search engines not to index it (noindex), which Lighthouse's SEO score counts against
    // any page: measuring it would only measure that choice.
    if (rel.startsWith('pagefind/') || rel.startsWith('_') || rel === '404.html') continue;
    pages.push(rel === 'index.html' ? '' : rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel);
  }
  return pages.sort();
}

/** The label of the floor page's rows (not a page of the site). */
const FLOOR = 'floor: one paragraph of Chinese, nothing else';
const only = args.flatMap((a, i) => (a === '--path' && args[i + 1] !== undefined ? [args[i + 1] as string] : []));
const pages = only.length > 0 ? only : builtPages(dist);
const themes: Theme[] = args.includes('--light') ? ['light'] : args.includes('--dark') ? ['dark'] : ['light', 'dark'];

interface Audit {
  id: string;
  title: string;
  score: number | null;
  scoreDisplayMode: string;
  displayValue?: string;
  details?: { items?: Array<{ node?: { selector?: string; snippet?: string; explanation?: string } }> };
}
interface Report {
  categories: Record<string, { score: number | null; auditRefs: Array<{ id: string; weight: number }> }>;
  audits: Record<string, Audit>;
}

function runLighthouse(url: string, out: string, theme: Theme): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'npx',
      ['-y', LIGHTHOUSE, url, '--quiet', '--output=json', `--output-path=${out}`, `--chrome-flags=${CHROME_FLAGS}${THEME_FLAGS[theme]}`],
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
// The machine's floor, measured first: a page with a heading and a paragraph of Chinese in the site's font
// stack and nothing else (no script, no stylesheet file, no image). What it loses is not the site's to win
// back: on a shared 2-core machine with Noto CJK that is first-use font work and scheduler noise.
const floorDir = join(reports, 'floor');
mkdirSync(floorDir);
const FONT = readFileSync(join('src', 'styles', 'global.css'), 'utf8').match(/--font-sans:([^;]+);/)?.[1] ?? 'sans-serif';
writeFileSync(
  join(floorDir, 'index.html'),
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>基线页面</title><meta name="description" content="Lighthouse 在这台机器上的下限：只有一段中文。"><style>body{font-family:${FONT};max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.7}</style></head><body><main><h1>基线页面</h1><p>${'接受者先许诺、后接受；提议者先准备、再提议。任意两个法定人数都有公共成员，所以一旦某个值被选定，之后的提议者一定会从许诺里看到它。'.repeat(3)}</p></main></body></html>`,
);
const floorServer = await serveStatic(floorDir);
const rows: string[] = [];
const costs: string[] = [];
const perfect: string[] = [];
try {
  for (const path of [FLOOR, ...pages]) {
    for (const theme of themes) {
      const label = path === FLOOR ? `${FLOOR} (${theme})` : `${path || '/'} (${theme})`;
      const url = path === FLOOR ? floorServer.url : server.url + path.split('/').map(encodeURIComponent).join('/');
      const started = performance.now();
      const out = join(reports, 'report.json');
      // Asynchronous on purpose: the static server runs in this process and must keep answering.
      const run = await runLighthouse(url, out, theme);
      if (run.code !== 0) {
        console.error(`lighthouse: ${label} (${url}) failed: ${run.stderr.slice(-2000)}`);
        rows.push(`${'failed'.padStart(60)}   ${label}`);
        continue;
      }
      const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
      const scores = CATEGORIES.map((c) => Math.round((report.categories[c]?.score ?? 0) * 100));
      rows.push(`${scores.map((s) => String(s).padStart(15)).join('')}   ${label}`);
      if (scores.every((s) => s === 100) && path !== FLOOR) perfect.push(label);
      console.error(`lighthouse: ${label} ${scores.join('/')} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      for (const c of CATEGORIES) {
        const cat = report.categories[c];
        if (!cat || cat.score === 1) continue;
        for (const ref of cat.auditRefs) {
          const audit = report.audits[ref.id];
          if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== 'informative') {
            const value = audit.displayValue ? `, ${audit.displayValue}` : '';
            costs.push(`${label} · ${c}: ${audit.title} (${audit.id}, score ${audit.score}${value})`);
            // Which elements, for the audits that name them (contrast, labels): the first three.
            for (const item of (audit.details?.items ?? []).slice(0, 3)) {
              const node = item.node;
              if (node?.snippet) costs.push(`      ${node.selector ?? ''} ${node.snippet.slice(0, 160)}${node.explanation ? ` — ${node.explanation.split('\n').slice(-1)[0]}` : ''}`);
            }
          }
        }
      }
    }
  }
} finally {
  await server.close();
  await floorServer.close();
  rmSync(reports, { recursive: true, force: true });
  if (temp) rmSync(temp, { recursive: true, force: true });
}
console.log(`${CATEGORIES.map((c) => c.padStart(15)).join('')}   page (theme)`);
for (const row of rows) console.log(row);
console.log(`\n${perfect.length} of ${rows.length - themes.length} pages measured 100/100/100/100 (the floor rows not counted).`);
if (costs.length > 0) {
  console.log('\nAudits that cost points:');
  for (const line of costs) console.log(`  ${line}`);
}
