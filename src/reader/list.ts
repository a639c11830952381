// Pure functions over notes (no Astro import, so they are unit-tested in plain Node). A "note" here
// is the structural part of a content-collection entry that the reader features use.

import { termSlug } from './url.ts';

export interface NoteLike {
  id: string;
  data: {
    title: string;
    /** Optional in the schema: undated notes sort last. */
    date?: Date | undefined;
    updated?: Date | null | undefined;
    tags?: string | readonly string[] | null | undefined;
    categories?: string | readonly string[] | null | undefined;
    draft?: boolean | undefined;
  };
}

/** Hexo allows a string or a list for tags and categories; lists of the site's schema pass through. */
export function asList(value: string | readonly string[] | null | undefined): string[] {
  if (value == null) return [];
  const list = typeof value === 'string' ? [value] : [...value];
  return list.map((v) => String(v).trim()).filter((v) => v.length > 0);
}

/** Drafts are shown while writing (`astro dev`) and never in a production build, feed or index. */
export function isVisible(note: NoteLike, includeDrafts: boolean): boolean {
  return includeDrafts || note.data.draft !== true;
}

/** Newest first; equal dates fall back to the id so the order never depends on the file system. */
export function newestFirst<T extends NoteLike>(notes: readonly T[]): T[] {
  const time = (n: NoteLike): number => n.data.date?.getTime() ?? Number.NEGATIVE_INFINITY;
  return [...notes].sort((a, b) => {
    const ta = time(a);
    const tb = time(b);
    if (ta !== tb) return tb > ta ? 1 : -1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

export interface Neighbours<T> {
  /** The older note (read before this one). */
  prev: T | undefined;
  /** The newer note. */
  next: T | undefined;
}

/** Previous = the next older note, next = the next newer one, in a newest-first list. */
export function neighbours<T extends NoteLike>(sortedNewestFirst: readonly T[], id: string): Neighbours<T> {
  const i = sortedNewestFirst.findIndex((n) => n.id === id);
  if (i < 0) return { prev: undefined, next: undefined };
  return { prev: sortedNewestFirst[i + 1], next: i > 0 ? sortedNewestFirst[i - 1] : undefined };
}

export interface Term<T> {
  /** As the author wrote it (first spelling seen wins). */
  name: string;
  slug: string;
  notes: T[];
}

/**
 * Groups notes by tag or category slug. Terms that differ only by case/spacing share a page; the
 * result is sorted by note count then name, and each term's notes stay in the input order.
 */
export function groupByTerm<T extends NoteLike>(
  notes: readonly T[],
  field: 'tags' | 'categories',
): Term<T>[] {
  const bySlug = new Map<string, Term<T>>();
  for (const note of notes) {
    const seen = new Set<string>();
    for (const name of asList(note.data[field])) {
      const slug = termSlug(name);
      if (!slug || seen.has(slug)) continue;
      seen.add(slug);
      const term = bySlug.get(slug) ?? { name, slug, notes: [] };
      term.notes.push(note);
      bySlug.set(slug, term);
    }
  }
  return [...bySlug.values()].sort(
    (a, b) => b.notes.length - a.notes.length || a.slug.localeCompare(b.slug, 'en'),
  );
}

/** Year → notes (newest year first); the year is taken in the site's time zone. */
export function groupByYear<T extends NoteLike>(
  sortedNewestFirst: readonly T[],
  timeZone: string,
): Array<{ year: string; notes: T[] }> {
  const fmt = new Intl.DateTimeFormat('en', { year: 'numeric', timeZone });
  const groups: Array<{ year: string; notes: T[] }> = [];
  for (const note of sortedNewestFirst) {
    const year = note.data.date ? fmt.format(note.data.date) : '—';
    const last = groups.at(-1);
    if (last && last.year === year) last.notes.push(note);
    else groups.push({ year, notes: [note] });
  }
  return groups;
}

/** A note's id without a leading locale folder: "en/basic-paxos" → "basic-paxos". */
export function translationKey(id: string): string {
  return id.replace(/^(en|zh|zh-cn)\//i, '');
}

/**
 * The same note in other languages: notes whose id differs only by a locale folder
 * (content/notes/basic-paxos.mdx and content/notes/en/basic-paxos.mdx) and whose lang differs.
 */
export function translationsOf<T extends NoteLike & { data: { lang?: string | undefined } }>(
  notes: readonly T[],
  note: T,
): T[] {
  const key = translationKey(note.id);
  return notes.filter((n) => n.id !== note.id && translationKey(n.id) === key && n.data.lang !== note.data.lang);
}
