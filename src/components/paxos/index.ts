// What a note imports: `import { PaxosDiagram, PaxosCounterexample, PaxosPlayground } from '@/components/paxos';`
// PaxosDiagram and PaxosCounterexample render at build time (no JavaScript); PaxosPlayground is the Preact
// island and needs a client directive: `<PaxosPlayground client:visible scenario={…} />`.
export { default as PaxosDiagram } from './PaxosDiagram.astro';
export { default as PaxosCounterexample } from './PaxosCounterexample.astro';
export { default as PaxosPlayground } from '../playground/PaxosPlayground.tsx';
