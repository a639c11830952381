// Repeated inline styles and presentation attributes become classes (src/diagrams/svg-classes.ts): fewer
// bytes, the same drawing. Real mermaid output, before and after, each in a page of its own with the
// site's stylesheets: every element of the SVG must compute the same style for every property the pass can
// move. Hand-made trees cover what must stay an attribute.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Element } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { Browser } from 'playwright-core';
import { closeBrowser, configureDiagrams, renderMermaid } from '../../src/diagrams/index.ts';
import { slimSvg } from '../../src/diagrams/figure.ts';
import { classRepeats } from '../../src/diagrams/svg-classes.ts';
import { launchChromium } from '../support/browser.ts';
import { PROJECT_ROOT } from '../support/project.ts';

const SOURCES: Record<string, string> = {
  sequence: [
    'sequenceDiagram',
    '  participant P1',
    '  participant A1',
    '  participant A2',
    '  Note over P1: 超时 (retry)',
    '  P1->>A1: prepare(1.P1)',
    '  P1-xA2: prepare(1.P1)',
    '  A1-->>P1: promise(1.P1)',
    '  loop 重试',
    '    P1->>A1: accept(1.P1, v1)',
    '    A1-->>P1: accepted(1.P1, v1)',
    '  end',
    '  Note over A1,A2: v1 被选定',
    '  P1->>A2: accept(1.P1, v1)',
    // As long as the notes' runs: forty more messages.
    ...Array.from({ length: 20 }, (_, i) => [`  A1-->>P1: accepted(${i}.P1, v1)`, `  P1->>A2: accept(${i}.P1, v1)`]).flat(),
  ].join('\n'),
  flowchart: 'flowchart LR\n  a[prepare] --> b{quorum?}\n  b -->|yes| c[accept]\n  b -->|no| d[retry]\n  d --> a\n  c --> e[chosen]',
  state: 'stateDiagram-v2\n  [*] --> Idle\n  Idle --> Preparing\n  Preparing --> Accepting\n  Accepting --> Chosen\n  Chosen --> [*]',
};

const PROPERTIES = [
  'alignment-baseline', 'dominant-baseline', 'text-anchor', 'fill', 'fill-opacity', 'stroke', 'stroke-opacity', 'stroke-width',
  'stroke-linecap', 'stroke-linejoin', 'stroke-dasharray', 'opacity', 'filter', 'marker-start', 'marker-mid', 'marker-end',
  'font-family', 'font-size', 'font-weight', 'font-style',
];

const el = (tagName: string, properties: Element['properties'], children: Element['children'] = []): Element => ({ type: 'element', tagName, properties, children });


describe('repeated styling as classes', () => {
  let cacheDir = '';
  let browser: Browser;
  const css = ['global.css', 'diagrams.css'].map((f) => readFileSync(join(PROJECT_ROOT, 'src', 'styles', f), 'utf8')).join('\n');
  before(async () => {
    cacheDir = mkdtempSync(join(tmpdir(), 'svg-classes-'));
    configureDiagrams({ cacheDir, mode: 'build' });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await closeBrowser();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  /** Per element of the SVG, in document order: its tag and the computed value of every property. */
  async function computed(svg: Element, theme: 'light' | 'dark'): Promise<string[]> {
    const page = await browser.newPage();
    await page.setContent(`<!doctype html><html data-theme="${theme}"><head><style>${css}</style></head><body><div class="diagram-svg">${toHtml(svg, { space: 'svg' })}</div></body></html>`);
    const out = await page.evaluate((props) => [...document.querySelectorAll('.diagram-svg svg, .diagram-svg svg *')].filter((e) => e.tagName !== 'style').map((e) => {
      const s = getComputedStyle(e);
      return `${e.tagName} ${props.map((p) => `${p}=${s.getPropertyValue(p)}`).join(' ')}`;
    }), PROPERTIES);
    await page.close();
    return out;
  }

  for (const [name, source] of Object.entries(SOURCES)) {
    it(`${name}: every element computes the same style, in fewer bytes`, async () => {
      const r = await renderMermaid(source, { theme: 'light' });
      const plain = slimSvg(r.tree); // the build's pipeline up to the pass (figure.ts svgBox)
      const classed = classRepeats(plain);
      for (const theme of ['light', 'dark'] as const) assert.deepEqual(await computed(classed, theme), await computed(plain, theme), `${name}, ${theme}`);
      const [a, b] = [toHtml(plain, { space: 'svg' }).length, toHtml(classed, { space: 'svg' }).length];
      if (name === 'sequence') assert.ok(b < a * 0.75, `sequence: ${b} bytes < 75 % of ${a}`);
      else assert.ok(b <= a, `${name}: ${b} <= ${a}`);
    });
  }

  it('leaves alone what would not survive as a rule: values that could end it, !important, groups seen once or twice', () => {
    const texts = (style: string, fill: string) => [1, 2, 3, 4].map(() => el('text', { style, fill, className: ['t'] }, [{ type: 'text', value: 'x' }]));
    const svg = el('svg', { id: 'r' }, [
      ...texts('font-size: 16px}</style><script>alert(1)</script>', 'red;}body{display:none'),
      ...texts('fill: red !important', '#333'),
      el('rect', { style: 'opacity: 0.5', stroke: '#666' }),
      el('rect', { style: 'opacity: 0.5', stroke: '#666' }),
    ]);
    const out = toHtml(classRepeats(svg), { space: 'svg' });
    assert.doesNotMatch(out, /<style[^>]*>[^<]*(alert|display:none|red !important)/, 'no unsafe value in a rule');
    assert.equal(out.match(/style="font-size: 16px\}<\/style><script>alert\(1\)<\/script>"/g)?.length, 4, 'the unsafe style stays an attribute');
    assert.match(out, /style="fill: red !important"/);
    // #333 repeats four times and is safe: it alone becomes a class, under :where() (a presentation attribute).
    assert.match(out, /<style data-sheet="[0-9a-f]{12}">:where\(\.mmd-p[0-9a-f]{10}\)\{fill:#333\}<\/style>/);
    assert.equal(out.match(/style="opacity: 0.5"/g)?.length, 2, 'a pair is not worth a rule');
    assert.equal(out.match(/<style/g)?.length, 1);
  });
});
