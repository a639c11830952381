// The HTML emitted for one diagram: the light and the dark SVG (CSS shows the one matching the
// theme, see src/styles/diagrams.css), an optional caption, and the Mermaid source in a collapsible
// <details> with a copy button. Used by the ```mermaid rehype plugin and by any component that has
// Mermaid text to show (e.g. the engine's trace diagrams).
import { INSTALL_HINT } from './browser.ts';
import { sha256 } from './cache.ts';
import { renderMermaid } from './render.ts';
import { BrowserUnavailableError, MermaidSyntaxError } from './session.ts';
import { diagramSettings, runState } from './settings.ts';
import { retarget } from './svg-ids.ts';

/** Numbers repeated diagrams so each emitted copy gets its own ids. One scope per HTML page. */
export interface IdScope {
  /** Returns 1 for the first diagram with this source hash in the scope, 2 for the next, … */
  next(sourceHash: string): number;
  readonly prefix: string;
}

export function createIdScope(prefix = ''): IdScope {
  const seen = new Map<string, number>();
  return {
    prefix,
    next(hash) {
      const n = (seen.get(hash) ?? 0) + 1;
      seen.set(hash, n);
      return n;
    },
  };
}

// Callers without a page of their own (components rendering one diagram each) share this scope;
// its "g" prefix keeps its ids apart from the per-file scopes of the markdown plugin.
const processScope = createIdScope('g');

/** Where a diagram comes from, for error messages: the note file and the line of the ``` fence. */
export interface DiagramOrigin {
  file: string;
  line?: number | undefined;
}

export class DiagramError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiagramError';
  }
}

export interface FigureOptions {
  scope?: IdScope;
  caption?: string;
  /** Goes into data-diagram and the class list, e.g. 'mermaid' or 'paxos'. */
  kind?: string;
  origin?: DiagramOrigin;
  /** 'throw' (production build) or 'show' (astro dev: an error box in the page). Default from the settings. */
  onError?: 'throw' | 'show';
}

export interface DiagramFigure {
  html: string;
  /** 'svg': rendered at build time; 'client': no browser, mermaid runs in the reader's browser; 'error': dev-mode error box. */
  mode: 'svg' | 'client' | 'error';
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function describe(origin: DiagramOrigin | undefined, mermaidLine: number | undefined): string {
  if (!origin) return 'Mermaid diagram';
  if (origin.line === undefined) return `${origin.file}: Mermaid diagram`;
  const at = mermaidLine !== undefined ? origin.line + mermaidLine : origin.line;
  return `${origin.file}:${at}: Mermaid diagram (block starting at line ${origin.line})`;
}

// The copy button is an inline handler: no script file for pages without a playground.
const COPY_BUTTON =
  '<button type="button" class="diagram-copy" onclick="navigator.clipboard.writeText(this.nextElementSibling.textContent).then(()=>{this.textContent=\'已复制\';setTimeout(()=>{this.textContent=\'复制\'},1500)})">复制</button>';

function sourceDetails(source: string): string {
  return (
    `<details class="diagram-source"><summary>源码</summary>${COPY_BUTTON}` +
    `<pre><code class="language-mermaid">${escapeHtml(source)}</code></pre></details>`
  );
}

function captionHtml(caption: string | undefined): string {
  return caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : '';
}

/** Inline module that loads mermaid's bundle once the first client-rendered diagram is near the viewport. */
function clientLoader(base: string): string {
  const src = `${base}_diagrams/mermaid.min.js`;
  return (
    '<script type="module">' +
    `if(!window.__paxosMermaid){window.__paxosMermaid=1;` +
    `const io=new IntersectionObserver((es)=>{if(!es.some((e)=>e.isIntersecting))return;io.disconnect();` +
    `const s=document.createElement('script');s.src=${JSON.stringify(src)};` +
    `s.onload=()=>{const dark=document.documentElement.dataset.theme==='dark';` +
    `mermaid.initialize({startOnLoad:false,theme:dark?'dark':'default'});mermaid.run({querySelector:'pre.mermaid'})};` +
    `document.head.append(s)},{rootMargin:'400px'});` +
    `document.querySelectorAll('pre.mermaid').forEach((e)=>io.observe(e))}` +
    '</script>'
  );
}

function warnNoBrowser(err: BrowserUnavailableError): void {
  const run = runState();
  if (run.warned) return;
  run.warned = true;
  console.warn(
    `[diagrams] No Chromium found, so Mermaid diagrams will be rendered in the reader's browser instead of at build time.\n` +
      `[diagrams] ${INSTALL_HINT}\n[diagrams] Tried: ${err.tried.join(', ') || '(discovery disabled)'}`,
  );
}

/**
 * Render `source` in both themes and return the figure HTML.
 * Throws DiagramError for an invalid diagram unless onError is 'show'. Never throws for a missing
 * browser: the figure then falls back to client-side rendering (and one warning is printed).
 */
export async function renderMermaidFigure(source: string, options: FigureOptions = {}): Promise<DiagramFigure> {
  const kind = options.kind ?? 'mermaid';
  const onError = options.onError ?? (diagramSettings().mode === 'dev' ? 'show' : 'throw');
  const scope = options.scope ?? processScope;
  const hash = sha256(source).slice(0, 12);
  const n = scope.next(hash);
  try {
    // Sequential on purpose: the browser renders one at a time anyway.
    const light = await renderMermaid(source, { theme: 'light' });
    const dark = await renderMermaid(source, { theme: 'dark' });
    const lightSvg = retarget(light.svg, light.rootId, `${light.rootId}-${scope.prefix}${n}`);
    const darkSvg = retarget(dark.svg, dark.rootId, `${dark.rootId}-${scope.prefix}${n}`);
    return {
      mode: 'svg',
      html:
        `<figure class="diagram diagram-${kind}" data-diagram="${kind}" data-diagram-hash="${hash}">` +
        `<div class="diagram-svg diagram-light">${lightSvg}</div>` +
        `<div class="diagram-svg diagram-dark">${darkSvg}</div>` +
        captionHtml(options.caption) +
        sourceDetails(source) +
        '</figure>',
    };
  } catch (err) {
    if (err instanceof BrowserUnavailableError) {
      warnNoBrowser(err);
      runState().clientFallbacks++;
      return {
        mode: 'client',
        html:
          `<figure class="diagram diagram-${kind} diagram-client" data-diagram="${kind}" data-diagram-hash="${hash}">` +
          `<pre class="mermaid">${escapeHtml(source)}</pre>` +
          captionHtml(options.caption) +
          sourceDetails(source) +
          clientLoader(diagramSettings().base) +
          '</figure>',
      };
    }
    if (err instanceof MermaidSyntaxError) {
      const message = `${describe(options.origin, err.mermaidLine)} is invalid: ${err.message}`;
      if (onError === 'throw') throw new DiagramError(message);
      return {
        mode: 'error',
        html:
          `<figure class="diagram diagram-error" data-diagram="${kind}" role="alert">` +
          `<p><strong>Mermaid 图表有误</strong></p><pre>${escapeHtml(message)}</pre>` +
          sourceDetails(source) +
          '</figure>',
      };
    }
    throw new DiagramError(`${describe(options.origin, undefined)} could not be rendered: ${(err as Error).message}`);
  }
}
