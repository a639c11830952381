// Contract with the site: every note the importer writes passes the build's own front matter check
// (src/markdown/validate-notes.ts: Astro's YAML reader + the notes collection schema), while the
// original Hexo post does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkNoteSource } from '../../src/markdown/validate-notes.ts';
import { convertPost } from '../../src/hexo/convert.ts';

const fixtures = fileURLToPath(new URL('../fixtures/hexo/', import.meta.url));

function posts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? posts(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : [],
  );
}

test('the original Hexo post fails the site check on its title line', () => {
  const problems = checkNoteSource('2023-05-16-paxos.md', readFileSync(join(fixtures, 'single/2023-05-16-paxos.md'), 'utf8'));
  assert.equal(problems.length, 1);
  assert.equal(problems[0]?.line, 2);
});

test('every converted fixture passes the site check', () => {
  let converted = 0;
  for (const path of posts(fixtures)) {
    const result = convertPost({ fileName: path.split('/').at(-1) ?? '', text: readFileSync(path, 'utf8'), inDrafts: path.includes('/_drafts/') });
    if (!result.ok) continue; // the broken fixtures, tested elsewhere
    converted++;
    assert.deepEqual(checkNoteSource(relative(fixtures, path), result.text), [], relative(fixtures, path));
  }
  assert.equal(converted, 4);
});
