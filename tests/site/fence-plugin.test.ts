// The rehype fence plugin is reusable for other fence languages (the ```paxos hook): the caller turns
// the block into Mermaid text, the plugin does the rest.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { closeBrowser, configureDiagrams } from '../../src/diagrams/index.ts';
import { rehypeDiagramFences } from '../../src/markdown/rehype-diagram-fences.ts';

let cacheDir: string;

function tree(): Root {
  const t = fromHtml('<p>before</p>\n<pre><code class="language-paxos">acceptors: 3\n</code></pre>\n<p>after</p>', { fragment: true });
  // Positions as the Markdown parser would give them: the fence opens on line 7 of the note.
  const pre = t.children.find((c) => c.type === 'element' && c.tagName === 'pre')!;
  pre.position = { start: { line: 7, column: 1 }, end: { line: 9, column: 4 } };
  return t;
}

describe('rehypeDiagramFences (hook for other fence languages)', () => {
  before(() => {
    cacheDir = mkdtempSync(join(tmpdir(), 'paxos-diagram-cache-'));
    configureDiagrams({ cacheDir, mode: 'build', root: '/site' });
  });
  after(async () => {
    await closeBrowser();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('renders the Mermaid text the caller makes of the block, in a figure of its kind', async () => {
    const seen: string[] = [];
    const plugin = rehypeDiagramFences({
      lang: 'paxos',
      toMermaid: (code, context) => {
        seen.push(`${context.file}:${context.line}:${code}`);
        return 'sequenceDiagram\n    P->>A: prepare(1)\n    A-->>P: promise(1)';
      },
    });
    const t = tree();
    await plugin(t, { path: '/site/content/notes/n.mdx' });
    const html = toHtml(t);
    assert.deepEqual(seen, ['content/notes/n.mdx:7:acceptors: 3']);
    assert.match(html, /<figure class="diagram diagram-paxos" data-diagram="paxos"/);
    assert.equal(html.match(/<svg/g)?.length, 1, 'one SVG for both themes');
    assert.match(html, /<p>before<\/p>[\s\S]*<figure[\s\S]*<p>after<\/p>/);
  });

  it('names the note and line when the caller cannot make a diagram of the block', async () => {
    const plugin = rehypeDiagramFences({
      lang: 'paxos',
      toMermaid: () => {
        throw new Error('unknown protocol "raft"');
      },
    });
    await assert.rejects(plugin(tree(), { path: '/site/content/notes/n.mdx' }), /content\/notes\/n\.mdx:7: ```paxos block: unknown protocol "raft"/);
  });
});
