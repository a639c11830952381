// Post-build step: one Pagefind index for the whole site, in one language, so a Chinese word and an
// English word are found from any page (without --force-language Pagefind splits the index by each
// page's `lang`, and an English page could not find Chinese text). Indexed: the elements marked
// data-pagefind-body (note pages). Not indexed: KaTeX's hidden MathML (the formula would count
// twice), the dark copy of each diagram and the Mermaid source under it, copy buttons.
// Usage: node scripts/pagefind.ts [dist]      (after `astro build`)

import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as pagefind from 'pagefind';

export const EXCLUDE_SELECTORS = [
  '.katex-mathml',
  '.diagram-source',
  '.diagram-dark',
  'pre.mermaid',
  '.diagram-copy',
  '.copy-code',
];

/**
 * Indexes the built site in `site` and writes site/pagefind/. Returns the HTML files read and the
 * pages that went into the index (those with data-pagefind-body: the notes).
 */
export async function buildSearchIndex(site: string): Promise<{ pages: number; indexed: number }> {
  const dir = resolve(site);
  const outputPath = join(dir, 'pagefind');
  rmSync(outputPath, { recursive: true, force: true });
  const { index, errors } = await pagefind.createIndex({
    forceLanguage: 'zh',
    excludeSelectors: EXCLUDE_SELECTORS,
  });
  if (!index) throw new Error(`pagefind: could not create an index: ${errors.join('; ')}`);
  try {
    const added = await index.addDirectory({ path: dir });
    if (added.errors.length) throw new Error(`pagefind: indexing ${dir} failed: ${added.errors.join('; ')}`);
    if (added.page_count === 0) {
      throw new Error(`pagefind: no page in ${dir} has data-pagefind-body; is this a built site (run astro build first)?`);
    }
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length) throw new Error(`pagefind: writing ${outputPath} failed: ${written.errors.join('; ')}`);
    const entry = JSON.parse(readFileSync(join(outputPath, 'pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>;
    };
    const indexed = Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
    return { pages: added.page_count, indexed };
  } finally {
    await pagefind.close();
  }
}

if (import.meta.main) {
  const site = process.argv[2] ?? 'dist';
  const started = performance.now();
  try {
    const { pages, indexed } = await buildSearchIndex(site);
    const ms = Math.round(performance.now() - started);
    console.error(`pagefind: read ${pages} HTML files of ${site}, indexed ${indexed} pages in ${ms} ms`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
