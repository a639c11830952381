// An invalid diagram's error names the author's line, though mermaid counts lines after dropping front
// matter, directives, comments and leading blank lines. Each case is rendered by real mermaid (so a
// change in mermaid's counting fails here) and the mapped line must be the one holding the mistake.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { closeBrowser, configureDiagrams, MermaidSyntaxError, renderMermaid } from '../../src/diagrams/index.ts';
import { sourceLineOf } from '../../src/diagrams/source-lines.ts';

// Every case has one mistake, an unclosed `[`, on the line marked BROKEN.
const CASES: Record<string, string> = {
  plain: 'flowchart LR\n  a --> b\n  b --> c[BROKEN\n  c --> d',
  'init directive': '%%{init: {"theme":"dark"}}%%\nflowchart LR\n  a --> b\n  b --> c[BROKEN\n  c --> d',
  'directive over three lines': '%%{\n  init: {"theme":"dark"}\n}%%\nflowchart LR\n  b --> c[BROKEN\n  c --> d',
  'comment lines': 'flowchart LR\n%% one\n   %% two, indented\n  a --> b\n  b --> c[BROKEN\n  c --> d',
  'leading blank lines': '\n\nflowchart LR\n  a --> b\n  b --> c[BROKEN\n  c --> d',
  'blank lines inside': 'flowchart LR\n\n  a --> b\n\n  b --> c[BROKEN\n  c --> d',
  'front matter': '---\ntitle: t\n---\nflowchart LR\n  a --> b\n  b --> c[BROKEN\n  c --> d',
  'directive after the first line': 'flowchart LR\n  a --> b\n%%{init: {"theme":"dark"}}%%\n  b --> c[BROKEN\n  c --> d',
};

describe('mermaid error lines map back to the source', () => {
  let cacheDir = '';
  before(() => {
    cacheDir = mkdtempSync(join(tmpdir(), 'mermaid-lines-'));
    configureDiagrams({ cacheDir, mode: 'build' });
  });
  after(async () => {
    await closeBrowser();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  for (const [name, source] of Object.entries(CASES)) {
    it(name, async () => {
      const expected = source.split('\n').findIndex((l) => l.includes('BROKEN')) + 1;
      const err = await renderMermaid(source, { theme: 'light' }).then(
        () => assert.fail('mermaid accepted a broken diagram'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof MermaidSyntaxError, String(err));
      assert.ok(err.mermaidLine !== undefined, 'mermaid gave no line');
      assert.equal(sourceLineOf(source, err.mermaidLine), expected);
    });
  }

  it('a line mermaid does not have maps to nothing', () => {
    assert.equal(sourceLineOf('flowchart LR\n  a --> b', 3), undefined);
    assert.equal(sourceLineOf('flowchart LR', 0), undefined);
    assert.equal(sourceLineOf('flowchart LR', Number.NaN), undefined);
  });
});
