// Opening the built site's pages in Chromium for the playground's end-to-end tests: one context per page
// (viewport, colour scheme, reduced motion), and every page error, console error and failed request noted
// in `problems`, which each test file asserts empty at its end.
import type { Browser, Page } from 'playwright-core';

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

/** Waits until the page's (first) playground island has hydrated. */
/** A playground that works: hydrated, and its protocol loaded (until then the island keeps the server's HTML, aria-busy). */
export const READY_PLAYGROUND = 'astro-island:not([ssr]) .pg:not([aria-busy])';

export async function hydrated(page: Page): Promise<void> {
  await page.waitForSelector(READY_PLAYGROUND, { timeout: 15_000 });
}
