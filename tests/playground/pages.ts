// Opening the built site's pages in Chromium for the playground's end-to-end tests: one context per page
// (viewport, colour scheme, reduced motion), and every page error, console error and failed request noted
// in `problems`, which each test file asserts empty at its end.
import type { Browser, Locator, Page } from 'playwright-core';

export interface Opened {
  page: Page;
  /** Script files the page requested. */
  scripts: string[];
}

export interface OpenOptions {
  width?: number;
  dark?: boolean;
  /** Default 'reduce': screenshots and assertions do not wait for motion. */
  motion?: 'reduce' | 'no-preference';
}

export async function openPage(browser: Browser, base: string, path: string, problems: string[], opts: OpenOptions = {}): Promise<Opened> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1200, height: 900 },
    colorScheme: opts.dark ? 'dark' : 'light',
    reducedMotion: opts.motion ?? 'reduce',
  });
  const page = await context.newPage();
  const scripts: string[] = [];
  page.on('pageerror', (e) => problems.push(`${path}: ${e.message}`));
  page.on('console', (m) => {
    // A failed request is reported below with its address; the console line repeats it without one.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`${path}: console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${path}: ${r.status()} for ${r.url()}`);
  });
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  await page.goto(base + path, { waitUntil: 'networkidle' });
  return { page, scripts };
}

/** A playground whose protocol has loaded (until then the island keeps the server's HTML, aria-busy). */
const LIVE = '.pg:not([aria-busy])';
/** A playground that works: hydrated, and its protocol loaded. */
export const READY_PLAYGROUND = `astro-island:not([ssr]) ${LIVE}`;

/** Waits until the page's first playground island to hydrate has done so. */
export async function hydrated(page: Page): Promise<void> {
  await page.waitForSelector(READY_PLAYGROUND, { timeout: 15_000 });
}

/**
 * Waits until this island has hydrated and loaded its protocol. On a page with several, `hydrated` may
 * answer for another one, and a click on this one's server markup before it is live does nothing.
 */
export async function islandReady(page: Page, island: Locator): Promise<void> {
  await island.and(page.locator('astro-island:not([ssr])')).locator(LIVE).waitFor({ timeout: 15_000 });
}
