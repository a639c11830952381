// One headless Chromium and ONE page for the whole build. mermaid's 5.5 MB bundle is loaded once;
// renders are serialised through a promise chain (mermaid.render is not re-entrant on one page).
//
// The session lives on globalThis: Astro may load this module more than once (config loader, Vite's
// SSR graph for .mdx and components), and every copy must share the same browser.
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './browser.ts';
import { existsSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { MERMAID_ESM_ENTRY, mermaidDist } from './mermaid-assets.ts';
import { within } from '../deadline.ts';

// mermaid's ES modules are served to the page from node_modules through request interception under
// this made-up origin (a real origin, unlike file://, so module imports and lazy chunks just work).
const ORIGIN = 'http://paxos-diagrams.invalid';

// The page mermaid runs in. Its code is plain text served to the browser, never compiled by Vite (see
// renderInBrowser). `paxosRender` renders one diagram and reports a syntax error as data with mermaid's
// line, so a bad diagram never rejects across the bridge; `paxosMermaidReady` settles once mermaid loaded.
const HOST_PAGE = `<!doctype html><html><head><meta charset="utf-8"></head><body><script>
window.paxosMermaidReady = import('/${MERMAID_ESM_ENTRY}').then((m) => { window.mermaid = m.default; });
window.paxosRender = async ({ id, source, config }) => {
  await window.paxosMermaidReady;
  window.mermaid.initialize({ startOnLoad: false, ...config });
  try {
    return { svg: (await window.mermaid.render(id, source)).svg };
  } catch (e) {
    // mermaid leaves its scratch elements behind after an error; remove them so the page stays clean.
    document.getElementById('d' + id)?.remove();
    document.getElementById(id)?.remove();
    const hash = (e && e.hash) || {};
    const line = hash.loc?.first_line ?? (typeof hash.line === 'number' ? hash.line + 1 : undefined);
    return { error: String((e && e.message) || e), line };
  }
};
</script></body></html>`;

/** The file of mermaid's dist/ that `path` names, or undefined when it names nothing there. */
function mermaidFile(dist: string, path: string): string | undefined {
  let file: string;
  try {
    file = resolve(dist, `.${decodeURIComponent(path)}`);
  } catch {
    return undefined; // a malformed %-escape
  }
  if (!file.startsWith(dist + sep) || !existsSync(file)) return undefined;
  return file;
}

export class BrowserUnavailableError extends Error {
  readonly tried: string[];
  constructor(tried: string[]) {
    super(`No Chromium found (tried: ${tried.join(', ') || 'nothing'})`);
    this.name = 'BrowserUnavailableError';
    this.tried = tried;
  }
}

/** mermaid rejected the diagram; `mermaidLine` is the 1-based line inside the diagram when known. */
export class MermaidSyntaxError extends Error {
  readonly mermaidLine: number | undefined;
  constructor(message: string, mermaidLine: number | undefined) {
    super(message);
    this.name = 'MermaidSyntaxError';
    this.mermaidLine = mermaidLine;
  }
}

/** A diagram that keeps mermaid busy this long is reported instead of hanging the build. */
const RENDER_TIMEOUT_MS = 60_000;
/** Opening the page and loading mermaid take 1-3 s here; a start that takes this long is stuck. */
const START_TIMEOUT_MS = 60_000;

interface SessionState {
  browser: Browser | undefined;
  page: Promise<Page> | undefined;
  queue: Promise<unknown>;
  renders: number;
  /** Milliseconds spent launching Chromium and loading mermaid, and rendering. */
  launchMs: number;
  renderMs: number;
}

const KEY = Symbol.for('paxos-notes.diagrams.session');
function state(): SessionState {
  const g = globalThis as unknown as Record<symbol, SessionState | undefined>;
  return (g[KEY] ??= { browser: undefined, page: undefined, queue: Promise.resolve(), renders: 0, launchMs: 0, renderMs: 0 });
}

async function openPage(s: SessionState): Promise<Page> {
  const found = findChromium();
  if (!found.path) throw new BrowserUnavailableError(found.tried);
  const wanted = process.env['CHROMIUM_PATH'];
  if (wanted && wanted !== found.path) {
    console.warn(`[diagrams] CHROMIUM_PATH=${wanted} does not exist; using ${found.path} instead.`);
  }
  const started = performance.now();
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: found.path, args: CHROMIUM_ARGS });
  s.browser = browser;
  // Chromium killed or crashed under a long `astro dev`: forget it, so the next diagram launches afresh.
  browser.on('disconnected', () => {
    if (s.browser !== browser) return;
    s.browser = undefined;
    s.page = undefined;
  });
  try {
    const page = await within(START_TIMEOUT_MS, 'opening a page in Chromium', browser.newPage());
    await loadMermaid(page);
    s.launchMs += performance.now() - started;
    return page;
  } catch (err) {
    // A start that failed or stuck takes its browser with it, so nothing waits on it and nothing is left running.
    await browser.close().catch(() => {});
    throw err;
  }
}

/** Serve mermaid to `page` and wait until it has loaded. */
async function loadMermaid(page: Page): Promise<void> {
  const dist = mermaidDist();
  await page.route(`${ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    const file = path === '/' ? undefined : mermaidFile(dist, path);
    const reply =
      path === '/'
        ? route.fulfill({ contentType: 'text/html', body: HOST_PAGE })
        : file !== undefined
          ? route.fulfill({ path: file, contentType: 'text/javascript' })
          : // Anything else a diagram asks for (an <img src=x> in a label, say) does not exist here.
            route.fulfill({ status: 404, body: '' });
    // A request the page abandoned (it was closed mid-render) must not become an unhandled rejection.
    return reply.catch(() => {});
  });
  await page.goto(`${ORIGIN}/`, { timeout: START_TIMEOUT_MS });
  // evaluate() has no deadline of its own, and an import that never settles would hold every diagram after it.
  await within(START_TIMEOUT_MS, 'loading mermaid', page.evaluate(`window.paxosMermaidReady`));
}

function page(s: SessionState): Promise<Page> {
  if (!s.page) {
    s.page = openPage(s);
    // A failed launch is remembered (no retry per diagram), but the rejection must not go unhandled.
    s.page.catch(() => {});
  }
  return s.page;
}

/** Render one diagram in the shared page. `config` goes to mermaid.initialize (an init directive in the source still wins). */
export function renderInBrowser(id: string, source: string, config: Record<string, unknown>): Promise<string> {
  const s = state();
  const job = s.queue.then(async () => {
    const p = await page(s);
    const started = performance.now();
    // The call is a string, not a function: `astro dev` runs this module through Vite's SSR transform,
    // which rewrites code inside functions (an import() becomes __vite_ssr_dynamic_import__) and would
    // hand the page names that only exist in Node. JSON is a valid JavaScript expression.
    const rendering = p.evaluate(`window.paxosRender(${JSON.stringify({ id, source, config })})`) as Promise<
      { svg: string } | { error: string; line: number | undefined }
    >;
    let result: Awaited<typeof rendering>;
    try {
      result = await within(RENDER_TIMEOUT_MS, 'mermaid', rendering);
    } catch (err) {
      // The page is stuck or gone (a timeout, a closed target): start over with a fresh browser for the next
      // diagram. Syntax errors do not come this way; the page reports them as data.
      await closeBrowser();
      throw err;
    }
    s.renders++;
    s.renderMs += performance.now() - started;
    if ('error' in result) {
      throw new MermaidSyntaxError(result.error || 'unknown mermaid error', result.line ?? undefined);
    }
    return result.svg;
  });
  // Keep the chain going whatever this job did.
  s.queue = job.catch(() => {});
  return job;
}

/** Number of diagrams actually rendered in the browser by this process (cache hits excluded). */
export function browserRenderCount(): number {
  return state().renders;
}

/** Time spent in the browser by this process: launch + loading mermaid, and the renders themselves. */
export function browserTimings(): { launchMs: number; renderMs: number } {
  const s = state();
  return { launchMs: s.launchMs, renderMs: s.renderMs };
}

/** Close the shared browser (at astro:build:done, or when a script is finished). Safe to call twice. */
export async function closeBrowser(): Promise<void> {
  const s = state();
  const pending = s.page;
  s.page = undefined;
  // Wait for a launch still in progress, so its browser is closed too.
  if (pending) await pending.catch(() => {});
  const browser = s.browser;
  s.browser = undefined;
  await browser?.close().catch(() => {});
}
