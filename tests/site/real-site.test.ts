// The real site (content/notes) built as `npm run build` builds it: every diagram must have been
// rendered at build time. This fails when Chromium is missing (the build then falls back to
// client-side rendering), so CI must install it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { auditDiagrams } from '../support/html.ts';
import { ensureBuiltSite } from '../support/built-site.ts';
import { htmlFiles } from '../support/site-build.ts';

describe('the real site', () => {
  it('has every diagram rendered to inline SVG at build time', async () => {
    const dist = await ensureBuiltSite();
    const problems: string[] = [];
    let rendered = 0;
    for (const file of htmlFiles(dist)) {
      const audit = auditDiagrams(readFileSync(join(dist, file), 'utf8'), file);
      problems.push(...audit.problems);
      rendered += audit.rendered;
    }
    assert.deepEqual(problems, []);
    // The sample note alone has two.
    assert.ok(rendered >= 2, `only ${rendered} diagrams found in dist/`);
    const sample = auditDiagrams(readFileSync(join(dist, 'notes/markdown-features/index.html'), 'utf8'), 'sample');
    assert.equal(sample.rendered, 2);
  });
});
