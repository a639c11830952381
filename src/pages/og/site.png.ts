import type { APIRoute } from 'astro';
import { useTranslations } from '@/i18n/ui.ts';
import { renderOgPng } from '@/reader/og-image.ts';

// The share card of pages that are not notes (home, lists).
export const GET: APIRoute = () => {
  const t = useTranslations();
  const png = renderOgPng({ title: t('site.title'), subtitle: t('site.description'), siteTitle: 'Paxos', footer: 'prepare · promise · accept · accepted' });
  return new Response(png, { headers: { 'Content-Type': 'image/png' } });
};
