import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanFences } from '../../src/markdown/scan-fences.ts';

describe('scanFences', () => {
  it('finds ```mermaid and ``` mermaid blocks with their text and line, skipping other fences', () => {
    const text = [
      '---', 'title: t', '---', '', '```ts', '```mermaid inside ts', '```', '',
      '```mermaid', 'graph TD', '  a --> b', '```', '', '``` mermaid', '%%{init: {}}%%', 'sequenceDiagram', '```', '',
      '````mermaid', 'graph LR', '```', 'x', '````',
    ].join('\n');
    assert.deepEqual(scanFences(text, 'mermaid'), [
      { line: 9, code: 'graph TD\n  a --> b' },
      { line: 14, code: '%%{init: {}}%%\nsequenceDiagram' },
      { line: 19, code: 'graph LR\n```\nx' },
    ]);
  });
});
