// Deployment settings read from the environment at build time, so one commit can be published at
// https://example.org/ or under a base path such as https://user.github.io/notes-site/.
//   SITE_URL        absolute origin (+ optional path) used for canonical URLs, RSS, sitemap, OG
//   BASE_PATH       base path the site is served under ("/" by default), read by astro.config.mjs
//   PUBLIC_EDIT_URL prefix of "edit this page" links, e.g. https://github.com/me/notes/edit/main/
//                   (unset: no edit link is shown)

import { BasePathError, normalBase } from '../base-path.ts';

export const DEFAULT_SITE_URL = 'https://paxos-notes.example.org';

export function siteUrlFromEnv(env: Record<string, string | undefined>): string {
  return env['SITE_URL']?.trim() || DEFAULT_SITE_URL;
}

/**
 * "/", "/notes-site/": BASE_PATH in the one form of src/base-path.ts. A base no URL can carry (a ".."
 * segment, a whole URL, a space …) stops the build with BASE_PATH named and what to write instead.
 */
export function basePathFromEnv(env: Record<string, string | undefined>): string {
  try {
    return normalBase(env['BASE_PATH'] ?? '');
  } catch (e) {
    if (e instanceof BasePathError) throw new BasePathError(`BASE_PATH: ${e.message}`);
    throw e;
  }
}

/** Edit link for a content file path (relative to the repo root), or undefined when not configured. */
export function editUrl(prefix: string | undefined, filePath: string | undefined): string | undefined {
  if (!prefix || !filePath) return undefined;
  const p = prefix.endsWith('/') ? prefix : `${prefix}/`;
  return p + filePath.replace(/^\.?\/+/, '');
}
