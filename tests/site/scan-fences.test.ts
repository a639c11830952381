import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanFences, unclosedFence } from '../../src/markdown/scan-fences.ts';

describe('scanFences', () => {
  it('finds ```mermaid and ``` mermaid blocks with their text and line, skipping other fences', () => {
    const text = [
      '---', 'title: t', '---', '', '```ts', '```mermaid inside ts', '```', '',
      '```mermaid', 'graph TD', '  a --> b', '```', '', '``` mermaid', '%%{init: {}}%%', 'sequenceDiagram', '```', '',
      '````mermaid', 'graph LR', '```', 'x', '````',
    ].join('\n');
    assert.deepEqual(scanFences(text, 'mermaid'), [
      { line: 9, code: 'graph TD\n  a --> b', closed: true },
      { line: 14, code: '%%{init: {}}%%\nsequenceDiagram', closed: true },
      { line: 19, code: 'graph LR\n```\nx', closed: true },
    ]);
  });

  it('tells a fence that is never closed, and accepts a closing fence indented by up to three spaces', () => {
    const text = ['# t', '```paxos', 'protocol: basic', '   ```', '', '```paxos', 'protocol: basic', '', 'more text'].join('\n');
    assert.deepEqual(scanFences(text, 'paxos').map((f) => [f.line, f.closed]), [[2, true], [6, false]]);
    assert.equal(unclosedFence(text, 'paxos', 2), undefined);
    assert.match(unclosedFence(text, 'paxos', 6) ?? '', /^unclosed fence starting at line 6/);
  });
});
