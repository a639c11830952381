import type { APIRoute, GetStaticPaths } from 'astro';
import { toLocale, useTranslations } from '@/i18n/ui.ts';
import { displayDate } from '@/reader/dates.ts';
import { asList } from '@/reader/list.ts';
import { getVisibleNotes, type Note } from '@/reader/notes.ts';
import { renderOgPng } from '@/reader/og-image.ts';

// One 1200×630 share card per note, rendered at build time (see src/reader/og-image.ts).
export const getStaticPaths = (async () =>
  (await getVisibleNotes()).map((note) => ({ params: { slug: note.id }, props: { note } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const { note } = props as { note: Note };
  const locale = toLocale(note.data.lang);
  const t = useTranslations(locale);
  const tags = asList(note.data.tags).map((tag) => `#${tag}`).join(' ');
  const footer = [note.data.date ? displayDate(note.data.date, locale) : '', tags].filter(Boolean).join('  ·  ');
  const png = renderOgPng({
    title: note.data.title,
    subtitle: note.data.subtitle,
    footer,
    siteTitle: t('site.title'),
    badge: note.data.draft ? t('note.draft') : note.data.wip ? t('note.wip') : undefined,
  });
  return new Response(png, { headers: { 'Content-Type': 'image/png' } });
};
