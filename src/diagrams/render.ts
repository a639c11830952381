// renderMermaid: Mermaid source → SVG string, rendered by real mermaid in the shared Chromium page,
// cached on disk by sha256(source, theme, mermaid version, renderer config).
import type { Element } from 'hast';
import { DiagramCache, sha256 } from './cache.ts';
import { mermaidVersion } from './mermaid-assets.ts';
import { renderInBrowser } from './session.ts';
import { diagramSettings, runState } from './settings.ts';
import { pruneUnusedDefs, scopeIds } from './svg-ids.ts';

export type DiagramTheme = 'light' | 'dark';

/** System fonts with CJK coverage; the same stack as the site's body text (src/styles/global.css says why in this order). */
export const DIAGRAM_FONT_STACK =
  '"Noto Sans CJK SC", system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans SC", "Source Han Sans SC", "Helvetica Neue", Arial, sans-serif';

/** Bump when the config below (or the SVG post-processing) changes, to invalidate the cache. */
const RENDERER_REVISION = '4';

// mermaid's dark theme puts edge labels (#ccc) on #585858: 4.4:1, under the 4.5:1 body text needs
// (Lighthouse's colour-contrast audit). A darker label background gives 6.5:1.
const DARK_THEME_VARIABLES = { edgeLabelBackground: '#404040' };

function mermaidConfig(theme: DiagramTheme): Record<string, unknown> {
  return {
    theme: theme === 'dark' ? 'dark' : 'default',
    fontFamily: DIAGRAM_FONT_STACK,
    themeVariables: { fontFamily: DIAGRAM_FONT_STACK, ...(theme === 'dark' ? DARK_THEME_VARIABLES : {}) },
    securityLevel: 'strict',
    deterministicIds: true,
  };
}

export interface RenderOptions {
  theme: DiagramTheme;
}

export interface RenderedDiagram {
  /** The SVG markup. Every id inside it starts with `rootId`. */
  svg: string;
  /** The id of the <svg> element; rename it per page with retarget() (figure.ts does). */
  rootId: string;
  /** sha256 of (source, theme, mermaid version, renderer revision): the cache key. */
  key: string;
  /** True when the SVG came from the disk cache (the browser was not used). */
  cached: boolean;
  /**
   * The same SVG as a hast element (no positions), for Markdown plugins: handing the rehype pipeline
   * a tree instead of a raw HTML string spares a parse5 pass over the whole page per note. Cached on
   * disk next to the SVG as JSON. Treat as read-only (retargetTree copies).
   */
  tree: Element;
}

const TREE_EXT = 'hast.json';

// parse5 (through hast-util-from-html) is only needed when a diagram is new: load it then.
async function svgTree(svg: string): Promise<string> {
  const { fromHtml } = await import('hast-util-from-html');
  const root = fromHtml(svg, { fragment: true });
  const el = root.children.find((c) => c.type === 'element');
  if (!el) throw new Error('mermaid returned no <svg> element');
  return JSON.stringify(el, (k, v: unknown) => (k === 'position' ? undefined : v));
}

/** Root id for a source/theme pair: stable across builds, distinct for light and dark. */
export function diagramRootId(source: string, theme: DiagramTheme): string {
  return `mmd-${sha256(source).slice(0, 12)}-${theme === 'dark' ? 'd' : 'l'}`;
}

// Renders already done or under way in this process, by cache key. On globalThis so that every copy
// of this module (Astro config, Vite's SSR graph) shares it; Astro also compiles some notes twice.
const MEMO = Symbol.for('paxos-notes.diagrams.memo');
function memo(): Map<string, Promise<RenderedDiagram>> {
  const g = globalThis as unknown as Record<symbol, Map<string, Promise<RenderedDiagram>> | undefined>;
  return (g[MEMO] ??= new Map());
}

let cache: DiagramCache | undefined;
function diskCache(): DiagramCache {
  const dir = diagramSettings().cacheDir;
  if (!cache || cache.dir !== dir) cache = new DiagramCache(dir);
  return cache;
}

/**
 * Render Mermaid `source` to an SVG. Honours `%%{init: …}%%` directives in the source.
 * Rejects with MermaidSyntaxError (invalid diagram) or BrowserUnavailableError (no Chromium).
 */
export function renderMermaid(source: string, options: RenderOptions): Promise<RenderedDiagram> {
  const theme = options.theme;
  const key = sha256(JSON.stringify([source, theme, mermaidVersion(), RENDERER_REVISION]));
  const known = memo().get(key);
  if (known) return known;
  const job = (async (): Promise<RenderedDiagram> => {
    const rootId = diagramRootId(source, theme);
    const hit = diskCache().get(key);
    if (hit !== undefined) {
      runState().cacheHits++;
      let tree = diskCache().get(key, TREE_EXT);
      if (tree === undefined) {
        tree = await svgTree(hit);
        diskCache().set(key, tree, TREE_EXT);
      }
      return { svg: hit, rootId, key, cached: true, tree: JSON.parse(tree) as Element };
    }
    const raw = await renderInBrowser(rootId, source, mermaidConfig(theme));
    const svg = pruneUnusedDefs(scopeIds(raw, rootId));
    const tree = await svgTree(svg);
    // Tree first: a reader that finds the .svg can count on the .hast.json being there too.
    diskCache().set(key, tree, TREE_EXT);
    diskCache().set(key, svg);
    return { svg, rootId, key, cached: false, tree: JSON.parse(tree) as Element };
  })();
  memo().set(key, job);
  return job;
}

/** Whether the disk cache already has this diagram in this theme (no browser needed). */
export function isCached(source: string, theme: DiagramTheme): boolean {
  const key = sha256(JSON.stringify([source, theme, mermaidVersion(), RENDERER_REVISION]));
  return memo().has(key) || diskCache().has(key);
}

/**
 * Start rendering diagrams that are not cached yet, in the background (the build calls this with
 * every ```mermaid block it finds before Astro starts, so the browser launch and the renders overlap
 * with Vite's work). Results land in the in-process memo; errors surface when the note asks for them.
 * Returns how many renders were started.
 */
export function prerenderMermaid(sources: Iterable<string>): number {
  let started = 0;
  for (const source of sources) {
    for (const theme of ['light', 'dark'] as const) {
      if (isCached(source, theme)) continue;
      renderMermaid(source, { theme }).catch(() => {});
      started++;
    }
  }
  return started;
}
