// A strict well-formedness check for the XML the site emits (rss.xml, sitemaps): XML 1.0's character
// rule (no control characters but tab and line breaks, no U+FFFE/U+FFFF, no lone surrogates), tags
// that nest and close, attributes quoted and unique, `&` only as a known or numeric reference of an
// allowed character, `<` never loose. Enough to catch what a feed reader rejects; not a validating parser.

const NAME = '[A-Za-z_:][-A-Za-z0-9_:.]*';
const BAD_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const REFERENCE = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9A-Fa-f]+));/y;

function allowedCode(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

function lineAt(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** Problems found, each with its line; empty when the text is well-formed. */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const bad = BAD_CHAR.exec(xml);
  if (bad) problems.push(`line ${lineAt(xml, bad.index)}: character U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')} is not allowed in XML`);
  const checkText = (text: string, at: number) => {
    if (text.includes('<')) problems.push(`line ${lineAt(xml, at)}: a loose "<"`);
    for (let i = text.indexOf('&'); i >= 0; i = text.indexOf('&', i + 1)) {
      REFERENCE.lastIndex = i;
      const m = REFERENCE.exec(text);
      const code = m?.[2] !== undefined ? Number(m[2]) : m?.[3] !== undefined ? parseInt(m[3], 16) : undefined;
      if (!m || (code !== undefined && !allowedCode(code))) problems.push(`line ${lineAt(xml, at + i)}: "&" that is no valid reference: ${JSON.stringify(text.slice(i, i + 12))}`);
    }
  };
  const stack: { name: string; at: number }[] = [];
  let i = 0;
  let roots = 0;
  const token = new RegExp(`<\\?[\\s\\S]*?\\?>|<!--[\\s\\S]*?-->|<!\\[CDATA\\[[\\s\\S]*?\\]\\]>|<!DOCTYPE[^>]*>|</(${NAME})\\s*>|<(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"]*"|'[^']*'))*)\\s*(/?)>`, 'y');
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (stack.length === 0 && text.trim() !== '') problems.push(`line ${lineAt(xml, i)}: text outside the root element`);
    checkText(text, i);
    if (lt < 0) break;
    token.lastIndex = lt;
    const m = token.exec(xml);
    if (!m) {
      problems.push(`line ${lineAt(xml, lt)}: malformed markup ${JSON.stringify(xml.slice(lt, lt + 30))}`);
      break;
    }
    const [whole, closing, opening, attributes = '', selfClosing] = m;
    if (whole.startsWith('<!--') && whole.slice(4, -3).includes('--')) problems.push(`line ${lineAt(xml, lt)}: "--" inside a comment`);
    if (closing !== undefined) {
      const open = stack.pop();
      if (open?.name !== closing) problems.push(`line ${lineAt(xml, lt)}: </${closing}> closes ${open ? `<${open.name}> of line ${lineAt(xml, open.at)}` : 'nothing'}`);
    } else if (opening !== undefined) {
      if (stack.length === 0 && ++roots > 1) problems.push(`line ${lineAt(xml, lt)}: a second root element <${opening}>`);
      const names = new Set<string>();
      for (const a of attributes.matchAll(new RegExp(`(${NAME})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g'))) {
        if (names.has(a[1]!)) problems.push(`line ${lineAt(xml, lt)}: attribute ${a[1]} twice`);
        names.add(a[1]!);
        checkText(a[2] ?? a[3] ?? '', lt);
      }
      if (selfClosing !== '/') stack.push({ name: opening, at: lt });
    }
    i = lt + whole.length;
  }
  for (const open of stack) problems.push(`line ${lineAt(xml, open.at)}: <${open.name}> is never closed`);
  if (roots === 0) problems.push('no root element');
  return problems;
}
