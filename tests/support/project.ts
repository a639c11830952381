// Paths of the project under test.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The repository root (two levels above tests/support). */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The Astro CLI, run with the current Node (npm test runs Node 24). */
export const ASTRO_BIN = join(PROJECT_ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs');
