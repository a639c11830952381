// Moved to src/figures/outcome.ts. Only PaxosPlayground.tsx still imports this path (its imports are being
// changed on another branch); delete this file when it imports '../../figures/outcome.ts'.
export * from '../../figures/outcome.ts';
