// A note's summary for the home page, lists, RSS and meta description: the author's `description`
// when given, else the first paragraph of readable text, cut at a sentence end when one is near.

import { readableText } from './reading-time.ts';

export const SUMMARY_LENGTH = 120;

/** First prose paragraph of a Markdown/MDX body (headings, lists, code and components skipped). */
export function firstParagraph(source: string): string {
  const body = source.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '');
  const withoutBlocks = body
    .replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '\n\n')
    .replace(/\$\$[\s\S]*?\$\$/g, '\n\n');
  for (const block of withoutBlocks.split(/\n\s*\n/)) {
    const trimmed = block.trim();
    if (!trimmed) continue;
    if (/^(#|import\s|export\s|<|[-*+]\s|\d+\.\s|\||>|!\[)/.test(trimmed)) continue;
    const text = readableText(trimmed).replace(/\s+/g, ' ').trim();
    if (text.length >= 8) return text;
  }
  return '';
}

/** Cuts text to at most `max` characters (code points), preferring a sentence end, adding "…". */
export function truncate(text: string, max = SUMMARY_LENGTH): string {
  const chars = Array.from(text.trim());
  if (chars.length <= max) return chars.join('');
  const head = chars.slice(0, max).join('');
  const sentenceEnd = Math.max(...['。', '！', '？', '. ', '! ', '? '].map((m) => head.lastIndexOf(m)));
  if (sentenceEnd >= max * 0.6) return head.slice(0, sentenceEnd + 1).trim();
  return `${head.replace(/[\s,，、;；:：]+$/, '')}…`;
}

export function summarize(description: string | undefined, body: string, max = SUMMARY_LENGTH): string {
  const given = description?.trim();
  return truncate(given ? given : firstParagraph(body), max);
}
