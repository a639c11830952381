// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import preact from '@astrojs/preact';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { diagramsIntegration } from './src/diagrams/integration.ts';
import { notesCheckIntegration } from './src/markdown/integration.ts';
import { scenariosIntegration } from './src/scenarios/integration.ts';
import { rehypeMermaid } from './src/markdown/rehype-diagram-fences.ts';
import { rehypePaxosFence } from './src/markdown/rehype-paxos-fence.ts';
import { rehypeBaseLinks } from './src/reader/rehype-base-links.ts';
import { basePathFromEnv, siteUrlFromEnv } from './src/reader/site.ts';

// Where the site is published: SITE_URL (absolute, for canonical URLs, RSS, sitemap and share
// cards) and BASE_PATH (e.g. /notes-site/ for a GitHub project site). See src/reader/site.ts.
const base = basePathFromEnv(process.env);

export default defineConfig({
  site: siteUrlFromEnv(process.env),
  base,
  // preact: the playground island (src/components/playground); nothing ships unless a page uses it.
  integrations: [
    notesCheckIntegration(),
    diagramsIntegration(),
    // Scenario files checked as Vite loads them (file:line in the overlay); `astro dev` can save new ones.
    scenariosIntegration(),
    mdx(),
    preact(),
    // The 404 page is not a page to list. Drafts are never built in production, so never listed.
    sitemap({ filter: (page) => !/\/404\/?$/.test(page) }),
  ],
  // The playground island's first download (bench/budget.ts, target ≤ 40 KB gzip): Rolldown would split the
  // engine's small shared modules (core/: sorted, mutants, protocol …) and Preact's hooks into files of a few
  // hundred bytes each, every one gzipped on its own. Grouping them makes two files instead of six and saves
  // about 0.3 KB on every playground page. Build only; `astro dev` serves modules one by one anyway.
  vite: {
    build: {
      rolldownOptions: {
        output: {
          codeSplitting: {
            groups: [
              { name: 'engine-core', test: /src[\\/]paxos[\\/]core[\\/]/ },
              { name: 'preact', test: /node_modules[\\/]preact[\\/]/ },
            ],
          },
        },
      },
    },
  },
  markdown: {
    shikiConfig: {
      themes: { light: 'github-light', dark: 'github-dark' },
      // Colours for dark mode are switched by CSS on [data-theme] (src/styles/code.css).
      defaultColor: 'light',
    },
    // Diagram fences must reach the rehype plugins untouched: Shiki would otherwise highlight them first.
    // `paxos` fences are scenarios run by the engine at build time (src/markdown/rehype-paxos-fence.ts).
    syntaxHighlight: { type: 'shiki', excludeLangs: ['mermaid', 'math', 'paxos'] },
    processor: unified({
      remarkPlugins: [remarkMath],
      // Diagram fences before KaTeX; all run after Shiki (Astro applies syntax highlighting first).
      // Root-relative links written in notes (/notes/x/) get the base path.
      rehypePlugins: [rehypePaxosFence, rehypeMermaid, rehypeKatex, [rehypeBaseLinks, { base }]],
    }),
  },
});
