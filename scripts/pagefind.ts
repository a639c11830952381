// Post-build step: one Pagefind index for the whole site, in one language, so a Chinese word and an
// English word are found from any page (without --force-language Pagefind splits the index by each
// page's `lang`, and an English page could not find Chinese text). Indexed: the elements marked
// data-pagefind-body (note pages). Not indexed: KaTeX's hidden MathML (the formula would count
// twice), the dark copy of each diagram and the Mermaid source under it, copy buttons.
// Usage: node scripts/pagefind.ts [dist]      (after `astro build`)

import { rmSync } from 'node:fs';
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

/** Indexes the built site in `site` and writes site/pagefind/; returns the number of pages indexed. */
export async function buildSearchIndex(site: string): Promise<{ pages: number }> {
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
    return { pages: added.page_count };
  } finally {
    await pagefind.close();
  }
}

if (import.meta.main) {
  const site = process.argv[2] ?? 'dist';
  const started = performance.now();
  try {
    const { pages } = await buildSearchIndex(site);
    console.error(`pagefind: indexed ${pages} pages of ${site} in ${Math.round(performance.now() - started)} ms`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
