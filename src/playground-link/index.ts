// Share links for playground runs (see codec.ts).
export { encodeRunLink, decodeRunLink, linkScenario, MAX_COMMANDS, MAX_LINK_CHARS, LINK_VERSION } from './codec.ts';
export type { Command, RunLink, DecodeResult } from './codec.ts';

/** The standalone playground's address for a run, under the site's base ('/' or '/sub/'). */
export function playgroundHref(base: string, fragment: string): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  return `${root}playground/#${fragment}`;
}
