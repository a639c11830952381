// The one reader of a note's `date:` and `updated:` text, shared by the site's schema
// (note-schema.ts) and the Hexo importer (src/hexo/fields.ts), so both accept exactly the same dates.
// Forms: Hexo's `2023-05-16 20:29:07` (no zone: read as UTC, shown back as written) and ISO
// `2023-05-16T20:29:07.5+08:00`; the importer also turns Hexo's `2023/5/16 9:05` into that form.
// Every part is checked against the calendar: `Date` would roll 2023-02-30 over to March 2 silently.

/** Also js-yaml's timestamp forms (`t`, spaces before the zone, `-5`), which unquoted dates arrive in. */
const NOTE_DATE = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:([Tt]|[ \t]+)(\d{1,2}):(\d{2})(?::(\d{2})(\.\d*)?)?)?(?:[ \t]*([Zz]|[+-]\d{1,2}(?::?\d{2})?))?$/;

export const NOTE_DATE_HINT = 'write it as 2023-05-16 20:29:07 (Hexo style) or 2023-05-16T20:29:07+08:00 (ISO)';

export type NoteDateReading =
  | { ok: true; date: Date; /** The text in the site's form: dashes, two-digit fields. */ text: string }
  | { ok: false; reason: string };

/** Reads a date as written in front matter; `slashes` lets the importer accept `2023/5/16`. */
export function readNoteDate(value: string, options: { slashes?: boolean } = {}): NoteDateReading {
  const written = value.trim();
  const m = NOTE_DATE.exec(written);
  if (!m || (m[2] === '/' && options.slashes !== true)) return { ok: false, reason: `cannot read ${JSON.stringify(value)} as a date` };
  const [, y = '', , mo = '', d = '', sep, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const bad = (why: string): NoteDateReading => ({ ok: false, reason: `${JSON.stringify(value)} is not a real date: ${why}` });
  if (year < 1000) return bad(`year ${year} is before 1000`);
  if (month < 1 || month > 12) return bad(`there is no month ${month}`);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) return bad(`${y}-${mo.padStart(2, '0')} has ${days} days, not ${day}`);
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59)) return bad(`${h}:${mi}${s === undefined ? '' : `:${s}`} is not a time of day`);
  let offsetMinutes = 0;
  let zoneText = '';
  if (zone !== undefined) {
    if (zone === 'Z' || zone === 'z') zoneText = 'Z';
    else {
      const z = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(zone);
      const zh = Number(z?.[2]);
      const zm = Number(z?.[3] ?? 0);
      if (!z || zh > 14 || zm > 59) return bad(`${zone} is not a time zone offset`);
      offsetMinutes = (z[1] === '-' ? -1 : 1) * (zh * 60 + zm);
      zoneText = `${z[1]}${String(zh).padStart(2, '0')}:${String(zm).padStart(2, '0')}`;
    }
  }
  const millis = frac === undefined || frac === '.' ? 0 : Math.round(Number(`0${frac}`) * 1000);
  const time = Date.UTC(year, month - 1, day, Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), millis) - offsetMinutes * 60_000;
  const pad = (n: string | undefined) => (n ?? '0').padStart(2, '0');
  let text = `${y}-${pad(mo)}-${pad(d)}`;
  if (h !== undefined) text += `${sep === 'T' || sep === 't' ? 'T' : ' '}${pad(h)}:${mi}${s !== undefined ? `:${s}${frac ?? ''}` : ''}`;
  return { ok: true, date: new Date(time), text: text + zoneText };
}

/** The date a front matter value stands for, or undefined (see readNoteDate for why). */
export function parseNoteDate(value: string): Date | undefined {
  const reading = readNoteDate(value);
  return reading.ok ? reading.date : undefined;
}
