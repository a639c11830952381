// The one way the rehype plugins find their fenced blocks (```mermaid in rehype-diagram-fences.ts,
// ```paxos in rehype-paxos-fence.ts) and name the note in their messages. Shiki leaves these blocks alone
// (they are in markdown.syntaxHighlight.excludeLangs), so each is a <pre><code class="language-…"> with
// plain text inside.
import { relative } from 'node:path';
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { visit } from 'unist-util-visit';
import { diagramSettings } from '../diagrams/settings.ts';

export interface Fence {
  pre: Element;
  code: Element;
  parent: Root | Element;
  /** The block's text, without the final newline. */
  text: string;
  /** Line of the opening ``` in the note (1-based), when known. */
  line: number | undefined;
  /** The fence's meta string (text after the language), if any. */
  meta: string | undefined;
}

function hasLanguage(code: Element, lang: string): boolean {
  const cls = code.properties['className'];
  const list: unknown[] = Array.isArray(cls) ? cls : typeof cls === 'string' ? String(cls).split(/\s+/) : [];
  return list.includes(`language-${lang}`);
}

function textOf(node: Element | ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}

/** Every ````lang` block of the tree, in document order. */
export function findFences(tree: Root, lang: string): Fence[] {
  const found: Fence[] = [];
  visit(tree, 'element', (node: Element, _index, parent: Root | Element | undefined) => {
    // A figure already drawn (a ```paxos block's, in an .mdx note) keeps its Mermaid source as a
    // ```mermaid code block in its 源码 box: that block is the source shown, not one more diagram.
    if (node.tagName === 'figure' && node.properties['dataDiagram'] !== undefined) return 'skip';
    if (node.tagName !== 'pre') return;
    const code = node.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
    if (!code || !hasLanguage(code, lang) || !parent) return;
    const metaValue = code.data && 'meta' in code.data ? code.data.meta : code.properties['metastring'];
    found.push({
      pre: node,
      code,
      parent,
      text: textOf(code).replace(/\n$/, ''),
      line: node.position?.start.line ?? code.position?.start.line,
      meta: typeof metaValue === 'string' ? metaValue : undefined,
    });
    return 'skip';
  });
  return found;
}

/** Put `nodes` where the fence was. */
export function replaceFence(fence: Fence, nodes: Array<ElementContent & RootContent>): void {
  const index = fence.parent.children.indexOf(fence.pre as ElementContent & RootContent);
  fence.parent.children.splice(index, 1, ...nodes);
}

/** The note's path as messages show it: relative to the project root. */
export function notePath(file: { path?: string }): string {
  return file.path ? relative(diagramSettings().root, file.path) || file.path : '(unknown file)';
}
