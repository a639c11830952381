// The notes as the reader pages see them: drafts only in `astro dev`, newest first, with a summary
// and a reading time. Astro-only (astro:content); the logic lives in the pure modules beside it.

import { getCollection, type CollectionEntry } from 'astro:content';
import { toLocale, type Locale } from '../i18n/ui.ts';
import { isVisible, newestFirst } from './list.ts';
import { readingTime } from './reading-time.ts';
import { summarize } from './summary.ts';

export type Note = CollectionEntry<'notes'>;

/** Every note a reader may see in this build, newest first. */
export async function getVisibleNotes(): Promise<Note[]> {
  const includeDrafts = import.meta.env.DEV;
  return newestFirst(await getCollection('notes', (note) => isVisible(note, includeDrafts)));
}

export interface NoteFacts {
  summary: string;
  minutes: number;
  locale: Locale;
}

export function noteFacts(note: Note): NoteFacts {
  const body = note.body ?? '';
  return {
    summary: summarize(note.data.description, body),
    minutes: readingTime(body).minutes,
    locale: toLocale(note.data.lang),
  };
}
