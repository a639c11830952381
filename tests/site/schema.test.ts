// The notes schema accepts Hexo front matter, and the pre-build check names file, line and field.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { noteSchema, parseNoteDate } from '../../src/markdown/note-schema.ts';
import { checkNoteSource } from '../../src/markdown/validate-notes.ts';

describe('note schema', () => {
  it('reads a Hexo date without a zone as the wall-clock time written (UTC)', () => {
    const data = noteSchema.parse({ title: 't', date: '2023-05-16 20:29:07' });
    assert.equal(data.date?.toISOString(), '2023-05-16T20:29:07.000Z');
  });

  it('accepts the Date js-yaml makes of an unquoted Hexo date, and ISO dates with an offset', () => {
    assert.equal(noteSchema.parse({ title: 't', date: new Date('2023-05-16T20:29:07Z') }).date?.getTime(), Date.parse('2023-05-16T20:29:07Z'));
    assert.equal(noteSchema.parse({ title: 't', date: '2024-01-02T03:04:05+08:00' }).date?.toISOString(), '2024-01-01T19:04:05.000Z');
    assert.equal(parseNoteDate('2022-12-31')?.toISOString(), '2022-12-31T00:00:00.000Z');
  });

  it('treats an empty `updated:` (null or "") as absent', () => {
    assert.equal(noteSchema.parse({ title: 't', updated: null }).updated, undefined);
    assert.equal(noteSchema.parse({ title: 't', updated: '' }).updated, undefined);
    assert.equal(noteSchema.parse({ title: 't', updated: '2023-05-17 08:00:00' }).updated?.toISOString(), '2023-05-17T08:00:00.000Z');
  });

  it('normalises tags and categories from a string, a list, nested lists or nothing', () => {
    const a = noteSchema.parse({ title: 't', tags: 'Paxos', categories: ['分布式', ['共识', 'Paxos']] });
    assert.deepEqual(a.tags, ['Paxos']);
    assert.deepEqual(a.categories, ['分布式', '共识', 'Paxos']);
    const b = noteSchema.parse({ title: 't', tags: null });
    assert.deepEqual(b.tags, []);
    assert.deepEqual(b.categories, []);
  });

  it('defaults lang, draft and wip', () => {
    const d = noteSchema.parse({ title: 't' });
    assert.equal(d.lang, 'zh-CN');
    assert.equal(d.draft, false);
    assert.equal(d.wip, false);
  });

  it('rejects a missing title and a date it cannot read', () => {
    assert.equal(noteSchema.safeParse({ date: '2023-01-01' }).success, false);
    const bad = noteSchema.safeParse({ title: 't', date: 'next tuesday' });
    assert.equal(bad.success, false);
    assert.match(bad.error!.issues[0]!.message, /2023-05-16 20:29:07/);
  });
});

describe('front matter check', () => {
  it('names file, line and field of an unquoted Hexo title starting with [, and says to quote it', () => {
    const text = '---\ntitle: [施工中]分布式一致性算法初探\ndate: 2023-05-16 20:29:07\n---\nbody\n';
    const [problem, ...rest] = checkNoteSource('content/notes/x.md', text);
    assert.equal(rest.length, 0);
    assert.equal(problem?.file, 'content/notes/x.md');
    assert.equal(problem?.line, 2);
    assert.equal(problem?.field, 'title');
    assert.match(problem!.fix, /quotes/);
    assert.match(problem!.fix, /title: "\[施工中\]分布式一致性算法初探"/);
    assert.match(problem!.fix, /npm run import/);
  });

  it('points at tab indentation', () => {
    const [problem] = checkNoteSource('n.md', '---\ntitle: x\ntags:\n\t- a\n---\n');
    assert.equal(problem?.line, 4);
    assert.match(problem!.fix, /spaces instead of tabs/);
  });

  it('reports a schema problem on the line of its field', () => {
    const [problem] = checkNoteSource('n.md', '---\ntitle: x\ndate: someday\ndraft: yes please\n---\n');
    assert.equal(problem?.field, 'date');
    assert.equal(problem?.line, 3);
    const problems = checkNoteSource('n.md', '---\ntitle: x\ndraft: yes please\n---\n');
    assert.equal(problems[0]?.field, 'draft');
    assert.equal(problems[0]?.line, 3);
    assert.match(problems[0]!.fix, /draft: true/);
  });

  it('reports a missing title at the opening ---', () => {
    const [problem] = checkNoteSource('n.md', '\n---\ndate: 2023-01-01\n---\n');
    assert.equal(problem?.field, 'title');
    assert.equal(problem?.line, 2);
    assert.match(problem!.message, /required/);
  });

  it('accepts a valid Hexo post', () => {
    const text = '---\ntitle: "[施工中]分布式"\ndate: 2023-05-16 20:29:07\nupdated:\ntags:\n  - a\n  - b\ncategories: 分布式\n---\n';
    assert.deepEqual(checkNoteSource('n.md', text), []);
  });
});
