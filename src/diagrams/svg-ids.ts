// Keeping ids unique when many SVGs share one HTML page.
//
// mermaid scopes most ids under the id we pass to render(), but not all (sequence-diagram markers,
// accessibility titles). Two diagrams on one page, or the light/dark pair of one diagram, would then
// share ids such as "arrowhead", and `url(#arrowhead)` would point into the wrong (possibly hidden)
// SVG. scopeIds() prefixes every id that is not already under the root id, and rewrites the
// references to it; retarget() then renames the root id itself for each place the SVG is emitted.

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Make every id in `svg` start with `rootId` and fix the references (url(#…), href, aria-*, CSS). */
export function scopeIds(svg: string, rootId: string): string {
  const foreign = new Set<string>();
  for (const m of svg.matchAll(/\sid="([^"]+)"/g)) {
    const id = m[1]!;
    if (!id.startsWith(rootId)) foreign.add(id);
  }
  if (foreign.size === 0) return svg;
  const rename = (id: string): string => (foreign.has(id) ? `${rootId}-${id}` : id);

  let out = svg.replace(
    /(\sid=")([^"]+)(")|(url\((?:'|"|&quot;)?#)([^)'"&]+)|((?:xlink:)?href="#)([^"]+)|(\saria-(?:labelledby|describedby)=")([^"]+)(")/g,
    (whole, a1, id1, a3, u1, id2, h1, id3, r1, list, r3) => {
      if (id1 !== undefined) return `${a1}${rename(id1)}${a3}`;
      if (id2 !== undefined) return `${u1}${rename(id2)}`;
      if (id3 !== undefined) return `${h1}${rename(id3)}`;
      if (list !== undefined) return `${r1}${(list as string).split(/\s+/).map(rename).join(' ')}${r3}`;
      return whole;
    },
  );
  // CSS inside <style>: `#arrowhead` selectors. Only names that are ids of this SVG are touched,
  // so colours such as #fff stay as they are.
  const names = [...foreign].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
  const selector = new RegExp(`#(${names})(?![\\w-])`, 'g');
  out = out.replace(/(<style[^>]*>)([\s\S]*?)(<\/style>)/g, (_w, open: string, css: string, close: string) =>
    open + css.replace(selector, (_m, id: string) => `#${rename(id)}`) + close,
  );
  return out;
}

/** Rename the root id (and with it every scoped id) to `finalId`. */
export function retarget(svg: string, rootId: string, finalId: string): string {
  return rootId === finalId ? svg : svg.split(rootId).join(finalId);
}

/** retarget() for a hast tree: a copy in which every string containing `rootId` has it renamed. */
export function retargetTree<T>(node: T, rootId: string, finalId: string): T {
  if (typeof node === 'string') return (node.includes(rootId) ? node.split(rootId).join(finalId) : node) as T;
  if (Array.isArray(node)) return node.map((n: unknown) => retargetTree(n, rootId, finalId)) as T;
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = retargetTree(v, rootId, finalId);
    return out as T;
  }
  return node;
}

/** Every id="…" in an HTML/SVG string (tests and the duplicate-id check use it). */
export function listIds(html: string): string[] {
  return [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
}

const DEF_TAGS = ['symbol', 'marker', 'linearGradient', 'radialGradient', 'filter', 'clipPath', 'pattern', 'mask'];

/**
 * Drop definitions nothing refers to. mermaid puts icons (computer, database, clock: ~14 KB) and
 * every arrowhead kind into each sequence diagram whether drawn or not; an id that is never the target
 * of url(#…) or href="#…" cannot show, so removing it changes nothing but the page weight.
 */
export function pruneUnusedDefs(svg: string): string {
  let out = svg;
  // Repeat: removing one definition can orphan another (a marker that used a gradient).
  for (let pass = 0; pass < 3; pass++) {
    const referenced = new Set<string>();
    for (const m of out.matchAll(/url\((?:'|"|&quot;)?#([^)'"&]+)|href="#([^"]+)"/g)) referenced.add((m[1] ?? m[2])!);
    let removed = false;
    for (const tag of DEF_TAGS) {
      const re = new RegExp(`<${tag}\\b[^>]*\\sid="([^"]+)"[^>]*?(?:/>|>[\\s\\S]*?</${tag}>)`, 'g');
      out = out.replace(re, (whole, id: string) => {
        if (referenced.has(id)) return whole;
        removed = true;
        return '';
      });
    }
    out = out.replace(/<defs>\s*<\/defs>/g, '');
    if (!removed) break;
  }
  return out;
}
