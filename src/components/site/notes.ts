// Which notes a build publishes, and in what order. Shared by the home page and the note routes
// (and later by the RSS feed and search).
import { getCollection, type CollectionEntry } from 'astro:content';

export type Note = CollectionEntry<'notes'>;

/** Production builds leave drafts out; `astro dev` shows them. */
export async function publishedNotes(): Promise<Note[]> {
  const notes = await getCollection('notes', ({ data }) => import.meta.env.DEV || !data.draft);
  return notes.sort(newestFirst);
}

export function newestFirst(a: Note, b: Note): number {
  const ta = a.data.date?.getTime() ?? -Infinity;
  const tb = b.data.date?.getTime() ?? -Infinity;
  if (ta !== tb) return tb - ta;
  return a.data.title.localeCompare(b.data.title, 'zh-CN');
}

export function noteHref(note: Note): string {
  return `${import.meta.env.BASE_URL.replace(/\/$/, '')}/notes/${note.id}/`;
}

// Dates without a zone (Hexo) are read as UTC; showing them in UTC prints what the author wrote.
const dateFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' });

export function formatDate(date: Date): string {
  return dateFormat.format(date);
}

export function isoDate(date: Date): string {
  return date.toISOString();
}
