// `npm run bench -- budget` (or `node bench/budget.ts [dist]`): the runnable examples' budgets, measured on a
// built site in Chromium. Prints figures; passes or fails on nothing but a broken site.
//
//   1. script files per page: a page without a playground should load none (inline theme snippet aside);
//   2. playground JavaScript before the first interaction (gzip), target ≤ 40 KB;
//   3. time from the first click on "下一步" to the first live diagram row, target ≤ 300 ms.
//
// The site: `dist` if given, else the project's dist/ (built first with `npm run build` if it has no
// playground page).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../tests/support/browser.ts';
import { PROJECT_ROOT } from '../tests/support/project.ts';
import { serveDist } from '../tests/support/serve.ts';
import { paxosSite } from '../tests/playground/site.ts';

const CLICKS = 7;

function htmlPages(dist: string, dir = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(dist, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (e.isDirectory() && e.name !== '_astro' && e.name !== 'pagefind') out.push(...htmlPages(dist, rel));
    else if (e.name === 'index.html') out.push(dir ? `${dir}/` : '');
  }
  return out.sort();
}

async function pickDist(): Promise<string> {
  const arg = process.argv[2];
  if (arg) return arg;
  const own = join(PROJECT_ROOT, 'dist');
  if (existsSync(join(own, 'playground', 'index.html'))) return own;
  process.stderr.write('budget: dist/ has no playground page; building the site (npm run build)…\n');
  return (await paxosSite()).dist;
}

interface Loaded {
  files: string[];
  gzip: number;
  hydrateMs: number | null;
}

/** Loads a page, brings its first island into view, and lists the script files fetched until it is ready. */
async function load(browser: Browser, base: string, dist: string, path: string): Promise<{ page: Page; loaded: Loaded }> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const files: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') files.push(new URL(r.url()).pathname);
  });
  await page.goto(base + path, { waitUntil: 'networkidle' });
  let hydrateMs: number | null = null;
  if ((await page.locator('astro-island').count()) > 0) {
    const started = performance.now();
    await page.locator('astro-island').first().scrollIntoViewIfNeeded();
    await page.waitForSelector('astro-island:not([ssr]) .pg', { timeout: 20_000 });
    hydrateMs = performance.now() - started;
    await page.waitForLoadState('networkidle');
  }
  const unique = [...new Set(files)];
  const gzip = unique.reduce((sum, f) => {
    const file = join(dist, decodeURIComponent(f));
    return sum + (existsSync(file) ? gzipSync(readFileSync(file), { level: 9 }).length : 0);
  }, 0);
  return { page, loaded: { files: unique, gzip, hydrateMs } };
}

/** Milliseconds from a click on 下一步 until the live diagram has drawn a row more (measured in the page). */
async function firstDiagramMs(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const island = document.querySelector('.pg')!;
        const before = island.querySelectorAll('.pg-seq .pg-row').length;
        const button = [...island.querySelectorAll('button')].find((b) => b.textContent?.trim() === '下一步')!;
        const t0 = performance.now();
        button.click();
        const poll = (): void => {
          if (island.querySelectorAll('.pg-seq .pg-row').length > before) {
            // Wait for the frame that paints it.
            requestAnimationFrame(() => resolve(performance.now() - t0));
          } else requestAnimationFrame(poll);
        };
        poll();
      }),
  );
}

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dist = await pickDist();
const server = await serveDist(dist);
const browser = await launchChromium();
try {
  console.log(`site: ${relative(PROJECT_ROOT, dist) || dist}`);
  console.log('\n1. script files per page (pages with a playground marked *)');
  let withoutIsland = 0;
  let withoutIslandLoadingJs = 0;
  const islandPages: string[] = [];
  for (const path of htmlPages(dist)) {
    const html = readFileSync(join(dist, path, 'index.html'), 'utf8');
    const island = html.includes('<astro-island');
    const { page, loaded } = await load(browser, server.url, dist, path);
    await page.close();
    if (island) islandPages.push(path);
    else {
      withoutIsland++;
      if (loaded.files.length > 0) withoutIslandLoadingJs++;
    }
    if (island || loaded.files.length > 0) {
      console.log(`   ${island ? '*' : ' '} /${path}: ${loaded.files.length} file(s), ${kb(loaded.gzip)} gzip${loaded.hydrateMs !== null ? `, island ready ${loaded.hydrateMs.toFixed(0)} ms after scrolling to it` : ''}`);
    }
  }
  console.log(`   pages without a playground: ${withoutIsland}, of which loading a script file: ${withoutIslandLoadingJs} (target 0)`);

  console.log('\n2. playground JavaScript before the first interaction (gzip level 9; target ≤ 40 KB)');
  for (const path of islandPages) {
    const { page, loaded } = await load(browser, server.url, dist, path);
    await page.close();
    console.log(`   /${path}: ${kb(loaded.gzip)} in ${loaded.files.length} files`);
    for (const f of loaded.files) {
      const file = join(dist, decodeURIComponent(f));
      if (existsSync(file)) console.log(`      ${f}  ${kb(gzipSync(readFileSync(file), { level: 9 }).length)}`);
    }
  }

  console.log(`\n3. first click → first live diagram row (target ≤ 300 ms; ${CLICKS} fresh pages)`);
  for (const path of ['playground/', ...islandPages.filter((p) => p !== 'playground/').slice(0, 1)]) {
    if (!existsSync(join(dist, path, 'index.html'))) continue;
    const times: number[] = [];
    for (let i = 0; i < CLICKS; i++) {
      const { page } = await load(browser, server.url, dist, path);
      times.push(await firstDiagramMs(page));
      await page.close();
    }
    console.log(`   /${path}: median ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`);
  }
} finally {
  await browser.close();
  await server.close();
}
