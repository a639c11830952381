// The Hexo importer's conversion, as pure functions over the fixture posts (tests/fixtures/hexo).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { convertPost } from '../../src/hexo/convert.ts';
import type { Converted, ConvertResult } from '../../src/hexo/types.ts';

const fixtures = new URL('../fixtures/hexo/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, fixtures), 'utf8');
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

function converted(result: ConvertResult): Converted {
  if (!result.ok) assert.fail(`expected a conversion, got line ${result.line}: ${result.reason}`);
  return result;
}

/** Splits a note into its parsed front matter (with the `yaml` package, as a reader would) and body. */
function note(text: string): { front: Record<string, unknown>; yaml: string; body: string } {
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  assert.ok(m, 'the note starts with a front matter between --- lines');
  const front: unknown = YAML.parse(m[1] ?? '');
  assert.equal(typeof front, 'object');
  return { front: front as Record<string, unknown>, yaml: m[1] ?? '', body: m[2] ?? '' };
}

const paxosSource = read('single/2023-05-16-paxos.md');
const paxos = converted(convertPost({ fileName: '2023-05-16-paxos.md', text: paxosSource }));

test('the source really is invalid YAML for Hexo (the reason the importer exists)', () => {
  const data = /^---\n([\s\S]*?)\n---/.exec(paxosSource)?.[1] ?? '';
  assert.throws(() => YAML.parse(data));
});

test('front matter: fields mapped one by one, the [施工中] tag becomes wip', () => {
  const { front } = note(paxos.text);
  assert.equal(front['title'], '分布式一致性算法初探');
  assert.equal(front['subtitle'], 'tech');
  assert.equal(front['date'], '2023-05-16 20:29:07');
  assert.ok('updated' in front, 'updated is kept');
  assert.equal(front['updated'], null);
  assert.deepEqual(front['tags'], ['分布式', '共识']);
  assert.deepEqual(front['categories'], ['专业']);
  assert.equal(front['wip'], true);
  assert.equal(front['draft'], undefined);
  assert.equal(front['description'], '写给懂网络、但没接触过共识算法的工程师：先讲清楚几台机器为什么难以对一个值达成一致，再看 Paxos 怎样做到。');
  assert.deepEqual(Object.keys(front), ['title', 'subtitle', 'date', 'updated', 'tags', 'categories', 'description', 'wip']);
  assert.deepEqual(paxos.front, front, 'the returned front matter is what was written');
  assert.equal(paxos.fileName, '2023-05-16-paxos.md');
});

test('front matter fits the site schema: title text, date parseable, tags a list of text', () => {
  const { front, yaml } = note(paxos.text);
  assert.equal(typeof front['title'], 'string');
  assert.ok(!Number.isNaN(Date.parse(String(front['date']).replace(' ', 'T'))), 'date parses');
  assert.ok(Array.isArray(front['tags']) && front['tags'].every((t) => typeof t === 'string'));
  assert.ok(Array.isArray(front['categories']));
  assert.match(yaml, /^updated:$/m, 'the empty updated stays an empty value, not "null"');
  assert.match(yaml, /^title: 分布式一致性算法初探$/m, 'quoted only where needed');
});

test('unknown Hexo fields are kept as YAML comments, invisible to the schema', () => {
  const { front, yaml } = note(paxos.text);
  assert.equal(front['layout'], undefined);
  assert.equal(front['comments'], undefined);
  assert.match(yaml, /^# Hexo fields this site does not use, kept for reference:\n#   layout: post\n#   comments: true$/m);
});

test('the printed change list names every change, with source lines', () => {
  const fence = lineOf(paxosSource, '``` mermaid');
  assert.deepEqual(paxos.changes, [
    `tab indentation → two spaces per tab (lines ${lineOf(paxosSource, '\t- 分布式')}, ${lineOf(paxosSource, '\t- 共识')})`,
    'title: quoted value starting with "[" (line 2)',
    'wip: true from "[施工中]"',
    'updated: empty kept',
    'layout: not used by the site, kept as a comment',
    'comments: not used by the site, kept as a comment',
    `fence at line ${fence}: "\`\`\` mermaid" → "\`\`\`mermaid"`,
    `line ${lineOf(paxosSource, '{% asset_img quorum.png')}: {% asset_img … %} → ![多数派的交集](./2023-05-16-paxos/quorum.png "多数派的交集")`,
    `line ${lineOf(paxosSource, '{% note warning %}')}: {% note warning %} → blockquote led by **注意**`,
    `line ${lineOf(paxosSource, '{% codeblock')}: {% codeblock %} → fenced code block (ts)`,
    'description: from the text before <!-- more --> (the marker stays in the body)',
  ]);
});

test('body: the mermaid fence is normalised and keeps its init directive and diagram', () => {
  const { body } = note(paxos.text);
  const lines = body.split('\n');
  const open = lines.indexOf('```mermaid');
  assert.ok(open >= 0, 'a ```mermaid fence');
  assert.ok(!body.includes('``` mermaid'));
  assert.equal(lines[open + 1], "%%{init: {'theme': 'neutral', 'sequence': {'mirrorActors': false}}}%%");
  assert.equal(lines[open + 2], 'sequenceDiagram');
  assert.equal(lines[open + 6], '    A1-->>P1: promise(1)');
  assert.equal(lines[open + 7], '```');
});

test('body: Hexo tags become Markdown; unknown tags warn with their line; code is left alone', () => {
  const { body } = note(paxos.text);
  assert.ok(body.includes('![多数派的交集](./2023-05-16-paxos/quorum.png "多数派的交集")'));
  assert.deepEqual(paxos.assets, [{ file: 'quorum.png', line: lineOf(paxosSource, '{% asset_img quorum.png') }]);
  assert.ok(body.includes('> **注意**\n>\n> 提议编号在所有 proposer 之间必须唯一，重启之后也不能回退。'));
  assert.ok(body.includes('```ts title="比较两个编号"\nconst newer = '));
  assert.ok(!/\{% (note warning|codeblock|endcodeblock|asset_img quorum)/.test(body));
  assert.deepEqual(paxos.warnings, [
    { line: lineOf(paxosSource, '{% pdf'), message: 'Hexo tag {% pdf %} is not converted (left as text); replace it by hand' },
  ]);
  assert.ok(body.includes('{% pdf paxos-made-simple.pdf %}'), 'the unknown tag stays as written');
  assert.ok(body.includes('行内代码里的 `{% asset_img demo.png %}` 保持原样。'), 'inline code untouched');
  assert.ok(body.includes('```text\n{% note info %} 代码块里的标签也不动 {% endnote %}\n```'), 'fenced code untouched');
  assert.ok(body.includes('<!-- more -->'), 'the summary marker stays');
  assert.ok(paxos.text.endsWith('```\n') && !paxos.text.endsWith('\n\n'));
});

test('converting the converted note again changes nothing', () => {
  const again = converted(convertPost({ fileName: '2023-05-16-paxos.md', text: paxos.text }));
  assert.deepEqual(again.changes, ['updated: empty kept']);
  assert.equal(again.text, paxos.text);
});

test('a post without the opening ---, a full-width 【WIP】, slashed date, string tags, nested categories, excerpt', () => {
  const source = read('folder/multi-paxos.md');
  const result = converted(convertPost({ fileName: 'multi-paxos.md', text: source }));
  const { front, body } = note(result.text);
  assert.equal(front['title'], 'Multi-Paxos：从单个值到一串日志');
  assert.equal(front['wip'], true);
  assert.equal(front['date'], '2023-06-02 09:05:00');
  assert.deepEqual(front['tags'], ['Multi-Paxos']);
  assert.deepEqual(front['categories'], ['专业', '分布式']);
  assert.equal(front['description'], '选出 leader 之后，每个 slot 只需要跑第二阶段。');
  assert.ok(result.changes.includes('front matter: opening "---" added'));
  assert.ok(result.changes.includes('wip: true from "【WIP】"'));
  assert.ok(result.changes.includes('date: "2023/6/2 9:05:00" → "2023-06-02 09:05:00"'));
  assert.ok(result.changes.includes('tags: "Multi-Paxos" → list'));
  assert.ok(result.changes.includes('excerpt → description'));
  assert.ok(body.includes('[上一篇：Basic Paxos](../2023-05-16-paxos/)'));
  // {% mermaid type %}: the init directive goes first, then the type the tag carried.
  assert.ok(body.includes("```mermaid\n%%{init: {'theme': 'forest'}}%%\nsequenceDiagram\n    participant L as Leader"));
});

test('JSON front matter between ;;; lines, published: false → draft', () => {
  const result = converted(convertPost({ fileName: 'json-front-matter.md', text: read('folder/json-front-matter.md') }));
  const { front } = note(result.text);
  assert.equal(front['title'], '租约（lease）与时钟假设');
  assert.equal(front['draft'], true);
  assert.deepEqual(front['tags'], ['Multi-Paxos', 'lease']);
  assert.deepEqual(result.changes, ['front matter: JSON (";;;") → YAML', 'published: false → draft: true']);
});

test('broken posts fail with the line and what to do', () => {
  const unterminated = convertPost({ fileName: 'unterminated.md', text: read('folder/unterminated.md') });
  assert.deepEqual(unterminated, { ok: false, line: 1, reason: 'front matter opened with "---" is never closed; add a "---" line after its last field' });
  const badYaml = convertPost({ fileName: 'bad-yaml.md', text: read('folder/bad-yaml.md') });
  assert.equal(badYaml.ok, false);
  assert.equal(!badYaml.ok && badYaml.line, 4);
  assert.match(!badYaml.ok ? badYaml.reason : '', /the " that opens the value of description is never closed/);
});
