// Converts a Hexo post body to plain Markdown the site renders: mermaid fences normalised, the common
// Hexo tag plugins ({% asset_img %}, {% codeblock %}, {% note %}, …) rewritten as Markdown, unknown
// tags left as text with a warning. Code fences and inline code are never touched: a note may well
// show Hexo syntax as an example.
import { noteSlug } from './slug.ts';
import type { Warning } from './types.ts';

export interface BodyContext {
  /** The note's slug: asset links point into `./<slug>/`. */
  slug: string;
  /** 1-based source line of the body's first line. */
  bodyLine: number;
}

export interface ConvertedBody {
  body: string;
  changes: string[];
  warnings: Warning[];
  /** Asset folder files the body refers to, with their lines. */
  assets: { file: string; line: number }[];
  /** Text before `<!-- more -->` (Hexo's excerpt), when the post has the marker. */
  excerpt?: string;
}

const fenceOpen = /^(\s*)(`{3,}|~{3,})(.*)$/;
const moreMarker = /<!--\s*more\s*-->/;
const blockTag = /^\s*\{%-?\s*(codeblock|code|blockquote|pullquote|note|raw|mermaid)\b(.*?)\s*-?%\}\s*$/;
const inlineTag = /\{%-?\s*([\w-]+)(.*?)\s*-?%\}/g;

export function convertBody(body: string, ctx: BodyContext): ConvertedBody {
  const lines = body.split('\n');
  const out: string[] = [];
  const changes: string[] = [];
  const warnings: Warning[] = [];
  const assets: { file: string; line: number }[] = [];
  let excerpt: string | undefined;
  const lineAt = (i: number) => ctx.bodyLine + i;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';

    const fence = fenceOpen.exec(line);
    if (fence) {
      const [, indent = '', marks = '', info = ''] = fence;
      const lang = /^\s*mermaid\b(.*)$/i.exec(info);
      if (lang && (info !== `mermaid${lang[1] ?? ''}`)) {
        const fixed = `${indent}${marks}mermaid${lang[1] ?? ''}`;
        changes.push(`fence at line ${lineAt(i)}: "${line.trim()}" → "${fixed.trim()}"`);
        out.push(fixed);
      } else {
        out.push(line);
      }
      // Copy the fenced block untouched up to its closing fence (same character, at least as long).
      const close = new RegExp(`^\\s*${marks.charAt(0)}{${marks.length},}\\s*$`);
      let j = i + 1;
      while (j < lines.length && !close.test(lines[j] ?? '')) out.push(lines[j++] ?? '');
      if (j < lines.length) out.push(lines[j] ?? '');
      i = j;
      continue;
    }

    const block = blockTag.exec(line);
    if (block) {
      const [, name = '', args = ''] = block;
      const end = new RegExp(`^\\s*\\{%-?\\s*end${name}\\s*-?%\\}\\s*$`);
      let j = i + 1;
      while (j < lines.length && !end.test(lines[j] ?? '')) j++;
      if (j >= lines.length) {
        warnings.push({ line: lineAt(i), message: `{% ${name} %} is never closed with {% end${name} %}; left as text` });
        out.push(line);
        continue;
      }
      let content = lines.slice(i + 1, j);
      if (name === 'raw') content.forEach((l, k) => warnings.push(...rawHtmlWarnings(l, lineAt(i + 1 + k))));
      // A callout or quote holds ordinary Markdown, Hexo tags included: convert those first.
      const inner = ['note', 'blockquote', 'pullquote'].includes(name) ? convertBody(content.join('\n'), { slug: ctx.slug, bodyLine: lineAt(i + 1) }) : undefined;
      if (inner) content = inner.body.split('\n');
      out.push(...blockToMarkdown(name, args.trim(), content, lineAt(i), changes));
      if (inner) {
        changes.push(...inner.changes);
        warnings.push(...inner.warnings);
        assets.push(...inner.assets);
      }
      i = j;
      continue;
    }

    warnings.push(...rawHtmlWarnings(line.split(/(`+[^`]*?`+)/).filter((_, k) => k % 2 === 0).join(' '), lineAt(i)));
    if (excerpt === undefined && moreMarker.test(line)) {
      excerpt = [...out, line.slice(0, line.search(moreMarker))].join('\n');
    }
    out.push(convertInlineTags(line, lineAt(i), ctx.slug, changes, warnings, assets));
  }
  const result: ConvertedBody = { body: out.join('\n'), changes, warnings, assets };
  if (excerpt !== undefined) result.excerpt = excerpt;
  return result;
}

function blockToMarkdown(name: string, args: string, content: string[], line: number, changes: string[]): string[] {
  switch (name) {
    case 'code':
    case 'codeblock': {
      const words = splitArgs(args);
      const options = words.filter((w) => /^[a-z_]+:/.test(w) && !/^https?:/.test(w));
      const lang = options.find((w) => w.startsWith('lang:'))?.slice(5) ?? '';
      const plain = words.filter((w) => !options.includes(w));
      const urlAt = plain.findIndex((w) => /^https?:\/\//.test(w));
      const title = (urlAt < 0 ? plain : plain.slice(0, urlAt)).join(' ');
      const url = urlAt < 0 ? undefined : plain[urlAt];
      const linkText = urlAt < 0 ? '' : plain.slice(urlAt + 1).join(' ');
      const marks = fenceFor(content);
      const info = `${lang}${title ? ` title=${JSON.stringify(title)}` : ''}`;
      const dropped = options.filter((w) => !w.startsWith('lang:'));
      changes.push(`line ${line}: {% ${name} %} → fenced code block${lang ? ` (${lang})` : ''}${dropped.length ? `; options dropped: ${dropped.join(' ')}` : ''}`);
      const out = [`${marks}${info}`, ...content, marks];
      if (url !== undefined) out.push('', `[${linkText || url}](${url})`);
      return out;
    }
    case 'blockquote':
    case 'pullquote': {
      changes.push(`line ${line}: {% ${name} %} → Markdown blockquote`);
      const out = content.map((l) => (l.trim() === '' ? '>' : `> ${l}`));
      if (name === 'blockquote' && args !== '') {
        const words = splitArgs(args);
        const urlAt = words.findIndex((w) => /^https?:\/\//.test(w));
        const who = (urlAt < 0 ? words : words.slice(0, urlAt)).join(' ');
        const url = urlAt < 0 ? undefined : words[urlAt];
        const linkTitle = urlAt < 0 ? '' : words.slice(urlAt + 1).join(' ');
        const source = url === undefined ? '' : `${who ? ', ' : ''}[${linkTitle || url}](${url})`;
        out.push('>', `> — ${who}${source}`);
      }
      return out;
    }
    case 'note': {
      // NexT's callout box: a blockquote led by a bold label for its style.
      const style = splitArgs(args).find((w) => w !== 'no-icon') ?? 'default';
      const label = ({ warning: '注意', danger: '警告', info: '提示', success: '提示' } as Record<string, string>)[style] ?? '注';
      changes.push(`line ${line}: {% note ${style} %} → blockquote led by **${label}**`);
      return [`> **${label}**`, '>', ...content.map((l) => (l.trim() === '' ? '>' : `> ${l}`))];
    }
    case 'raw':
      changes.push(`line ${line}: {% raw %} markers removed, content kept as written`);
      return content;
    case 'mermaid': {
      // hexo-tag-mermaid / NexT: `{% mermaid graph TD %}` carries the diagram type in the tag. An
      // `%%{init: …}%%` directive must stay ahead of the type line, so it is moved before it.
      const directives: string[] = [];
      let k = 0;
      while (k < content.length && /^\s*(%%\{.*\}%%\s*)?$/.test(content[k] ?? '')) directives.push(content[k++] ?? '');
      const typeLine = args === '' ? [] : [args];
      changes.push(`line ${line}: {% mermaid${args ? ` ${args}` : ''} %} → \`\`\`mermaid fence`);
      return ['```mermaid', ...directives.filter((d) => d.trim() !== ''), ...typeLine, ...content.slice(k), '```'];
    }
    default:
      return content;
  }
}

// Raw HTML that runs script in the reader's browser. A note may carry it (notes are trusted content,
// README says so), but an imported post must not bring it in unseen: each one is listed with its line.
const activeHtml: { pattern: RegExp; what: (m: RegExpExecArray) => string }[] = [
  { pattern: /<\s*(script|iframe|object|embed)\b/i, what: (m) => `<${(m[1] ?? '').toLowerCase()}> element` },
  { pattern: /<[a-z][^>]*?\s(on[a-z]+)\s*=|^\s*(on[a-z]+)\s*=\s*["']/i, what: (m) => `event handler attribute ${(m[1] ?? m[2] ?? '').toLowerCase()}=` },
  { pattern: /(?:(?:href|src|action|formaction|data)\s*=\s*["']?|\]\(\s*<?)\s*javascript(?::|&colon;|&#0*58;|&#x0*3a;)/i, what: () => 'javascript: link' },
];

function rawHtmlWarnings(text: string, line: number): Warning[] {
  if (!/[<(]/.test(text) && !/^\s*on/i.test(text)) return [];
  return activeHtml.flatMap(({ pattern, what }) => {
    const m = pattern.exec(text);
    return m ? [{ line, message: `raw HTML or script: ${what(m)} runs in the reader's browser when the note is published; keep it only if you mean it (notes are trusted content)` }] : [];
  });
}

/** Rewrites the inline tags of one line, skipping inline code spans. */
function convertInlineTags(line: string, lineNo: number, slug: string, changes: string[], warnings: Warning[], assets: { file: string; line: number }[]): string {
  if (!line.includes('{%')) return line;
  const parts = line.split(/(`+[^`]*?`+)/);
  return parts
    .map((part, index) => {
      if (index % 2 === 1) return part; // an inline code span
      return part.replace(inlineTag, (whole, name: string, rawArgs: string) => {
        const args = splitArgs(rawArgs.trim());
        const converted = inlineToMarkdown(name, args, slug, (file) => assets.push({ file, line: lineNo }));
        if (converted === undefined) {
          warnings.push({ line: lineNo, message: `Hexo tag {% ${name} %} is not converted (left as text); replace it by hand` });
          return whole;
        }
        changes.push(`line ${lineNo}: {% ${name}${args.length ? ' …' : ''} %} → ${converted}`);
        return converted;
      });
    })
    .join('');
}

function inlineToMarkdown(name: string, args: string[], slug: string, useAsset: (file: string) => void): string | undefined {
  const asset = (file: string) => {
    useAsset(file);
    return `./${slug}/${file}`;
  };
  switch (name) {
    case 'asset_img': {
      const [file, ...rest] = pickFile(args);
      if (file === undefined) return undefined;
      const { title, alt } = titleAndAlt(rest);
      return `![${alt ?? title ?? ''}](${asset(file)}${title ? ` ${JSON.stringify(title)}` : ''})`;
    }
    case 'asset_path':
      return args[0] === undefined ? undefined : asset(args[0]);
    case 'asset_link': {
      const [file, ...rest] = args;
      if (file === undefined) return undefined;
      return `[${rest.join(' ') || file}](${asset(file)})`;
    }
    case 'img': {
      const [src, ...rest] = pickFile(args);
      if (src === undefined) return undefined;
      const { title, alt } = titleAndAlt(rest.filter((a) => !/^\d+%?$/.test(a)));
      return `![${alt ?? title ?? ''}](${src}${title ? ` ${JSON.stringify(title)}` : ''})`;
    }
    case 'post_link': {
      const [target, ...rest] = args;
      if (target === undefined) return undefined;
      const text = rest.filter((a) => a !== 'true' && a !== 'false').join(' ');
      return `[${text || target}](../${noteSlug(target)}/)`;
    }
    case 'youtube':
      return args[0] === undefined ? undefined : `[YouTube: ${args[0]}](https://www.youtube.com/watch?v=${args[0]})`;
    default:
      return undefined;
  }
}

/** The first argument that looks like a file or URL, and everything after it (class names before it are dropped). */
function pickFile(args: string[]): string[] {
  const at = args.findIndex((a) => /^(https?:\/\/|\/|\.\.?\/)/.test(a) || /\.[A-Za-z0-9]{2,5}$/.test(a));
  return at < 0 ? args : args.slice(at);
}

/** Hexo's `"title text" "alt text"` (or unquoted title words) after an image. */
function titleAndAlt(rest: string[]): { title?: string; alt?: string } {
  const words = rest.filter((w) => !/^\d+$/.test(w));
  if (words.length === 0) return {};
  if (words.length === 2 && rest.length === 2) return { title: words[0] ?? '', alt: words[1] ?? '' };
  return { title: words.join(' ') };
}

/** Splits tag arguments on spaces, keeping "quoted strings" and 'quoted strings' whole (quotes removed). */
export function splitArgs(args: string): string[] {
  const out: string[] = [];
  for (const m of args.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
  return out;
}

function fenceFor(content: string[]): string {
  const longest = Math.max(0, ...content.map((l) => Math.max(0, ...[...l.matchAll(/`+/g)].map((m) => m[0].length))));
  return '`'.repeat(Math.max(3, longest + 1));
}
