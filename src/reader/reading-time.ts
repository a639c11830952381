// Reading time that is honest for Chinese: CJK text has no spaces, so counting "words" by
// whitespace would call a 3000-character note a one-minute read. Han/kana/hangul characters are
// counted one by one (about 400 a minute for zh), Latin words at about 220 a minute; code, diagram
// sources, math, MDX imports and markup are left out because readers skim or skip them.

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/g;
export const CJK_PER_MINUTE = 400;
export const WORDS_PER_MINUTE = 220;

/** Strips what a reader does not read word by word from Markdown/MDX source. */
export function readableText(source: string): string {
  return source
    .replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '') // front matter, if present
    .replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, ' ') // fenced code and diagrams
    .replace(/\$\$[\s\S]*?\$\$/g, ' ') // display math
    .replace(/\$[^$\n]+\$/g, ' ') // inline math
    .replace(/^\s*(import|export)\s[^\n]*$/gm, ' ') // MDX import/export lines
    .replace(/<[^>\n]+>/g, ' ') // HTML/JSX tags (their text children stay)
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ') // images
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // links keep their text
    .replace(/`[^`\n]*`/g, ' ') // inline code
    .replace(/[#>*_~|-]+/g, ' ');
}

export interface ReadingTime {
  minutes: number;
  cjkChars: number;
  words: number;
}

export function readingTime(source: string): ReadingTime {
  const text = readableText(source);
  const cjkChars = (text.match(CJK) ?? []).length;
  const latin = text.replace(CJK, ' ');
  const words = (latin.match(/[A-Za-z0-9][A-Za-z0-9'’.-]*/g) ?? []).length;
  const minutes = Math.max(1, Math.ceil(cjkChars / CJK_PER_MINUTE + words / WORDS_PER_MINUTE));
  return { minutes, cjkChars, words };
}
