// A bad diagram or bad front matter stops the build with a message that names the note and line;
// `astro dev` reports the same messages in its overlay (tests/site/dev-loop.test.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { plain } from '../support/html.ts';
import { buildSite, makeSite, removeSite } from '../support/site-build.ts';

describe('build errors', () => {
  it('fails on invalid Mermaid, naming the note, the line and mermaid’s message', async () => {
    const site = makeSite({ name: 'bad-mermaid', notesFrom: 'tests/fixtures/site-bad-mermaid/notes' });
    try {
      const result = await buildSite(site);
      const out = plain(result.output);
      assert.notEqual(result.code, 0);
      // The fence opens on line 10; mermaid complains about its 3rd line, which is line 13 of the file.
      assert.match(out, /content\/notes\/bad\.md:13: Mermaid diagram \(block starting at line 10\) is invalid/);
      assert.match(out, /Parse error on line 3/);
    } finally {
      removeSite(site);
    }
  });

  it('fails on an unquoted Hexo title starting with [, naming file, line and field, and says to quote it', async () => {
    const site = makeSite({ name: 'bad-fm', notesFrom: 'tests/fixtures/site-bad-frontmatter/notes' });
    try {
      const result = await buildSite(site);
      const out = plain(result.output);
      assert.notEqual(result.code, 0);
      assert.match(out, /content\/notes\/hexo-title\.md:2: front matter field "title" is not valid YAML/);
      assert.match(out, /fix: put the value in quotes: title: "\[施工中\]分布式一致性算法初探"/);
      assert.match(out, /npm run import/);
    } finally {
      removeSite(site);
    }
  });

  it('fails on a playground preset the browser would otherwise trust, naming the preset and the field', async () => {
    // The reader's browser resolves an island's scenarios without checking them (sim/resolve.ts), so the
    // server must refuse a bad one when it renders the page.
    const note = [
      '---', 'title: presets', 'date: 2024-01-01', '---',
      "import { PaxosPlayground } from '@/components/paxos';", '',
      '<PaxosPlayground client:visible scenario={{ protocol: "basic" }} presets={{ "huge": { protocol: "basic", acceptors: 1e9 } }} />', '',
    ].join('\n');
    const site = makeSite({ name: 'bad-preset', notes: { 'p.mdx': note } });
    try {
      const result = await buildSite(site);
      const out = plain(result.output);
      assert.notEqual(result.code, 0);
      assert.match(out, /<PaxosPlayground> preset "huge": acceptors: at most 9 \(the limit for every scenario and protocol\), got 1000000000/);
    } finally {
      removeSite(site);
    }
  });

  it('fails on a schema error with the field and a fix', async () => {
    const site = makeSite({
      name: 'bad-field',
      notes: { 'a.md': '---\ntitle: ok\ndate: 2023-01-01\ndraft: maybe\n---\ntext\n' },
    });
    try {
      const result = await buildSite(site);
      const out = plain(result.output);
      assert.notEqual(result.code, 0);
      assert.match(out, /content\/notes\/a\.md:4: front matter field "draft"/);
      assert.match(out, /fix: write draft: true or draft: false/);
    } finally {
      removeSite(site);
    }
  });
});
