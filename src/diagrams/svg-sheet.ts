// Diagrams of one kind share their stylesheet. mermaid scopes every rule of a diagram's <style> under
// that diagram's id, so fifteen sequence diagrams carry fifteen copies of the same 8 KB of CSS. Here the
// id in the rules becomes a class named after the sheet's content (shareSheet), so identical sheets are
// identical text; after the build each page keeps the first copy of each (dropRepeatedSheets: a <style>
// anywhere in the document applies to all of it). A diagram whose %%{init}%% changes its look has
// another sheet and keeps it; in `astro dev` pages keep every copy, which is only heavier.
import type { Element, ElementContent } from 'hast';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from './cache.ts';
import { cssBlocks, splitTop } from './css-blocks.ts';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const textOf = (style: Element): string => style.children.map((t) => (t.type === 'text' ? t.value : '')).join('');

/** A copy of `svg` (root id `rootId`) whose stylesheet selects on a content-named class instead of the id. */
export function shareSheet(svg: Element, rootId: string): Element {
  const styles: Element[] = [];
  const collect = (node: Element): void => {
    for (const c of node.children) if (c.type === 'element') (c.tagName === 'style' ? styles.push(c) : collect(c));
  };
  collect(svg);
  // Only the root id itself: `#root-arrowhead` names one element of this diagram, so a rule that
  // mentions it stays with the diagram, in a stylesheet of its own.
  const token = new RegExp(`#${escapeRegExp(rootId)}(?![\\w-])`, 'g');
  const present = classesIn(svg);
  const parts = new Map(styles.map((s) => [s, splitSheet(textOf(s).replace(token, '\u0000'), rootId, present)]));
  const shared = [...parts.values()].map((p) => p.shared).join('\u0001');
  if (shared === '') return svg;
  const hash = sha256(shared).slice(0, 12);
  const name = `mmd-s${hash}`;
  const named = (css: string) => css.split('\u0000').join(`.${name}`);
  const rewrite = (node: Element): Element => ({
    ...node,
    children: node.children.flatMap((c): ElementContent[] => {
      if (c.type !== 'element') return [c];
      const part = parts.get(c);
      if (!part) return [rewrite(c)];
      const own: ElementContent[] = part.own ? [{ ...c, children: [{ type: 'text', value: named(part.own) }] }] : [];
      if (!part.shared) return own;
      return [{ ...c, properties: { ...c.properties, dataSheet: hash }, children: [{ type: 'text', value: named(part.shared) }] }, ...own];
    }),
  });
  const classes = svg.properties['className'];
  const out = rewrite(svg);
  out.properties = { ...svg.properties, className: [...(Array.isArray(classes) ? classes : []), name] };
  return out;
}

/** Every class some element of `svg` carries. */
function classesIn(svg: Element, out = new Set<string>()): Set<string> {
  const classes = svg.properties['className'];
  if (Array.isArray(classes)) for (const c of classes) out.add(String(c));
  for (const c of svg.children) if (c.type === 'element') classesIn(c, out);
  return out;
}

/**
 * Whether `selector` could select anything in a drawing whose elements carry only the classes `present`:
 * not if it requires a class none of them has. Classes inside a functional pseudo-class (:not(.x),
 * :is(.x, .y)) and attribute values are not requirements and are skipped, so nothing that could match is
 * ever judged unmatched.
 */
export function canMatch(selector: string, present: ReadonlySet<string>): boolean {
  let required = '';
  let depth = 0;
  let quote: string | undefined;
  for (const c of selector) {
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (depth === 0) required += c;
  }
  for (const m of required.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)) if (!present.has(m[1]!)) return false;
  return true;
}

/**
 * The rules of `css` that mention `rootId` (one of this diagram's elements), and the others. A rule of
 * the diagram's own is kept only for the selectors that could match in it (`present`: its classes): mermaid's
 * dark theme adds, to every diagram, rules for flowchart nodes filled with a gradient of that diagram's
 * own, 2 KB a sequence diagram that has no such node. Shared rules are left whole, so that diagrams of one
 * kind keep one sheet.
 */
function splitSheet(css: string, rootId: string, present: ReadonlySet<string>): { shared: string; own: string } {
  const blocks = cssBlocks(css);
  if (!blocks) return { shared: '', own: css };
  let shared = '';
  let own = '';
  for (const b of blocks) {
    if (b.prelude.startsWith('@media')) {
      const inner = splitSheet(b.body, rootId, present);
      if (inner.shared) shared += `${b.prelude}{${inner.shared}}`;
      if (inner.own) own += `${b.prelude}{${inner.own}}`;
    } else if (b.prelude.includes(rootId) || b.body.includes(rootId)) {
      const selectors = b.prelude.startsWith('@') ? [b.prelude] : splitTop(b.prelude, ',').filter((s) => canMatch(s, present));
      if (selectors.length > 0) own += `${selectors.join(',')}{${b.body}}`;
    } else shared += `${b.prelude}{${b.body}}`;
  }
  return { shared, own };
}

const SHEET = /<style\b[^>]*\sdata-sheet="([0-9a-f]+)"[^>]*>[\s\S]*?<\/style>/g;

/** The page without the second and later copies of each shared diagram stylesheet. */
export function dropRepeatedSheets(html: string): string {
  const seen = new Set<string>();
  return html.replace(SHEET, (whole, hash: string) => {
    if (seen.has(hash)) return '';
    seen.add(hash);
    return whole;
  });
}

/** dropRepeatedSheets() on every .html file under `dir`. Returns the bytes saved. */
export function dropRepeatedSheetsIn(dir: string): number {
  let saved = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
    const file = join(entry.parentPath, entry.name);
    const html = readFileSync(file, 'utf8');
    const slim = dropRepeatedSheets(html);
    if (slim.length === html.length) continue;
    writeFileSync(file, slim);
    saved += Buffer.byteLength(html) - Buffer.byteLength(slim);
  }
  return saved;
}
