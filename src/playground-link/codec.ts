// Moved to src/figures/playground-link/codec.ts. Only PaxosPlayground.tsx still loads this path (its
// imports are being changed on another branch); delete this file when it loads the new one.
export * from '../figures/playground-link/codec.ts';
