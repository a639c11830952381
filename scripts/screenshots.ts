// Screenshots of built pages in light and dark, desktop (1280) and phone (360) widths, for a human
// to look at. Usage: node scripts/screenshots.ts <dist> <base> <outdir> <path>...
import { chromium } from 'playwright-core';
import { serveStatic } from './static-server.ts';
const [dir, base, out, ...paths] = process.argv.slice(2);
await import('node:fs').then((fs) => fs.mkdirSync(out!, { recursive: true }));
const server = await serveStatic(dir!, { base: base! });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
for (const scheme of ['light', 'dark'] as const) for (const [w, h, tag] of [[1280, 900, 'desk'], [360, 740, 'mob']] as const) {
  const ctx = await browser.newContext({ viewport: { width: w, height: h }, colorScheme: scheme, deviceScaleFactor: 1 });
  const page = await ctx.newPage();
  page.on('console', (m) => { if (m.type() === 'error') console.log('console error', m.text()); });
  for (const p of paths) {
    await page.goto(server.url + p);
    const name = `${out}/${p.replace(/[\/.]+/g, '_') || 'home'}-${scheme}-${tag}.png`;
    await page.screenshot({ path: name, fullPage: process.env['FULL_PAGE'] !== '0' });
    console.log(name);
  }
  await ctx.close();
}
await browser.close(); await server.close();
