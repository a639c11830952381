// Without a browser the build still succeeds: diagrams are left to mermaid in the reader's browser
// (only on pages that have diagrams), and one warning says how to install Chromium.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchChromium } from '../support/browser.ts';
import { findAll, hasClass, parseHtml, plain } from '../support/html.ts';
import { serveDist } from '../support/serve.ts';
import { buildSite, makeSite, removeSite, type BuildResult, type Site } from '../support/site-build.ts';

let site: Site;
let result: BuildResult;
let cacheDir: string;

describe('no browser at build time', () => {
  before(async () => {
    site = makeSite({ name: 'no-browser', notesFrom: 'tests/fixtures/site-basic/notes' });
    // An empty cache, or cached SVGs would be used and no fallback would happen.
    cacheDir = mkdtempSync(join(tmpdir(), 'paxos-diagram-cache-'));
    result = await buildSite(site, {
      env: { CHROMIUM_PATH: '/nonexistent/chromium', PAXOS_DIAGRAMS_NO_DISCOVERY: '1', PAXOS_DIAGRAM_CACHE: cacheDir },
    });
    if (result.code !== 0) console.error(plain(result.output));
  });
  after(() => {
    removeSite(site);
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('still builds, with one warning that says how to install a browser', () => {
    assert.equal(result.code, 0);
    const out = plain(result.output);
    assert.equal(out.match(/No Chromium found/g)?.length, 1);
    assert.match(out, /apt-get install chromium/);
    assert.match(out, /CHROMIUM_PATH/);
  });

  it('emits the source for client-side rendering and ships mermaid only for pages that need it', () => {
    const html = readFileSync(join(result.dist, 'notes/two-diagrams/index.html'), 'utf8');
    const tree = parseHtml(html);
    assert.equal(findAll(tree, (el) => el.tagName === 'pre' && hasClass(el, 'mermaid')).length, 4);
    assert.equal(findAll(tree, (el) => el.tagName === 'svg').length, 0);
    assert.match(html, /_diagrams\/mermaid\.min\.js/);
    assert.ok(existsSync(join(result.dist, '_diagrams/mermaid.min.js')));
    const plainPage = readFileSync(join(result.dist, 'notes/wip/index.html'), 'utf8');
    assert.doesNotMatch(plainPage, /mermaid/);
  });

  it('renders the diagrams in the reader’s browser', async () => {
    const server = await serveDist(result.dist);
    const browser = await launchChromium();
    try {
      const tab = await browser.newPage();
      const errors: string[] = [];
      tab.on('pageerror', (e) => errors.push(e.message));
      await tab.goto(`${server.url}notes/hexo-post/`);
      await tab.waitForSelector('figure.diagram-client pre.mermaid svg', { timeout: 20_000 });
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
