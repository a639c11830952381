// A fixture site for the runnable-example tests: the project's site plus this feature's wiring (the
// ```paxos rehype plugin and the Preact integration) when astro.config.mjs does not have it yet, the
// scenario files, and the standalone playground page.
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../support/project.ts';
import { makeSite, type Site, type SiteOptions } from '../support/site-build.ts';

/** astro.config.mjs text with the paxos fence plugin and Preact added (unchanged if already there). */
export function wirePaxosConfig(config: string): string {
  let out = config;
  if (!out.includes('rehypePaxosFence')) {
    out = out.replace(/^(import .*\n)(?!import)/m, `$1import { rehypePaxosFence } from './src/markdown/rehype-paxos-fence.ts';\n`);
    out = out.replace(/rehypePlugins:\s*\[/, 'rehypePlugins: [rehypePaxosFence, ');
  }
  if (!out.includes('@astrojs/preact')) {
    out = out.replace(/^(import .*\n)(?!import)/m, `$1import preact from '@astrojs/preact';\n`);
    out = out.replace(/integrations:\s*\[/, 'integrations: [preact(), ');
  }
  return out;
}

export function makePaxosSite(options: SiteOptions & { playgroundPage?: boolean }): Site {
  const site = makeSite(options);
  const config = join(site.root, 'astro.config.mjs');
  writeFileSync(config, wirePaxosConfig(readFileSync(config, 'utf8')));
  cpSync(join(PROJECT_ROOT, 'content', 'scenarios'), join(site.root, 'content', 'scenarios'), { recursive: true });
  if (options.playgroundPage) {
    // The page moves to src/pages/playground once astro.config.mjs has the Preact integration.
    const page = existsSync(join(PROJECT_ROOT, 'src', 'pages', 'playground'))
      ? join(PROJECT_ROOT, 'src', 'pages', 'playground')
      : join(PROJECT_ROOT, 'tests', 'fixtures', 'paxos-site', 'pages', 'playground');
    cpSync(page, join(site.root, 'src', 'pages', 'playground'), { recursive: true });
  }
  return site;
}
