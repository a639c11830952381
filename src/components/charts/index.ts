// Build-time charts for the notes: `import { NackChart } from '@/components/charts';` (no client JavaScript).
export { default as NackChart } from './NackChart.astro';
