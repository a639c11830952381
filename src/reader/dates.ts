// Dates are shown in one fixed time zone so the output does not depend on the build machine's TZ
// (a reproducible build must give the same bytes on a laptop in Berlin and on CI in UTC).

import type { Locale } from '../i18n/ui.ts';

/**
 * The note schema (src/markdown/note-schema.ts) reads Hexo's zone-less `2023-05-16 20:29:07` as UTC,
 * so formatting in UTC shows the author's own wall-clock date back, whatever the build machine's TZ.
 */
export const SITE_TIME_ZONE = 'UTC';

/** 2023-05-16, for <time datetime> and the archive. */
export function isoDay(date: Date, timeZone = SITE_TIME_ZONE): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(date);
}

/** 2023年5月16日 / May 16, 2023. */
export function displayDate(date: Date, locale: Locale, timeZone = SITE_TIME_ZONE): string {
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone }).format(date);
}

/** 05-16, for compact archive rows. */
export function monthDay(date: Date, timeZone = SITE_TIME_ZONE): string {
  return isoDay(date, timeZone).slice(5);
}
