// Checks every note's front matter before Astro's content sync, so the build stops with
// "file:line: field … fix: …" rather than a bare YAML or schema error.
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { formatProblems, validateNotes } from './validate-notes.ts';

export class NoteFrontMatterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoteFrontMatterError';
  }
}

export function notesCheckIntegration(): AstroIntegration {
  return {
    name: 'paxos-notes:front-matter',
    hooks: {
      'astro:config:setup': ({ command, config, logger }) => {
        const problems = validateNotes(fileURLToPath(config.root));
        if (problems.length === 0) return;
        const text = formatProblems(problems);
        // `astro dev` keeps running (Astro shows the broken entry); a build stops here.
        if (command === 'dev') logger.error(`\n${text}`);
        else throw new NoteFrontMatterError(`Invalid front matter in ${problems.length === 1 ? 'a note' : `${problems.length} places`}:\n${text}`);
      },
    },
  };
}
