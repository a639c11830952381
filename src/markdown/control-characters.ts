// Characters that have no place in a note: C0 controls other than tab and line breaks, DEL, the
// non-characters U+FFFE/U+FFFF and unpaired surrogates. XML forbids most of them, so one NUL in a
// title makes the RSS feed unreadable; none of them is ever visible text. The build refuses a note
// that has one (validate-notes.ts); the importer removes them and says where (src/hexo/convert.ts).

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

export interface ControlCharacter {
  /** 1-based line and column. */
  line: number;
  column: number;
  /** `U+0000`. */
  code: string;
}

export function findControlCharacters(text: string): ControlCharacter[] {
  const found: ControlCharacter[] = [];
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  for (const m of text.matchAll(CONTROL)) {
    for (let i = text.indexOf('\n', scanned); i >= 0 && i < m.index; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    scanned = m.index;
    found.push({
      line,
      column: m.index - lineStart + 1,
      code: `U+${(m[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`,
    });
  }
  return found;
}

export function stripControlCharacters(text: string): string {
  return text.replace(CONTROL, '');
}
