// Finds a Hexo post's front matter the way Hexo does (hexo-front-matter): YAML between `---` lines or
// JSON between `;;;` lines, and the opening delimiter may be left out. Unlike Hexo, a front matter that
// is opened but never closed is an error here: Hexo would silently publish the fields as body text.
import type { Failure } from './types.ts';

export interface FrontMatterSplit {
  ok: true;
  format: 'yaml' | 'json';
  /** The text between the delimiters. */
  data: string;
  /** 1-based source line of the first line of `data`. */
  dataLine: number;
  body: string;
  /** 1-based source line of the first line of `body`. */
  bodyLine: number;
  /** False when the post starts straight with its fields (Hexo allows leaving out the first `---`). */
  opened: boolean;
}

const delimiter = /^(-{3,}|;{3,})[ \t]*$/;
// A line that looks like the first field of a front matter: `title: …`, `"title": …` (JSON).
const fieldLine = /^\s*(?:"[^"]+"|'[^']+'|[^\s#:"'][^:]*?)\s*:(?:\s|$)/;

export function splitFrontMatter(text: string): FrontMatterSplit | ({ ok: false } & Failure) {
  const lines = text.split('\n');
  const first = lines[0] ?? '';
  const open = delimiter.exec(first);
  if (open) {
    const kind = first.charAt(0);
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i] ?? '';
      if (delimiter.test(line) && line.charAt(0) === kind) {
        return {
          ok: true,
          format: kind === ';' ? 'json' : 'yaml',
          data: lines.slice(1, i).join('\n'),
          dataLine: 2,
          body: lines.slice(i + 1).join('\n'),
          bodyLine: i + 2,
          opened: true,
        };
      }
    }
    return {
      ok: false,
      line: 1,
      reason: `front matter opened with "${open[1]}" is never closed; add a "${open[1]}" line after its last field`,
    };
  }
  const close = lines.findIndex((line) => delimiter.test(line));
  const firstContent = lines.find((line) => line.trim() !== '');
  if (close > 0 && firstContent !== undefined && fieldLine.test(firstContent) && lines.indexOf(firstContent) < close) {
    const kind = (lines[close] ?? '').charAt(0);
    return {
      ok: true,
      format: kind === ';' ? 'json' : 'yaml',
      data: lines.slice(0, close).join('\n'),
      dataLine: 1,
      body: lines.slice(close + 1).join('\n'),
      bodyLine: close + 2,
      opened: false,
    };
  }
  return {
    ok: false,
    line: 1,
    reason: 'no front matter found; start the post with a "---" line, "title: …", "date: …", then another "---" line',
  };
}
