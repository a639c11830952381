// Deployment settings read from the environment at build time, so one commit can be published at
// https://example.org/ or under a base path such as https://user.github.io/notes-site/.
//   SITE_URL        absolute origin (+ optional path) used for canonical URLs, RSS, sitemap, OG
//   BASE_PATH       base path the site is served under ("/" by default), read by astro.config.mjs
//   PUBLIC_EDIT_URL prefix of "edit this page" links, e.g. https://github.com/me/notes/edit/main/
//                   (unset: no edit link is shown)

export const DEFAULT_SITE_URL = 'https://paxos-notes.example.org';

export function siteUrlFromEnv(env: Record<string, string | undefined>): string {
  return env['SITE_URL']?.trim() || DEFAULT_SITE_URL;
}

/** "/", "/notes-site/" — always with leading and trailing slash. */
export function basePathFromEnv(env: Record<string, string | undefined>): string {
  const raw = env['BASE_PATH']?.trim() ?? '';
  const inner = raw.replace(/^\/+|\/+$/g, '');
  return inner ? `/${inner}/` : '/';
}

/** Edit link for a content file path (relative to the repo root), or undefined when not configured. */
export function editUrl(prefix: string | undefined, filePath: string | undefined): string | undefined {
  if (!prefix || !filePath) return undefined;
  const p = prefix.endsWith('/') ? prefix : `${prefix}/`;
  return p + filePath.replace(/^\.?\/+/, '');
}
