// Small helpers for looking at built HTML in tests.
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';

export function parseHtml(html: string): Root {
  return fromHtml(html);
}

function classList(el: Element): string[] {
  const c = el.properties['className'];
  return Array.isArray(c) ? c.map(String) : typeof c === 'string' ? String(c).split(/\s+/) : [];
}

export function hasClass(el: Element, name: string): boolean {
  return classList(el).includes(name);
}

/** Every element matching `test`, in document order, with its ancestors. */
export function findAll(tree: Root | Element, test: (el: Element, ancestors: Element[]) => boolean): Element[] {
  const out: Element[] = [];
  const walk = (node: Root | Element, ancestors: Element[]) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (test(child, ancestors)) out.push(child);
      walk(child, [...ancestors, child]);
    }
  };
  walk(tree, []);
  return out;
}

export function byTag(tree: Root | Element, tag: string): Element[] {
  return findAll(tree, (el) => el.tagName === tag);
}

export function textOf(node: Root | Element): string {
  let text = '';
  visit(node, 'text', (t: { value: string }) => {
    text += t.value;
  });
  return text;
}

/** Strip ANSI colour codes from CLI output. */
export function plain(text: string): string {
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}

export interface DiagramAudit {
  /** Figures whose SVG was rendered at build time (one themed <svg>, or a light and a dark one). */
  rendered: number;
  /** Problems: diagrams left to the browser or as raw source, figures without their SVG. */
  problems: string[];
}

/**
 * Check that every diagram in a page was rendered at build time: each figure[data-diagram] holds one
 * inline <svg> themed by CSS (or, where the two renders differ in shape, a light and a dark one), and
 * no Mermaid source is left outside the "源码" box.
 */
/** Each SVG box is an image with a name and a description that exists in the same figure. */
function accessible(fig: Element, boxes: readonly Element[]): boolean {
  return boxes.every((box) => {
    const name = box.properties['ariaLabel'];
    const described = box.properties['ariaDescribedBy'];
    const ids = Array.isArray(described) ? described.map(String) : [];
    const descriptions = findAll(fig, (el) => ids.includes(String(el.properties['id'])));
    return (
      box.properties['role'] === 'img' &&
      typeof name === 'string' &&
      name.trim() !== '' &&
      ids.length > 0 &&
      descriptions.length === ids.length &&
      descriptions.every((d) => textOf(d).trim() !== '')
    );
  });
}

export function auditDiagrams(html: string, label: string): DiagramAudit {
  const tree = parseHtml(html);
  const problems: string[] = [];
  let rendered = 0;
  for (const fig of findAll(tree, (el) => el.tagName === 'figure' && el.properties['dataDiagram'] !== undefined)) {
    const boxes = findAll(fig, (el) => hasClass(el, 'diagram-svg'));
    const light = boxes.filter((el) => hasClass(el, 'diagram-light'));
    const dark = boxes.filter((el) => hasClass(el, 'diagram-dark'));
    const themed = boxes.filter((el) => !hasClass(el, 'diagram-light') && !hasClass(el, 'diagram-dark'));
    const svgs = (els: Element[]) => els.flatMap((el) => byTag(el, 'svg'));
    const complete =
      (themed.length === 1 && boxes.length === 1 && svgs(themed).length === 1) ||
      (themed.length === 0 && svgs(light).length > 0 && svgs(dark).length > 0);
    if (hasClass(fig, 'diagram-client')) problems.push(`${label}: a diagram was left to client-side rendering`);
    else if (hasClass(fig, 'diagram-error')) problems.push(`${label}: a diagram shows an error`);
    else if (!complete) problems.push(`${label}: a figure lacks its SVG (one themed, or a light and a dark)`);
    else if (!accessible(fig, boxes)) problems.push(`${label}: a diagram has no accessible name and description`);
    else rendered++;
  }
  for (const pre of findAll(tree, (el) => el.tagName === 'pre' && hasClass(el, 'mermaid'))) {
    void pre;
    problems.push(`${label}: <pre class="mermaid"> (raw source for client-side rendering)`);
  }
  const stray = findAll(
    tree,
    (el, ancestors) =>
      el.tagName === 'code' &&
      (hasClass(el, 'language-mermaid') || hasClass(el, 'language-paxos')) &&
      !ancestors.some((a) => a.tagName === 'details' && hasClass(a, 'diagram-source')),
  );
  if (stray.length > 0) problems.push(`${label}: ${stray.length} diagram code block(s) left unrendered`);
  return { rendered, problems };
}
