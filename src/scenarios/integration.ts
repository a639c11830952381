// Scenario files (content/scenarios/**.json) in the build and in `astro dev`: every file a note imports
// is checked when Vite loads it, so a bad field fails the build, or shows in Astro's overlay, with the
// file, the line and the engine's words for what is wrong. In `astro dev` only, the playground can also
// save a run as a new scenario file (record-endpoint.ts).
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { checkScenarioFile } from './check-file.ts';
import { SCENARIOS_DIR } from './record.ts';
import { recordEndpoint } from './record-endpoint.ts';

interface TransformContext {
  error(e: { message: string; id: string; loc?: { file: string; line: number; column: number } }): never;
}

/** The Vite plugin: checks a scenario file's JSON text before Vite's own JSON plugin turns it into a module. */
export function scenarioFilesPlugin(root: string) {
  const dir = join(root, SCENARIOS_DIR) + sep;
  return {
    name: 'paxos-notes:scenario-files',
    enforce: 'pre' as const,
    transform(this: TransformContext, code: string, id: string): { code: string; map: null } | null {
      const file = id.split('?')[0]!;
      if (!file.startsWith(dir) || !file.endsWith('.json')) return null;
      // Vite hands over the file as read; read it again only if a plugin before us changed it.
      const text = code.trimStart().startsWith('{') || code.trimStart().startsWith('[') ? code : readFileSync(file, 'utf8');
      const problem = checkScenarioFile(relative(root, file), text);
      // A byte-order mark is fine in a scenario file (editors on Windows add one); Vite's JSON plugin is not.
      if (!problem) return code.charCodeAt(0) === 0xfeff ? { code: code.slice(1), map: null } : null;
      return this.error({
        message: problem.message,
        id: file,
        ...(problem.line !== undefined ? { loc: { file, line: problem.line, column: problem.column ?? 1 } } : {}),
      });
    },
  };
}

export function scenariosIntegration(): AstroIntegration {
  let root = '';
  return {
    name: 'paxos-notes:scenarios',
    hooks: {
      'astro:config:setup': ({ config, updateConfig }) => {
        root = fileURLToPath(config.root);
        updateConfig({ vite: { plugins: [scenarioFilesPlugin(root)] } });
      },
      'astro:server:setup': ({ server, logger }) => {
        server.middlewares.use(recordEndpoint(root, logger));
      },
    },
  };
}
