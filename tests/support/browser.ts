// Launch Chromium for end-to-end tests with playwright-core, using the same discovery as the build
// (CHROMIUM_PATH, /usr/bin/chromium, Chrome, Playwright's cache).
//
//   const browser = await launchChromium();
//   const page = await browser.newPage({ colorScheme: 'dark' });
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../src/diagrams/browser.ts';

export async function launchChromium(): Promise<Browser> {
  // Tests must not be fooled by the "no discovery" switch a fallback test sets for its build.
  const env = { ...process.env };
  delete env['PAXOS_DIAGRAMS_NO_DISCOVERY'];
  const found = findChromium(env);
  if (!found.path) {
    throw new Error('No Chromium for browser tests: `apt-get install chromium` or set CHROMIUM_PATH');
  }
  return chromium.launch({ executablePath: found.path, args: CHROMIUM_ARGS });
}

/** Asks Chromium to close one target; a stand-in replaces it in the test of `closeTab`. */
export type CloseTarget = (targetId: string) => Promise<unknown>;

/**
 * Closes `page`, asking again while the tab stays open. Chromium can acknowledge a close that races a
 * navigation commit and then never close the tab (crbug.com/536385539, microsoft/playwright#42366), and
 * Playwright's own `page.close()` asks once and waits forever. Under `astro dev` every edit reloads the
 * open tab, so a test closing it just after an edit can land on that commit: CI saw `page.close()` hang
 * for 30 s there. Each request gets a longer wait than the one before; after `tries` the failure names it.
 */
export async function closeTab(page: Page, opts: { tries?: number; closeTarget?: CloseTarget } = {}): Promise<void> {
  if (page.isClosed()) return;
  const tries = opts.tries ?? 4;
  const closed = new Promise<true>((resolve) => page.once('close', () => resolve(true)));
  const own = await page.context().newCDPSession(page);
  const { targetInfo } = await own.send('Target.getTargetInfo');
  await own.detach();
  const browser = page.context().browser();
  if (!browser) throw new Error('closeTab: the page belongs to no browser');
  const session = opts.closeTarget ? undefined : await browser.newBrowserCDPSession();
  const closeTarget: CloseTarget = opts.closeTarget ?? ((targetId) => session!.send('Target.closeTarget', { targetId }));
  try {
    for (let attempt = 1; attempt <= tries; attempt++) {
      // A target that is already going reports an error here; the wait below is what counts.
      await closeTarget(targetInfo.targetId).catch(() => {});
      const done = await Promise.race([closed, new Promise<false>((resolve) => setTimeout(() => resolve(false), 1000 * attempt))]);
      if (done || page.isClosed()) {
        // Worth seeing in a CI log: it says the browser bug struck, and that asking again got past it.
        if (attempt > 1) console.warn(`closeTab: ${page.url()} closed at request ${attempt}`);
        return;
      }
    }
    throw new Error(`the tab at ${page.url()} was asked to close ${tries} times and is still open`);
  } finally {
    await session?.detach().catch(() => {});
  }
}
