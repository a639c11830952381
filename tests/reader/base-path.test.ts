// The site's base path in one form (src/base-path.ts), under hostile values: every caller — BASE_PATH in
// astro.config, the pages' url(), the links written in notes, the figures' playground links, the island —
// gets the same answer or the same refusal.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BasePathError, joinBase, normalBase, siteBase, withBase } from '../../src/base-path.ts';
import { playgroundHref } from '../../src/figures/playground-link/href.ts';
import { rehypeBaseLinks } from '../../src/reader/rehype-base-links.ts';
import { basePathFromEnv } from '../../src/reader/site.ts';
import { url } from '../../src/reader/url.ts';

test('every spelling of a base comes out with one leading and one trailing slash', () => {
  for (const [given, want] of [
    ['', '/'],
    ['/', '/'],
    ['   ', '/'],
    ['//', '/'],
    ['notes-site', '/notes-site/'],
    ['/notes-site', '/notes-site/'],
    ['notes-site/', '/notes-site/'],
    ['//notes-site//', '/notes-site/'],
    [' /a//b/ ', '/a/b/'],
    ['/笔记/', '/笔记/'],
    ['/my%20notes/', '/my%20notes/'],
    ['/v1.2/', '/v1.2/'],
  ] as const) {
    assert.equal(normalBase(given), want, JSON.stringify(given));
    assert.equal(basePathFromEnv({ BASE_PATH: given }), want, `BASE_PATH=${JSON.stringify(given)}`);
  }
  assert.equal(basePathFromEnv({}), '/');
});

test('a base no URL can carry is refused with what is wrong and what to write', () => {
  for (const [given, why] of [
    ['..', /"\.\." segment/],
    ['/notes/../', /"\.\." segment/],
    ['./notes', /"\." segment/],
    ['https://me.github.io/notes-site/', /whole URL.*SITE_URL/],
    ['/notes site/', /cannot carry/],
    ['/notes?x=1/', /cannot carry/],
    ['/notes#top/', /cannot carry/],
    ['/a\\b/', /cannot carry/],
    ['/a"b/', /cannot carry/],
    ['/a<b/', /cannot carry/],
    ['/100%/', /cannot carry/],
    ['/a\u0000b/', /cannot carry/],
  ] as const) {
    assert.throws(() => normalBase(given), (e: unknown) => e instanceof BasePathError && why.test(e.message), JSON.stringify(given));
    assert.throws(
      () => basePathFromEnv({ BASE_PATH: given }),
      (e: unknown) => e instanceof BasePathError && e.message.startsWith('BASE_PATH: ') && why.test(e.message),
      `BASE_PATH=${JSON.stringify(given)}`,
    );
    assert.throws(() => joinBase(given, 'rss.xml'), BasePathError);
    assert.throws(() => rehypeBaseLinks({ base: given }), BasePathError);
  }
});

test('paths join under any spelling of the same base, with one slash between', () => {
  for (const base of ['/notes-site', '/notes-site/', 'notes-site', '//notes-site//']) {
    assert.equal(joinBase(base, 'rss.xml'), '/notes-site/rss.xml');
    assert.equal(joinBase(base, '//rss.xml'), '/notes-site/rss.xml');
    assert.equal(joinBase(base, ''), '/notes-site/');
    assert.equal(playgroundHref(normalBase(base), 'run=1.x'), '/notes-site/playground/#run=1.x');
    assert.equal(withBase('/notes/a/', base), '/notes-site/notes/a/');
    assert.equal(withBase('/notes-site/notes/a/', base), '/notes-site/notes/a/');
  }
  for (const base of ['', '/', '//']) {
    assert.equal(joinBase(base, '/rss.xml'), '/rss.xml');
    assert.equal(playgroundHref(normalBase(base), 'run=1.x'), '/playground/#run=1.x');
    if (base !== '/') assert.throws(() => playgroundHref(base, 'run=1.x'), /normal form/);
    assert.equal(withBase('/notes/a/', base), '/notes/a/');
  }
});

test('outside Vite (the CLI, these tests) the base is the root', () => {
  assert.equal(siteBase(), '/');
  assert.equal(url('tags/a/'), '/tags/a/');
});
