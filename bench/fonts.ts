// `npm run bench -- fonts` (or `node bench/fonts.ts [--dist dist] [--path notes/x/ …]`): how much font
// lookup a page's first screens cost Chromium on this machine. Prints figures; passes or fails on nothing.
//
// Why it is worth counting: on Linux each font family the text names is matched by a synchronous call to
// the browser process, once per family and again for every size, weight and style of text, inside layout.
// On paxos-01-basic these calls were most of the layout work Lighthouse counts as blocking time, and their
// number depends on the site's font stacks (src/styles/global.css says why Noto's CJK families come first).
// Durations vary with what else the machine runs; the counts do not.
//
// Each page loads in a fresh browser (font caches start cold, as they do in Lighthouse's runs) at a phone's
// viewport, untouched for two seconds; the trace's font events on the page's main thread are summed.
import { existsSync } from 'node:fs';
import { launchChromium } from '../tests/support/browser.ts';
import { PROJECT_ROOT } from '../tests/support/project.ts';
import { serveDist } from '../tests/support/serve.ts';
import { join } from 'node:path';

const args = process.argv.slice(2);
const distFlag = args.includes('--dist') ? args[args.indexOf('--dist') + 1] : join(PROJECT_ROOT, 'dist');
if (distFlag === undefined || distFlag.startsWith('--')) {
  console.error('fonts: --dist needs a folder (a built site)');
  process.exit(2);
}
const dist = distFlag;
const paths = args.flatMap((a, i) => (a === '--path' && args[i + 1] !== undefined ? [args[i + 1]!] : []));
const pages = paths.length > 0 ? paths : ['', 'notes/paxos-01-basic/', 'notes/paxos-03-multi/', 'playground/'];
if (!existsSync(join(dist, 'index.html'))) {
  console.error(`fonts: no built site in ${dist}; run \`npm run build\` first or pass --dist`);
  process.exit(2);
}

/** Trace events that count: every lookup of a family at one size and style, the cross-process family
 *  match inside it, and the per-size render settings asked of the browser process. */
const EVENTS = {
  lookups: 'FontCache::GetFontPlatformData',
  familyMatches: 'FontDataService::MatchFamilyName',
  sizesPrepared: 'WebSandboxSupportLinux::GetWebFontRenderStyleForStrike',
} as const;

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string; data?: { documentLoaderURL?: string } };
}

const server = await serveDist(dist);
console.log(`${'page'.padEnd(28)}${'lookups'.padStart(10)}${'family matches'.padStart(16)}${'sizes prepared'.padStart(16)}${'ms in lookups'.padStart(15)}`);
try {
  for (const path of pages) {
    // A browser of its own per page, so that every page starts with cold font caches.
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
      const page = await context.newPage();
      await browser.startTracing(page, { categories: ['*', 'disabled-by-default-fonts'] });
      await page.goto(server.url + path.split('/').map(encodeURIComponent).join('/'), { waitUntil: 'load' });
      await page.waitForTimeout(2000);
      const events = (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }).traceEvents;
      // The page's renderer: the one whose main frame navigated to the site.
      const nav = events.find((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL?.startsWith('http'));
      if (!nav) throw new Error(`fonts: no navigation to ${path || '/'} in the trace`);
      const main = events.find((e) => e.pid === nav.pid && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
      const on = (e: TraceEvent) => e.pid === nav.pid && e.tid === main?.tid && e.ph === 'X';
      // The family match runs on a thread of its own in the same process.
      const count = (name: string) => events.filter((e) => (name === EVENTS.familyMatches ? e.pid === nav.pid && e.ph === 'X' : on(e)) && e.name === name).length;
      const ms = events.filter((e) => on(e) && e.name === EVENTS.lookups).reduce((sum, e) => sum + (e.dur ?? 0) / 1000, 0);
      console.log(
        `${(path || '/').padEnd(28)}${String(count(EVENTS.lookups)).padStart(10)}${String(count(EVENTS.familyMatches)).padStart(16)}${String(count(EVENTS.sizesPrepared)).padStart(16)}${ms.toFixed(0).padStart(15)}`,
      );
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.close();
}
