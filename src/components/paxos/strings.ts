// Moved to src/figures/strings.ts (issue #15). The playground island, being rewritten on its own branch,
// still imports this path; this re-export goes once that branch imports the new one.
export * from '../../figures/strings.ts';
