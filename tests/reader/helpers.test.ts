// Unit tests of the reader's pure helpers: CJK reading time, summaries, note lists, base-aware
// URLs, share-card text wrapping, i18n tables.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { locales, toLocale, useTranslations } from '../../src/i18n/ui.ts';
import { displayDate, isoDay } from '../../src/reader/dates.ts';
import { asList, groupByTerm, groupByYear, isVisible, neighbours, newestFirst, type NoteLike } from '../../src/reader/list.ts';
import { textWidthEm, wrapText } from '../../src/reader/og-image.ts';
import { readingTime } from '../../src/reader/reading-time.ts';
import { basePathFromEnv, editUrl } from '../../src/reader/site.ts';
import { firstParagraph, summarize, truncate } from '../../src/reader/summary.ts';
import { termSlug } from '../../src/reader/url.ts';
import { joinBase } from '../../src/base-path.ts';

test('reading time counts Chinese characters one by one, not as one "word"', () => {
  const zh = '共识'.repeat(800); // 1600 characters, no spaces
  assert.equal(readingTime(zh).cjkChars, 1600);
  assert.equal(readingTime(zh).minutes, 4); // 1600 / 400
  const en = Array.from({ length: 440 }, () => 'ballot').join(' ');
  assert.equal(readingTime(en).words, 440);
  assert.equal(readingTime(en).minutes, 2); // 440 / 220
  assert.equal(readingTime('').minutes, 1, 'never zero minutes');
});

test('reading time skips code, diagrams, math and MDX imports', () => {
  const body = [
    "import { PaxosDiagram } from '@/components/paxos';",
    '正文十个字正文十个字',
    '```mermaid',
    '一二三四五六七八九十'.repeat(100),
    '```',
    '$$',
    '一二三四五六七八九十'.repeat(100),
    '$$',
    '行内 $一二三$ 公式',
  ].join('\n');
  assert.equal(readingTime(body).cjkChars, 14);
});

test('summary: description wins, else the first prose paragraph, cut at a sentence end', () => {
  assert.equal(summarize('  给定的描述  ', '正文'), '给定的描述');
  const body = '---\ntitle: x\n---\nimport A from "a";\n\n# 标题\n\n- 列表项目不算摘要\n\n这是第一段正文，**加粗**和[链接](/x)都保留文字。\n\n第二段。';
  assert.equal(firstParagraph(body), '这是第一段正文， 加粗 和链接都保留文字。');
  const long = `${'甲'.repeat(90)}。${'乙'.repeat(100)}`;
  assert.equal(truncate(long, 120), `${'甲'.repeat(90)}。`);
  assert.equal(truncate('乙'.repeat(200), 10), `${'乙'.repeat(10)}…`);
});

const note = (id: string, date: string | undefined, extra: Partial<NoteLike['data']> = {}): NoteLike => ({
  id,
  data: { title: id, ...(date ? { date: new Date(date) } : {}), ...extra },
});

test('newest first, ties broken by id, undated notes last; prev is older, next is newer', () => {
  const notes = [note('b', '2023-01-01'), note('none', undefined), note('a', '2023-01-01'), note('c', '2024-01-01')];
  const sorted = newestFirst(notes);
  assert.deepEqual(sorted.map((n) => n.id), ['c', 'a', 'b', 'none']);
  const { prev, next } = neighbours(sorted, 'a');
  assert.equal(prev?.id, 'b');
  assert.equal(next?.id, 'c');
  assert.equal(neighbours(sorted, 'c').next, undefined);
  assert.equal(neighbours(sorted, 'missing').prev, undefined);
});

test('drafts are visible only when asked (astro dev)', () => {
  const draft = note('d', '2024-01-01', { draft: true });
  assert.equal(isVisible(draft, false), false);
  assert.equal(isVisible(draft, true), true);
  assert.equal(isVisible(note('p', '2024-01-01'), false), true);
});

test('terms: string or list, case-insensitive grouping, count then name order', () => {
  assert.deepEqual(asList('Paxos'), ['Paxos']);
  assert.deepEqual(asList([' a ', '', 'b']), ['a', 'b']);
  assert.deepEqual(asList(null), []);
  const groups = groupByTerm(
    [note('1', '2024-01-01', { tags: ['Paxos', '共识'] }), note('2', '2023-01-01', { tags: 'paxos' }), note('3', '2022-01-01', { tags: ['Fast Paxos'] })],
    'tags',
  );
  assert.deepEqual(
    groups.map((g) => [g.slug, g.name, g.notes.map((n) => n.id)]),
    [
      ['paxos', 'Paxos', ['1', '2']],
      ['fast-paxos', 'Fast Paxos', ['3']],
      ['共识', '共识', ['1']],
    ],
  );
});

test('archive years follow the site time zone (UTC, as the schema reads Hexo dates)', () => {
  const notes = newestFirst([note('new', '2024-01-01T00:30:00Z'), note('old', '2023-12-31T23:30:00Z')]);
  assert.deepEqual(groupByYear(notes, 'UTC').map((g) => [g.year, g.notes.map((n) => n.id)]), [
    ['2024', ['new']],
    ['2023', ['old']],
  ]);
  assert.equal(isoDay(new Date('2023-05-16T20:29:07Z')), '2023-05-16');
  assert.equal(displayDate(new Date('2023-05-16T20:29:07Z'), 'zh-CN'), '2023年5月16日');
});

test('URLs honour the base path; term slugs keep CJK and drop URL-breaking characters', () => {
  assert.equal(joinBase('/', 'tags/a/'), '/tags/a/');
  assert.equal(joinBase('/notes-site', '/rss.xml'), '/notes-site/rss.xml');
  assert.equal(joinBase('/notes-site/', ''), '/notes-site/');
  assert.equal(termSlug(' Fast  Paxos '), 'fast-paxos');
  assert.equal(termSlug('分布式/系统?#'), '分布式-系统');
  assert.equal(basePathFromEnv({ BASE_PATH: 'notes-site' }), '/notes-site/');
  assert.equal(basePathFromEnv({}), '/');
  assert.equal(editUrl('https://github.com/o/r/edit/main', 'content/notes/a.mdx'), 'https://github.com/o/r/edit/main/content/notes/a.mdx');
  assert.equal(editUrl(undefined, 'content/notes/a.mdx'), undefined);
});

test('share-card wrapping breaks between CJK characters but not inside Latin words', () => {
  const lines = wrapText('分布式一致性算法初探：从 Basic Paxos 到 Multi-Paxos', 14, 3);
  assert.ok(lines.length >= 2);
  for (const line of lines) assert.ok(textWidthEm(line) <= 14, `${line} is too wide`);
  assert.ok(lines.some((l) => l.includes('Multi-Paxos')), 'Multi-Paxos stays whole');
  const cut = wrapText('字'.repeat(100), 10, 2);
  assert.equal(cut.length, 2);
  assert.ok(cut[1]?.endsWith('…'));
});

test('i18n: every locale has every key; placeholders are filled; lang maps to a locale', () => {
  const zh = useTranslations('zh-CN');
  assert.equal(zh('note.readingTime', { minutes: 3 }), '阅读约 3 分钟');
  assert.equal(useTranslations('en')('note.readingTime', { minutes: 3 }), '3 min read');
  assert.deepEqual([...locales], ['zh-CN', 'en']);
  assert.equal(toLocale('en-US'), 'en');
  assert.equal(toLocale('zh'), 'zh-CN');
  assert.equal(toLocale(undefined), 'zh-CN');
});

test('diagram accessible name and description come from the Mermaid source', async () => {
  const { describeMermaid } = await import('../../src/diagrams/describe.ts');
  const seq = describeMermaid('%%{init: {"theme": "forest"}}%%\nsequenceDiagram\n  participant P1 as 提议者\n  P1->>A1: prepare(1)\n  A1-->>P1: promise(1)\n  P1-xA2: accept(1, v)');
  assert.equal(seq.label, '时序图：提议者、A1、A2');
  assert.equal(seq.description, '共 3 条消息：提议者 → A1：prepare(1)；A1 → 提议者：promise(1)；提议者 → A2：accept(1, v)（丢失）。');
  const own = describeMermaid('flowchart LR\n  accTitle: 两阶段\n  accDescr: 先 prepare 再 accept\n  a --> b');
  assert.deepEqual(own, { label: '两阶段', description: '先 prepare 再 accept' });
  assert.equal(describeMermaid('flowchart LR\n a --> b').label, '流程图');
});

test('translations: the same id under a locale folder, in another language', async () => {
  const { translationsOf } = await import('../../src/reader/list.ts');
  const zh = { id: 'basic-paxos', data: { title: '基本', lang: 'zh-CN' } };
  const en = { id: 'en/basic-paxos', data: { title: 'Basic', lang: 'en' } };
  const other = { id: 'en/multi-paxos', data: { title: 'Multi', lang: 'en' } };
  assert.deepEqual(translationsOf([zh, en, other], zh).map((n) => n.id), ['en/basic-paxos']);
  assert.deepEqual(translationsOf([zh, en, other], en).map((n) => n.id), ['basic-paxos']);
  assert.deepEqual(translationsOf([zh, en, other], other), []);
});

test('root-relative links in notes get the base path; others are left alone', async () => {
  const { rehypeBaseLinks } = await import('../../src/reader/rehype-base-links.ts');
  const { withBase } = await import('../../src/base-path.ts');
  assert.equal(withBase('/notes/a/#x', '/notes-site/'), '/notes-site/notes/a/#x');
  assert.equal(withBase('/notes-site/notes/a/', '/notes-site/'), '/notes-site/notes/a/');
  assert.equal(withBase('/notes-site', '/notes-site/'), '/notes-site');
  assert.equal(withBase('//cdn.example/x.js', '/notes-site/'), '//cdn.example/x.js');
  assert.equal(withBase('https://example.org/', '/notes-site/'), 'https://example.org/');
  assert.equal(withBase('#anchor', '/notes-site/'), '#anchor');
  assert.equal(withBase('../x/', '/notes-site/'), '../x/');
  assert.equal(withBase('/notes/a/', '/'), '/notes/a/');
  const tree = {
    type: 'root',
    children: [
      { type: 'element', tagName: 'a', properties: { href: '/notes/b/' }, children: [] },
      { type: 'mdxJsxFlowElement', name: 'a', attributes: [{ type: 'mdxJsxAttribute', name: 'href', value: '/tags/x/' }], children: [] },
    ],
  };
  rehypeBaseLinks({ base: '/notes-site/' })(tree as never);
  assert.equal((tree.children[0] as { properties: { href: string } }).properties.href, '/notes-site/notes/b/');
  assert.equal((tree.children[1] as { attributes: Array<{ value: string }> }).attributes[0]?.value, '/notes-site/tags/x/');
});
