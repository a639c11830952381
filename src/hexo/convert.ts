// One Hexo post → one note, as a pure function: front matter split, repaired, parsed and mapped;
// body converted; the note text emitted with stable, minimally quoted YAML.
import YAML from 'yaml';
import { convertBody } from './body.ts';
import { mapFields } from './fields.ts';
import { parseFrontMatterData } from './repair.ts';
import { noteSlug } from './slug.ts';
import { splitFrontMatter } from './split.ts';
import { findControlCharacters, stripControlCharacters } from '../markdown/control-characters.ts';
import type { ConvertResult, NoteFrontMatter, Warning } from './types.ts';

export interface PostSource {
  /** The post's file name, e.g. `2023-05-16-paxos.md`: it names the note. */
  fileName: string;
  text: string;
  /** The post sits in Hexo's `_drafts/` folder. */
  inDrafts?: boolean;
  /** Modification time: the date of a post that has none (as in Hexo). */
  modified?: Date;
}

/** The order fields are written in, whatever order the post had them in. */
const fieldOrder: (keyof NoteFrontMatter)[] = ['title', 'subtitle', 'date', 'updated', 'tags', 'categories', 'description', 'draft', 'wip', 'lang'];
const yamlOptions = { lineWidth: 0, nullStr: '' } as const;

export function convertPost(post: PostSource): ConvertResult {
  const changes: string[] = [];
  let text = post.text;
  if (text.startsWith('\uFEFF')) {
    text = text.slice(1);
    changes.push('byte order mark removed');
  }
  if (text.includes('\r')) {
    text = text.replace(/\r\n?/g, '\n');
    changes.push('line endings: CRLF → LF');
  }
  // NUL and other control characters: invisible, and the site refuses them (they break the RSS feed).
  const controlWarnings: Warning[] = [];
  const controls = findControlCharacters(text);
  if (controls.length > 0) {
    text = stripControlCharacters(text);
    for (const line of new Set(controls.map((c) => c.line))) {
      const here = controls.filter((c) => c.line === line);
      controlWarnings.push({ line, message: `control character${here.length > 1 ? 's' : ''} ${[...new Set(here.map((c) => c.code))].join(', ')} removed (column${here.length > 1 ? 's' : ''} ${here.map((c) => c.column).join(', ')}); check the text around it` });
    }
  }

  const slug = noteSlug(post.fileName);
  if (slug === '') return { ok: false, reason: `the file name "${post.fileName}" leaves no letters or digits for the note's name; rename the file` };
  const fileName = `${slug}.md`;
  if (fileName !== post.fileName) changes.push(`file name: "${post.fileName}" → "${fileName}"`);

  const split = splitFrontMatter(text);
  if (!split.ok) return split;
  if (!split.opened) changes.push('front matter: opening "---" added');
  const parsed = parseFrontMatterData(split);
  if (!parsed.ok) return parsed;
  changes.push(...parsed.changes);

  const fieldContext = { fileName: post.fileName, keyLines: parsed.keyLines, inDrafts: post.inDrafts ?? false };
  const mapped = mapFields(parsed.data, post.modified ? { ...fieldContext, modified: post.modified } : fieldContext);
  if (!mapped.ok) return mapped;
  changes.push(...mapped.changes);

  const body = convertBody(split.body, { slug, bodyLine: split.bodyLine });
  changes.push(...body.changes);
  const front = mapped.front;
  if (front.description === undefined && body.excerpt !== undefined) {
    const summary = plainSummary(body.excerpt);
    if (summary !== '') {
      front.description = summary;
      changes.push('description: from the text before <!-- more --> (the marker stays in the body)');
    }
  }

  return {
    ok: true,
    fileName,
    text: emitNote(front, mapped.unused, parsed.comments, body.body),
    front,
    changes,
    warnings: [...controlWarnings, ...body.warnings],
    assets: body.assets.filter((a, i) => body.assets.findIndex((b) => b.file === a.file) === i),
  };
}

export function emitNote(front: NoteFrontMatter, unused: Record<string, unknown>, comments: string[], body: string): string {
  const ordered: Record<string, unknown> = {};
  for (const key of fieldOrder) if (front[key] !== undefined) ordered[key] = front[key];
  let yaml = YAML.stringify(ordered, yamlOptions);
  if (Object.keys(unused).length > 0) {
    const kept = YAML.stringify(unused, yamlOptions).trimEnd().split('\n');
    yaml += `# Hexo fields this site does not use, kept for reference:\n${kept.map((l) => `#   ${l}`).join('\n')}\n`;
  }
  for (const comment of comments) yaml += `${comment.trim()}\n`;
  const content = body.replace(/^\n+/, '').replace(/\s+$/, '');
  return `---\n${yaml}---\n\n${content}\n`;
}

/** Hexo's excerpt as one line of plain text for `description`: Markdown marks removed, at most 200 characters. */
export function plainSummary(markdown: string): string {
  const text = markdown
    .replace(/^(\s*)(`{3,}|~{3,})[\s\S]*?^\s*\2\s*$/gm, ' ') // fenced code
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ') // images
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // links keep their text
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '') // headings, quotes, list marks
    .replace(/(\*\*|__|\*|_|`|~~)(.+?)\1/g, '$2')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 200 ? `${text.slice(0, 199).trimEnd()}…` : text;
}
