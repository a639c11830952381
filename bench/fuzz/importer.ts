// Hostile Hexo posts through the importer (src/hexo/run.ts, in process) into a temporary --out. Each
// attempt lays out a blog folder with one hostile post and one good post, a file outside --out that a
// post may try to reach, and runs the import. It is handled when the import returns, nothing outside
// --out changed, the good post was imported, every planted fault was reported with its line, and
// every note written passes the site's own front matter check (the importer and the site agree).
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { importPosts } from '../../src/hexo/run.ts';
import { checkNoteSource } from '../../src/markdown/validate-notes.ts';
import { Random } from '../../src/paxos/core/random.ts';
import type { FuzzClass } from './class.ts';

export interface HostilePost {
  fileName: string;
  text: string;
  force: boolean;
  /** Faults that stop the post: the import must name it as not imported for one of them, with its line. */
  fatal: { kind: string; pattern: RegExp }[];
  /** Faults the import reports and imports the post anyway: each must be reported (when nothing fatal stopped it). */
  expect: { kind: string; output: 'stderr' | 'stdout'; pattern: RegExp }[];
}

const TRAVERSALS = ['../../../secret.txt', '../../../victim/planted.txt', '../../../victim/existing.txt', '/etc/hostname', '..\\..\\..\\victim\\existing.txt', 'sub/../../../../victim/existing.txt', '../pic.png'];
const ASSET_TAGS = ['asset_img', 'asset_path', 'asset_link'];
const ACTIVE_HTML = ['<script>alert(1)</script>', '<img src=x onerror="alert(1)">', '<a href="javascript:alert(1)">x</a>', '[x](javascript:alert(1))', '<iframe src="//evil"></iframe>', '<svg onload=alert(1)>'];
const FILE_NAMES = ['post.md', 'post.markdown', '....md', '..\\..\\evil.md', '.hidden.md', '-.md', '中文 标题.md', 'a b#c?.md', '2023-05-16-x.md', `${'long'.repeat(40)}.md`];
const DATES = ['2023-13-45', '2023-02-30', '"2023-01-01 25:61:00"', '99999-01-01', '2023/2/29', '2024/2/29 9:05'];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The hostile post for `seed`: some random fields and one or two planted faults. */
export function hostilePost(seed: number): HostilePost {
  const random = new Random(seed);
  const fileName = random.pick(FILE_NAMES);
  const label = escape(fileName);
  const expect: HostilePost['expect'] = [];
  const fatal: HostilePost['fatal'] = [];
  if (fileName === '-.md') fatal.push({ kind: 'file name without letters', pattern: /: not imported: the file name/ });
  const front: string[] = ['title: hostile', `date: 2023-05-0${random.int(1, 9)} 10:00:00`];
  const body: string[] = ['text'];
  const tail: string[] = [];
  const assets: { target: string; index: number }[] = [];
  const faults = random.int(1, 2);
  for (let f = 0; f < faults; f++) {
    switch (random.int(0, 6)) {
      case 0: {
        if (front.some((l) => l.startsWith('a0:'))) break;
        // front matter is lines 2.. (line 1 is ---); the bomb's first alias is on its second line
        const line = front.length + 3;
        front.push('a0: &a0 [x, x, x, x, x, x, x, x, x]');
        for (let i = 1; i < random.int(4, 9); i++) front.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
        front.push(`tags: *a${front.filter((l) => l.startsWith('a')).length - 1}`);
        fatal.push({ kind: 'alias bomb', pattern: new RegExp(`:${line}: not imported: .*alias`) });
        break;
      }
      case 1: {
        const target = random.pick(TRAVERSALS);
        body.push(`{% ${random.pick(ASSET_TAGS)} ${target} %}`);
        assets.push({ target, index: body.length - 1 });
        break;
      }
      case 2: {
        const code = random.pick([0, 1, 7, 8, 11, 12, 27, 31, 127]);
        body.push(`control ${String.fromCharCode(code)} here`);
        expect.push({ kind: `control character ${code}`, output: 'stderr', pattern: new RegExp(`${label}:\\d+: warning: control character`) });
        break;
      }
      case 3:
        body.push(random.pick(ACTIVE_HTML));
        expect.push({ kind: 'raw HTML', output: 'stderr', pattern: new RegExp(`${label}:\\d+: warning: raw HTML or script`) });
        break;
      case 4:
        if (front.some((l) => l.startsWith('__proto__'))) break;
        front.push(`__proto__: {polluted: ${random.int(1, 9)}}`);
        expect.push({ kind: '__proto__ field', output: 'stdout', pattern: /__proto__: not used by the site, kept as a comment/ });
        break;
      case 5: {
        if (!front[1]?.startsWith('date: 2023-05-0')) break;
        const date = random.pick(DATES);
        front[1] = `date: ${date}`;
        if (date !== '2024/2/29 9:05') fatal.push({ kind: `date ${date}`, pattern: /:3: not imported: date/ });
        break;
      }
      default:
        // Last in the body: an unclosed fence or tag must not hide the faults planted before it.
        tail.push(random.pick(['{% codeblock %}', '{% note warning %}', `{% ${'x'.repeat(random.int(1, 3000))} %}`, '```', '$$', '<!-- more', '{%%}']));
    }
  }
  // The body starts after the front matter and its two --- lines.
  for (const { target, index } of assets) fatal.push({ kind: `asset ${target}`, pattern: new RegExp(`:${front.length + 3 + index}: not imported: asset .* outside`) });
  // A file the walk skips must still be named.
  if (fileName.startsWith('.')) {
    fatal.splice(0, fatal.length, { kind: 'hidden file', pattern: /: skipped: a hidden file/ });
    expect.length = 0;
  }
  const text = `---\n${front.join('\n')}\n---\n${[...body, ...tail].join('\n')}\n`;
  return { fileName, text, force: random.chance(0.5), fatal: fatal.map((f) => ({ ...f, pattern: new RegExp(`^${label}${f.pattern.source}`) })), expect };
}

/** Name → content hash of every file under `dir`, skipping `skip`. */
export function snapshot(dir: string, skip: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (path === skip) continue;
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(dir, path), createHash('sha1').update(readFileSync(path)).digest('hex'));
    }
  };
  walk(dir);
  return files;
}

/** Runs the import of the post for `seed` in a fresh folder; resolves, or rejects with what went wrong. */
export async function attemptImport(seed: number): Promise<void> {
  const post = hostilePost(seed);
  const top = mkdtempSync(join(tmpdir(), 'fuzz-import-'));
  try {
    const posts = join(top, 'blog', 'source', '_posts');
    const out = join(top, 'out');
    mkdirSync(join(top, 'victim'), { recursive: true });
    mkdirSync(join(posts, post.fileName.replace(/\.(md|markdown)$/, '')), { recursive: true });
    mkdirSync(out);
    writeFileSync(join(top, 'victim', 'existing.txt'), 'victim');
    writeFileSync(join(top, 'secret.txt'), 'secret');
    writeFileSync(join(top, 'blog', 'pic.png'), 'png');
    writeFileSync(join(posts, post.fileName), post.text);
    writeFileSync(join(posts, 'zz-good.md'), '---\ntitle: good\ndate: 2023-05-16 20:29:07\ntags: [a]\n---\nfine\n');
    const before = snapshot(top, out);
    const stdout: string[] = [];
    const stderr: string[] = [];
    const fail = (why: string): never => {
      throw new Error(`seed ${seed}: ${why}\n  stderr: ${stderr.join('\n  ').slice(0, 600)}`);
    };
    let summary;
    try {
      summary = importPosts({ inputs: [posts], out, force: post.force, dryRun: false }, { stdout: (l) => stdout.push(l), stderr: (l) => stderr.push(l) });
    } catch (error) {
      return fail(`the import threw ${(error as Error).name}: ${(error as Error).message}`);
    }
    const after = snapshot(top, out);
    for (const [name, hash] of after) if (before.get(name) !== hash) fail(`wrote ${name} outside --out`);
    if (after.size !== before.size) fail('removed a file outside --out');
    if (!summary.notes.some((n) => n.endsWith('zz-good.md'))) fail('the good post next to the hostile one was not imported');
    if (post.fatal.length > 0) {
      if (!stderr.some((l) => post.fatal.some((f) => f.pattern.test(l)))) fail(`${post.fatal.map((f) => f.kind).join(' or ')}: not named with its line (${post.fatal.map((f) => f.pattern).join(', ')})`);
      if (summary.notes.length !== 1) fail('the hostile post was imported');
    } else for (const e of post.expect) {
      const lines = e.output === 'stderr' ? stderr : stdout;
      if (!lines.some((l) => e.pattern.test(l))) fail(`${e.kind}: no line matching ${e.pattern}`);
    }
    for (const note of summary.notes) {
      const problems = checkNoteSource(relative(top, note), readFileSync(note, 'utf8'));
      if (problems.length > 0) fail(`the site refuses the note it wrote: ${problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join(' | ')}`);
    }
  } finally {
    rmSync(top, { recursive: true, force: true });
  }
}

export function describePost(seed: number): string {
  const post = hostilePost(seed);
  const shown = JSON.stringify(post.text);
  return `${post.fileName} [${[...post.fatal, ...post.expect].map((e) => e.kind).join(', ') || 'odd syntax'}]${post.force ? ' --force' : ''}: ${shown.length > 100 ? `${shown.slice(0, 100)}…` : shown}`;
}

export const fuzzClasses: FuzzClass[] = [{ name: 'hexo post', attempt: attemptImport, describe: describePost }];
