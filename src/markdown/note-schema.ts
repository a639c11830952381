// The front matter of a note. Tolerant of Hexo: dates without a time zone, an empty `updated:`,
// tags/categories as one string or a (possibly nested) list. Plain zod, so the importer and the
// tests can use it outside Astro. Dates are read by note-date.ts, the one date reader.
import { z } from 'astro/zod';
import { NOTE_DATE_HINT, readNoteDate } from './note-date.ts';

export { parseNoteDate } from './note-date.ts';

/** More names than any note has: a longer list is a mistake, or a YAML alias expanding without end. */
export const MAX_TERMS = 200;

/**
 * A date as the YAML reader hands it over: text (read by the one date reader, note-date.ts), a Date
 * (js-yaml's reading of an unquoted date; the pre-build check re-reads its text, see validate-notes.ts)
 * or a number (milliseconds). Each failure says what is wrong with this value, so zod's union never
 * hides it behind a bare "Invalid input".
 */
function readDate(value: unknown, ctx: z.RefinementCtx): Date | undefined {
  let date: Date | undefined;
  if (value instanceof Date) date = value;
  else if (typeof value === 'number') date = new Date(value);
  else if (typeof value === 'string') {
    const reading = readNoteDate(value);
    if (!reading.ok) {
      ctx.addIssue({ code: 'custom', message: `${reading.reason}; ${NOTE_DATE_HINT}` });
      return undefined;
    }
    date = reading.date;
  } else {
    ctx.addIssue({ code: 'custom', message: `must be a date, got ${JSON.stringify(value)}; ${NOTE_DATE_HINT}` });
    return undefined;
  }
  const year = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || year < 1000 || year > 9999) {
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)} is not a date between the years 1000 and 9999; ${NOTE_DATE_HINT}` });
    return undefined;
  }
  return date;
}

const dateField = z.unknown().transform((value, ctx): Date | undefined => {
  if (value === undefined) return undefined;
  if (value === null || value === '') {
    ctx.addIssue({ code: 'custom', message: `is empty; ${NOTE_DATE_HINT}, or remove the line` });
    return z.NEVER;
  }
  return readDate(value, ctx) ?? z.NEVER;
});

/** Hexo leaves `updated:` empty when a post was never edited: empty means absent. */
const updatedField = z.unknown().transform((value, ctx): Date | undefined => {
  if (value === undefined || value === null || value === '') return undefined;
  return readDate(value, ctx) ?? z.NEVER;
});

/** `tags: a`, `tags: [a, b]`, `tags:` (empty), Hexo's nested categories `[[a, b], c]` → a flat list of strings. */
const stringList = z
  .unknown()
  .transform((value, ctx): string[] => {
    if (value === undefined || value === null) return [];
    const out: string[] = [];
    // Flattened by hand with a budget: YAML aliases can make a short list expand to billions of names.
    const pending: unknown[] = [value];
    let seen = 0;
    while (pending.length > 0) {
      const item = pending.pop();
      if (++seen > MAX_TERMS * 10) {
        ctx.addIssue({ code: 'custom', message: `has more than ${MAX_TERMS} names (YAML aliases repeating a list?); list each name once` });
        return z.NEVER;
      }
      if (Array.isArray(item)) {
        for (let i = item.length - 1; i >= 0; i--) pending.push(item[i]);
        continue;
      }
      if (item === null || item === undefined || item === '') continue;
      if (typeof item === 'string' || (typeof item === 'number' && Number.isFinite(item))) out.push(String(item).trim());
      else {
        ctx.addIssue({ code: 'custom', message: `expected a word or a list of words, got ${shownValue(item)}${item instanceof Date ? '; put a date-like name in quotes' : ''}` });
        return z.NEVER;
      }
    }
    const names = [...new Set(out)];
    if (names.length > MAX_TERMS) {
      ctx.addIssue({ code: 'custom', message: `has ${names.length} names, more than ${MAX_TERMS}; keep the list short` });
      return z.NEVER;
    }
    return names;
  });

/** A value as a message shows it: JSON where JSON can say it, else its kind. */
function shownValue(value: unknown): string {
  if (value instanceof Date) return `the date ${Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()}`;
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (value instanceof Uint8Array) return 'binary data';
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}

const optionalText = z.unknown().transform((v, ctx): string | undefined => {
  if (v === null || v === undefined || v === '') return undefined;
  if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) return String(v);
  ctx.addIssue({ code: 'custom', message: `must be text, got ${shownValue(v)}; put the value in quotes` });
  return z.NEVER;
});

export const noteSchema = z.object({
  title: z
    .union([z.string(), z.number()], {
      error: (issue) =>
        issue.input === undefined
          ? 'is required: add `title: 你的标题` to the front matter'
          : 'must be text; if it starts with [ or {, put it in quotes: title: "[施工中]标题"',
    })
    .transform((v) => String(v).trim())
    .refine((v) => v.length > 0, 'must not be empty'),
  subtitle: optionalText.optional(),
  description: optionalText.optional(),
  date: dateField.optional(),
  updated: updatedField.optional(),
  tags: stringList.optional().transform((v) => v ?? []),
  categories: stringList.optional().transform((v) => v ?? []),
  /** Hidden from production builds (shown by `astro dev`). */
  draft: z.boolean().default(false),
  /** Work in progress: published, with a 施工中 badge. */
  wip: z.boolean().default(false),
  lang: z.string().default('zh-CN'),
});

export type NoteData = z.output<typeof noteSchema>;
