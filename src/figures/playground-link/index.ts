// Share links for playground runs: the codec (codec.ts) and the playground's address (href.ts).
export { encodeRunLink, decodeRunLink, linkScenario, MAX_COMMANDS, MAX_LINK_CHARS, LINK_VERSION } from './codec.ts';
export type { Command, RunLink, DecodeResult } from './codec.ts';
export { playgroundHref } from './href.ts';
export { scriptRunLink } from './script-link.ts';
