// The little CSS reading the diagram code needs: mermaid's stylesheets are minified, flat rules plus
// @keyframes and (after svg-theme.ts) one @media block. No selector or value is interpreted here.

export interface Block {
  prelude: string;
  body: string;
}

/** Top-level `prelude{body}` blocks of a minified stylesheet, or undefined if the braces do not balance. */
export function cssBlocks(css: string): Block[] | undefined {
  const blocks: Block[] = [];
  let i = 0;
  while (i < css.length) {
    const open = css.indexOf('{', i);
    if (open < 0) return css.slice(i).trim() === '' ? blocks : undefined;
    let depth = 0;
    let quote: string | undefined;
    let j = open;
    for (; j < css.length; j++) {
      const c = css[j];
      if (quote) {
        if (c === quote) quote = undefined;
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) break;
    }
    if (j >= css.length) return undefined;
    blocks.push({ prelude: css.slice(i, open).trim(), body: css.slice(open + 1, j) });
    i = j + 1;
  }
  return blocks;
}

/** Split on `sep` outside quotes and parentheses. */
export function splitTop(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === sep && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}
