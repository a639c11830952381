// The Astro integration around the renderer: settings from the Astro config, the client-side
// fallback bundle, and closing the shared browser when the build is done.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { normalBase } from '../base-path.ts';
import { mermaidBundlePath } from './mermaid-assets.ts';
import { browserRenderCount, browserTimings, closeBrowser } from './session.ts';
import { dropRepeatedSheetsIn } from './svg-sheet.ts';
import { configureDiagrams, resetRunState, runState } from './settings.ts';

/** Path (under the site's base) of mermaid's bundle for pages that render diagrams client-side. */
export const CLIENT_BUNDLE = '_diagrams/mermaid.min.js';

export function diagramsIntegration(): AstroIntegration {
  return {
    name: 'paxos-notes:diagrams',
    hooks: {
      // The build's early start on uncached diagrams is the notes' business: src/markdown/integration.ts
      // finds the ```mermaid blocks and calls prerenderMermaid once these settings are in place.
      'astro:config:setup': ({ command, config }) => {
        const root = fileURLToPath(config.root);
        configureDiagrams({
          mode: command === 'dev' ? 'dev' : 'build',
          base: normalBase(config.base),
          root,
          cacheDir: join(root, 'node_modules', '.cache', 'paxos-diagrams'),
        });
        resetRunState();
      },
      'astro:server:setup': ({ server }) => {
        // `astro dev` without a browser: serve the fallback bundle from node_modules.
        server.middlewares.use((req, res, next) => {
          if (!req.url?.endsWith(`/${CLIENT_BUNDLE}`)) return next();
          res.setHeader('content-type', 'text/javascript');
          res.end(readFileSync(mermaidBundlePath()));
        });
      },
      'astro:server:done': async () => {
        await closeBrowser();
      },
      'astro:build:done': async ({ dir, logger }) => {
        await closeBrowser();
        const run = runState();
        if (run.clientFallbacks > 0) {
          const target = join(fileURLToPath(dir), CLIENT_BUNDLE);
          mkdirSync(join(target, '..'), { recursive: true });
          copyFileSync(mermaidBundlePath(), target);
        }
        // Pages with many diagrams of one kind keep one copy of their shared stylesheet (svg-sheet.ts).
        const saved = dropRepeatedSheetsIn(fileURLToPath(dir));
        const t = browserTimings();
        const browserTime =
          browserRenderCount() > 0
            ? ` (browser start ${(t.launchMs / 1000).toFixed(1)} s, rendering ${(t.renderMs / 1000).toFixed(1)} s)`
            : '';
        logger.info(
          `diagrams: ${browserRenderCount()} rendered in Chromium, ${run.cacheHits} from cache${browserTime}` +
            (run.clientFallbacks > 0 ? `, ${run.clientFallbacks} left to the reader's browser (no Chromium)` : '') +
            (saved > 0 ? `; ${(saved / 1024).toFixed(0)} KB of repeated diagram stylesheets left out` : ''),
        );
      },
    },
  };
}
