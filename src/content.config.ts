import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { noteSchema } from './markdown/note-schema.ts';
import { NOTES_DIR } from './markdown/validate-notes.ts';

export const collections = {
  notes: defineCollection({
    // Files starting with _ are ignored (drafts of drafts, partials).
    // deferRender: notes are rendered when their page is built, so a bad diagram fails the build
    // (content sync would only log it) and no stale rendering survives in the data store.
    loader: glob({ pattern: '**/[^_]*.{md,mdx}', base: `./${NOTES_DIR}`, deferRender: true }),
    schema: noteSchema,
  }),
};
