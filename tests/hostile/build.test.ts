// Hostile and careless notes through a real `astro build` of small fixture sites: titles, tags and
// descriptions full of markup and XML's special characters give a feed that is well-formed XML and tag
// and category folders without < or >; a control character fails the build naming the note; an
// unclosed ```paxos fence fails it with "unclosed fence starting at line N".
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { plain } from '../support/html.ts';
import { buildSite, makeSite, removeSite } from '../support/site-build.ts';
import { xmlProblems } from './xml.ts';

const HOSTILE = `---
title: "<script>alert(1)</script> & ]]> \\"quoted\\" 'single' 😀 <![CDATA[x]]>"
date: 2024-01-01
tags: ["<script>alert(2)</script>", "a&b", "C++", "..", "分布式", "<<>>"]
categories: ["<img src=x onerror=alert(3)>"]
description: "x < y && y > z ]]> \\u2028 next"
---

Body with <b>&amp;</b>, an ampersand & and a less-than < sign.
`;

describe('hostile notes in a real build', () => {
  it('the feed stays well-formed XML and no tag or category path holds < or >', async () => {
    const site = makeSite({ name: 'hostile-feed', allPages: true, notes: { 'hostile.md': HOSTILE, 'plain.md': '---\ntitle: plain\ndate: 2024-01-02\ntags: [paxos]\n---\n\ntext\n' } });
    try {
      const result = await buildSite(site);
      assert.equal(result.code, 0, result.output.slice(-3000));
      const rss = readFileSync(join(site.dist, 'rss.xml'), 'utf8');
      assert.deepEqual(xmlProblems(rss), []);
      assert.match(rss, /&lt;script&gt;alert\(1\)&lt;\/script&gt;|<!\[CDATA\[<script>/);
      for (const file of readdirSync(site.dist).filter((f) => /^sitemap.*\.xml$/.test(f))) assert.deepEqual(xmlProblems(readFileSync(join(site.dist, file), 'utf8')), [], file);
      for (const kind of ['tags', 'categories']) {
        const folders = readdirSync(join(site.dist, kind), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
        assert.ok(folders.length > 0, kind);
        for (const folder of folders) assert.match(folder, /^[\p{L}\p{N}\p{M}_-]+$/u, `${kind}/${folder}`);
      }
      assert.ok(existsSync(join(site.dist, 'tags', 'script-alert-2-script', 'index.html')));
    } finally {
      removeSite(site);
    }
  });

  it('a NUL in a note fails the build, naming the note, line and character', async () => {
    const site = makeSite({ name: 'hostile-nul', notes: { 'nul.md': '---\ntitle: nul\ndate: 2024-01-01\n---\n\nbefore \u0000 after\n' } });
    try {
      const result = await buildSite(site);
      assert.notEqual(result.code, 0);
      assert.match(plain(result.output), /content\/notes\/nul\.md:6: has 1 control character that no page or feed can carry \(U\+0000 at 6:8\)/);
      assert.equal(existsSync(join(site.dist, 'rss.xml')), false);
    } finally {
      removeSite(site);
    }
  });

  it('an unclosed ```paxos fence fails the build with "unclosed fence starting at line N"', async () => {
    const note = '---\ntitle: open fence\ndate: 2024-01-01\n---\n\nIntro.\n\n```paxos\nprotocol: basic\n\n## Next section\n\nMore text.\n';
    const site = makeSite({ name: 'hostile-open-fence', notes: { 'open.md': note } });
    try {
      const result = await buildSite(site);
      assert.notEqual(result.code, 0);
      assert.match(plain(result.output), /content\/notes\/open\.md:8: ```paxos block: unclosed fence starting at line 8/);
    } finally {
      removeSite(site);
    }
  });
});
