// Builds the fixture site the reader tests share: every page of the real site, the notes in
// tests/reader/fixtures/notes, a base path (as on GitHub Pages), then the Pagefind step.
import { join } from 'node:path';
import { buildSearchIndex } from '../../scripts/pagefind.ts';
import { buildSite, makeSite, type Site } from '../support/site-build.ts';

export const BASE = '/notes-site/';
export const SITE_URL = 'https://example.github.io/notes-site/';

export interface ReaderSite extends Site {
  base: string;
  siteUrl: string;
  seconds: number;
}

/** Builds into a fresh temporary project; throws with Astro's output if the build fails. */
export async function buildReaderSite(
  name: string,
  options: { base?: string; freshDiagramCache?: boolean } = {},
): Promise<ReaderSite> {
  const base = options.base ?? BASE;
  const site = makeSite({ name, notesFrom: 'tests/reader/fixtures/notes', allPages: true });
  const result = await buildSite(site, {
    // astro.config.mjs reads the base path and the site URL from the environment (src/reader/site.ts).
    env: {
      ASTRO_TELEMETRY_DISABLED: '1',
      SITE_URL,
      BASE_PATH: base,
      PUBLIC_EDIT_URL: 'https://github.com/example/notes/edit/main/',
      // A cache inside the temporary project: every diagram is rendered by mermaid again.
      ...(options.freshDiagramCache ? { PAXOS_DIAGRAM_CACHE: join(site.root, '.diagram-cache') } : {}),
    },
  });
  if (result.code !== 0) throw new Error(`reader fixture build failed (exit ${result.code}):\n${result.output}`);
  await buildSearchIndex(site.dist);
  return { ...site, base, siteUrl: SITE_URL, seconds: result.seconds };
}
