// Temporary screenshot script (not committed): serves dist/ and shoots the changed chapters.
import { chromium } from 'playwright-core';
import { serveDist } from './serve.ts';
const server = await serveDist(new URL('../../dist/', import.meta.url).pathname);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const pages: [string, string, string][] = [
  ['basic', 'notes/paxos-01-basic/', '灵活法定人数'],
  ['fast', 'notes/paxos-04-fast/', '另外两种恢复：协调恢复与非协调恢复'],
];
for (const [name, path, heading] of pages) {
  for (const width of [1280, 360]) {
    for (const theme of ['light', 'dark']) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.goto(server.url + path, { waitUntil: 'networkidle' });
      await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
      const h = page.locator('h2', { hasText: heading }).first();
      await h.scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollBy(0, -20));
      await page.waitForTimeout(300);
      for (let i = 0; i < 4; i++) {
        await page.screenshot({ path: `/work/screens/new-topics/${name}-${width}-${theme}-${i}.png` });
        await page.evaluate(() => window.scrollBy(0, 850));
        await page.waitForTimeout(150);
      }
      await page.close();
    }
  }
}
await browser.close();
await server.close();
console.log('done');
