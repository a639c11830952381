// Repairs the YAML mistakes Hexo posts commonly carry, then parses the front matter with `yaml`.
// Each repair is the smallest edit that makes the author's evident meaning valid YAML, and each is
// reported. What cannot be repaired that way fails with the line and YAML's own message.
import YAML from 'yaml';
import { yamlData } from '../markdown/yaml-aliases.ts';
import type { Failure } from './types.ts';
import type { FrontMatterSplit } from './split.ts';

export interface ParsedFrontMatter {
  ok: true;
  data: Record<string, unknown>;
  changes: string[];
  /** Source line of each top-level key, for messages about a field. */
  keyLines: Map<string, number>;
  /** Whole-line YAML comments, in order. */
  comments: string[];
}

/** Fields whose value is text: a leading `[` or `{` there is part of the text, never a list or map. */
const textFields = new Set(['title', 'subtitle', 'description', 'excerpt']);

const entry = /^(\s*)([^\s#'"\-][^:]*?|-\s+[^\s#'"][^:]*?)\s*:(\s+)(.*)$/;
const listItem = /^(\s*)-(\s+)(.*)$/;

export function parseFrontMatterData(split: FrontMatterSplit): ParsedFrontMatter | ({ ok: false } & Failure) {
  return split.format === 'json' ? parseJson(split) : parseYaml(split);
}

function parseJson(split: FrontMatterSplit): ParsedFrontMatter | ({ ok: false } & Failure) {
  // Hexo's JSON front matter is the inside of an object: `"title": "…", "date": "…"` without braces.
  const inner = split.data.trim();
  const source = inner.startsWith('{') ? inner : `{${inner}}`;
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (error) {
    return { ok: false, line: split.dataLine, reason: `JSON front matter (";;;") is not valid JSON: ${(error as Error).message}` };
  }
  if (!isRecord(data)) return { ok: false, line: split.dataLine, reason: 'JSON front matter (";;;") is not an object of fields' };
  const keyLines = new Map<string, number>();
  split.data.split('\n').forEach((line, i) => {
    const key = /^\s*"([^"]+)"\s*:/.exec(line)?.[1];
    if (key !== undefined && !keyLines.has(key)) keyLines.set(key, split.dataLine + i);
  });
  return { ok: true, data, changes: ['front matter: JSON (";;;") → YAML'], keyLines, comments: [] };
}

function parseYaml(split: FrontMatterSplit): ParsedFrontMatter | ({ ok: false } & Failure) {
  const changes: string[] = [];
  const lines = split.data.split('\n');
  const at = (i: number) => split.dataLine + i;

  // Hexo turns each leading tab into two spaces before parsing (YAML forbids tabs as indentation).
  const tabbed: number[] = [];
  lines.forEach((line, i) => {
    const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
    if (indent.includes('\t')) {
      lines[i] = indent.replaceAll('\t', '  ') + line.slice(indent.length);
      tabbed.push(at(i));
    }
  });
  if (tabbed.length > 0) changes.push(`tab indentation → two spaces per tab (line${tabbed.length > 1 ? 's' : ''} ${tabbed.join(', ')})`);

  // Values that begin with `[` or `{` but are not a valid flow list or map: `title: [施工中]…`.
  const quoted = new Set<number>();
  lines.forEach((line, i) => {
    const m = entry.exec(line);
    const key = m?.[2];
    const value = m?.[4];
    const item = m ? undefined : listItem.exec(line);
    const itemValue = item?.[3];
    const raw = value ?? itemValue;
    if (raw === undefined || !(raw.startsWith('[') || raw.startsWith('{'))) return;
    const indent = (m?.[1] ?? item?.[1] ?? '').length;
    const isText = m !== null && indent === 0 && key !== undefined && textFields.has(key);
    if (!isText && parsesAsFlowCollection(raw, lines, i, indent)) return;
    const { text, comment } = splitComment(raw);
    const prefix = m ? `${m[1]}${m[2]}:${m[3]}` : `${item?.[1] ?? ''}-${item?.[2] ?? ' '}`;
    lines[i] = `${prefix}${singleQuote(text)}${comment}`;
    quoted.add(i);
    const name = key ?? 'list item';
    changes.push(`${name}: quoted value starting with "${raw.charAt(0)}" (line ${at(i)})${isText ? '' : '; it is not a valid YAML flow collection'}`);
  });

  // Any other plain value YAML rejects (`title: Paxos: 笔记`, `title: @foo`): quote that one value.
  for (let round = 0; round <= lines.length; round++) {
    const doc = YAML.parseDocument(lines.join('\n'), { uniqueKeys: true, prettyErrors: true });
    const error = doc.errors[0];
    if (error === undefined) {
      const read = yamlData(doc, lines.join('\n'));
      if (!read.ok) return { ok: false, line: at(read.line - 1), reason: `front matter: ${read.message}` };
      const data = read.data;
      if (data === null || data === undefined) return { ok: false, line: split.dataLine, reason: 'front matter has no fields; add at least "title: …"' };
      if (!isRecord(data)) return { ok: false, line: split.dataLine, reason: 'front matter is not a list of "field: value" lines' };
      // Whole-line comments are carried over, written after the fields (where the note keeps its own).
      // A line starting with # inside a multi-line value (`description: |`) is text, not a comment.
      const inValue = valueLines(doc, lines);
      const isComment = (line: string, i: number) => line.trimStart().startsWith('#') && !inValue.has(i);
      const comments = lines.filter(isComment);
      const lastField = lines.findLastIndex((line, i) => line.trim() !== '' && !isComment(line, i));
      const moved = lines.flatMap((line, i) => (isComment(line, i) && i < lastField ? [at(i)] : []));
      if (moved.length > 0) changes.push(`YAML comments moved below the fields (line${moved.length > 1 ? 's' : ''} ${moved.join(', ')})`);
      return { ok: true, data, changes, keyLines: topLevelKeyLines(lines, split.dataLine), comments };
    }
    const index = Math.min((error.linePos?.[0].line ?? 1) - 1, lines.length - 1);
    const line = lines[index] ?? '';
    const m = entry.exec(line);
    const value = m?.[4];
    const fixable = m !== null && value !== undefined && value !== '' && !quoted.has(index) && !/^['"|>]/.test(value);
    const message = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? error.code;
    if (error.code === 'MISSING_CHAR' && /quote/.test(message)) {
      // YAML notices a missing closing quote only where the text ends; name the line that opened it.
      for (let k = index; k >= 0; k--) {
        const opened = entry.exec(lines[k] ?? '');
        const start = opened?.[4]?.charAt(0);
        if (opened && (start === '"' || start === "'") && !closesOnItsLine(opened[4] ?? '')) {
          return { ok: false, line: at(k), reason: `front matter is not valid YAML: the ${start} that opens the value of ${opened[2]} is never closed; add the closing ${start}` };
        }
      }
    }
    if (!fixable || m === null || value === undefined) {
      const hint = error.code === 'DUPLICATE_KEY' ? 'keep one of the two fields' : 'quote the value or fix the indentation';
      return { ok: false, line: at(index), reason: `front matter is not valid YAML: ${message}; ${hint}` };
    }
    const { text, comment } = splitComment(value);
    lines[index] = `${m[1]}${m[2]}:${m[3]}${singleQuote(text)}${comment}`;
    quoted.add(index);
    changes.push(`${m[2]}: quoted value that YAML rejected (line ${at(index)}: ${message})`);
  }
  return { ok: false, line: split.dataLine, reason: 'front matter could not be repaired; quote its values' };
}

/** Whether a value starting with `[`/`{` (with its more-indented continuation lines) is valid YAML. */
function parsesAsFlowCollection(value: string, lines: string[], index: number, indent: number): boolean {
  const parts = [value];
  for (let j = index + 1; j < lines.length; j++) {
    const next = lines[j] ?? '';
    if (next.trim() === '' || (/^\s*/.exec(next)?.[0].length ?? 0) <= indent) break;
    parts.push(next.trim());
  }
  const doc = YAML.parseDocument(`v: ${parts.join(' ')}`);
  return doc.errors.length === 0;
}

/** Indexes of the lines that lie inside a scalar value spanning several lines. */
function valueLines(doc: YAML.Document, lines: string[]): Set<number> {
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  const lineAt = (pos: number) => starts.findLastIndex((start) => start <= pos);
  const inside = new Set<number>();
  YAML.visit(doc, {
    Scalar(_key, node) {
      if (!node.range) return;
      const first = lineAt(node.range[0]);
      const last = lineAt(Math.max(node.range[0], node.range[1] - 1));
      for (let i = first + 1; i <= last; i++) inside.add(i);
    },
  });
  return inside;
}

/** Whether a quoted YAML value (starting with " or ') ends its quote on the same line. */
function closesOnItsLine(value: string): boolean {
  const quote = value.charAt(0);
  const rest = value.slice(1);
  if (quote === "'") return /^(?:[^']|'')*'(?!')/.test(rest);
  return /^(?:[^"\\]|\\.)*"/.test(rest);
}

/** `[WIP] x # note` → text `[WIP] x`, comment ` # note` (in a plain YAML value ` #` starts a comment). */
function splitComment(value: string): { text: string; comment: string } {
  const m = /\s#/.exec(value);
  if (!m) return { text: value.trimEnd(), comment: '' };
  return { text: value.slice(0, m.index).trimEnd(), comment: value.slice(m.index) };
}

function singleQuote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function topLevelKeyLines(lines: string[], firstLine: number): Map<string, number> {
  const result = new Map<string, number>();
  lines.forEach((line, i) => {
    const key = /^([^\s#'"\-][^:]*?)\s*:(?:\s|$)/.exec(line)?.[1] ?? /^(['"])(.+?)\1\s*:/.exec(line)?.[2];
    if (key !== undefined && !result.has(key)) result.set(key, firstLine + i);
  });
  return result;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
