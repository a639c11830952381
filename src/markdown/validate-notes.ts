// Front matter check that runs before Astro's content sync (astro:config:setup), so a bad note stops
// the build with file:line, the field, and what to do, instead of a bare YAML or zod error.
// It parses with the same YAML reader as Astro (js-yaml via @astrojs/markdown-remark) and validates
// with the collection's own schema, so it accepts exactly what the build accepts; on top of that it
// refuses control characters, YAML alias bombs and calendar-impossible dates that js-yaml lets through.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { parseDocument, type Document } from 'yaml';
import { findControlCharacters } from './control-characters.ts';
import { noteSchema } from './note-schema.ts';
import { yamlData } from './yaml-aliases.ts';

/** The notes collection folder, relative to the project root. */
export const NOTES_DIR = 'content/notes';

export interface NoteProblem {
  /** Relative to the project root. */
  file: string;
  line: number;
  field: string | undefined;
  message: string;
  fix: string;
}

const IMPORT_HINT = 'or convert the Hexo post with `npm run import -- <post.md>`';

interface YamlError {
  name?: string;
  reason?: string;
  mark?: { line: number; column: number };
  message?: string;
}

/** Line (1-based) of the opening `---` and the raw front matter lines after it. */
function frontMatterLines(text: string): { start: number; lines: string[] } | undefined {
  const m = /^(\uFEFF?(?:\s*\n)?)---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return undefined;
  const start = (m[1]!.match(/\n/g)?.length ?? 0) + 1;
  return { start, lines: m[2]!.split(/\r?\n/) };
}

function fieldLine(fm: { start: number; lines: string[] } | undefined, field: string | undefined): number {
  if (!fm) return 1;
  if (field) {
    const re = new RegExp(`^${field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`);
    const i = fm.lines.findIndex((l) => re.test(l));
    if (i >= 0) return fm.start + 1 + i;
  }
  return fm.start;
}

function yamlProblem(file: string, fm: { start: number; lines: string[] } | undefined, err: YamlError): NoteProblem {
  // js-yaml counts lines from 0 inside the front matter it was given, which begins with the newline
  // after the opening ---; so its line n is file line start + n.
  const start = fm?.start ?? 1;
  const line = err.mark ? start + err.mark.line : start;
  const text = fm?.lines[line - start - 1] ?? '';
  const keyMatch = /^([\w-]+)\s*:\s*(.*)$/.exec(text);
  const field = keyMatch?.[1];
  const value = keyMatch?.[2] ?? '';
  const reason = err.reason ?? err.message ?? String(err);
  let fix: string;
  if (/^[[{]/.test(value) && !/^(\[.*\]|\{.*\})\s*$/.test(value)) {
    fix = `put the value in quotes: ${field}: "${value.replace(/"/g, '\\"')}" (a leading ${value[0]} starts a YAML ${value[0] === '[' ? 'list' : 'map'}), ${IMPORT_HINT}`;
  } else if (/\t/.test(text) || /tab/.test(reason)) {
    fix = `indent with spaces instead of tabs, ${IMPORT_HINT}`;
  } else {
    fix = 'fix the YAML syntax; put values containing ": ", " #", or a leading [ { * & ! | > in quotes';
  }
  const what = field ? `front matter field "${field}" is not valid YAML` : 'front matter is not valid YAML';
  return { file, line, field, message: `${what} (${reason})`, fix };
}

/** The top-level field whose value holds `line` (a file line), from the front matter's own lines. */
function fieldAround(fm: { start: number; lines: string[] }, line: number): string | undefined {
  for (let i = Math.min(line - fm.start - 1, fm.lines.length - 1); i >= 0; i--) {
    const key = /^([\w-]+)\s*:/.exec(fm.lines[i] ?? '')?.[1];
    if (key !== undefined) return key;
  }
  return undefined;
}

/**
 * The front matter as the `yaml` package reads it, within the alias budget (yaml-aliases.ts). Astro's
 * js-yaml shares aliased values instead of copying them, so a bomb only goes off later, in whatever walks
 * the data; and js-yaml reads an unquoted `2023-02-30` as March 2. This reading catches the first and
 * keeps the dates as written for the second. Its syntax errors are left to js-yaml, whose verdict counts.
 */
function readWithAliasBudget(file: string, fm: { start: number; lines: string[] }): { problem: NoteProblem } | { data: Record<string, unknown> | undefined } {
  const source = fm.lines.join('\n');
  let doc: Document;
  try {
    doc = parseDocument(source, { uniqueKeys: false });
  } catch {
    // Nesting deep enough to exhaust the stack: js-yaml, below, gives the verdict and the line.
    return { data: undefined };
  }
  if (doc.errors.length > 0) return { data: undefined };
  const read = yamlData(doc, source);
  if (!read.ok) {
    const line = fm.start + read.line;
    const field = fieldAround(fm, line);
    const [what, ...fix] = read.message.split('; ');
    return { problem: { file, line, field, message: `front matter${field ? ` field "${field}"` : ''} is too large: ${what}`, fix: fix.join('; ') } };
  }
  return { data: isRecord(read.data) ? read.data : undefined };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Problems in one note (empty when it is fine): stray control characters, then its front matter. `file` is only used in messages. */
export function checkNoteSource(file: string, text: string): NoteProblem[] {
  const controls = findControlCharacters(text);
  const problems = frontMatterProblems(file, text);
  if (controls.length === 0) return problems;
  const where = controls.slice(0, 5).map((c) => `${c.code} at ${c.line}:${c.column}`).join(', ');
  const control: NoteProblem = {
    file,
    line: controls[0]!.line,
    field: undefined,
    message: `has ${controls.length} control character${controls.length === 1 ? '' : 's'} that no page or feed can carry (${where}${controls.length > 5 ? ', …' : ''})`,
    fix: 'delete them (they are invisible; an editor that shows control characters finds them), or re-import the Hexo post, which removes them',
  };
  return [control, ...problems];
}

function frontMatterProblems(file: string, text: string): NoteProblem[] {
  const fm = frontMatterLines(text);
  const asWritten = fm ? readWithAliasBudget(file, fm) : { data: undefined };
  if ('problem' in asWritten) return [asWritten.problem];
  let data: Record<string, unknown>;
  try {
    data = parseFrontmatter(text).frontmatter;
  } catch (err) {
    return [yamlProblem(file, fm, err as YamlError)];
  }
  // js-yaml has already turned an unquoted date into a Date, rolling 2023-02-30 over to March 2: the
  // schema reads the text as written instead, with the one date reader.
  const written = asWritten.data;
  for (const key of ['date', 'updated']) {
    if (data[key] instanceof Date && typeof written?.[key] === 'string') data = { ...data, [key]: written[key] };
  }
  const result = noteSchema.safeParse(data);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const field = issue.path.length > 0 ? String(issue.path[0]) : undefined;
    const shown = issue.path.map(String).join('.');
    const fix =
      field === 'title' && issue.code !== 'custom'
        ? 'give the note a title, in quotes if it starts with [ or {: title: "[施工中]标题"'
        : field === 'draft' || field === 'wip'
          ? `write ${field}: true or ${field}: false`
          : field === 'date' || field === 'updated'
            ? 'write the date as 2023-05-16 20:29:07 or 2023-05-16T20:29:07+08:00'
            : 'see the field list in README ("How to write a note")';
    return {
      file,
      line: fieldLine(fm, field),
      field,
      message: `front matter field "${shown || '(root)'}" ${issue.message}`,
      fix,
    };
  });
}

function listNotes(dir: string): string[] {
  const out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries.sort()) {
    if (name.startsWith('.') || name.startsWith('_')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listNotes(path));
    else if (/\.mdx?$/.test(name)) out.push(path);
  }
  return out;
}

/** Absolute paths of every note file under <root>/content/notes. */
export function listNoteFiles(root: string): string[] {
  return listNotes(join(root, NOTES_DIR));
}

/** Check every note under <root>/content/notes. */
export function validateNotes(root: string): NoteProblem[] {
  const problems: NoteProblem[] = [];
  for (const path of listNoteFiles(root)) {
    problems.push(...checkNoteSource(relative(root, path), readFileSync(path, 'utf8')));
  }
  return problems;
}

export function formatProblems(problems: readonly NoteProblem[]): string {
  return problems
    .map((p) => `${p.file}:${p.line}: ${p.message}\n  fix: ${p.fix}`)
    .join('\n');
}
