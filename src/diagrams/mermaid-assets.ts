// Locating mermaid's browser bundle and version from the installed package.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** Directory of mermaid's dist/ (the package only exports ".", so resolve that and walk up). */
function mermaidDist(): string {
  return dirname(require.resolve('mermaid'));
}

/** The self-contained browser bundle (IIFE, defines window.mermaid). */
export function mermaidBundlePath(): string {
  return join(mermaidDist(), 'mermaid.min.js');
}

let version: string | undefined;
export function mermaidVersion(): string {
  version ??= (JSON.parse(readFileSync(join(mermaidDist(), '..', 'package.json'), 'utf8')) as { version: string })
    .version;
  return version;
}
