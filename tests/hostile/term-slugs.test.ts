// Tag and category pages live at dist/tags/<slug>/ and dist/categories/<slug>/: whatever a note's
// front matter says, the slug is one safe path segment (no < > . / \ ? # %), and two different terms
// that slug to nothing still get pages of their own.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Random } from '../../src/paxos/core/random.ts';
import { groupByTerm } from '../../src/reader/list.ts';
import { categoryUrl, tagUrl, termSlug } from '../../src/reader/url.ts';

const SAFE = /^[\p{L}\p{N}\p{M}_-]+$/u;
const PIECES = ['<', '>', '<script>', 'alert(2)', '</script>', '-', '/', '\\', '..', '.', '?', '#', '%2e', '%', ' ', '\t', '"', "'", '&', '分布式', 'Paxos', 'é', 'e\u0301', '_', '*', ':', '|', '\u0000', '\u200b', '😀'];

describe('term slugs', () => {
  it('turns <script>alert(2)</script> into a plain segment', () => {
    assert.equal(termSlug('<script>alert(2)</script>'), 'script-alert-2-script');
    assert.equal(tagUrl('<script>alert(2)<-script>'), '/tags/script-alert-2-script/');
    assert.equal(categoryUrl('../../etc'), '/categories/etc/');
  });

  it('gives a term of symbols only a page of its own', () => {
    assert.match(termSlug('<<>>'), SAFE);
    assert.notEqual(termSlug('<<>>'), termSlug('>><<'));
    assert.match(termSlug('..'), SAFE);
  });

  it('500 seeded hostile terms: always one safe, non-empty segment (each failure names its seed)', () => {
    const bad: string[] = [];
    for (let seed = 1; seed <= 500; seed++) {
      const random = new Random(seed);
      let term = '';
      for (let i = random.int(1, 6); i > 0; i--) term += random.pick(PIECES);
      if (term.trim() === '') continue;
      const slug = termSlug(term);
      if (!SAFE.test(slug) || slug === '.' || slug === '..') bad.push(`seed ${seed}: ${JSON.stringify(term)} → ${JSON.stringify(slug)}`);
      const [group] = groupByTerm([{ id: 'n', data: { title: 't', tags: [term] } }], 'tags');
      if (group?.slug !== slug) bad.push(`seed ${seed}: ${JSON.stringify(term)} has no page`);
    }
    assert.deepEqual(bad, []);
  });
});
