// Moved to src/i18n/figures.ts. Only PaxosPlayground.tsx still imports this path (its imports are being
// changed on another branch); delete this file when it imports '../../i18n/figures.ts'.
export * from '../../i18n/figures.ts';
