// The series as the reader gets it (the real site, built once per `npm test` by ensureBuiltSite): every
// internal link and #anchor on a chapter page resolves, every formula rendered, every generated figure is
// inline SVG, and a chapter without a playground ships no script file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkLinks } from '../../scripts/check-links.ts';
import { ensureBuiltSite } from '../support/built-site.ts';

const CHAPTERS = ['paxos-00-intro', 'paxos-01-basic', 'paxos-02-open-questions', 'paxos-03-multi', 'paxos-04-fast', 'paxos-05-zpaxos'];
const page = (dist: string, name: string): string => readFileSync(join(dist, 'notes', name, 'index.html'), 'utf8');

test('every internal link and anchor on the chapter pages resolves', async () => {
  const dist = await ensureBuiltSite();
  const report = await checkLinks(dist, {});
  const ours = report.problems.filter((p) => CHAPTERS.some((c) => p.file === `notes/${c}/index.html`));
  // One line per page and target (figure links differ only in their #run=… state, which can be long).
  const lines = new Map<string, number>();
  for (const p of ours) {
    const key = `${p.file}: ${p.link.split('#')[0] || p.link} → ${p.reason}`;
    lines.set(key, (lines.get(key) ?? 0) + 1);
  }
  assert.deepEqual([...lines].map(([k, n]) => (n > 1 ? `${k} (${n} links)` : k)), []);
});

test('every formula renders (no KaTeX error) and every figure is inline SVG', async () => {
  const dist = await ensureBuiltSite();
  for (const name of CHAPTERS) {
    const html = page(dist, name);
    assert.doesNotMatch(html, /class="katex-error"/, `${name}: a formula failed to render`);
    const figures = (html.match(/<figure\b/g) ?? []).length;
    const svgs = (html.match(/<svg\b/g) ?? []).length;
    assert.ok(figures > 0 && svgs >= figures, `${name}: ${figures} figures, ${svgs} SVGs`);
  }
});

test('the nack chart is in the open-questions chapter, drawn at build time', async () => {
  const html = page(await ensureBuiltSite(), 'paxos-02-open-questions');
  assert.equal((html.match(/<figure class="nack-chart"/g) ?? []).length, 1);
  assert.equal((html.match(/<svg class="nack-chart-panel"/g) ?? []).length, 2);
  assert.match(html, /<table class="nack-chart-table">/);
});

test('a chapter without a playground loads no script file', async () => {
  const dist = await ensureBuiltSite();
  for (const name of CHAPTERS) {
    const html = page(dist, name);
    if (/<astro-island\b/.test(html)) continue;
    assert.doesNotMatch(html, /<script[^>]*\bsrc=/, `${name}: loads a script file but has no playground`);
  }
});
