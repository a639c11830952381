// mermaid numbers the lines of the text it parses, which is not the text the author wrote: before parsing
// it drops a leading front-matter block, every `%%` comment line and the `%%{…}%%` directives, then the
// blank lines this leaves at the top. Its "line 3" can be the author's line 6. This maps it back, so an
// error names the line of the note the author must fix. (Measured against mermaid 12 in Chromium:
// tests/site/mermaid-lines.test.ts renders each case and checks the mapped line holds the mistake.)

const COMMENT = /^\s*%%(?!\{)/;
const DIRECTIVE = /%%\{[\s\S]*?\}%%/g;

/** The 1-based line of `source` that mermaid calls `mermaidLine`, or undefined when out of range. */
export function sourceLineOf(source: string, mermaidLine: number): number | undefined {
  // Blank out directives in place, keeping their newlines, so line numbers still count from the source.
  const lines = source.replace(DIRECTIVE, (d) => d.replace(/[^\n]/g, '')).split('\n');
  let first = 0;
  if (lines[0]?.trim() === '---') {
    const close = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
    if (close > 0) first = close + 1;
  }
  const kept: number[] = [];
  for (let i = first; i < lines.length; i++) {
    const line = lines[i]!;
    if (COMMENT.test(line)) continue;
    if (kept.length === 0 && line.trim() === '') continue;
    kept.push(i + 1);
  }
  return Number.isInteger(mermaidLine) && mermaidLine >= 1 ? kept[mermaidLine - 1] : undefined;
}
