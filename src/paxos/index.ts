// Public surface of the engine for the site, the CLI and the playground. The engine imports nothing from
// Astro, Node or the DOM.
export * from './core/ballot.ts';
export * from './core/ids.ts';
export * from './core/message.ts';
export * from './core/trace.ts';
export * from './core/random.ts';
export * from './core/protocol.ts';
export * from './core/mutants.ts';
