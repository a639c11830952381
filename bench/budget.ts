// `npm run bench -- budget` (or `node bench/budget.ts [dist]`): the runnable examples' budgets, measured on a
// built site in Chromium. Prints figures; passes or fails on nothing but a broken site.
//
//   1. script files per page: a page without a playground should load none (inline theme snippet aside);
//   2. playground JavaScript before the first interaction (gzip), target ≤ 40 KB;
//   3. time from the first click on "下一步" to the first live diagram row, target ≤ 300 ms;
//   4. the network picture in motion: 30 or more messages in flight while the player runs, frames per
//      second (target 60) and the longest task (target: none over 50 ms).
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
import { encodeRunLink } from '../src/figures/playground-link/codec.ts';
import type { Scenario } from '../src/paxos/sim/scenario.ts';
import { READY_PLAYGROUND } from '../tests/playground/pages.ts';

const CLICKS = 7;
const TARGET_KB = 40;
/** How long the animation is watched while the player runs. */
const WATCH_MS = 6_000;
/** Four proposers each send a prepare to nine acceptors: 36 messages in flight at once. */
const CROWD: Scenario = {
  protocol: 'basic',
  acceptors: 9,
  proposers: 4,
  seed: 1,
  network: { latency: [2, 6] },
  steps: ['P1', 'P2', 'P3', 'P4'].map((node, i) => ({ type: 'propose' as const, node, value: `v${i + 1}` })),
};

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
    await page.waitForSelector(READY_PLAYGROUND, { timeout: 20_000 });
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

  console.log(`\n2. playground JavaScript before the first interaction (gzip level 9; target ≤ ${TARGET_KB} KB)`);
  let most = 0;
  for (const path of islandPages) {
    const { page, loaded } = await load(browser, server.url, dist, path);
    await page.close();
    most = Math.max(most, loaded.gzip);
    console.log(`   /${path}: ${kb(loaded.gzip)} in ${loaded.files.length} files`);
    for (const f of loaded.files) {
      const file = join(dist, decodeURIComponent(f));
      if (existsSync(file)) console.log(`      ${f}  ${kb(gzipSync(readFileSync(file), { level: 9 }).length)}`);
    }
  }

  if (islandPages.length > 0) {
    const over = most - TARGET_KB * 1024;
    console.log(`   largest: ${kb(most)} (${over > 0 ? `${kb(over)} over` : `${kb(-over)} under`} the ${TARGET_KB} KB target)`);
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

  console.log(`\n4. the network picture in motion (${WATCH_MS / 1000} s of the player at 1×, motion allowed; targets 60 fps, no task over 50 ms)`);
  if (existsSync(join(dist, 'playground', 'index.html'))) {
    const hash = encodeRunLink({ scenario: CROWD, commands: CROWD.steps!.map(() => ({ type: 'next' as const })), position: CROWD.steps!.length });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, reducedMotion: 'no-preference' });
    await page.goto(`${server.url}playground/#${hash}`, { waitUntil: 'networkidle' });
    await page.waitForSelector(READY_PLAYGROUND);
    await page.waitForFunction(() => document.querySelectorAll('[data-view="network"] [data-flight]').length >= 30, null, { timeout: 20_000 });
    await page.locator('[data-view="network"]').scrollIntoViewIfNeeded();
    const inFlight = await page.locator('[data-view="network"] [data-flight]').count();
    const watched = await page.evaluate((ms) => {
      const island = document.querySelector('.pg')!;
      const play = [...island.querySelectorAll('button')].find((b) => b.textContent?.trim() === '▶ 播放')!;
      const tasks: number[] = [];
      const observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) tasks.push(e.duration);
      });
      observer.observe({ type: 'longtask' });
      return new Promise<{ frames: number[]; tasks: number[]; least: number; steps: number }>((resolve) => {
        const frames: number[] = [];
        let least = Infinity;
        const start = performance.now();
        const before = island.querySelector('.pg-seek-label')?.textContent ?? '';
        play.click();
        let last = start;
        const frame = (t: number): void => {
          frames.push(t - last);
          last = t;
          least = Math.min(least, document.querySelectorAll('[data-view="network"] [data-flight]').length);
          if (t - start < ms) requestAnimationFrame(frame);
          else {
            observer.disconnect();
            const after = island.querySelector('.pg-seek-label')?.textContent ?? '';
            const at = (s: string): number => Number(/位置 (\d+)/.exec(s)?.[1] ?? 0);
            resolve({ frames: frames.slice(1), tasks, least, steps: at(after) - at(before) });
          }
        };
        requestAnimationFrame(frame);
      });
    }, WATCH_MS);
    await page.close();
    const total = watched.frames.reduce((a, b) => a + b, 0);
    const sorted = [...watched.frames].sort((a, b) => a - b);
    const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? 0;
    console.log(`   ${inFlight} messages in flight at the start, at least ${watched.least} while playing; ${watched.steps} steps played`);
    console.log(`   ${((watched.frames.length * 1000) / total).toFixed(1)} fps (${watched.frames.length} frames); frame time p95 ${p95.toFixed(1)} ms, worst ${(sorted.at(-1) ?? 0).toFixed(1)} ms`);
    console.log(`   long tasks (> 50 ms): ${watched.tasks.length}${watched.tasks.length > 0 ? `, longest ${Math.max(...watched.tasks).toFixed(0)} ms` : ''}`);
  }
} finally {
  await browser.close();
  await server.close();
}
