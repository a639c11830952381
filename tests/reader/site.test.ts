// End to end in Chromium on one build of the fixture site under a base path (/notes-site/):
// search (Chinese and English, from any page, drafts absent), the theme toggle, the table of
// contents, tag/category/archive pages, feeds, share cards and a link check over dist/.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { checkLinks, formatProblems } from '../../scripts/check-links.ts';
import { serveStatic, type StaticServer } from '../../scripts/static-server.ts';
import { launchChromium } from '../support/browser.ts';
import { htmlFiles, removeSite } from '../support/site-build.ts';
import { buildReaderSite, type ReaderSite } from './build.ts';

let site: ReaderSite;
let server: StaticServer;
let browser: Browser;

before(async () => {
  site = await buildReaderSite('reader-e2e');
  server = await serveStatic(site.dist, { base: site.base });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (site) removeSite(site);
});

async function open(path: string, options: { colorScheme?: 'light' | 'dark' } = {}): Promise<Page> {
  const context = await browser.newContext({ reducedMotion: 'reduce', colorScheme: options.colorScheme ?? 'light' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(server.url + path);
  return page;
}
const errorsOf = (page: Page): string[] => (page as Page & { errors: string[] }).errors;
const read = (path: string): string => readFileSync(join(site.dist, path), 'utf8');

async function searchResults(page: Page, query: string): Promise<string[]> {
  await page.click('[data-search-open]');
  const input = page.locator('.pagefind-ui__search-input');
  await input.fill(query);
  const first = page.locator('.pagefind-ui__result-link').first();
  await first.waitFor({ timeout: 15_000 });
  return page.locator('.pagefind-ui__result-link').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
}

/** Asks Pagefind's JS API directly (for "finds nothing" checks, where the UI has nothing to wait for). */
async function pagefindCount(page: Page, query: string): Promise<number> {
  return page.evaluate(
    async ({ base, query }) => {
      const pagefind = await import(`${base}pagefind/pagefind.js`);
      await pagefind.options({ baseUrl: base });
      const found = await pagefind.search(query);
      return found.results.length as number;
    },
    { base: site.base, query },
  );
}

test('a Chinese word typed into search finds its note, also from an English page', async () => {
  const page = await open('notes/quorum-en/');
  const hrefs = await searchResults(page, '一致性');
  assert.ok(hrefs.some((h) => h.startsWith(`${site.base}notes/consensus-zh/`)), `results: ${hrefs.join(', ')}`);
  assert.ok(!hrefs.some((h) => h.includes('quorum-en')), 'the English note does not contain 一致性');
  assert.deepEqual(errorsOf(page), []);
  await page.context().close();
});

test('an English word is found from a Chinese page; drafts are not in the index', async () => {
  const page = await open('notes/consensus-zh/');
  const hrefs = await searchResults(page, 'flexible');
  assert.ok(hrefs.some((h) => h.startsWith(`${site.base}notes/quorum-en/`)), `results: ${hrefs.join(', ')}`);
  assert.equal(await pagefindCount(page, '麒麟'), 0, 'a word that only a draft contains');
  assert.ok((await pagefindCount(page, '活锁')) >= 1, 'the same query path finds a published word');
  await page.context().close();
});

test('the index holds the notes text but neither the Mermaid source nor KaTeX MathML', () => {
  // Pagefind fragments are gzipped JSON with each page's indexed content.
  const dir = join(site.dist, 'pagefind', 'fragment');
  const indexed = readdirSync(dir)
    .map((f) => gunzipSync(readFileSync(join(dir, f))).toString('utf8'))
    .join('\n')
    .replace(/\u200b/g, ''); // Pagefind marks Chinese word boundaries with zero-width spaces
  assert.match(indexed, /一致性/);
  assert.match(indexed, /Flexible quorums/);
  assert.doesNotMatch(indexed, /sequenceDiagram|P->>A/, 'the Mermaid source in the 源码 box');
  assert.doesNotMatch(indexed, /q_1/, "KaTeX's MathML annotation (q_1 + q_2 > n)");
  assert.doesNotMatch(indexed, /上一篇|下一篇|发布于|阅读约|在 GitHub 上编辑/, 'navigation and the date line are not content');
});

test('a note without a playground loads no JavaScript file until search is used', async () => {
  const context = await browser.newContext({ reducedMotion: 'reduce' });
  const page = await context.newPage();
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  await page.goto(`${server.url}notes/consensus-zh/`, { waitUntil: 'networkidle' });
  assert.equal(scripts.length, 0, `no script file on load, got: ${scripts.join(', ')}`);
  // Statically, over the whole build: no page without an island references a script file.
  for (const file of htmlFiles(site.dist)) {
    const html = read(file);
    if (!html.includes('<astro-island')) assert.doesNotMatch(html, /<script[^>]+\bsrc=/, file);
  }
  await page.click('[data-search-open]');
  await page.locator('.pagefind-ui__search-input').waitFor();
  assert.ok(scripts.some((s) => s.endsWith(`${site.base}pagefind/pagefind-ui.js`)), `loaded: ${scripts.join(', ')}`);
  await context.close();
});

test('theme: follows the system, the toggle switches code and diagrams and persists across a reload', async () => {
  const html = read('notes/consensus-zh/index.html');
  const themeScript = html.indexOf('matchMedia("(prefers-color-scheme: dark)")');
  const firstStyle = Math.min(...['rel="stylesheet"', '<style', '<body'].map((s) => html.indexOf(s)).filter((i) => i >= 0));
  assert.ok(themeScript > 0 && themeScript < firstStyle,
    'the theme is set by an inline script in <head> before any stylesheet (no flash)');
  const snippet = /<script>([^<]*prefers-color-scheme: dark[^<]*)<\/script>/.exec(html)?.[1] ?? '';
  assert.ok(snippet.length > 0 && Buffer.byteLength(snippet) < 1024, `theme snippet is ${Buffer.byteLength(snippet)} bytes`);

  const dark = await open('notes/consensus-zh/', { colorScheme: 'dark' });
  assert.equal(await dark.getAttribute('html', 'data-theme'), 'dark');
  await dark.context().close();

  const page = await open('notes/consensus-zh/', { colorScheme: 'light' });
  const state = () =>
    page.evaluate(() => ({
      theme: document.documentElement.dataset['theme'],
      // The diagram's one SVG takes mermaid's light (#333) or dark (#ccc) text colour.
      diagram: getComputedStyle(document.querySelector('.diagram-svg svg')!).fill,
      code: getComputedStyle(document.querySelector('pre.astro-code')!).backgroundColor,
    }));
  const before = await state();
  assert.equal(before.theme, 'light');
  assert.equal(before.diagram, 'rgb(51, 51, 51)');
  await page.click('[data-theme-toggle]');
  const toggled = await state();
  assert.equal(toggled.theme, 'dark');
  assert.equal(toggled.diagram, 'rgb(204, 204, 204)');
  assert.notEqual(toggled.code, before.code, 'the code block switches its colours');
  assert.equal(await page.getAttribute('[data-theme-toggle]', 'aria-pressed'), 'true');
  await page.reload();
  assert.deepEqual(await state(), toggled, 'the choice survives a reload');
  assert.deepEqual(errorsOf(page), []);
  await page.context().close();
});

test('every table-of-contents link lands on its heading and becomes the current section', async () => {
  const page = await open('notes/consensus-zh/');
  const links = await page.locator('[data-toc] a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  assert.ok(links.length >= 4, `TOC links: ${links.join(', ')}`);
  for (const href of links) {
    await page.click(`[data-toc] a[href="${href}"]`);
    await page.waitForFunction(
      (h) => document.querySelector(`[data-toc] a[href="${h}"]`)?.getAttribute('aria-current') === 'location',
      href,
      { timeout: 5000 },
    );
    const top = await page.evaluate((h) => document.getElementById(decodeURIComponent(h.slice(1)))!.getBoundingClientRect().top, href);
    assert.ok(top >= -1 && top <= 48, `${decodeURIComponent(href)} is at ${top}px from the top`);
  }
  // Back at the top, above every heading, no section is current.
  await page.evaluate(() => scrollTo(0, 0));
  await page.waitForFunction(() => document.querySelectorAll('[data-toc] a[aria-current]').length === 0, null, { timeout: 5000 });
  // Opened at a section's address, that section is current without a scroll by the reader.
  const second = links[1]!;
  const opened = await page.context().newPage();
  await opened.goto(`${server.url}notes/consensus-zh/${second}`);
  await opened.waitForFunction(
    (h) => document.querySelector('[data-toc] a[aria-current="location"]')?.getAttribute('href') === h,
    second,
    { timeout: 5000 },
  );
  await page.context().close();

  // At 360 px the contents sit above the text, folded; a tap unfolds them.
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, reducedMotion: 'reduce' });
  const small = await phone.newPage();
  await small.goto(`${server.url}notes/consensus-zh/`);
  assert.equal(await small.locator('[data-toc] details').evaluate((d) => (d as HTMLDetailsElement).open), false);
  await small.click('[data-toc] summary');
  assert.equal(await small.locator('[data-toc] details').evaluate((d) => (d as HTMLDetailsElement).open), true);
  await phone.close();
});

test('tag, category and archive pages list the right notes; drafts appear nowhere', async () => {
  const page = await open('tags/paxos/');
  const notesOn = (p: Page) =>
    p.locator('main a[href*="/notes/"]').evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute('href')))]);
  assert.deepEqual(await notesOn(page), [
    `${site.base}notes/en/consensus-zh/`,
    `${site.base}notes/consensus-zh/`,
    `${site.base}notes/quorum-en/`,
  ]);
  await page.goto(`${server.url}categories/${encodeURIComponent('分布式系统')}/`);
  assert.deepEqual(await notesOn(page), [`${site.base}notes/wip-note/`, `${site.base}notes/consensus-zh/`]);
  await page.goto(`${server.url}archive/`);
  const years = await page.locator('main section').evaluateAll((sections) =>
    sections.map((s) => [s.querySelector('h2')?.textContent?.trim(), [...s.querySelectorAll('a')].map((a) => a.getAttribute('href'))]),
  );
  assert.deepEqual(years, [
    ['2024 年', [`${site.base}notes/wip-note/`, `${site.base}notes/en/consensus-zh/`, `${site.base}notes/consensus-zh/`]],
    ['2023 年', [`${site.base}notes/quorum-en/`]],
  ]);
  await page.context().close();

  assert.equal(existsSync(join(site.dist, 'notes/draft-note')), false, 'no page for a draft');
  assert.equal(existsSync(join(site.dist, 'tags/草稿标签')), false, 'no tag page made only of drafts');
  for (const file of ['rss.xml', 'sitemap-0.xml', 'index.html', 'archive/index.html', 'tags/paxos/index.html']) {
    if (existsSync(join(site.dist, file))) assert.doesNotMatch(read(file), /draft-note|还没写完的草稿/, file);
  }
});

test('feeds and metadata: RSS, robots.txt, sitemap, Open Graph card per note', () => {
  const rss = read('rss.xml');
  assert.match(rss, /<link>https:\/\/example\.github\.io\/notes-site\/notes\/consensus-zh\/<\/link>/);
  assert.match(rss, /用最少的概念讲清楚一致性问题/);
  assert.doesNotMatch(rss, /lastBuildDate/);
  assert.match(read('robots.txt'), /^Sitemap: https:\/\/example\.github\.io\/notes-site\/sitemap-index\.xml$/m);
  assert.ok(existsSync(join(site.dist, 'sitemap-index.xml')), 'sitemap-index.xml');
  const png = readFileSync(join(site.dist, 'og/notes/consensus-zh.png'));
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [1200, 630]);
  const html = read('notes/consensus-zh/index.html');
  assert.match(html, /<meta property="og:image" content="https:\/\/example\.github\.io\/notes-site\/og\/notes\/consensus-zh\.png"/);
  assert.match(html, /<meta name="twitter:card" content="summary_large_image"/);
  assert.match(html, /<link rel="alternate" type="application\/rss\+xml"[^>]+href="\/notes-site\/rss\.xml"/);
  // The English translation (content/notes/en/consensus-zh.md) is linked both ways.
  assert.match(html, /<link rel="alternate" hreflang="en" href="https:\/\/example\.github\.io\/notes-site\/notes\/en\/consensus-zh\/">/);
  assert.match(read('notes/en/consensus-zh/index.html'), /<a href="\/notes-site\/notes\/consensus-zh\/" hreflang="zh-CN" lang="zh-CN">中文<\/a>/);
  assert.ok(existsSync(join(site.dist, 'og/notes/en/consensus-zh.png')), 'a share card for a note in a folder');
});

test('every internal link and anchor in the base-path build resolves', async () => {
  const report = await checkLinks(site.dist, { base: site.base, site: site.siteUrl });
  assert.ok(report.pages >= 8 && report.links > 50, `checked ${report.links} links in ${report.pages} pages`);
  assert.equal(report.problems.length, 0, formatProblems(report.problems));
});
