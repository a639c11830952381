// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { diagramsIntegration } from './src/diagrams/integration.ts';
import { notesCheckIntegration } from './src/markdown/integration.ts';
import { rehypeMermaid } from './src/markdown/rehype-diagram-fences.ts';

export default defineConfig({
  site: process.env.SITE_URL || 'https://paxos-notes.example.org',
  integrations: [notesCheckIntegration(), diagramsIntegration(), mdx()],
  markdown: {
    shikiConfig: {
      themes: { light: 'github-light', dark: 'github-dark' },
      // Colours for dark mode are switched by CSS on [data-theme] (src/styles/code.css).
      defaultColor: 'light',
    },
    // Diagram fences must reach the rehype plugins untouched: Shiki would otherwise highlight them first.
    // `paxos` is reserved for the engine's scenario fences (see src/markdown/rehype-diagram-fences.ts).
    syntaxHighlight: { type: 'shiki', excludeLangs: ['mermaid', 'math', 'paxos'] },
    processor: unified({
      remarkPlugins: [remarkMath],
      // Mermaid before KaTeX; both run after Shiki (Astro applies syntax highlighting first).
      rehypePlugins: [rehypeMermaid, rehypeKatex],
    }),
  },
});
