// Build-wide settings of the diagram renderer. The Astro integration fills them at astro:config:setup;
// scripts that call the renderer directly get the defaults. Kept on globalThis for the same reason as
// the browser session (several copies of this module may be loaded by Astro/Vite).
import { join } from 'node:path';

export interface DiagramSettings {
  /** Where rendered SVGs are cached. $PAXOS_DIAGRAM_CACHE overrides. */
  cacheDir: string;
  /** 'build' fails on a bad diagram; 'dev' shows the error in the page instead. */
  mode: 'build' | 'dev';
  /** The site's base path (Astro `base`), ending in '/': where the client-side fallback bundle is served. */
  base: string;
  /** Project root: error messages name note files relative to it. */
  root: string;
}

export interface DiagramRunState {
  /** Diagrams that fell back to client-side rendering (no browser). */
  clientFallbacks: number;
  /** The "no browser" warning is printed once per process. */
  warned: boolean;
  /** Diagrams served from the disk cache. */
  cacheHits: number;
}

interface Global {
  settings: DiagramSettings;
  run: DiagramRunState;
}

const KEY = Symbol.for('paxos-notes.diagrams.settings');

function global(): Global {
  const g = globalThis as unknown as Record<symbol, Global | undefined>;
  return (g[KEY] ??= {
    settings: {
      cacheDir: process.env['PAXOS_DIAGRAM_CACHE'] || join(process.cwd(), 'node_modules', '.cache', 'paxos-diagrams'),
      mode: 'build',
      base: '/',
      root: process.cwd(),
    },
    run: { clientFallbacks: 0, warned: false, cacheHits: 0 },
  });
}

export function diagramSettings(): DiagramSettings {
  return global().settings;
}

export function configureDiagrams(patch: Partial<DiagramSettings>): DiagramSettings {
  const g = global();
  g.settings = { ...g.settings, ...patch };
  if (process.env['PAXOS_DIAGRAM_CACHE']) g.settings.cacheDir = process.env['PAXOS_DIAGRAM_CACHE'];
  return g.settings;
}

export function runState(): DiagramRunState {
  return global().run;
}

export function resetRunState(): void {
  global().run = { clientFallbacks: 0, warned: false, cacheHits: 0 };
}
