// ```paxos fenced blocks: a scenario written in YAML becomes the same figure as <PaxosDiagram> (run at
// build time, checked, drawn once for both themes, outcome, playground link), so plain .md notes get generated
// diagrams too. A bad block fails the build with `note:line: paxos block: field: what is wrong`, the line
// being the offending field's own line in the note.
//
// Block syntax: the scenario's fields (src/paxos/sim/scenario.ts) plus display keys —
//   use: basic/preempted        start from a scenario of content/scenarios (the block's fields override it)
//   caption: "…"                text under the diagram (default: the scenario's title)
//   playground: false           no "open in the playground" link
//   autonumber / drops / timeouts: true|false, hideKinds: [heartbeat], diagramEvents: N
//
// The language must be in markdown.syntaxHighlight.excludeLangs (astro.config.mjs has it), or Shiki
// highlights the block before this plugin sees it.
import { readFileSync } from 'node:fs';
import type { ElementContent, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { isMap, parseDocument, type Document } from 'yaml';
import { createIdScope, type IdScope } from '../diagrams/figure.ts';
import { renderPaxosFigure, type PaxosFigureOptions } from '../figures/figure.ts';
import { ScenarioError, type Scenario } from '../paxos/sim/scenario.ts';
import { scenarioCatalog } from '../scenarios/index.ts';
import { fieldLine } from '../scenarios/field-line.ts';
import { devImport, noteHasFences } from './dev-modules.ts';
import { findFences, notePath, replaceFence } from './fences.ts';
import { unclosedFence } from './scan-fences.ts';
import { yamlData } from './yaml-aliases.ts';

const DISPLAY_KEYS = ['use', 'caption', 'playground', 'autonumber', 'drops', 'timeouts', 'hideKinds', 'diagramEvents'] as const;

/** A problem in a block, with the line inside the block (1 = the first line after the ``` fence). */
export class PaxosFenceError extends Error {
  readonly field: string;
  readonly blockLine: number | undefined;
  constructor(field: string, message: string, blockLine: number | undefined) {
    super(message);
    this.name = 'PaxosFenceError';
    this.field = field;
    this.blockLine = blockLine;
  }
}

export interface ParsedFence {
  readonly scenario: Scenario;
  readonly options: PaxosFigureOptions;
  readonly doc: Document;
}

/**
 * The stored scenario a block starts from (`use:`), read from its YAML in any style (block or flow mapping);
 * undefined for a block without one or one that is not YAML (rendering reports that).
 */
export function fenceUse(text: string): string | undefined {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const use: unknown = doc.get('use');
  return typeof use === 'string' ? use : undefined;
}

/** Parses a block's YAML into a scenario and display options. Throws PaxosFenceError. */
export function parsePaxosFence(text: string, catalog: Readonly<Record<string, Scenario>> = scenarioCatalog): ParsedFence {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0]?.line;
    throw new PaxosFenceError('yaml', `not valid YAML: ${first.message.split('\n')[0]}`, line);
  }
  if (!isMap(doc.contents)) throw new PaxosFenceError('scenario', 'must be a YAML mapping of scenario fields (protocol: basic, …)', 1);
  const read = yamlData(doc, text);
  if (!read.ok) throw new PaxosFenceError('yaml', read.message, read.line);
  const data = read.data as Record<string, unknown>;
  const options: { -readonly [K in keyof PaxosFigureOptions]: PaxosFigureOptions[K] } = {};
  const bad = (field: string, message: string): never => {
    throw new PaxosFenceError(field, message, fieldLine(doc, text, field));
  };
  const bool = (k: 'playground' | 'autonumber' | 'drops' | 'timeouts'): void => {
    if (data[k] === undefined) return;
    if (typeof data[k] !== 'boolean') bad(k, `must be true or false, got ${JSON.stringify(data[k])}`);
    options[k] = data[k] as boolean;
  };
  bool('playground');
  bool('autonumber');
  bool('drops');
  bool('timeouts');
  if (data['caption'] !== undefined) {
    if (typeof data['caption'] !== 'string') bad('caption', 'must be text');
    options.caption = data['caption'] as string;
  }
  if (data['hideKinds'] !== undefined) {
    const h = data['hideKinds'];
    if (!Array.isArray(h) || !h.every((x) => typeof x === 'string')) bad('hideKinds', 'must be a list of message kinds, e.g. [heartbeat]');
    options.hideKinds = h as string[];
  }
  if (data['diagramEvents'] !== undefined) {
    const n = data['diagramEvents'];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) bad('diagramEvents', 'must be a whole number ≥ 1');
    options.diagramEvents = n as number;
  }
  let base: Scenario | undefined;
  if (data['use'] !== undefined) {
    const name = data['use'];
    base = typeof name === 'string' && Object.hasOwn(catalog, name) ? catalog[name] : undefined;
    if (!base) bad('use', `no scenario ${JSON.stringify(name)}; scenarios are ${Object.keys(catalog).join(', ')}`);
  }
  const fields: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(data)) if (!(DISPLAY_KEYS as readonly string[]).includes(k)) fields[k] = v;
  if (fields['protocol'] === undefined) bad('protocol', 'missing: say which protocol runs (basic, multi or fast), or `use:` a scenario');
  options.caption ??= typeof fields['title'] === 'string' ? fields['title'] : undefined;
  return { scenario: fields as unknown as Scenario, options, doc };
}

// In `astro dev`, the engine and the scenario files as they are now (dev-modules.ts); in a build, ours.
async function freshModules() {
  const [figure, catalog] = await Promise.all([
    devImport<{ renderPaxosFigure: typeof renderPaxosFigure }>('/src/figures/figure.ts'),
    devImport<{ scenarioCatalog: typeof scenarioCatalog }>('/src/scenarios/index.ts'),
  ]);
  return { figure, catalog };
}

/** `astro dev`: load the fences' modules through Vite ahead of the first fenced note. */
export async function warmFenceModules(): Promise<void> {
  await freshModules();
}

/** Parses and renders one block; errors carry the field's line inside the block. */
export async function renderPaxosFence(text: string, extra: { scope?: IdScope; base?: string; origin?: { file: string; line?: number | undefined } } = {}): Promise<string> {
  const fresh = await freshModules();
  const parsed = parsePaxosFence(text, fresh.catalog?.scenarioCatalog);
  try {
    return await (fresh.figure?.renderPaxosFigure ?? renderPaxosFigure)(parsed.scenario, { ...parsed.options, ...extra });
  } catch (err) {
    // By name: in `astro dev` the engine may be Vite's copy, whose ScenarioError is another class.
    const e = err as ScenarioError;
    if (e instanceof Error && e.name === 'ScenarioError' && typeof e.path === 'string') {
      // runChecked prefixed the message with the figure's name; keep only the engine's own words.
      const message = e.message.replace(/^.*?: bad scenario: /, '').replace(new RegExp(`^${e.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `), '');
      throw new PaxosFenceError(e.path, message, fieldLine(parsed.doc, text, e.path));
    }
    throw err;
  }
}

/** The note's source: the text the Markdown parser was given, else the file on disk. */
function noteText(file: { path?: string; value?: unknown }): string {
  if (typeof file.value === 'string') return file.value;
  if (file.value instanceof Uint8Array) return new TextDecoder().decode(file.value);
  try {
    return file.path ? readFileSync(file.path, 'utf8') : '';
  } catch {
    return '';
  }
}

/** The rehype plugin: every ```paxos block in a note becomes a figure. */
export function rehypePaxosFence() {
  return async (tree: Root, file: { path?: string; value?: unknown }): Promise<void> => {
    const found = findFences(tree, 'paxos');
    if (found.length === 0) return;
    // Which stored scenarios the fences draw on, so `astro dev` re-renders this note when one of them changes.
    if (file.path) noteHasFences(file.path, found.flatMap(({ text }) => fenceUse(text) ?? []));
    const path = notePath(file);
    const asRaw = !path.endsWith('.mdx');
    const scope = createIdScope('p');
    for (const f of found) {
      const { line: fence, text } = f;
      // Markdown runs an unclosed fence to the end of the note; say so rather than "unknown field".
      const unclosed = fence === undefined ? undefined : unclosedFence(noteText(file), 'paxos', fence);
      if (unclosed !== undefined) throw new Error(`${path}:${fence}: \`\`\`paxos block: ${unclosed}`);
      let html: string;
      try {
        html = await renderPaxosFence(text, { scope, origin: { file: path, line: fence } });
      } catch (err) {
        if (err instanceof PaxosFenceError) {
          const line = fence !== undefined && err.blockLine !== undefined ? fence + err.blockLine : fence;
          throw new Error(`${path}${line !== undefined ? `:${line}` : ''}: \`\`\`paxos block: ${err.field}: ${err.message}`);
        }
        throw err;
      }
      replaceFence(
        f,
        asRaw
          ? [{ type: 'raw', value: html } as unknown as ElementContent & RootContent]
          : (fromHtml(html, { fragment: true }).children as (ElementContent & RootContent)[]),
      );
    }
  };
}
