// Link checker over a built site: every internal link, asset reference and #anchor in dist/ must
// resolve to a file (and an element id) that exists. "Internal" means relative URLs, root-relative
// URLs and absolute URLs on the site's own origin (canonical, og:image…). A site built with a base
// path must link under that base: /tags/x/ in a site built for /notes-site/ is reported.
// Reusable: import { checkLinks } from 'scripts/check-links.ts' (the notes tests use it).
// CLI: node scripts/check-links.ts [dist] [--base /notes-site/] [--site https://host/notes-site/]

import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';

export interface LinkProblem {
  /** The page (or stylesheet) that holds the link, relative to dist. */
  file: string;
  /** The link as written. */
  link: string;
  reason: string;
}

export interface LinkReport {
  pages: number;
  links: number;
  problems: LinkProblem[];
}

export interface CheckOptions {
  /** Base path the site is built for ("/" by default). */
  base?: string;
  /** Absolute site URL; absolute links on its origin are checked like internal ones. */
  site?: string;
}

const SKIP_SCHEME = /^(?:mailto|tel|javascript|data|blob|about):/i;
const LINK_ATTRS: Record<string, readonly string[]> = {
  a: ['href'],
  area: ['href'],
  link: ['href'],
  img: ['src', 'srcSet'],
  source: ['src', 'srcSet'],
  script: ['src'],
  iframe: ['src'],
  video: ['src', 'poster'],
  audio: ['src'],
  use: ['href', 'xLinkHref'],
  image: ['href', 'xLinkHref'],
};
// Meta tags whose content is a URL worth checking.
const URL_META = new Set(['og:image', 'og:url', 'twitter:image']);
// <link rel> values that point at other origins or are hints, not resources of this site.
const HINT_RELS = new Set(['preconnect', 'dns-prefetch']);

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

const toPosix = (p: string): string => p.split(sep).join('/');

function normaliseBase(base: string): string {
  const inner = base.replace(/^\/+|\/+$/g, '');
  return inner ? `/${inner}/` : '/';
}

/** The URL path a file is served at: a/b/index.html → /base/a/b/ */
export function servedPath(relFile: string, base: string): string {
  const p = toPosix(relFile);
  if (p === 'index.html') return base;
  if (p.endsWith('/index.html')) return `${base}${p.slice(0, -'index.html'.length)}`;
  return base + p;
}

function srcsetUrls(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim().split(/\s+/)[0] ?? '')
    .filter(Boolean);
}

interface Page {
  ids: Set<string>;
}

export async function checkLinks(dist: string, options: CheckOptions = {}): Promise<LinkReport> {
  const base = normaliseBase(options.base ?? '/');
  const origin = 'http://site.invalid';
  const siteUrl = options.site ? new URL(options.site) : undefined;
  const files = walk(dist);
  const htmlFiles = files.filter((f) => f.endsWith('.html'));
  const pages = new Map<string, Page>();
  const refs: Array<{ file: string; pageUrl: string; link: string }> = [];

  for (const file of htmlFiles) {
    const rel = toPosix(relative(dist, file));
    const tree: Root = fromHtml(readFileSync(file, 'utf8'));
    const ids = new Set<string>();
    const pageUrl = origin + servedPath(rel, base);
    visit(tree, 'element', (node: Element) => {
      const props = node.properties;
      const id = props['id'];
      if (typeof id === 'string' && id) ids.add(id);
      if (node.tagName === 'a' && typeof props['name'] === 'string') ids.add(props['name']);
      if (node.tagName === 'link' && Array.isArray(props['rel']) && props['rel'].some((r) => HINT_RELS.has(String(r)))) return;
      if (node.tagName === 'meta') {
        const key = props['property'] ?? props['name'];
        if (typeof key === 'string' && URL_META.has(key) && typeof props['content'] === 'string') {
          refs.push({ file: rel, pageUrl, link: props['content'] });
        }
        return;
      }
      for (const attr of LINK_ATTRS[node.tagName] ?? []) {
        const value = props[attr];
        if (typeof value !== 'string' || !value) continue;
        for (const link of attr === 'srcSet' ? srcsetUrls(value) : [value]) refs.push({ file: rel, pageUrl, link });
      }
    });
    pages.set(servedPath(rel, base), { ids });
  }

  // Stylesheets: url(...) references (fonts, images) are resolved against the stylesheet's URL.
  for (const file of files.filter((f) => f.endsWith('.css'))) {
    const rel = toPosix(relative(dist, file));
    const css = readFileSync(file, 'utf8');
    for (const m of css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)) {
      const link = m[2] ?? '';
      if (!link.startsWith('#')) refs.push({ file: rel, pageUrl: origin + base + rel, link });
    }
  }

  const problems: LinkProblem[] = [];
  let links = 0;
  for (const { file, pageUrl, link } of refs) {
    const trimmed = link.trim();
    if (!trimmed || SKIP_SCHEME.test(trimmed) || trimmed.startsWith('//')) continue;
    let target: URL;
    if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) {
      const abs = new URL(trimmed);
      if (!siteUrl || abs.origin !== siteUrl.origin) continue; // another site: not ours to check
      target = new URL(abs.pathname + abs.search + abs.hash, origin);
    } else {
      target = new URL(trimmed, pageUrl);
    }
    links++;
    const problem = (reason: string) => problems.push({ file, link, reason });
    let path: string;
    try {
      path = decodeURIComponent(target.pathname);
    } catch {
      problem('malformed percent-encoding');
      continue;
    }
    if (!path.startsWith(base)) {
      problem(`outside the base path ${base}: every internal link must start with the base (use the url() helper)`);
      continue;
    }
    const inDist = path.slice(base.length);
    const candidates = inDist === '' || inDist.endsWith('/') ? [`${inDist}index.html`] : [inDist, `${inDist}/index.html`];
    const found = candidates.find((c) => {
      const full = join(dist, ...c.split('/'));
      return existsSync(full) && statSync(full).isFile();
    });
    if (!found) {
      problem(`no file ${candidates.map((c) => posix.join('dist', c)).join(' or ')}`);
      continue;
    }
    const fragment = target.hash.slice(1);
    // #run=… style fragments carry application state (the playground's share links), not an anchor.
    if (!fragment || fragment.startsWith(':~:') || fragment.includes('=') || !found.endsWith('.html')) continue;
    const page = pages.get(servedPath(found, base));
    let id: string;
    try {
      id = decodeURIComponent(fragment);
    } catch {
      problem('malformed percent-encoding in the #fragment');
      continue;
    }
    if (page && !page.ids.has(id)) problem(`no element with id="${id}" in ${found}`);
  }
  return { pages: htmlFiles.length, links, problems };
}

export function formatProblems(problems: readonly LinkProblem[]): string {
  return problems.map((p) => `${p.file}: ${p.link} → ${p.reason}`).join('\n');
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const flag = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const dist = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? 'dist';
  const site = flag('--site');
  const report = await checkLinks(dist, { base: flag('--base') ?? '/', ...(site ? { site } : {}) });
  if (report.problems.length) {
    console.error(formatProblems(report.problems));
    console.error(`${report.problems.length} broken of ${report.links} links in ${report.pages} pages`);
    process.exit(1);
  }
  console.error(`links ok: ${report.links} links in ${report.pages} pages`);
}
