// Smaller Hexo importer cases, one behaviour each, written inline so each test shows its input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convertPost, type PostSource } from '../../src/hexo/convert.ts';
import { noteSlug } from '../../src/hexo/slug.ts';
import type { Converted } from '../../src/hexo/types.ts';

function convert(text: string, extra: Partial<PostSource> = {}): Converted {
  const result = convertPost({ fileName: '2024-01-02-note.md', text, ...extra });
  if (!result.ok) assert.fail(`expected a conversion, got line ${result.line}: ${result.reason}`);
  return result;
}
const post = (...lines: string[]) => lines.join('\n');

test('a plain value YAML rejects is quoted: "title: Paxos: 笔记"', () => {
  const result = convert(post('---', 'title: Paxos: 笔记', '---', '正文'));
  assert.equal(result.front.title, 'Paxos: 笔记');
  assert.deepEqual(result.changes, ['title: quoted value that YAML rejected (line 2: Nested mappings are not allowed in compact mappings)', 'date: missing, taken from the file name (2024-01-02)']);
});

test('a text field is never a list: "title: [Paxos]" stays the text [Paxos]', () => {
  assert.equal(convert(post('---', 'title: [Paxos]', 'date: 2024-01-02', '---', '')).front.title, '[Paxos]');
});

test('a valid flow list, even over two lines, is left alone; an invalid one is quoted and reported', () => {
  assert.deepEqual(convert(post('---', 'title: t', 'date: 2024-01-02', 'tags: [分布式,', '  共识]', '---', '')).front.tags, ['分布式', '共识']);
  const bad = convert(post('---', 'title: t', 'date: 2024-01-02', 'tags: [分布式]共识', '---', ''));
  assert.deepEqual(bad.front.tags, ['[分布式]共识']);
  assert.ok(bad.changes.includes('tags: quoted value starting with "[" (line 4); it is not a valid YAML flow collection'));
});

test('a comment after a bracketed title stays a comment; more than one tag is stripped', () => {
  const result = convert(post('---', 'title: [WIP] [施工中] 快速 Paxos # 以后再写', 'date: 2024-01-02', '---', ''));
  assert.equal(result.front.title, '快速 Paxos');
  assert.equal(result.front.wip, true);
  assert.deepEqual(result.changes.filter((c) => c.startsWith('wip')), ['wip: true from "[WIP]"', 'wip: true from "[施工中]"']);
});

test('missing date: from the file name, else from the modification time; a bad date fails on its line', () => {
  assert.equal(convert(post('---', 'title: t', '---', '')).front.date, '2024-01-02');
  const modified = new Date(2023, 4, 16, 20, 29, 7);
  assert.equal(convert(post('---', 'title: t', '---', ''), { fileName: 'note.md', modified }).front.date, '2023-05-16 20:29:07');
  assert.deepEqual(convertPost({ fileName: 'note.md', text: post('---', 'title: t', 'date: 下周', '---', '') }), {
    ok: false,
    line: 3,
    reason: 'date: cannot read "下周" as a date; write it as "date: 2023-05-16 20:29:07"',
  });
});

test('posts that cannot be converted say where and what to do', () => {
  assert.deepEqual(convertPost({ fileName: 'a.md', text: '# 只有正文\n\n没有 front matter。\n' }), {
    ok: false,
    line: 1,
    reason: 'no front matter found; start the post with a "---" line, "title: …", "date: …", then another "---" line',
  });
  assert.deepEqual(convertPost({ fileName: 'a.md', text: post('---', 'date: 2024-01-02', 'tags: [a]', '---', '') }), {
    ok: false,
    reason: 'no title; add "title: …" to the front matter',
  });
  const duplicate = convertPost({ fileName: 'a.md', text: post('---', 'title: a', 'title: b', '---', '') });
  assert.equal(duplicate.ok, false);
  assert.equal(!duplicate.ok && duplicate.line, 3);
  assert.match(!duplicate.ok ? duplicate.reason : '', /unique.*keep one of the two fields/);
  const onlyTag = convertPost({ fileName: 'a.md', text: post('---', 'title: 【施工中】', '---', '') });
  assert.deepEqual(onlyTag, { ok: false, line: 2, reason: 'the title is only a 施工中/WIP tag; add the title after the tag' });
});

test('byte order mark and CRLF line endings are normalised and reported', () => {
  const result = convert('\uFEFF---\r\ntitle: t\r\ndate: 2024-01-02\r\n---\r\n正文\r\n');
  assert.deepEqual(result.changes, ['byte order mark removed', 'line endings: CRLF → LF']);
  assert.equal(result.text, '---\ntitle: t\ndate: 2024-01-02\n---\n\n正文\n');
});

test('drafts: Hexo _drafts folder and draft: true are kept as draft', () => {
  assert.equal(convert(post('---', 'title: t', '---', ''), { inDrafts: true }).front.draft, true);
  assert.equal(convert(post('---', 'title: t', 'draft: true', '---', '')).front.draft, true);
  assert.equal(convert(post('---', 'title: t', 'published: true', '---', '')).front.draft, undefined);
});

test('note file names: lower case, punctuation and spaces to dashes, Chinese kept', () => {
  assert.equal(noteSlug('2023-05-16-paxos.md'), '2023-05-16-paxos');
  assert.equal(noteSlug('Paxos Made Simple.markdown'), 'paxos-made-simple');
  assert.equal(noteSlug('分布式 一致性（初探）.md'), '分布式-一致性-初探');
  assert.equal(noteSlug('_index.md'), 'index', 'no leading _, which the notes collection would ignore');
  const renamed = convert(post('---', 'title: t', 'date: 2024-01-02', '---', ''), { fileName: 'My Note.md' });
  assert.equal(renamed.fileName, 'my-note.md');
  assert.ok(renamed.changes.includes('file name: "My Note.md" → "my-note.md"'));
});

test('body: ~~~ mermaid and ```Mermaid fences, raw, blockquote, an unclosed tag', () => {
  const result = convert(
    post(
      '---', 'title: t', 'date: 2024-01-02', '---',
      '~~~ mermaid', 'graph TD', '~~~',
      '```Mermaid', '%%{init: {"theme": "dark"}}%%', 'graph LR', '```',
      '{% raw %}', '{{ 不是模板 }}', '{% endraw %}',
      '{% blockquote Leslie Lamport, Paxos Made Simple https://lamport.azurewebsites.net/pubs/paxos-simple.pdf 原文 %}', 'The Paxos algorithm, when presented in plain English, is very simple.', '{% endblockquote %}',
      '{% note info %}', '没有结束标签',
    ),
  );
  const body = result.text.split('\n---\n')[1] ?? '';
  assert.ok(body.includes('~~~mermaid\ngraph TD\n~~~'));
  assert.ok(body.includes('```mermaid\n%%{init: {"theme": "dark"}}%%\ngraph LR\n```'));
  assert.ok(body.includes('\n{{ 不是模板 }}\n') && !body.includes('{% raw %}'));
  assert.ok(body.includes('> The Paxos algorithm, when presented in plain English, is very simple.\n>\n> — Leslie Lamport, Paxos Made Simple, [原文](https://lamport.azurewebsites.net/pubs/paxos-simple.pdf)'));
  assert.ok(result.changes.includes('fence at line 5: "~~~ mermaid" → "~~~mermaid"'));
  assert.ok(result.changes.includes('fence at line 8: "```Mermaid" → "```mermaid"'));
  assert.deepEqual(result.warnings, [
    { line: 18, message: '{% note %} is never closed with {% endnote %}; left as text' },
  ]);
});

test('YAML comments are kept after the fields; a # line inside a block value is text', () => {
  const result = convert(post('---', '# 从旧博客迁移', 'title: t', 'date: 2024-01-02', 'description: |', '  第一行', '  # 不是注释', '---', ''));
  assert.equal(result.front.description, '第一行\n# 不是注释\n');
  assert.ok(result.text.startsWith('---\ntitle: t\ndate: 2024-01-02\ndescription: |\n  第一行\n  # 不是注释\n# 从旧博客迁移\n---\n'), result.text);
  assert.ok(result.changes.includes('YAML comments moved below the fields (line 2)'));
});

test('tags inside a {% note %} are converted too, with their own lines', () => {
  const result = convert(post('---', 'title: t', 'date: 2024-01-02', '---', '{% note info %}', '见下图：', '{% asset_img ring.png 环 %}', '{% endnote %}'));
  assert.ok(result.text.includes('> **提示**\n>\n> 见下图：\n> ![环](./2024-01-02-note/ring.png "环")'), result.text);
  assert.deepEqual(result.assets, [{ file: 'ring.png', line: 7 }]);
  assert.deepEqual(result.changes, ['line 5: {% note info %} → blockquote led by **提示**', 'line 7: {% asset_img … %} → ![环](./2024-01-02-note/ring.png "环")']);
});
