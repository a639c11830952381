// renderMermaid: Mermaid source → SVG string, rendered by real mermaid in the shared Chromium page,
// cached on disk by sha256(source, theme, mermaid version, renderer config).
import { DiagramCache, sha256 } from './cache.ts';
import { mermaidVersion } from './mermaid-assets.ts';
import { renderInBrowser } from './session.ts';
import { diagramSettings, runState } from './settings.ts';
import { scopeIds } from './svg-ids.ts';

export type DiagramTheme = 'light' | 'dark';

/** System fonts with CJK coverage; the same stack as the site's body text (src/styles/global.css). */
export const DIAGRAM_FONT_STACK =
  'system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Helvetica Neue", Arial, sans-serif';

/** Bump when the config below (or the SVG post-processing) changes, to invalidate the cache. */
const RENDERER_REVISION = '1';

function mermaidConfig(theme: DiagramTheme): Record<string, unknown> {
  return {
    theme: theme === 'dark' ? 'dark' : 'default',
    fontFamily: DIAGRAM_FONT_STACK,
    themeVariables: { fontFamily: DIAGRAM_FONT_STACK },
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
}

/** Root id for a source/theme pair: stable across builds, distinct for light and dark. */
export function diagramRootId(source: string, theme: DiagramTheme): string {
  return `mmd-${sha256(source).slice(0, 12)}-${theme === 'dark' ? 'd' : 'l'}`;
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
export async function renderMermaid(source: string, options: RenderOptions): Promise<RenderedDiagram> {
  const theme = options.theme;
  const key = sha256(JSON.stringify([source, theme, mermaidVersion(), RENDERER_REVISION]));
  const rootId = diagramRootId(source, theme);
  const hit = diskCache().get(key);
  if (hit !== undefined) {
    runState().cacheHits++;
    return { svg: hit, rootId, key, cached: true };
  }
  const raw = await renderInBrowser(rootId, source, mermaidConfig(theme));
  const svg = scopeIds(raw, rootId);
  diskCache().set(key, svg);
  return { svg, rootId, key, cached: false };
}
