// Find fenced code blocks of one language in Markdown/MDX text without a full parse: used before the
// build to start rendering diagrams early (src/diagrams prerenderMermaid). Only unindented fences
// are recognised; anything missed here is simply rendered later, when the note is compiled.

export interface ScannedFence {
  /** Line of the opening fence (1-based). */
  line: number;
  /** The block's text, as the Markdown parser hands it over (no trailing newline). */
  code: string;
}

export function scanFences(text: string, lang: string): ScannedFence[] {
  const lines = text.split(/\r?\n/);
  const out: ScannedFence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,}|~{3,})\s*([^\s`]*)/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[1]!;
    const close = new RegExp(`^${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    let j = i + 1;
    while (j < lines.length && !close.test(lines[j]!)) j++;
    if (open[2] === lang) out.push({ line: i + 1, code: lines.slice(i + 1, j).join('\n') });
    i = j;
  }
  return out;
}
