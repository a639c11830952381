// The site's base path (Astro `base`: "/" at a domain's root, "/notes-site/" for a GitHub project site) in
// one form, and the addresses built on it. Every internal address goes through here: astro.config.mjs
// (BASE_PATH), the pages' links (src/reader/url.ts), links written in notes (rehype-base-links.ts), the
// figures' playground links, the playground island, the diagrams' client-side bundle. It imports nothing,
// so every layer may import it; the engine has no addresses and does not.

/** A base path no URL can carry, with what to write instead. */
export class BasePathError extends Error {
  override name = 'BasePathError';
}

// A path segment as RFC 3986 allows it (unreserved, sub-delims, ':', '@', percent escapes) plus letters in
// any script. '?' and '#' would end the path, '\' is a separator to some browsers, and spaces, quotes and
// control characters would need escaping in every attribute the base goes into.
const SEGMENT = /^(?:[\p{L}\p{N}\p{M}\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})+$/u;

/**
 * The base in its one form: a leading and a trailing slash, no empty segment ("", "notes-site",
 * "/notes-site", "//notes-site//" all give "/notes-site/"; "" gives "/"). Throws BasePathError for a "." or
 * ".." segment (the site would not live where the base says), a whole URL (its address belongs in
 * SITE_URL), or a character a path cannot carry as written.
 */
export function normalBase(base: string): string {
  const shown = JSON.stringify(base);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(base.trim())) {
    throw new BasePathError(`base path ${shown} is a whole URL: give only its path (e.g. /notes-site/) and put the address in SITE_URL`);
  }
  const segments = base.trim().split('/').filter((s) => s !== '');
  for (const s of segments) {
    if (s === '.' || s === '..') {
      throw new BasePathError(`base path ${shown} has a "${s}" segment: write the path the site is served under, e.g. /notes-site/`);
    }
    if (!SEGMENT.test(s)) {
      throw new BasePathError(
        `base path ${shown}: segment ${JSON.stringify(s)} holds a character a path cannot carry as written (space, quote, ?, #, \\, a control character or a bare %); use letters, digits, - _ . ~`,
      );
    }
  }
  return segments.length === 0 ? '/' : `/${segments.join('/')}/`;
}

/** A site path under the base: joinBase('/notes-site', '/rss.xml') → '/notes-site/rss.xml'. */
export function joinBase(base: string, path: string): string {
  return normalBase(base) + path.replace(/^\/+/, '');
}

/**
 * A root-relative URL written without the base ('/notes/a/#x') put under it. Anything else is left as it
 * is: relative and absolute URLs, protocol-relative ones ('//cdn…'), fragments, and URLs already under
 * the base.
 */
export function withBase(url: string, base: string): string {
  const b = normalBase(base);
  if (b === '/' || !url.startsWith('/') || url.startsWith('//')) return url;
  if (url === b.slice(0, -1) || url.startsWith(b)) return url;
  return b + url.slice(1);
}

/**
 * The base this code was built with: Vite puts Astro's `base` in import.meta.env.BASE_URL (at build time,
 * in the dev server and in the browser bundle). Plain Node (the CLI, unit tests) has no env: '/'. The base
 * was checked once, when astro.config.mjs read BASE_PATH through normalBase; here it only gets its trailing
 * slash back (Astro may drop it), so the reader's browser does not download the checks and their messages.
 */
export function siteBase(): string {
  const base = import.meta.env?.BASE_URL ?? '/';
  return base.endsWith('/') ? base : `${base}/`;
}
