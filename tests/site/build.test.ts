// Build the site-basic fixture (Hexo and ISO front matter, .md and .mdx, several diagrams per page)
// with an empty diagram cache, so the browser really renders, and look at the output.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { listIds } from '../../src/diagrams/svg-ids.ts';
import { launchChromium } from '../support/browser.ts';
import { auditDiagrams, byTag, findAll, hasClass, parseHtml, plain, textOf } from '../support/html.ts';
import { serveDist } from '../support/serve.ts';
import { buildSite, htmlFiles, makeSite, removeSite, type BuildResult, type Site } from '../support/site-build.ts';

const FIXTURE = 'tests/fixtures/site-basic/notes';

let site: Site;
let result: BuildResult;
let cacheDir: string;

function page(path: string): string {
  return readFileSync(join(result.dist, path), 'utf8');
}

/** Number of ```mermaid fences (with or without a space after the backticks) in a fixture note. */
function fencesIn(note: string): number {
  return (readFileSync(join(FIXTURE, note), 'utf8').match(/^```\s*mermaid\s*$/gm) ?? []).length;
}

describe('site build (fixture site-basic)', () => {
  before(async () => {
    site = makeSite({ name: 'basic', notesFrom: FIXTURE });
    cacheDir = mkdtempSync(join(tmpdir(), 'paxos-diagram-cache-'));
    result = await buildSite(site, { env: { PAXOS_DIAGRAM_CACHE: cacheDir } });
    if (result.code !== 0) console.error(plain(result.output));
  });
  after(() => {
    removeSite(site);
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('succeeds', () => {
    assert.equal(result.code, 0);
  });

  it('turns every mermaid block into inline SVGs (light and dark), none left as source', () => {
    const notes: Record<string, string> = {
      'notes/hexo-post/index.html': 'hexo-post.md',
      'notes/two-diagrams/index.html': 'two-diagrams.md',
      'notes/nested/in-mdx/index.html': 'nested/in-mdx.mdx',
    };
    for (const [html, note] of Object.entries(notes)) {
      const audit = auditDiagrams(page(html), html);
      assert.deepEqual(audit.problems, []);
      assert.equal(audit.rendered, fencesIn(note), `${html}: one figure per fence`);
    }
    for (const html of htmlFiles(result.dist)) assert.deepEqual(auditDiagrams(page(html), html).problems, []);
  });

  it('renders with real mermaid in the browser and caches the SVGs on disk', () => {
    assert.match(plain(result.output), /diagrams: \d+ rendered in Chromium/);
    // 5 distinct diagrams × 2 themes.
    assert.equal(readdirSync(cacheDir).filter((f) => f.endsWith('.svg')).length, 10);
  });

  it('never renders an unchanged diagram twice: a rebuild takes every SVG from the disk cache', async () => {
    const again = await buildSite(site, { env: { PAXOS_DIAGRAM_CACHE: cacheDir } });
    assert.equal(again.code, 0);
    assert.match(plain(again.output), /diagrams: 0 rendered in Chromium, \d+ from cache/);
    assert.deepEqual(auditDiagrams(page('notes/two-diagrams/index.html'), 'rebuild').problems, []);
  });

  it('gives two diagrams on one page (and a repeated diagram) distinct ids, one SVG per figure', () => {
    const html = page('notes/two-diagrams/index.html');
    const ids = listIds(html);
    const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
    assert.deepEqual(dupes, []);
    const svgIds = byTag(parseHtml(html), 'svg').map((s) => String(s.properties['id']));
    // Four figures, each drawn once for both themes.
    assert.equal(svgIds.length, 4);
    assert.equal(new Set(svgIds).size, 4);
    // Every url(#…)/href="#…" attribute points at an id of the same page (mermaid's CSS also names
    // ids of diagram kinds that are not drawn, so <style> is left out).
    const refs = [...html.matchAll(/="url\(#([^)]+)\)"|href="#([^"]+)"/g)]
      .map((m) => m[1] ?? m[2]!)
      .filter((ref) => ref.startsWith('mmd-'));
    assert.ok(refs.length > 0);
    for (const ref of refs) assert.ok(ids.includes(ref), `dangling url(#${ref})`);
  });

  it('honours a %%{init}%% directive (and a fence written as ``` mermaid)', () => {
    const tree = parseHtml(page('notes/two-diagrams/index.html'));
    const figures = findAll(tree, (el) => el.tagName === 'figure' && hasClass(el, 'diagram'));
    assert.equal(figures.length, 4);
    const last = JSON.stringify(figures[3]);
    const first = JSON.stringify(figures[2]);
    assert.match(last, /#cde498/i, 'forest theme colours in the diagram with the init directive');
    assert.doesNotMatch(first, /#cde498/i);
  });

  it('keeps the Mermaid source in a collapsible 源码 box with a copy button', () => {
    const tree = parseHtml(page('notes/hexo-post/index.html'));
    const [details] = findAll(tree, (el) => el.tagName === 'details' && hasClass(el, 'diagram-source'));
    assert.ok(details);
    assert.match(textOf(details), /源码/);
    assert.match(textOf(details), /participant P as 提议者/);
    assert.equal(findAll(details, (el) => el.tagName === 'button').length, 1);
  });

  it('typesets math with KaTeX and highlights code with Shiki (light and dark colours)', () => {
    const html = page('notes/hexo-post/index.html');
    assert.match(html, /class="katex"/);
    assert.match(html, /class="katex-display"/);
    assert.match(html, /<pre class="astro-code[^"]*github-light github-dark/);
    assert.match(html, /--shiki-dark:/);
    assert.match(page('notes/nested/in-mdx/index.html'), /class="katex"/);
  });

  it('loads no script file on a note page (only tiny inline scripts)', () => {
    const html = page('notes/two-diagrams/index.html');
    assert.doesNotMatch(html, /<script[^>]*\ssrc=/);
  });

  it('leaves drafts out, marks wip notes, lists notes newest first', () => {
    assert.equal(existsSync(join(result.dist, 'notes/draft/index.html')), false);
    assert.match(page('notes/wip/index.html'), /施工中/);
    const home = page('index.html');
    const titles = findAll(parseHtml(home), (el) => hasClass(el, 'note-card__title')).map((el) => textOf(el).trim());
    assert.deepEqual(titles, [
      'Two diagrams on one page',
      'Hexo 风格的笔记',
      'An MDX note in a folder',
      '分布式一致性算法初探施工中',
    ]);
    assert.doesNotMatch(home, /A draft/);
  });

  it('shows the Hexo date as written', () => {
    assert.match(page('notes/hexo-post/index.html'), /2023年5月16日/);
  });

  it('shows the diagram matching the theme, follows the system and a stored choice, without console errors', async () => {
    const server = await serveDist(result.dist);
    const browser = await launchChromium();
    try {
      for (const scheme of ['light', 'dark'] as const) {
        const context = await browser.newContext({ colorScheme: scheme });
        const tab = await context.newPage();
        const errors: string[] = [];
        tab.on('console', (m) => {
          if (m.type() === 'error') errors.push(m.text());
        });
        tab.on('pageerror', (e) => errors.push(e.message));
        await tab.goto(`${server.url}notes/two-diagrams/`);
        const state = () =>
          tab.evaluate(() => ({
            theme: document.documentElement.dataset['theme'],
            // One SVG per diagram: its text colour is mermaid's light (#333) or dark (#ccc) one.
            svgs: document.querySelectorAll('figure[data-diagram] svg').length,
            figures: document.querySelectorAll('figure[data-diagram]').length,
            fill: getComputedStyle(document.querySelector('.diagram-svg svg')!).fill,
          }));
        const fillOf = { light: 'rgb(51, 51, 51)', dark: 'rgb(204, 204, 204)' };
        const initial = await state();
        assert.equal(initial.theme, scheme);
        assert.equal(initial.svgs, initial.figures, 'each figure holds one SVG');
        assert.equal(initial.fill, fillOf[scheme]);
        // A stored choice wins over the system, and survives a reload.
        const other = scheme === 'dark' ? 'light' : 'dark';
        await tab.evaluate((t) => (window as unknown as { setTheme(t: string): void }).setTheme(t), other);
        await tab.reload();
        const switched = await state();
        assert.equal(switched.theme, other);
        assert.equal(switched.fill, fillOf[other]);
        // The visible SVG has drawn its arrows (markers resolve inside the visible SVG).
        const box = await tab.evaluate(() => {
          const svg = [...document.querySelectorAll('.diagram-svg')].find((d) => getComputedStyle(d).display !== 'none')!.querySelector('svg')!;
          return svg.getBoundingClientRect().width;
        });
        assert.ok(box > 100);
        assert.deepEqual(errors, []);
        await context.close();
      }
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
