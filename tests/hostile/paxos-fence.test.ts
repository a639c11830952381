// ```paxos blocks written carelessly or with hostile YAML: an unclosed fence is named as such with its
// line (Markdown would run it to the end of the note and the scenario parser would complain of the
// text after it), and an alias bomb is refused with its line instead of a bare ReferenceError.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { fenceUse, PaxosFenceError, parsePaxosFence, rehypePaxosFence } from '../../src/markdown/rehype-paxos-fence.ts';

/** The tree Markdown makes of a note whose ```paxos fence opens on `line` and runs to the end. */
function treeWithFence(code: string, line: number, endLine: number): Root {
  const tree = fromHtml(`<pre><code class="language-paxos">${code.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</code></pre>`, { fragment: true });
  const pre = tree.children[0]!;
  pre.position = { start: { line, column: 1 }, end: { line: endLine, column: 1 } };
  return tree;
}

describe('```paxos fences', () => {
  it('an unclosed fence: "unclosed fence starting at line N", not "unknown field"', async () => {
    const note = ['---', 'title: t', '---', '', 'intro', '', '```paxos', 'protocol: basic', '', '## 下一节', '', 'text: more'].join('\n');
    const swallowed = note.split('\n').slice(7).join('\n');
    const plugin = rehypePaxosFence();
    await assert.rejects(
      plugin(treeWithFence(swallowed, 7, 12), { path: `${process.cwd()}/content/notes/open.md`, value: note }),
      (error: Error) => {
        assert.match(error.message, /content\/notes\/open\.md:7: ```paxos block: unclosed fence starting at line 7/);
        assert.doesNotMatch(error.message, /unknown field/);
        return true;
      },
    );
  });

  it('an alias bomb in a fence: refused with the line of its first alias', () => {
    let yaml = 'protocol: basic\nx0: &x0 [a, a, a, a, a, a, a, a, a]\n';
    for (let i = 1; i < 9; i++) yaml += `x${i}: &x${i} [${Array(9).fill(`*x${i - 1}`).join(', ')}]\n`;
    yaml += 'steps: *x8\n';
    const started = performance.now();
    assert.throws(() => parsePaxosFence(yaml), (error: unknown) => {
      assert.ok(error instanceof PaxosFenceError, String(error));
      assert.equal(error.field, 'yaml');
      assert.equal(error.blockLine, 3);
      assert.match(error.message, /aliases/);
      return true;
    });
    assert.ok(performance.now() - started < 1000);
  });
});

it('the scenario a block uses is read from its YAML in any style, so astro dev re-renders the note when it changes', () => {
  assert.equal(fenceUse('use: basic/preempted\ncaption: x'), 'basic/preempted');
  assert.equal(fenceUse('{use: "basic/smooth", caption: y}'), 'basic/smooth');
  assert.equal(fenceUse("caption: a\n'use': multi/steady"), 'multi/steady');
  assert.equal(fenceUse('protocol: basic'), undefined);
  assert.equal(fenceUse('use: [not, a, name]'), undefined);
  assert.equal(fenceUse('use: basic/x\n  bad: : indentation'), undefined);
  assert.equal(fenceUse('- a list'), undefined);
});
