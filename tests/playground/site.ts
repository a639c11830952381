// The built site for the runnable-example end-to-end tests and the budget benchmark. Once astro.config.mjs
// has the ```paxos plugin and the Preact integration and the playground page is in src/pages, that is the
// real site (`ensureBuiltSite()`, shared with the other end-to-end tests); until then a fixture site with
// the same wiring, the fixture notes and the author's manual.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuiltSite } from '../support/built-site.ts';
import { PROJECT_ROOT } from '../support/project.ts';
import { buildSite, removeSite } from '../support/site-build.ts';
import { makePaxosSite } from '../components/paxos-site.ts';
import { buildSearchIndex } from '../../scripts/pagefind.ts';

export interface PaxosSite {
  readonly dist: string;
  /** Removes a fixture build (the real dist/ is left alone). */
  dispose(): void;
  /** The author's manual (diagrams, fences, counterexamples and playgrounds on one page). */
  readonly manualPage: string;
  readonly real: boolean;
}

/** Pages (paths ending in /) with an engine figure and no island: what "zero JavaScript" is checked on. */
export function diagramOnlyPages(dist: string, dir = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(dist, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...diagramOnlyPages(dist, rel));
    else if (entry.name === 'index.html') {
      const html = readFileSync(join(dist, rel), 'utf8');
      if (html.includes('data-diagram="paxos"') && !html.includes('<astro-island')) out.push(dir ? `${dir}/` : '');
    }
  }
  return out.sort();
}

export function realSiteIsWired(): boolean {
  const config = readFileSync(join(PROJECT_ROOT, 'astro.config.mjs'), 'utf8');
  return config.includes('rehypePaxosFence') && config.includes('@astrojs/preact') && existsSync(join(PROJECT_ROOT, 'src', 'pages', 'playground', 'index.astro'));
}

let memo: Promise<PaxosSite> | undefined;

export function paxosSite(): Promise<PaxosSite> {
  memo ??= build();
  return memo;
}

async function build(): Promise<PaxosSite> {
  if (realSiteIsWired()) {
    const dist = await ensureBuiltSite();
    return { dist, manualPage: 'notes/runnable-notes/', real: true, dispose: () => {} };
  }
  process.stderr.write('[paxos-site] astro.config.mjs is not wired for runnable examples yet: building the fixture site\n');
  const manual = join(PROJECT_ROOT, 'content', 'notes', 'runnable-notes.mdx');
  const notes: Record<string, string> = {};
  const fixtureManual = join(PROJECT_ROOT, 'tests', 'fixtures', 'paxos-site', 'runnable-notes.mdx');
  if (!existsSync(manual) && existsSync(fixtureManual)) notes['runnable-notes.mdx'] = readFileSync(fixtureManual, 'utf8');
  const site = makePaxosSite({ name: 'paxos-e2e', notesFrom: 'tests/fixtures/paxos-site/notes', notes, playgroundPage: true });
  const result = await buildSite(site);
  if (result.code !== 0) throw new Error(`fixture build failed (exit ${result.code}):\n${result.output.slice(-4000)}`);
  // The real build's post-build step: the header's search loads Pagefind on first use.
  await buildSearchIndex(site.dist);
  return { dist: site.dist, manualPage: 'notes/runnable-notes/', real: false, dispose: () => removeSite(site) };
}
