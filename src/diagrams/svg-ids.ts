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

/** Every id="…" in an HTML/SVG string (tests and the duplicate-id check use it). */
export function listIds(html: string): string[] {
  return [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
}
