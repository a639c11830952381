// Notes link to each other the natural way, [见上一篇](/notes/paxos-01-basic/#…). Deployed under a
// base path (https://host/notes-site/) such a link would leave the site, so this rehype plugin puts
// the base in front of every root-relative href/src in Markdown and MDX at build time. Links that
// already start with the base, protocol-relative links (//host) and other URLs are left alone.

import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { normalBase, withBase } from '../base-path.ts';

const URL_ATTRIBUTES = new Set(['href', 'src', 'poster']);

interface MdxJsxAttribute {
  type: 'mdxJsxAttribute';
  name: string;
  value?: unknown;
}
interface MdxJsxElement {
  type: 'mdxJsxFlowElement' | 'mdxJsxTextElement';
  attributes: Array<MdxJsxAttribute | { type: string }>;
}

export function rehypeBaseLinks(options: { base: string }) {
  const base = normalBase(options.base);
  return (tree: Root): void => {
    if (base === '/') return;
    visit(tree, (node: { type: string }) => {
      if (node.type === 'element') {
        const props = (node as Element).properties;
        for (const name of ['href', 'src', 'poster']) {
          const value = props[name];
          if (typeof value === 'string') props[name] = withBase(value, base);
        }
        return;
      }
      if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
        for (const attr of (node as unknown as MdxJsxElement).attributes) {
          if (attr.type !== 'mdxJsxAttribute') continue;
          const a = attr as MdxJsxAttribute;
          if (URL_ATTRIBUTES.has(a.name) && typeof a.value === 'string') a.value = withBase(a.value, base);
        }
      }
    });
  };
}
