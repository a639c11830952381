// Front matter check that runs before Astro's content sync (astro:config:setup), so a bad note stops
// the build with file:line, the field, and what to do, instead of a bare YAML or zod error.
// It parses with the same YAML reader as Astro (js-yaml via @astrojs/markdown-remark) and validates
// with the collection's own schema, so it accepts exactly what the build accepts.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { noteSchema } from './note-schema.ts';

/** The notes collection folder, relative to the project root. */
export const NOTES_DIR = 'content/notes';
export const NOTE_PATTERN = '**/*.{md,mdx}';

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

/** Problems in one note's front matter (empty when it is fine). `file` is only used in messages. */
export function checkNoteSource(file: string, text: string): NoteProblem[] {
  const fm = frontMatterLines(text);
  let data: Record<string, unknown>;
  try {
    data = parseFrontmatter(text).frontmatter;
  } catch (err) {
    return [yamlProblem(file, fm, err as YamlError)];
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

export function formatProblems(problems: NoteProblem[]): string {
  return problems
    .map((p) => `${p.file}:${p.line}: ${p.message}\n  fix: ${p.fix}`)
    .join('\n');
}
