// Everything that only formats a trace.
export { traceToMermaid, escapeMermaid, type MermaidOptions } from './mermaid.ts';
export { traceToText, type TextOptions } from './text.ts';
export { summarizeOutcome, type Outcome, type SlotOutcome, type StallReason } from './outcome.ts';
export { messageLabel, noteLabel, formatValue, type LabelOptions, type Lang } from './labels.ts';
