// The import command end to end: spawned as `node src/cli/import.ts` on copies of the fixtures in a
// temporary folder, checking files on disk, the printed report and the exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = join(root, 'tests/fixtures/hexo');

function importCli(cwd: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [join(root, 'src/cli/import.ts'), ...args], { cwd, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A scratch folder holding a copy of the fixtures as `hexo/`, removed after the test. */
function scratch(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'hexo-import-'));
  cpSync(fixtures, join(dir, 'hexo'), { recursive: true });
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const frontOf = (text: string) => YAML.parse(/^---\n([\s\S]*?)\n---\n/.exec(text)?.[1] ?? '') as Record<string, unknown>;

test('one post: converted into content/notes by default, every change printed, exit 0', (t) => {
  const dir = scratch(t);
  const run = importCli(dir, 'hexo/single/2023-05-16-paxos.md');
  assert.equal(run.code, 0, run.stderr);
  const notePath = join(dir, 'content/notes/2023-05-16-paxos.md');
  const note = readFileSync(notePath, 'utf8');
  const front = frontOf(note);
  assert.equal(front['title'], '分布式一致性算法初探');
  assert.equal(front['wip'], true);
  assert.equal(front['updated'], null);
  assert.deepEqual(front['tags'], ['分布式', '共识']);
  assert.ok(note.includes('```mermaid\n%%{init:'));
  // The asset folder's image went beside the note, byte for byte.
  assert.deepEqual(readFileSync(join(dir, 'content/notes/2023-05-16-paxos/quorum.png')), readFileSync(join(fixtures, 'single/2023-05-16-paxos/quorum.png')));
  const lines = run.stdout.trim().split('\n');
  for (const expected of [
    '2023-05-16-paxos.md: title: quoted value starting with "[" (line 2)',
    '2023-05-16-paxos.md: wip: true from "[施工中]"',
    '2023-05-16-paxos.md: updated: empty kept',
    '2023-05-16-paxos.md: fence at line 22: "``` mermaid" → "```mermaid"',
    '2023-05-16-paxos.md: tab indentation → two spaces per tab (lines 7, 8)',
    '2023-05-16-paxos.md: written to content/notes/2023-05-16-paxos.md',
  ]) assert.ok(lines.includes(expected), `stdout has: ${expected}\n${run.stdout}`);
  assert.equal(lines.at(-1), 'imported 1 of 1 post into content/notes');
  assert.equal(run.stderr, '2023-05-16-paxos.md:41: warning: Hexo tag {% pdf %} is not converted (left as text); replace it by hand\n');
  // Atomic writes leave no temporary files behind.
  assert.deepEqual(readdirSync(join(dir, 'content/notes')).sort(), ['2023-05-16-paxos', '2023-05-16-paxos.md']);
});

test('re-import without --force refuses, names the file and the flag, leaves the note unchanged; --force overwrites', (t) => {
  const dir = scratch(t);
  assert.equal(importCli(dir, 'hexo/single/2023-05-16-paxos.md', '--out', 'notes').code, 0);
  const notePath = join(dir, 'notes/2023-05-16-paxos.md');
  writeFileSync(notePath, '---\ntitle: 作者改过的笔记\n---\n手工修改\n');
  const before = statSync(notePath).mtimeMs;

  const refused = importCli(dir, 'hexo/single/2023-05-16-paxos.md', '--out', 'notes');
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /2023-05-16-paxos\.md: not imported: notes\/2023-05-16-paxos\.md already exists; pass --force to overwrite it/);
  assert.equal(readFileSync(notePath, 'utf8'), '---\ntitle: 作者改过的笔记\n---\n手工修改\n');
  assert.equal(statSync(notePath).mtimeMs, before);
  assert.match(refused.stdout, /imported 0 of 1 post into notes; 1 not imported/);

  const forced = importCli(dir, 'hexo/single/2023-05-16-paxos.md', '--out', 'notes', '--force');
  assert.equal(forced.code, 0, forced.stderr);
  assert.equal(frontOf(readFileSync(notePath, 'utf8'))['title'], '分布式一致性算法初探');
  assert.deepEqual(readdirSync(join(dir, 'notes')).filter((f) => f.endsWith('.tmp')), []);
});

test('folder import: good posts converted, broken ones named with file, line and reason, progress on stderr, exit 1', (t) => {
  const dir = scratch(t);
  const run = importCli(dir, 'hexo/folder', '--out', 'out');
  assert.equal(run.code, 1);
  assert.deepEqual(readdirSync(join(dir, 'out')).sort(), ['fast-paxos.md', 'json-front-matter.md', 'multi-paxos.md']);
  for (const file of readdirSync(join(dir, 'out'))) {
    const front = frontOf(readFileSync(join(dir, 'out', file), 'utf8'));
    assert.equal(typeof front['title'], 'string', file);
    assert.ok(!Number.isNaN(Date.parse(String(front['date']).replace(' ', 'T'))), `${file}: date parses`);
    assert.ok(Array.isArray(front['tags']), `${file}: tags is a list`);
  }
  assert.equal(frontOf(readFileSync(join(dir, 'out/fast-paxos.md'), 'utf8'))['draft'], true);
  const stderr = run.stderr.split('\n');
  assert.ok(stderr.includes('bad-yaml.md:4: not imported: front matter is not valid YAML: the " that opens the value of description is never closed; add the closing "'), run.stderr);
  assert.ok(stderr.includes('unterminated.md:1: not imported: front matter opened with "---" is never closed; add a "---" line after its last field'), run.stderr);
  for (const [i, name] of ['_drafts/fast-paxos.md', 'bad-yaml.md', 'json-front-matter.md', 'multi-paxos.md', 'unterminated.md'].entries()) {
    assert.ok(stderr.includes(`[${i + 1}/5] ${name}`), `progress line for ${name}`);
  }
  assert.ok(run.stdout.includes('multi-paxos.md: wip: true from "【WIP】"\n'));
  assert.match(run.stdout, /imported 3 of 5 posts into out; 2 not imported \(see above\)\n$/);
});

test('--dry-run prints the changes and writes nothing', (t) => {
  const dir = scratch(t);
  const run = importCli(dir, 'hexo/single/2023-05-16-paxos.md', '--dry-run');
  assert.equal(run.code, 0);
  assert.ok(run.stdout.includes('2023-05-16-paxos.md: would write content/notes/2023-05-16-paxos.md\n'));
  assert.equal(existsSync(join(dir, 'content')), false);
});

test('bad usage exits 2 with a message and the usage text', (t) => {
  const dir = scratch(t);
  const none = importCli(dir);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /name a Hexo post or a folder of posts\n\nusage: npm run import --/);
  const unknownFlag = importCli(dir, 'hexo/folder', '--overwrite');
  assert.equal(unknownFlag.code, 2);
  assert.match(unknownFlag.stderr, /Unknown option '--overwrite'/);
  const missing = importCli(dir, 'hexo/nope.md');
  assert.equal(missing.code, 2);
  assert.equal(missing.stderr, 'import: hexo/nope.md: no such file or folder\n');
  const notMarkdown = importCli(dir, 'hexo/single/2023-05-16-paxos/quorum.png');
  assert.equal(notMarkdown.code, 2);
  const help = importCli(dir, '--help');
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Exit codes: 0 all posts imported, 1 some post not imported, 2 bad usage\./);
});
