import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { noteSchema, type NoteData } from './markdown/note-schema.ts';
import { NOTES_DIR } from './markdown/validate-notes.ts';

/**
 * `astro dev` stops on the first note whose front matter fails the schema. While the author writes, a
 * broken note instead stays in the collection with stand-in data, so the server keeps serving, and its
 * page shows the build's message until the note is fixed (src/markdown/integration.ts checks every edit).
 * The build never gets here with a broken note: the same check stops it before the content sync.
 */
const devNoteSchema = noteSchema.catch(({ input }): NoteData => {
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  return {
    title: typeof raw['title'] === 'string' && raw['title'].trim() !== '' ? raw['title'] : '（front matter 有误）',
    subtitle: undefined,
    description: undefined,
    date: undefined,
    updated: undefined,
    tags: [],
    categories: [],
    draft: false,
    wip: false,
    lang: 'zh-CN',
  };
});

export const collections = {
  notes: defineCollection({
    // Files starting with _ are ignored (drafts of drafts, partials).
    // deferRender: notes are rendered when their page is built, so a bad diagram fails the build
    // (content sync would only log it) and no stale rendering survives in the data store.
    loader: glob({ pattern: '**/[^_]*.{md,mdx}', base: `./${NOTES_DIR}`, deferRender: true }),
    schema: import.meta.env.DEV ? devNoteSchema : noteSchema,
  }),
};
