// A bad ```paxos block fails a real `astro build`, and the message names the note, the offending field's
// own line and the field (the rehype plugin is registered in astro.config.mjs).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSite, makeSite, removeSite, type Site } from '../support/site-build.ts';

const NOTE = `---
title: A note with a bad scenario block
date: 2024-02-02
tags: [paxos]
---

Some text first.

\`\`\`paxos
protocol: basic
caption: 崩溃一个不存在的节点
steps:
  - type: propose
    node: P1
    value: v1
  - type: crash
    node: A7
\`\`\`
`;

let site: Site | undefined;
after(() => {
  if (site) removeSite(site);
});

test('astro build fails on a bad paxos block with note:line: field', async () => {
  site = makeSite({ name: 'paxos-bad-fence', notes: { 'bad-fence.md': NOTE } });
  const result = await buildSite(site);
  assert.notEqual(result.code, 0, 'the build must fail');
  // The fence opens on line 9; `node: A7` is line 17.
  assert.match(result.output, /content\/notes\/bad-fence\.md:17: ```paxos block: steps\[1\]\.node: unknown node "A7"; nodes are P1, P2, A1, A2, A3/);
});
