// One SVG for both themes. mermaid draws a diagram twice (default and dark theme) with the same
// geometry; only the colours in its <style> differ, plus, in flowcharts, a gradient the dark theme adds.
// themeOnce() keeps the light drawing and folds the dark colours into its stylesheet:
//   - a colour that differs becomes `light-dark(light, dark)`, which follows the page's color-scheme
//     (src/styles/global.css sets it from data-theme, or from the system when there is none);
//   - any other difference (a filter, a gradient instead of a colour) becomes a rule for the dark theme
//     only, under `:root[data-theme=dark]` and, for pages without JavaScript, the system preference.
// When the drawings themselves differ, or the stylesheets do not line up rule by rule, it says why and
// the caller emits both SVGs as before: a figure is never themed by guesswork.
import type { Element, ElementContent, Root } from 'hast';
import { cssBlocks, splitTop, type Block } from './css-blocks.ts';

const DEF_TAGS = new Set(['symbol', 'marker', 'linearGradient', 'radialGradient', 'filter', 'clipPath', 'pattern', 'mask']);

const COLOUR_PROPERTIES =
  /^(fill|stroke|color|background|background-color|stop-color|flood-color|lighting-color|outline-color|border(-(top|right|bottom|left))?-color)$/;
const COLOUR_VALUE = /^(#[0-9a-f]{3,8}|(?:rgba?|hsla?)\([^()]*\)|[a-z]+)$/i;
const NOT_COLOURS = new Set(['none', 'inherit', 'initial', 'unset', 'revert', 'auto', 'context-fill', 'context-stroke']);

export type ThemeMerge = { svg: Element } | { reason: string };

function isElement(node: ElementContent | Root | Element): node is Element {
  return node.type === 'element';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The drawing without its stylesheet and definitions, with mermaid's per-render counters in ids blanked. */
function skeleton(svg: Element, rootId: string): string {
  const strip = (node: ElementContent): ElementContent | undefined => {
    if (!isElement(node)) return node;
    if (node.tagName === 'style' || DEF_TAGS.has(node.tagName)) return undefined;
    return { ...node, children: node.children.map(strip).filter((c): c is ElementContent => c !== undefined) };
  };
  // mermaid numbers some ids from a counter that runs across renders (`-actor14` in one theme,
  // `-actor79` in the other); the number names the element, it does not place it.
  const counter = new RegExp(`(${escapeRegExp(rootId)}-[A-Za-z]+(?:-[A-Za-z]+)*)-?\\d+`, 'g');
  return JSON.stringify(strip(svg)).replace(counter, '$1#');
}

/** Definitions (markers, gradients …) by id, anywhere in the tree. */
function definitions(node: Element, out = new Map<string, Element>()): Map<string, Element> {
  for (const child of node.children) {
    if (!isElement(child)) continue;
    const id = child.properties['id'];
    if (DEF_TAGS.has(child.tagName) && typeof id === 'string') out.set(id, child);
    else definitions(child, out);
  }
  return out;
}

function styleElements(node: Element, out: Element[] = []): Element[] {
  for (const child of node.children) {
    if (!isElement(child)) continue;
    if (child.tagName === 'style') out.push(child);
    else styleElements(child, out);
  }
  return out;
}

function styleText(style: Element): string {
  return style.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
}

interface Declaration {
  property: string;
  value: string;
  important: boolean;
}

function declarations(body: string): Declaration[] {
  return splitTop(body, ';').map((d) => {
    const colon = d.indexOf(':');
    const raw = d.slice(colon + 1).trim();
    const important = /!\s*important$/i.test(raw);
    return { property: d.slice(0, colon).trim(), value: raw.replace(/\s*!\s*important$/i, ''), important };
  });
}

const written = (d: Declaration, value = d.value) => `${d.property}:${value}${d.important ? '!important' : ''}`;

function isColour(value: string): boolean {
  return COLOUR_VALUE.test(value) && !NOT_COLOURS.has(value.toLowerCase());
}

function darkOnly(blocks: Block[]): string {
  if (blocks.length === 0) return '';
  const under = (prefix: string) =>
    blocks.map((b) => `${splitTop(b.prelude, ',').map((s) => `${prefix} ${s}`).join(',')}{${b.body}}`).join('');
  return under(':root[data-theme=dark]') + `@media (prefers-color-scheme:dark){${under(':root:not([data-theme])')}}`;
}

/** Light and dark stylesheets as one, or the reason they cannot be. */
function mergeCss(lightCss: string, darkCss: string): { css: string } | { reason: string } {
  const light = cssBlocks(lightCss);
  const dark = cssBlocks(darkCss);
  if (!light || !dark) return { reason: 'a stylesheet does not parse' };
  const unmatched = [...dark];
  const out: string[] = [];
  const overrides: Block[] = [];
  for (const l of light) {
    const at = unmatched.findIndex((d) => d.prelude === l.prelude);
    if (at < 0) return { reason: `the rule "${l.prelude}" has no dark counterpart` };
    const [d] = unmatched.splice(at, 1) as [Block];
    if (l.body === d.body) {
      out.push(`${l.prelude}{${l.body}}`);
      continue;
    }
    if (l.prelude.startsWith('@')) return { reason: `"${l.prelude}" differs between the themes` };
    const ld = declarations(l.body);
    const dd = declarations(d.body);
    if (ld.length !== dd.length || ld.some((x, k) => x.property !== dd[k]!.property || x.important !== dd[k]!.important)) {
      return { reason: `the rule "${l.prelude}" sets other properties in the dark theme` };
    }
    const merged: string[] = [];
    const darker: string[] = [];
    ld.forEach((x, k) => {
      const y = dd[k]!;
      if (x.value === y.value) merged.push(written(x));
      else if (COLOUR_PROPERTIES.test(x.property) && isColour(x.value) && isColour(y.value)) {
        merged.push(written(x, `light-dark(${x.value},${y.value})`));
      } else {
        merged.push(written(x));
        darker.push(written(y));
      }
    });
    out.push(`${l.prelude}{${merged.join(';')}}`);
    if (darker.length > 0) overrides.push({ prelude: l.prelude, body: darker.join(';') });
  }
  for (const d of unmatched) {
    if (d.prelude.startsWith('@')) return { reason: `"${d.prelude}" exists only in the dark theme` };
    overrides.push(d);
  }
  return { css: out.join('') + darkOnly(overrides) };
}

/**
 * One SVG that draws `light` in the light theme and `dark` in the dark theme. Both must already carry
 * the same root id (`rootId`, see retargetTree). Returns a reason instead when that is not possible.
 */
export function themeOnce(light: Element, dark: Element, rootId: string): ThemeMerge {
  if (skeleton(light, rootId) !== skeleton(dark, rootId)) return { reason: 'the drawings differ' };
  const lightDefs = definitions(light);
  const extraDefs: Element[] = [];
  for (const [id, def] of definitions(dark)) {
    const same = lightDefs.get(id);
    if (!same) extraDefs.push(def);
    else if (JSON.stringify(same) !== JSON.stringify(def)) return { reason: `the definition #${id} differs` };
  }
  const lightStyles = styleElements(light);
  const darkStyles = styleElements(dark);
  if (lightStyles.length !== darkStyles.length) return { reason: 'the stylesheets differ in number' };
  const sheets = new Map<Element, string>();
  for (let k = 0; k < lightStyles.length; k++) {
    const darkCss = styleText(darkStyles[k]!);
    // A dark rule about one of the drawing's numbered elements would name the dark render's number.
    const numbered = new RegExp(`#${escapeRegExp(rootId)}-[A-Za-z-]*\\d`);
    if (numbered.test(darkCss)) return { reason: 'the dark stylesheet names a numbered element' };
    const merged = mergeCss(styleText(lightStyles[k]!), darkCss);
    if ('reason' in merged) return merged;
    sheets.set(lightStyles[k]!, merged.css);
  }
  const rebuild = (node: Element): Element => ({
    ...node,
    children: node.children.map((c) => {
      if (!isElement(c)) return c;
      const css = sheets.get(c);
      return css !== undefined ? { ...c, children: [{ type: 'text', value: css }] } : rebuild(c);
    }),
  });
  const svg = rebuild(light);
  svg.children = [...svg.children, ...extraDefs];
  return { svg };
}
