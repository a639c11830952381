// The built site for the runnable-example end-to-end tests and the budget benchmark: the real site, built
// once per test run (`ensureBuiltSite()`, shared with the other end-to-end tests).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuiltSite } from '../support/built-site.ts';

export interface PaxosSite {
  readonly dist: string;
  /** The author's manual (diagrams, fences, counterexamples and playgrounds on one page). */
  readonly manualPage: string;
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

export async function paxosSite(): Promise<PaxosSite> {
  return { dist: await ensureBuiltSite(), manualPage: 'notes/runnable-notes/' };
}
