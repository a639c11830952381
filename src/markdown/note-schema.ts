// The front matter of a note. Tolerant of Hexo: dates without a time zone, an empty `updated:`,
// tags/categories as one string or a (possibly nested) list. Plain zod, so the importer and the
// tests can use it outside Astro.
import { z } from 'astro/zod';

/** Hexo writes `2023-05-16 20:29:07` (no zone). js-yaml reads that as UTC; a quoted one gets the same treatment. */
const HEXO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

export function parseNoteDate(value: string): Date | undefined {
  const text = value.trim();
  const hexo = HEXO_DATE.exec(text);
  if (hexo) {
    const [, y, mo, d, h = '0', mi = '0', s = '0'] = hexo;
    const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const DATE_HINT = 'write it as 2023-05-16 20:29:07 (Hexo style) or 2023-05-16T20:29:07+08:00 (ISO)';

const dateField = z.union([z.date(), z.string(), z.number()]).transform((value, ctx): Date => {
  if (value instanceof Date) return value;
  const parsed = typeof value === 'number' ? new Date(value) : parseNoteDate(value);
  if (!parsed || Number.isNaN(parsed.getTime())) {
    ctx.addIssue({ code: 'custom', message: `cannot read ${JSON.stringify(value)} as a date; ${DATE_HINT}` });
    return z.NEVER;
  }
  return parsed;
});

/** `tags: a`, `tags: [a, b]`, `tags:` (empty), Hexo's nested categories `[[a, b], c]` → a flat list of strings. */
const stringList = z
  .union([z.string(), z.number(), z.null(), z.array(z.unknown())])
  .optional()
  .transform((value, ctx): string[] => {
    if (value === undefined || value === null) return [];
    const flat = Array.isArray(value) ? value.flat(Infinity) : [value];
    const out: string[] = [];
    for (const item of flat) {
      if (item === null || item === undefined || item === '') continue;
      if (typeof item === 'string' || typeof item === 'number') out.push(String(item).trim());
      else {
        ctx.addIssue({ code: 'custom', message: `expected a word or a list of words, got ${JSON.stringify(item)}` });
        return z.NEVER;
      }
    }
    return [...new Set(out)];
  });

const optionalText = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((v) => (v === null || v === undefined || v === '' ? undefined : String(v)));

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
  subtitle: optionalText,
  description: optionalText,
  date: dateField.optional(),
  /** Hexo leaves `updated:` empty when a post was never edited. */
  updated: z
    .union([dateField, z.null(), z.literal('')])
    .optional()
    .transform((v) => (v instanceof Date ? v : undefined)),
  tags: stringList,
  categories: stringList,
  /** Hidden from production builds (shown by `astro dev`). */
  draft: z.boolean().default(false),
  /** Work in progress: published, with a 施工中 badge. */
  wip: z.boolean().default(false),
  lang: z.string().default('zh-CN'),
});

export type NoteData = z.output<typeof noteSchema>;
