// Every note of the real site, served by `astro dev`, has the same figures as in the built site: no page
// answers 500, no diagram is missing or falls back to the reader's browser, and the server logs no error.
// (The first wave shipped a dev server whose diagrams all failed while the build was fine.)
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ensureBuiltSite } from '../support/built-site.ts';
import { startDev } from '../support/dev-server.ts';
import { plain } from '../support/html.ts';
import { PROJECT_ROOT } from '../support/project.ts';
import { makeSite, removeSite } from '../support/site-build.ts';

const figures = (html: string): number => (html.match(/<figure class="diagram[ "]/g) ?? []).length;
const svgFigures = (html: string): number => (html.match(/<figure class="diagram diagram-[a-z-]+"/g) ?? []).length;

test('astro dev serves every note with the figures of the build', { timeout: 300_000 }, async () => {
  const dist = await ensureBuiltSite();
  const notes = readdirSync(join(PROJECT_ROOT, 'content', 'notes'))
    .filter((f) => /\.mdx?$/.test(f))
    .map((f) => f.replace(/\.mdx?$/, ''));
  const site = makeSite({ name: 'dev-pages', notesFrom: 'content/notes', allPages: true });
  const dev = await startDev(site, {}, 120_000);
  try {
    for (const name of notes) {
      const built = readFileSync(join(dist, 'notes', name, 'index.html'), 'utf8');
      const res = await fetch(`${dev.url}notes/${name}/`);
      const html = await res.text();
      assert.equal(res.status, 200, `${name}: HTTP ${res.status}\n${plain(dev.output()).slice(-2000)}`);
      assert.equal(figures(html), figures(built), `${name}: figures in dev vs build`);
      assert.equal(svgFigures(html), svgFigures(built), `${name}: drawn figures in dev vs build`);
      // (dev inlines the CSS, so only class attributes count)
      assert.ok(!/class="[^"]*\bdiagram-(error|client)\b/.test(html), `${name}: a figure failed or fell back to the browser`);
    }
    assert.doesNotMatch(plain(dev.output()), /\[ERROR\]|could not be rendered/);
  } finally {
    await dev.stop();
    removeSite(site);
  }
});
