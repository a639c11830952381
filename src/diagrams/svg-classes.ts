// Repeated styling becomes a class. mermaid writes the same inline style and the same presentation
// attributes on every message, note and actor it draws: on a sequence diagram of two hundred messages,
// `style="font-family: …; font-size: 16px; font-weight: 400;"` and `text-anchor="middle"
// dominant-baseline="middle" alignment-baseline="middle"` alone are a third of its bytes. Each such group,
// when it repeats, is written once as a rule on a class named after its content, and the elements carry the
// class instead. The rule keeps the cascade the attributes had:
// - an inline style outranks every author rule that is not !important, so its declarations go into the
//   rule marked !important (specificity 0,1,0: below any !important rule that names the element's own
//   classes, as an inline style is below every !important rule);
// - a presentation attribute is outranked by every author rule, so its rule is wrapped in :where(), of
//   specificity zero.
// Each rule sits in a <style data-sheet> of its own, named by its content like the shared diagram sheets
// (svg-sheet.ts), so a page keeps one copy of each however many diagrams use it (dropRepeatedSheets).
// Nothing else changes: geometry, text and ids stay attributes. tests/site/svg-classes.test.ts holds
// the computed style of every element in Chromium equal before and after.
import type { Element, ElementContent } from 'hast';
import { sha256 } from './cache.ts';
import { attributeName } from './svg-slim.ts';

/** SVG presentation attributes that are CSS properties with the same name and value syntax. */
const PRESENTATION = new Set([
  'alignment-baseline', 'dominant-baseline', 'text-anchor', 'fill', 'fill-opacity', 'stroke', 'stroke-opacity', 'stroke-width',
  'stroke-linecap', 'stroke-linejoin', 'opacity', 'filter', 'marker-start', 'marker-mid', 'marker-end',
]);
/** How often a group must occur in one drawing to be worth a rule (a rule costs about one use). */
const MIN_REPEATS = 3;
/** A value that could end a declaration or a rule, or leave the <style> element, stays an attribute. */
const UNSAFE_VALUE = /[;{}<>\\]|\/\*/;

/** An inline style as declarations `name:value`, or null if it is not plain declarations. */
function declarations(style: string): string[] | null {
  const out: string[] = [];
  for (const part of style.split(';')) {
    const d = part.trim();
    if (d === '') continue;
    const colon = d.indexOf(':');
    if (colon <= 0 || UNSAFE_VALUE.test(d) || /!\s*important/i.test(d)) return null;
    out.push(`${d.slice(0, colon).trim().toLowerCase()}:${d.slice(colon + 1).trim()}`);
  }
  return out.length > 0 ? out : null;
}

interface Group {
  /** The rule's declarations, in order. */
  readonly body: string;
  /** Which properties of an element it replaces (hast names). */
  readonly replaces: readonly string[];
  readonly important: boolean;
}

/** The element's inline style and its presentation attributes, as at most two groups. */
function groupsOf(node: Element): Group[] {
  const out: Group[] = [];
  const style = node.properties['style'];
  if (typeof style === 'string') {
    const decls = declarations(style);
    if (decls) out.push({ body: decls.map((d) => `${d}!important`).join(';'), replaces: ['style'], important: true });
  }
  const names: string[] = [];
  const decls: string[] = [];
  for (const [name, value] of Object.entries(node.properties)) {
    const css = attributeName(name);
    if (!PRESENTATION.has(css) || typeof value !== 'string' || UNSAFE_VALUE.test(value)) continue;
    names.push(name);
    decls.push(`${css}:${value}`);
  }
  if (names.length > 0) out.push({ body: decls.join(';'), replaces: names, important: false });
  return out;
}

const className = (g: Group): string => `mmd-${g.important ? 'k' : 'p'}${sha256(g.body).slice(0, 10)}`;

function sheet(g: Group): Element {
  const name = className(g);
  const rule = g.important ? `.${name}{${g.body}}` : `:where(.${name}){${g.body}}`;
  return { type: 'element', tagName: 'style', properties: { dataSheet: sha256(rule).slice(0, 12) }, children: [{ type: 'text', value: rule }] };
}

/** A copy of `svg` in which every inline style or presentation-attribute group that repeats is a class. */
export function classRepeats(svg: Element): Element {
  const count = new Map<string, { group: Group; n: number }>();
  const key = (g: Group): string => `${g.important ? '!' : ''}${g.body}`;
  const tally = (node: Element): void => {
    for (const g of groupsOf(node)) {
      const c = count.get(key(g)) ?? { group: g, n: 0 };
      c.n++;
      count.set(key(g), c);
    }
    for (const c of node.children) if (c.type === 'element' && c.tagName !== 'style') tally(c);
  };
  tally(svg);
  const used = [...count.values()].filter((c) => c.n >= MIN_REPEATS).map((c) => c.group);
  if (used.length === 0) return svg;
  // Each chosen group's class, named (hashed) once, not once per element that carries it.
  const chosen = new Map(used.map((g) => [key(g), className(g)]));
  const rewrite = (node: Element): Element => {
    const groups = groupsOf(node).filter((g) => chosen.has(key(g)));
    let properties = node.properties;
    if (groups.length > 0) {
      const drop = new Set(groups.flatMap((g) => g.replaces));
      const classes = node.properties['className'];
      properties = {
        ...Object.fromEntries(Object.entries(node.properties).filter(([name]) => !drop.has(name))),
        className: [...(Array.isArray(classes) ? classes.map(String) : []), ...groups.map((g) => chosen.get(key(g))!)],
      };
    }
    const children = node.children.map((c): ElementContent => (c.type === 'element' && c.tagName !== 'style' ? rewrite(c) : c));
    return { ...node, properties, children };
  };
  const out = rewrite(svg);
  return { ...out, children: [...used.map(sheet), ...out.children] };
}
