// Find fenced code blocks of one language in Markdown/MDX text without a full parse: used before the
// build to start rendering diagrams early (src/diagrams prerenderMermaid), and by the ```paxos plugin
// to tell an unclosed fence (which Markdown silently runs to the end of the note) from a closed one.
// Only unindented fences are recognised; anything missed here is simply rendered later, when the
// note is compiled.

export interface ScannedFence {
  /** Line of the opening fence (1-based). */
  line: number;
  /** The block's text, as the Markdown parser hands it over (no trailing newline). */
  code: string;
  /** False when no closing fence follows: the block runs to the end of the text. */
  closed: boolean;
}

export function scanFences(text: string, lang: string): ScannedFence[] {
  const lines = text.split(/\r?\n/);
  const out: ScannedFence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,}|~{3,})\s*([^\s`]*)/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[1]!;
    // CommonMark lets the closing fence be indented by up to three spaces.
    const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    let j = i + 1;
    while (j < lines.length && !close.test(lines[j]!)) j++;
    if (open[2] === lang) out.push({ line: i + 1, code: lines.slice(i + 1, j).join('\n'), closed: j < lines.length });
    i = j;
  }
  return out;
}

/** The message for a fence of `lang` that opens on `line` of `text` and is never closed, if it is not. */
export function unclosedFence(text: string, lang: string, line: number): string | undefined {
  const fence = scanFences(text, lang).find((f) => f.line === line);
  if (fence === undefined || fence.closed) return undefined;
  return `unclosed fence starting at line ${line}: add a closing \`\`\` line after the block (without it the block runs to the end of the note)`;
}
