// Hostile Hexo posts against the importer: asset tags that climb out of --out, an alias bomb among
// good posts, control characters, raw HTML, hidden post files, a `__proto__` field, impossible dates;
// then a seeded run of hostile posts (bench/fuzz/importer.ts) with its oracle.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, type TestContext } from 'node:test';
import { attemptImport, snapshot } from '../../bench/fuzz/importer.ts';
import { convertPost } from '../../src/hexo/convert.ts';
import { importPosts } from '../../src/hexo/run.ts';
import { checkNoteSource } from '../../src/markdown/validate-notes.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const FUZZ_SEEDS = 300;

/**
 * top/site/{blog/_posts, out, secret.txt, victim/}, removed after the test: `../../../` from a post's
 * asset folder reaches top/site, and from a note's asset folder in out/ reaches top, so every write
 * that escapes lands where the test can see it.
 */
function blog(t: TestContext, posts: Record<string, string>): { top: string; site: string; posts: string; out: string } {
  const top = mkdtempSync(join(tmpdir(), 'hostile-import-'));
  t.after(() => rmSync(top, { recursive: true, force: true }));
  const site = join(top, 'site');
  const dir = join(site, 'blog', '_posts');
  mkdirSync(dir, { recursive: true });
  mkdirSync(join(site, 'victim'));
  mkdirSync(join(top, 'victim'));
  writeFileSync(join(site, 'secret.txt'), 'secret');
  writeFileSync(join(site, 'victim', 'planted.txt'), 'planted');
  writeFileSync(join(site, 'victim', 'existing.txt'), 'attacker');
  writeFileSync(join(top, 'victim', 'existing.txt'), 'victim');
  for (const [name, text] of Object.entries(posts)) writeFileSync(join(dir, name), text);
  return { top, site, posts: dir, out: join(site, 'out') };
}

function importCli(cwd: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [join(root, 'src/cli/import.ts'), ...args], { cwd, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const post = (...body: string[]) => `---\ntitle: t\ndate: 2023-05-16 20:29:07\n---\n${body.join('\n')}\n`;

describe('importer: nothing written outside --out', () => {
  for (const [tag, target] of [
    ['asset_img', '../../../secret.txt'],
    ['asset_path', '../../../victim/planted.txt'],
    ['asset_img', '/etc/hostname'],
    ['asset_link', '..\\..\\..\\victim\\existing.txt'],
  ]) {
    it(`refuses {% ${tag} ${target} %} with file:line, writes nothing, exit 1`, (t) => {
      const b = blog(t, { 'evil.md': post('text', `{% ${tag} ${target} %}`) });
      const before = snapshot(b.top, b.out);
      const run = importCli(b.site, 'blog/_posts', '--out', 'out');
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stderr, /evil\.md:6: not imported: asset ".*" is outside the post's asset folder/);
      assert.deepEqual(snapshot(b.top, b.out), before);
      assert.deepEqual(existsSync(b.out) ? readdirSync(b.out) : [], []);
    });
  }

  it('with --force, {% asset_link ../../../victim/existing.txt %} leaves the file outside --out alone', (t) => {
    const b = blog(t, { 'evil.md': post('{% asset_link ../../../victim/existing.txt %}') });
    const run = importCli(b.site, 'blog/_posts', '--out', 'out', '--force');
    assert.equal(run.code, 1, run.stderr);
    assert.equal(readFileSync(join(b.top, 'victim', 'existing.txt'), 'utf8'), 'victim');
    assert.match(run.stderr, /evil\.md:5: not imported/);
  });
});

describe('importer: symbolic links', () => {
  it('refuses to copy an asset into a note folder that links outside --out', (t) => {
    const b = blog(t, { 'linked.md': post('{% asset_img pic.png %}') });
    mkdirSync(join(b.posts, 'linked'));
    writeFileSync(join(b.posts, 'linked', 'pic.png'), 'png');
    mkdirSync(b.out);
    symlinkSync(join(b.top, 'victim'), join(b.out, 'linked'));
    const stderr: string[] = [];
    const summary = importPosts({ inputs: [b.posts], out: b.out, force: true, dryRun: false }, { stdout: () => {}, stderr: (l) => stderr.push(l) });
    assert.equal(summary.failed, 1);
    assert.ok(stderr.some((l) => /^linked\.md:5: not imported: .*symbolic link/.test(l)), stderr.join('\n'));
    assert.equal(existsSync(join(b.top, 'victim', 'pic.png')), false);
  });
});

describe('importer: one bad post among good ones', () => {
  it('reports a YAML alias bomb with its line and still imports the other 15 posts', (t) => {
    let bomb = 'a0: &a0 [x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 9; i++) bomb += `a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]\n`;
    const posts: Record<string, string> = { 'bomb.md': `---\ntitle: bomb\n${bomb}tags: *a8\n---\nbody\n` };
    for (let i = 0; i < 15; i++) posts[`good-${String(i).padStart(2, '0')}.md`] = post(`post ${i}`);
    const b = blog(t, posts);
    const run = importCli(b.site, 'blog/_posts', '--out', 'out');
    assert.equal(run.code, 1);
    assert.match(run.stderr, /bomb\.md:4: not imported: front matter: its aliases \(\*name\) expand to more than 100 copies/);
    assert.doesNotMatch(run.stderr, /ReferenceError|\n\s+at /);
    assert.equal(readdirSync(b.out).length, 15);
    assert.match(run.stdout, /imported 15 of 16 posts/);
  });
});

describe('importer: what it brings in is reported', () => {
  it('removes control characters and warns with their line; the note passes the site check', (t) => {
    const b = blog(t, { 'ctl.md': `---\ntitle: "bell"\ndate: 2023-05-16\n---\nline one\nNUL \u0000 and ESC \u001b here\n` });
    const stderr: string[] = [];
    const summary = importPosts({ inputs: [b.posts], out: b.out, force: false, dryRun: false }, { stdout: () => {}, stderr: (l) => stderr.push(l) });
    assert.equal(summary.imported, 1);
    assert.ok(stderr.some((l) => /^ctl\.md:6: warning: control characters U\+0000, U\+001B removed/.test(l)), stderr.join('\n'));
    const note = readFileSync(join(b.out, 'ctl.md'), 'utf8');
    assert.doesNotMatch(note, /[\u0000\u001b]/);
    assert.deepEqual(checkNoteSource('ctl.md', note), []);
  });

  it('lists each <script>, on…= handler and javascript: link with its line, code excluded', () => {
    const result = convertPost({
      fileName: 'html.md',
      text: post('<script>alert(1)</script>', '<img src=x onerror="alert(2)">', '<a href="javascript:alert(3)">x</a>', '[y](javascript:alert(4))', '`<script>` as code', '```html', '<script>in a fence</script>', '```'),
    });
    assert.ok(result.ok);
    assert.deepEqual(
      result.warnings.map((w) => [w.line, /: (.*?) runs in/.exec(w.message)?.[1]]),
      [[5, '<script> element'], [6, 'event handler attribute onerror='], [7, 'javascript: link'], [8, 'javascript: link']],
    );
  });

  it('names hidden post files (....md, ..\\..\\evil.md) instead of skipping them silently', (t) => {
    const b = blog(t, { '....md': post('x'), '..\\..\\evil.md': post('y'), 'ok.md': post('z') });
    const stderr: string[] = [];
    importPosts({ inputs: [b.posts], out: b.out, force: false, dryRun: false }, { stdout: () => {}, stderr: (l) => stderr.push(l) });
    assert.ok(stderr.includes('....md: skipped: a hidden file (its name starts with "."); rename it to import it'), stderr.join('\n'));
    assert.ok(stderr.some((l) => l.startsWith('..\\..\\evil.md: skipped: a hidden file')), stderr.join('\n'));
  });

  it('keeps a __proto__ field as a comment and says so', () => {
    const result = convertPost({ fileName: 'p.md', text: '---\ntitle: t\ndate: 2023-05-16\n__proto__: {polluted: 1}\n---\nx\n' });
    assert.ok(result.ok);
    assert.ok(result.changes.includes('__proto__: not used by the site, kept as a comment'));
    assert.match(result.text, /#   __proto__:\n#     polluted: 1/);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });
});

describe('importer and site agree on dates', () => {
  const dates = ['2023-05-16 20:29:07', '2023-02-30', '2023-13-45', '2024-02-29', '2023-02-29', '2023-01-01 25:61:00', '2023-01-01 23:59:59', '99999-01-01', '2023-05-16T20:29:07+08:00', '0999-01-01'];
  for (const date of dates) {
    it(`date: ${date}`, () => {
      const imported = convertPost({ fileName: 'd.md', text: `---\ntitle: t\ndate: ${date}\n---\nx\n` });
      const site = checkNoteSource('d.md', `---\ntitle: t\ndate: ${date}\n---\nx\n`);
      assert.equal(imported.ok, site.length === 0, `importer ${imported.ok ? 'accepts' : 'rejects'}, site says ${JSON.stringify(site)}`);
      if (imported.ok) assert.deepEqual(checkNoteSource('d.md', imported.text), []);
      else assert.equal(imported.line, 3);
    });
  }
});

describe('importer: fuzz', () => {
  it(`${FUZZ_SEEDS} seeded hostile posts: no throw, nothing outside --out, every fault named, every note accepted by the site`, async () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= FUZZ_SEEDS; seed++) await attemptImport(seed).catch((error: Error) => failures.push(error.message));
    assert.deepEqual(failures, []);
  });
});
