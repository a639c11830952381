// Fenced code blocks that become diagrams at build time.
//
// rehypeDiagramFences({ lang, toMermaid }) replaces every ```<lang> block with the figure from
// src/diagrams/figure.ts. ```mermaid uses it with the block text as the Mermaid source
// (rehypeMermaid below). HOOK for ```paxos: a sibling plugin calls rehypeDiagramFences with
// lang 'paxos', kind 'paxos' and a toMermaid that runs the scenario and returns the trace's Mermaid
// text; everything else (rendering, cache, ids, source box, errors with file:line) is shared.
// The language must also be in markdown.syntaxHighlight.excludeLangs, or Shiki eats the block first.
import { relative } from 'node:path';
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { visit } from 'unist-util-visit';
import { createIdScope, renderMermaidFigure } from '../diagrams/figure.ts';
import { diagramSettings } from '../diagrams/settings.ts';

export interface FenceContext {
  /** The note file, relative to the project root. */
  file: string;
  /** Line of the opening ``` in the file (1-based), when known. */
  line: number | undefined;
  /** The fence's meta string (text after the language), if any. */
  meta: string | undefined;
}

export interface DiagramFenceOptions {
  /** Fence language, e.g. 'mermaid'. */
  lang: string;
  /** Label for the figure (data-diagram, CSS class). Defaults to lang. */
  kind?: string;
  /** Turn the block text into Mermaid source. Throw an Error to fail the build (message gets file:line). */
  toMermaid?: (code: string, context: FenceContext) => string | Promise<string>;
}

function hasLanguage(code: Element, lang: string): boolean {
  const cls = code.properties['className'];
  const list: unknown[] = Array.isArray(cls) ? cls : typeof cls === 'string' ? String(cls).split(/\s+/) : [];
  return list.includes(`language-${lang}`);
}

/** The text of a code element (Shiki has not touched these blocks, so it is plain text nodes). */
function textOf(node: Element | ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}

interface Found {
  pre: Element;
  code: Element;
  parent: Root | Element;
}

export function rehypeDiagramFences(options: DiagramFenceOptions) {
  const kind = options.kind ?? options.lang;
  return async (tree: Root, file: { path?: string }): Promise<void> => {
    const found: Found[] = [];
    visit(tree, 'element', (node: Element, _index, parent: Root | Element | undefined) => {
      if (node.tagName !== 'pre') return;
      const code = node.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
      if (!code || !hasLanguage(code, options.lang)) return;
      if (parent) found.push({ pre: node, code, parent });
      return 'skip';
    });
    if (found.length === 0) return;

    const path = file.path ? relative(diagramSettings().root, file.path) || file.path : '(unknown file)';
    // One id scope per file: the same diagram twice in one note still gets distinct ids.
    const scope = createIdScope();
    for (const { pre, code, parent } of found) {
      const line = pre.position?.start.line ?? code.position?.start.line;
      const metaValue = code.data && 'meta' in code.data ? code.data.meta : code.properties['metastring'];
      const meta = typeof metaValue === 'string' ? metaValue : undefined;
      const text = textOf(code).replace(/\n$/, '');
      const context: FenceContext = { file: path, line, meta };
      let source: string;
      try {
        source = options.toMermaid ? await options.toMermaid(text, context) : text;
      } catch (err) {
        throw new Error(`${path}${line ? `:${line}` : ''}: \`\`\`${options.lang} block: ${(err as Error).message}`);
      }
      const figure = await renderMermaidFigure(source, { scope, kind, origin: { file: path, line } });
      // A hast element, not a raw HTML string: a raw node would make Astro's rehype-raw re-parse the
      // whole page with parse5 (measured: most of the cost of a warm build with diagrams).
      const index = parent.children.indexOf(pre as ElementContent & RootContent);
      parent.children.splice(index, 1, figure.node);
    }
  };
}

/** ```mermaid blocks → build-time SVG figures. */
export function rehypeMermaid() {
  return rehypeDiagramFences({ lang: 'mermaid' });
}
