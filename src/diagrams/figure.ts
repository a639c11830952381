// The HTML emitted for one diagram: one SVG whose colours follow the theme (svg-theme.ts; in the rare
// diagram whose two renders differ in shape, the light and the dark SVG, and CSS shows the one matching
// the theme, see src/styles/diagrams.css), an optional caption, and the Mermaid source in a collapsible
// <details> with a copy button. Used by the ```mermaid rehype plugin and by any component that has
// Mermaid text to show (e.g. the engine's trace diagrams).
import type { Element, ElementContent, Properties } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { useTranslations } from '../i18n/ui.ts';
import { INSTALL_HINT } from './browser.ts';
import { sha256 } from './cache.ts';
import { describeMermaid } from './describe.ts';
import { DIAGRAM_FONT_STACK, renderMermaid } from './render.ts';
import { BrowserUnavailableError, MermaidSyntaxError } from './session.ts';
import { sourceLineOf } from './source-lines.ts';
import { diagramSettings, runState } from './settings.ts';
import { shareSheet } from './svg-sheet.ts';
import { dropUnusedData, shareFontStack } from './svg-slim.ts';
import { classRepeats } from './svg-classes.ts';
import { retargetTree } from './svg-ids.ts';
import { themeOnce } from './svg-theme.ts';

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
  /**
   * 'throw' (the default, in the build and in `astro dev`, whose overlay then shows the message) or 'show'
   * (an error box in place of the figure, for callers that must always return a page).
   */
  onError?: 'throw' | 'show';
}

export interface DiagramFigure {
  /** The figure as HTML (for components: `<Fragment set:html={figure.html} />`). */
  html: string;
  /** The same figure as a hast element (for rehype plugins). */
  node: Element;
  /** 'svg': rendered at build time; 'client': no browser, mermaid runs in the reader's browser; 'error': dev-mode error box. */
  mode: 'svg' | 'client' | 'error';
}

/** Escape text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function describe(origin: DiagramOrigin | undefined, source: string, mermaidLine: number | undefined): string {
  if (!origin) return 'Mermaid diagram';
  if (origin.line === undefined) return `${origin.file}: Mermaid diagram`;
  const inBlock = mermaidLine !== undefined ? sourceLineOf(source, mermaidLine) : undefined;
  const at = inBlock !== undefined ? origin.line + inBlock : origin.line;
  return `${origin.file}:${at}: Mermaid diagram (block starting at line ${origin.line})`;
}

function el(tagName: string, properties: Properties, children: ElementContent[] = []): Element {
  return { type: 'element', tagName, properties, children };
}

function text(value: string): ElementContent {
  return { type: 'text', value };
}

// The copy button is an inline handler: no script file for pages without a playground.
const t = useTranslations();
const jsText = (s: string): string => `'${s.replace(/['\\]/g, '\\$&')}'`;
const COPY_HANDLER = `navigator.clipboard.writeText(this.nextElementSibling.textContent).then(()=>{this.textContent=${jsText(t('code.copied'))};setTimeout(()=>{this.textContent=${jsText(t('code.copy'))}},1500)})`;

function sourceDetails(source: string): Element {
  return el('details', { className: ['diagram-source'] }, [
    el('summary', {}, [text(t('diagram.source'))]),
    el('button', { type: 'button', className: ['diagram-copy'], onClick: COPY_HANDLER }, [text(t('code.copy'))]),
    el('pre', {}, [el('code', { className: ['language-mermaid'] }, [text(source)])]),
  ]);
}

function caption(value: string | undefined): Element[] {
  return value ? [el('figcaption', {}, [text(value)])] : [];
}

function figure(kind: string, hash: string, extraClass: string[], children: Element[]): Element {
  return el(
    'figure',
    { className: ['diagram', `diagram-${kind}`, ...extraClass], dataDiagram: kind, dataDiagramHash: hash },
    children,
  );
}

/** The width and height mermaid drew at (its viewBox), or undefined. */
function drawnSize(svg: Element): { width: number; height: number } | undefined {
  const box = String(svg.properties['viewBox'] ?? '').trim().split(/[\s,]+/).map(Number);
  const [width, height] = [box[2], box[3]];
  return width !== undefined && height !== undefined && width > 0 && height > 0 ? { width, height } : undefined;
}

/**
 * The box around one SVG. Its size is known here, so the page reserves it before the SVG is laid out
 * (as wide as the drawing or the column, whichever is narrower, and as tall as that width asks): the
 * browser can then skip laying out diagrams outside the viewport (content-visibility in diagrams.css)
 * without the page jumping when they come into view.
 */
function svgBox(themeClass: string[], svg: Element, a11y: Properties): Element {
  const size = drawnSize(svg);
  const sizing: Properties = size
    ? { className: ['diagram-svg', 'diagram-sized', ...themeClass], style: `max-width:${size.width}px;aspect-ratio:${size.width}/${size.height}` }
    : { className: ['diagram-svg', ...themeClass] };
  return el('div', { ...sizing, ...a11y }, [classRepeats(slimSvg(svg))]);
}

/** The bytes mermaid writes that a page does not need, taken out (svg-slim.ts, svg-sheet.ts). */
export function slimSvg(svg: Element): Element {
  const slim = dropUnusedData(shareFontStack(svg, DIAGRAM_FONT_STACK, '--font-sans'));
  return shareSheet(slim, String(svg.properties['id']));
}

/** Inline module that loads mermaid's bundle once the first client-rendered diagram is near the viewport. */
function clientLoader(base: string): Element {
  const src = `${base}_diagrams/mermaid.min.js`;
  const code =
    `if(!window.__paxosMermaid){window.__paxosMermaid=1;` +
    `const io=new IntersectionObserver((es)=>{if(!es.some((e)=>e.isIntersecting))return;io.disconnect();` +
    `const s=document.createElement('script');s.src=${JSON.stringify(src)};` +
    `s.onload=()=>{const dark=document.documentElement.dataset.theme==='dark';` +
    `mermaid.initialize({startOnLoad:false,theme:dark?'dark':'default'});mermaid.run({querySelector:'pre.mermaid'})};` +
    `document.head.append(s)},{rootMargin:'400px'});` +
    `document.querySelectorAll('pre.mermaid').forEach((e)=>io.observe(e))}`;
  return el('script', { type: 'module' }, [text(code)]);
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

function done(node: Element, mode: DiagramFigure['mode']): DiagramFigure {
  let html: string | undefined;
  return {
    node,
    mode,
    // Serialised on first use only: the Markdown plugin never needs the string.
    get html() {
      html ??= toHtml(node);
      return html;
    },
  };
}

/**
 * Render `source` in both themes and return the figure (HTML and hast), one SVG themed by CSS.
 * Throws DiagramError for an invalid diagram unless onError is 'show'. Never throws for a missing
 * browser: the figure then falls back to client-side rendering (and one warning is printed).
 */
export async function renderMermaidFigure(source: string, options: FigureOptions = {}): Promise<DiagramFigure> {
  const kind = options.kind ?? 'mermaid';
  const onError = options.onError ?? 'throw';
  const scope = options.scope ?? processScope;
  const hash = sha256(source).slice(0, 12);
  const n = scope.next(hash);
  try {
    // Sequential on purpose: the browser renders one at a time anyway.
    const light = await renderMermaid(source, { theme: 'light' });
    const dark = await renderMermaid(source, { theme: 'dark' });
    const finalId = `${light.rootId}-${scope.prefix}${n}`;
    const lightSvg = retargetTree(light.tree, light.rootId, finalId);
    // A screen reader hears one name and a message-by-message description instead of the SVG's text
    // nodes; when both themes are in the page only one box is displayed, so it is announced once.
    const { label, description } = describeMermaid(source);
    const descId = `${finalId}-desc`;
    const a11y: Properties = { role: 'img', ariaLabel: label, ariaDescribedBy: [descId] };
    const once = themeOnce(lightSvg, retargetTree(dark.tree, dark.rootId, finalId), finalId);
    let boxes: Element[];
    if ('svg' in once) {
      boxes = [svgBox([], once.svg, a11y)];
    } else {
      // The themes drew different pictures: both go into the page and CSS shows one (diagrams.css).
      console.warn(`[diagrams] ${describe(options.origin, source, undefined)}: light and dark renders differ (${once.reason}); both are in the page.`);
      const darkSvg = retargetTree(dark.tree, dark.rootId, `${dark.rootId}-${scope.prefix}${n}`);
      boxes = [svgBox(['diagram-light'], lightSvg, a11y), svgBox(['diagram-dark'], darkSvg, a11y)];
    }
    return done(
      figure(kind, hash, [], [
        ...boxes,
        el('p', { id: descId, className: ['sr-only'], dataPagefindIgnore: '' }, [text(description)]),
        ...caption(options.caption),
        sourceDetails(source),
      ]),
      'svg',
    );
  } catch (err) {
    if (err instanceof BrowserUnavailableError) {
      warnNoBrowser(err);
      runState().clientFallbacks++;
      return done(
        figure(kind, hash, ['diagram-client'], [
          el('pre', { className: ['mermaid'] }, [text(source)]),
          ...caption(options.caption),
          sourceDetails(source),
          clientLoader(diagramSettings().base),
        ]),
        'client',
      );
    }
    if (err instanceof MermaidSyntaxError) {
      const message = `${describe(options.origin, source, err.mermaidLine)} is invalid: ${err.message}`;
      if (onError === 'throw') throw new DiagramError(message);
      return done(
        el('figure', { className: ['diagram', 'diagram-error'], dataDiagram: kind, role: 'alert' }, [
          el('p', {}, [el('strong', {}, [text(t('diagram.invalid'))])]),
          el('pre', {}, [text(message)]),
          sourceDetails(source),
        ]),
        'error',
      );
    }
    throw new DiagramError(`${describe(options.origin, source, undefined)} could not be rendered: ${(err as Error).message}`);
  }
}
