import type { APIRoute } from 'astro';
import { url } from '@/reader/url.ts';

// Everything is public; point crawlers at the sitemap (absolute, under the base path).
export const GET: APIRoute = ({ site }) => {
  const sitemap = new URL(url('sitemap-index.xml'), site ?? 'https://paxos-notes.example.org').href;
  return new Response(`User-agent: *\nAllow: /\n\nSitemap: ${sitemap}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
};
