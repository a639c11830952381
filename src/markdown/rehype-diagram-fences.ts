// Fenced code blocks that become diagrams at build time.
//
// rehypeDiagramFences({ lang, toMermaid }) replaces every ```<lang> block with the figure from
// src/diagrams/figure.ts; ```mermaid uses it with the block text as the Mermaid source (rehypeMermaid
// below). A language whose block is not Mermaid passes a toMermaid that turns the block into Mermaid text;
// rendering, cache, ids, source box and errors with file:line are then shared. (```paxos does not: its
// figure also has an outcome and a playground link, so rehype-paxos-fence.ts calls src/figures; both find
// their blocks through fences.ts.) The language must also be in markdown.syntaxHighlight.excludeLangs,
// or Shiki eats the block first.
import type { Root } from 'hast';
import { createIdScope, renderMermaidFigure } from '../diagrams/figure.ts';
import { findFences, notePath, replaceFence } from './fences.ts';

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

export function rehypeDiagramFences(options: DiagramFenceOptions) {
  const kind = options.kind ?? options.lang;
  return async (tree: Root, file: { path?: string }): Promise<void> => {
    const found = findFences(tree, options.lang);
    if (found.length === 0) return;
    const path = notePath(file);
    // One id scope per file: the same diagram twice in one note still gets distinct ids.
    const scope = createIdScope();
    for (const fence of found) {
      const { line, meta, text } = fence;
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
      replaceFence(fence, [figure.node]);
    }
  };
}

/** ```mermaid blocks → build-time SVG figures. */
export function rehypeMermaid() {
  return rehypeDiagramFences({ lang: 'mermaid' });
}
