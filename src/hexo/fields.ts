// Maps Hexo's front matter fields onto the site's note schema (src/content.config.ts).
//
// Decisions (README "How to import from Hexo" says the same):
// - title: required; a leading [施工中] / [WIP] / 【施工中】 tag becomes `wip: true` and leaves the title.
// - date / updated: kept as written when they are `YYYY-MM-DD[ HH:mm[:ss]]` or ISO; `2023/5/16 …` is
//   rewritten with dashes; an empty `updated:` stays empty. A missing date comes from the file name
//   (`2023-05-16-paxos.md`) or else from the file's modification time.
// - tags / categories: always written as lists of strings. Hexo reads a categories list as a
//   hierarchy (parent, child); the site has flat categories, so nested lists are flattened.
// - excerpt → description when there is no description; `published: false` → `draft: true`; a post
//   in Hexo's `_drafts/` folder → `draft: true`.
// - Any other field (layout, comments, permalink, toc, …) is kept as a YAML comment below the fields:
//   the schema never sees it, and nothing the author wrote is lost.
import { readNoteDate } from '../markdown/note-date.ts';
import type { Failure, NoteFrontMatter } from './types.ts';

export interface FieldContext {
  fileName: string;
  /** Source line of each top-level key. */
  keyLines: Map<string, number>;
  /** The post sits in Hexo's `_drafts/` folder. */
  inDrafts: boolean;
  /** The file's modification time, the last resort for a missing date (Hexo does the same). */
  modified?: Date;
}

export interface MappedFields {
  ok: true;
  front: NoteFrontMatter;
  /** Fields the site does not use, kept as comments. */
  unused: Record<string, unknown>;
  changes: string[];
}

const known = new Set(['title', 'subtitle', 'date', 'updated', 'tags', 'categories', 'description', 'excerpt', 'draft', 'published', 'wip', 'lang']);
const wipTag = /^\s*(\[\s*(?:施工中|WIP)\s*\]|【\s*(?:施工中|WIP)\s*】)\s*/i;

export function mapFields(data: Record<string, unknown>, ctx: FieldContext): MappedFields | ({ ok: false } & Failure) {
  const changes: string[] = [];
  const lineOf = (key: string) => ctx.keyLines.get(key);
  const fail = (key: string, reason: string): { ok: false } & Failure => {
    const line = lineOf(key);
    return line === undefined ? { ok: false, reason } : { ok: false, line, reason };
  };

  // title
  let title = data['title'];
  if (typeof title === 'number' || typeof title === 'boolean') {
    changes.push(`title: ${String(title)} → text`);
    title = String(title);
  }
  if (title === undefined || title === null || (typeof title === 'string' && title.trim() === '')) {
    return fail('title', 'no title; add "title: …" to the front matter');
  }
  if (typeof title !== 'string') return fail('title', 'title is not text; write it as "title: \'…\'"');
  let wip: boolean | undefined;
  let name: string = title;
  for (let m = wipTag.exec(name); m; m = wipTag.exec(name)) {
    changes.push(`wip: true from "${(m[1] ?? '').trim()}"`);
    wip = true;
    name = name.slice(m[0].length);
  }
  if (name.trim() === '') return fail('title', 'the title is only a 施工中/WIP tag; add the title after the tag');
  const front: NoteFrontMatter = { title: name.trim() };

  const subtitle = text(data, 'subtitle', changes);
  if (subtitle !== undefined) front.subtitle = subtitle;

  // date and updated
  const date = data['date'];
  if (date === undefined || date === null || date === '') {
    const fromName = /^(\d{4}-\d{2}-\d{2})(?:[-_ ]|$)/.exec(ctx.fileName)?.[1];
    if (fromName !== undefined) {
      front.date = fromName;
      changes.push(`date: missing, taken from the file name (${fromName})`);
    } else if (ctx.modified !== undefined) {
      front.date = localTimestamp(ctx.modified);
      changes.push(`date: missing, taken from the file's modification time (${front.date})`);
    } else {
      return fail('date', 'no date; add "date: YYYY-MM-DD HH:mm:ss" to the front matter');
    }
  } else {
    const normal = normaliseDate(date);
    if (!normal.ok) return fail('date', `date: ${normal.reason}; write it as "date: 2023-05-16 20:29:07"`);
    if (normal.text !== date) changes.push(`date: ${JSON.stringify(date)} → "${normal.text}"`);
    front.date = normal.text;
  }
  if ('updated' in data) {
    const updated = data['updated'];
    if (updated === null || updated === '') {
      front.updated = null;
      changes.push('updated: empty kept');
    } else {
      const normal = normaliseDate(updated);
      if (!normal.ok) return fail('updated', `updated: ${normal.reason}; write it like "updated: 2023-05-20 10:00:00" or leave it empty`);
      if (normal.text !== updated) changes.push(`updated: ${JSON.stringify(updated)} → "${normal.text}"`);
      front.updated = normal.text;
    }
  }

  for (const key of ['tags', 'categories'] as const) {
    if (!(key in data)) continue;
    const list = stringList(data[key], key, changes);
    if (list === undefined) return fail(key, `${key} must be a name or a list of names`);
    if (list.length > 0) front[key] = list;
  }

  const description = text(data, 'description', changes);
  const excerpt = text(data, 'excerpt', changes);
  if (description !== undefined) front.description = description;
  else if (excerpt !== undefined) {
    front.description = excerpt;
    changes.push('excerpt → description');
  }

  let draft: boolean | undefined;
  if ('draft' in data) {
    const value = boolean(data['draft']);
    if (value === undefined) return fail('draft', 'draft must be true or false');
    draft = value;
  }
  if ('published' in data) {
    const published = boolean(data['published']);
    if (published === undefined) return fail('published', 'published must be true or false');
    if (!published) {
      draft = true;
      changes.push('published: false → draft: true');
    } else {
      changes.push('published: true dropped (a note is published unless it is a draft)');
    }
  }
  if (ctx.inDrafts && draft !== true) {
    draft = true;
    changes.push('draft: true (the post is in Hexo\'s _drafts folder)');
  }
  if (draft !== undefined) front.draft = draft;

  if ('wip' in data && wip === undefined) {
    const value = boolean(data['wip']);
    if (value === undefined) return fail('wip', 'wip must be true or false');
    wip = value;
  }
  if (wip !== undefined) front.wip = wip;

  const lang = text(data, 'lang', changes);
  if (lang !== undefined) front.lang = lang;

  // No prototype: a `__proto__:` field is then kept like any other, not swallowed by the assignment.
  const unused: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of Object.entries(data)) {
    if (known.has(key)) continue;
    unused[key] = value;
    changes.push(`${key}: not used by the site, kept as a comment`);
  }
  if (description !== undefined && excerpt !== undefined) {
    unused['excerpt'] = excerpt;
    changes.push('excerpt: the post also has a description, kept as a comment');
  }
  return { ok: true, front, unused, changes };
}

/** A text field: numbers become text, an empty value is dropped (the schema wants text or nothing). */
function text(data: Record<string, unknown>, key: string, changes: string[]): string | undefined {
  if (!(key in data)) return undefined;
  const value = data[key];
  if (typeof value === 'string' && value.trim() !== '') return value;
  if (typeof value === 'number' || typeof value === 'boolean') {
    changes.push(`${key}: ${String(value)} → text`);
    return String(value);
  }
  if (value === null || value === '') {
    changes.push(`${key}: empty, dropped`);
    return undefined;
  }
  changes.push(`${key}: not text (${JSON.stringify(value)}), kept as "${flatten(value).join(', ')}"`);
  return flatten(value).join(', ');
}

function stringList(value: unknown, key: string, changes: string[]): string[] | undefined {
  if (value === null || value === '') {
    changes.push(`${key}: empty, dropped`);
    return [];
  }
  if (typeof value === 'string' || typeof value === 'number') {
    changes.push(`${key}: "${String(value)}" → list`);
    return [String(value)];
  }
  if (!Array.isArray(value)) return undefined;
  const names = flatten(value);
  if (value.some((v) => Array.isArray(v))) changes.push(`${key}: nested list flattened to ${JSON.stringify(names)}`);
  if (value.some((v) => typeof v === 'number')) changes.push(`${key}: numbers → text`);
  if (value.some((v) => v !== null && typeof v === 'object' && !Array.isArray(v))) return undefined;
  return names;
}

function flatten(value: unknown): string[] {
  if (Array.isArray(value)) return [...new Set(value.flatMap(flatten))];
  if (value === null || value === undefined || value === '') return [];
  if (typeof value === 'object') return [JSON.stringify(value)];
  return [String(value)];
}

function boolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'yes') return true;
  if (value === 'false' || value === 'no') return false;
  return undefined;
}

/** Hexo's and ISO date forms → the site's form (dashes, two-digit fields), read by the site's own date reader. */
function normaliseDate(value: unknown): { ok: true; text: string } | { ok: false; reason: string } {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { ok: false, reason: 'not a date' } : { ok: true, text: value.toISOString() };
  if (typeof value !== 'string') return { ok: false, reason: `${JSON.stringify(value)} is not a date` };
  const reading = readNoteDate(value, { slashes: true });
  return reading.ok ? reading : { ok: false, reason: reading.reason };
}

function localTimestamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())} ${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())}`;
}
