// Launch Chromium for end-to-end tests with playwright-core, using the same discovery as the build
// (CHROMIUM_PATH, /usr/bin/chromium, Chrome, Playwright's cache).
//
//   const browser = await launchChromium();
//   const page = await browser.newPage({ colorScheme: 'dark' });
import { chromium, type Browser } from 'playwright-core';
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
