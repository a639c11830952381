// Public API of the build-time diagram renderer. See README section "Diagrams" and figure.ts.
export { findChromium, INSTALL_HINT } from './browser.ts';
export type { BrowserDiscovery } from './browser.ts';
export { renderMermaid, prerenderMermaid, isCached, diagramRootId, DIAGRAM_FONT_STACK } from './render.ts';
export type { DiagramTheme, RenderOptions, RenderedDiagram } from './render.ts';
export { renderMermaidFigure, createIdScope, escapeHtml, DiagramError } from './figure.ts';
export type { DiagramFigure, DiagramOrigin, FigureOptions, IdScope } from './figure.ts';
export { BrowserUnavailableError, MermaidSyntaxError, closeBrowser, browserRenderCount } from './session.ts';
export { configureDiagrams, diagramSettings, runState } from './settings.ts';
export { scopeIds, retarget, retargetTree, listIds, pruneUnusedDefs } from './svg-ids.ts';
