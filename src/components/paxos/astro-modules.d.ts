// Plain `tsc` (npm run typecheck) has no type for .astro imports (Astro's editor tooling provides them), and
// index.ts re-exports .astro components for notes. This tells tsc they are Astro components.
declare module '*.astro' {
  const component: import('astro/runtime/server/index.js').AstroComponentFactory;
  export default component;
}
