// A diagram whose labels ask the renderer's page for files (an <img src=x>, a stylesheet, a path up the
// tree) gets a 404 for each and still renders; before, the page's request handler tried to serve the
// file from mermaid's folder and the unhandled ENOENT killed the build without naming the note.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { closeBrowser, configureDiagrams, renderMermaid } from '../../src/diagrams/index.ts';

describe('requests a diagram makes', () => {
  let cacheDir = '';
  before(() => {
    cacheDir = mkdtempSync(join(tmpdir(), 'mermaid-requests-'));
    configureDiagrams({ cacheDir, mode: 'build' });
  });
  after(async () => {
    await closeBrowser();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  for (const label of ['<img src=x>', '<img src=../../package.json>', '<img src=/%2e%2e/%2e%2e/etc/passwd>', '<img src=%E0%A4%A>']) {
    it(`renders a label with ${label} and serves nothing for it`, async () => {
      const rejections: unknown[] = [];
      const onRejection = (reason: unknown) => rejections.push(reason);
      process.on('unhandledRejection', onRejection);
      try {
        const out = await renderMermaid(`flowchart LR\n  A["${label}"] --> B`, { theme: 'light' });
        assert.match(out.svg, /^<svg/);
        // Give the page's late image requests time to reach the handler.
        await new Promise((r) => setTimeout(r, 300));
      } finally {
        process.off('unhandledRejection', onRejection);
      }
      assert.deepEqual(rejections, []);
    });
  }

  it('the next diagram still renders in the same browser', async () => {
    const out = await renderMermaid('flowchart LR\n  still --> fine', { theme: 'dark' });
    assert.match(out.svg, /still/);
  });
});
