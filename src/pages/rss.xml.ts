import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { useTranslations } from '@/i18n/ui.ts';
import { asList } from '@/reader/list.ts';
import { getVisibleNotes, noteFacts } from '@/reader/notes.ts';
import { noteUrl, url } from '@/reader/url.ts';

// Summaries, not full content: notes are MDX with build-time diagrams and islands that a feed reader
// would show half-broken; the summary links to the real page. Drafts never appear (getVisibleNotes).
export const GET: APIRoute = async ({ site }) => {
  const t = useTranslations();
  const notes = await getVisibleNotes();
  return rss({
    title: t('site.title'),
    description: t('site.description'),
    site: new URL(url(''), site ?? 'https://paxos-notes.example.org').href,
    // No lastBuildDate: a timestamp would make two builds of one commit differ.
    customData: '<language>zh-CN</language>',
    items: notes.map((note) => ({
      title: note.data.title,
      link: noteUrl(note.id),
      description: noteFacts(note).summary,
      ...(note.data.date ? { pubDate: note.data.date } : {}),
      categories: [...asList(note.data.categories), ...asList(note.data.tags)],
    })),
  });
};
