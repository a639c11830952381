// The link checker on small hand-made sites: it must accept good links and name each broken one.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { checkLinks } from '../../scripts/check-links.ts';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function site(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'links-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const page = (body: string, head = '') => `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;

test('a consistent site under a base path has no problems', async () => {
  const dist = site({
    'index.html': page(
      '<a href="/b/notes/x/#%E9%98%B6%E6%AE%B5">x</a><a href="notes/x/">rel</a><a href="#top" id="top">top</a>' +
        '<a href="/b/notes/x/#run=1.eyJz">state, not an anchor</a><a href="https://elsewhere.example/">out</a><a href="mailto:a@b.c">mail</a><img src="/b/og/x.png" srcset="/b/og/x.png 1x, /b/og/x.png 2x">',
      '<link rel="stylesheet" href="/b/_astro/a.css"><meta property="og:image" content="https://host.example/b/og/x.png"><link rel="preconnect" href="https://cdn.example">',
    ),
    'notes/x/index.html': page('<h2 id="阶段">阶段</h2><a href="../../">home</a><svg><use href="#m"></use><marker id="m"></marker></svg>'),
    'og/x.png': 'png',
    '_astro/a.css': '@font-face{src:url(./font.woff2) format("woff2")}',
    '_astro/font.woff2': 'font',
  });
  const report = await checkLinks(dist, { base: '/b/', site: 'https://host.example/b/' });
  assert.deepEqual(report.problems, []);
  assert.equal(report.pages, 2);
  assert.ok(report.links >= 9, `counted ${report.links} links`);
});

test('missing pages, missing anchors, links outside the base and broken assets are each reported', async () => {
  const dist = site({
    'index.html': page(
      '<a href="/b/gone/">gone</a><a href="/b/notes/x/#nope">anchor</a><a href="/tags/x/">no base</a><a href="#here">self</a>',
      '<meta property="og:image" content="https://host.example/b/og/missing.png">',
    ),
    'notes/x/index.html': page('<h2 id="yes">yes</h2>'),
    '_astro/a.css': '.x{background:url(/b/_astro/missing.svg)}',
  });
  const report = await checkLinks(dist, { base: '/b/', site: 'https://host.example/b/' });
  const byLink = new Map(report.problems.map((p) => [p.link, p]));
  assert.match(byLink.get('/b/gone/')?.reason ?? '', /no file dist\/gone\/index.html/);
  assert.match(byLink.get('/b/notes/x/#nope')?.reason ?? '', /no element with id="nope"/);
  assert.match(byLink.get('/tags/x/')?.reason ?? '', /outside the base path \/b\//);
  assert.match(byLink.get('#here')?.reason ?? '', /no element with id="here"/);
  assert.match(byLink.get('https://host.example/b/og/missing.png')?.reason ?? '', /no file/);
  assert.equal(byLink.get('/b/_astro/missing.svg')?.file, '_astro/a.css');
  assert.equal(report.problems.length, 6);
});
