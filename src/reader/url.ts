// The pages' addresses: every internal link and asset of a page goes through here so the site works under
// a base path (e.g. https://host/notes-site/); the base itself is src/base-path.ts's.
import { joinBase, siteBase } from '../base-path.ts';

/** Base-aware URL of a site path: url('tags/paxos/') → '/notes-site/tags/paxos/'. */
export function url(path = ''): string {
  return joinBase(siteBase(), path);
}

/**
 * One path segment from any text: NFC, lower case, every run of anything but letters, digits, marks,
 * `_` and `-` becomes one `-`, none at either end. So `<`, `>`, `.`, `/`, `\`, `?`, `#` and `%` never
 * reach a URL or a file name in dist/; Chinese stays Chinese. Notes (src/hexo/slug.ts) and terms use it.
 */
export function pathSegment(text: string): string {
  return text
    .normalize('NFC')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}_-]+/gu, '-')
    .replace(/-+/g, '-')
    .replace(/^[-_]+|-+$/g, '');
}

/**
 * The path segment for a tag or category. A term with no letter or digit at all (`<<>>`, `???`) gets
 * its code points instead, so it still has a page of its own.
 */
export function termSlug(term: string): string {
  const slug = pathSegment(term);
  if (slug !== '' || term.trim() === '') return slug;
  return `t-${[...term.trim()].map((c) => (c.codePointAt(0) ?? 0).toString(16)).join('-')}`.slice(0, 80);
}

export const noteUrl = (slug: string): string => url(`notes/${slug}/`);
export const tagUrl = (tag: string): string => url(`tags/${termSlug(tag)}/`);
export const categoryUrl = (category: string): string => url(`categories/${termSlug(category)}/`);
/** Site path (not URL) of a note's share image, for SeoHead's `image`. */
export const ogImagePath = (slug: string): string => `og/notes/${slug}.png`;
