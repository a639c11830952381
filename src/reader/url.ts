// Every internal link and asset goes through here so the site works under a base path
// (e.g. https://host/notes-site/). Astro exposes the configured base as import.meta.env.BASE_URL.

/** Joins a base ("/", "/notes-site", "/notes-site/") and a site path ("notes/x/", "/rss.xml"). */
export function joinBase(base: string, path: string): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  const p = path.replace(/^\/+/, '');
  return `${b}${p}`;
}

function currentBase(): string {
  // import.meta.env is defined by Vite inside Astro; plain Node (unit tests) has no env object.
  const env = (import.meta as ImportMeta & { env?: { BASE_URL?: string } }).env;
  return env?.BASE_URL ?? '/';
}

/** Base-aware URL of a site path: url('tags/paxos/') → '/notes-site/tags/paxos/'. */
export function url(path = ''): string {
  return joinBase(currentBase(), path);
}

/** The path segment for a tag or category: lower-case, spaces to dashes, CJK kept as is. */
export function termSlug(term: string): string {
  return term
    .trim()
    .toLowerCase()
    .replace(/[\s/\\?#%]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

export const noteUrl = (slug: string): string => url(`notes/${slug}/`);
export const tagUrl = (tag: string): string => url(`tags/${termSlug(tag)}/`);
export const categoryUrl = (category: string): string => url(`categories/${termSlug(category)}/`);
/** Site path (not URL) of a note's share image, for SeoHead's `image`. */
export const ogImagePath = (slug: string): string => `og/notes/${slug}.png`;
