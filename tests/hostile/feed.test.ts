// The real site's feed and sitemaps are well-formed XML (one shared build per test run, see
// tests/support/built-site.ts): a feed reader drops a feed with one stray control character or `&`.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ensureBuiltSite } from '../support/built-site.ts';
import { xmlProblems } from './xml.ts';

test('dist/rss.xml and the sitemaps of the real site are well-formed XML', async () => {
  const dist = await ensureBuiltSite();
  const files = ['rss.xml', ...readdirSync(dist).filter((f) => /^sitemap.*\.xml$/.test(f))];
  assert.ok(files.length >= 2, files.join(', '));
  for (const file of files) assert.deepEqual(xmlProblems(readFileSync(join(dist, file), 'utf8')), [], file);
  assert.match(readFileSync(join(dist, 'rss.xml'), 'utf8'), /<item>/);
});
