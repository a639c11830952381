// Every built page has one h1 and a heading outline that never skips a level (h2 → h4), including the
// headings the playground island renders on the server, so a screen reader's heading list reads as a
// table of contents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ensureBuiltSite } from '../support/built-site.ts';
import { findAll, parseHtml } from '../support/html.ts';

test('built pages: one h1 each, and no heading level is skipped', async () => {
  const dist = await ensureBuiltSite();
  const pages = (readdirSync(dist, { recursive: true }) as string[]).filter((f) => f.endsWith('.html'));
  assert.ok(pages.length > 10, `only ${pages.length} pages in dist/`);
  const problems: string[] = [];
  for (const page of pages) {
    const tree = parseHtml(readFileSync(join(dist, page), 'utf8'));
    const levels = findAll(tree, (el) => /^h[1-6]$/.test(el.tagName)).map((el) => Number(el.tagName[1]));
    const name = relative(dist, join(dist, page));
    if (levels.filter((l) => l === 1).length !== 1) problems.push(`${name}: ${levels.filter((l) => l === 1).length} h1 elements`);
    for (let i = 1; i < levels.length; i++) {
      if (levels[i]! > levels[i - 1]! + 1) problems.push(`${name}: h${levels[i - 1]} followed by h${levels[i]}`);
    }
  }
  assert.deepEqual(problems, []);
});
