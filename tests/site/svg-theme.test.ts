// One SVG for both themes (src/diagrams/svg-theme.ts), the bytes mermaid writes that a page does not
// need (svg-slim.ts) and the stylesheet shared by diagrams of one kind (svg-sheet.ts), on
// hand-made trees shaped like mermaid's output; the built pages are checked in build.test.ts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Element, ElementContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { DIAGRAM_FONT_STACK } from '../../src/diagrams/render.ts';
import { canMatch, dropRepeatedSheets, shareSheet } from '../../src/diagrams/svg-sheet.ts';
import { dropUnusedData, shareFontStack } from '../../src/diagrams/svg-slim.ts';
import { themeOnce } from '../../src/diagrams/svg-theme.ts';

const el = (tagName: string, properties: Element['properties'], children: ElementContent[] = []): Element => ({
  type: 'element',
  tagName,
  properties,
  children,
});

function drawing(css: string, counter: number, extra: Element[] = []): Element {
  return el('svg', { id: 'r', viewBox: '0 0 200 100' }, [
    el('style', {}, [{ type: 'text', value: css }]),
    el('line', { id: `r-actor${counter}`, x1: '0', x2: '10' }),
    el('text', { className: ['messageText'], style: 'font-family: a, "b c"; font-size: 16px' }, [{ type: 'text', value: 'P1' }]),
    ...extra,
  ]);
}

const LIGHT = '#r{fill:#333;}@keyframes dash{to{stroke-dashoffset:0;}}#r .a,#r .b{stroke:#9370DB;stroke-width:1}#r .n{filter:drop-shadow(1px 1px #000)}';
const DARK = '#r{fill:#ccc;}@keyframes dash{to{stroke-dashoffset:0;}}#r .a,#r .b{stroke:lightgrey;stroke-width:1}#r .n{filter:drop-shadow(1px 1px #fff)}#r .g{stroke:url(#r-gradient)}';

describe('one SVG for both themes', () => {
  it('folds the dark colours into light-dark() and the other differences into dark-only rules', () => {
    const gradient = el('linearGradient', { id: 'r-gradient' });
    const merged = themeOnce(drawing(LIGHT, 14), drawing(DARK, 79, [gradient]), 'r');
    assert.ok('svg' in merged, 'reason' in merged ? merged.reason : '');
    const html = toHtml(merged.svg);
    assert.equal(html.match(/<line /g)?.length, 1, 'the drawing once');
    assert.match(html, /id="r-actor14"/, 'the light render’s ids');
    assert.match(html, /#r\{fill:light-dark\(#333,#ccc\)\}/);
    assert.match(html, /#r \.a,#r \.b\{stroke:light-dark\(#9370DB,lightgrey\);stroke-width:1\}/);
    assert.match(html, /@keyframes dash\{to\{stroke-dashoffset:0;\}\}/, 'an identical rule stays once');
    // A filter is not a colour: the dark value applies under the dark theme, chosen or from the system.
    assert.match(html, /#r \.n\{filter:drop-shadow\(1px 1px #000\)\}/);
    assert.match(html, /:root\[data-theme=dark\] #r \.n\{filter:drop-shadow\(1px 1px #fff\)\}/);
    assert.match(html, /@media \(prefers-color-scheme:dark\)\{:root:not\(\[data-theme\]\) #r \.n\{[^}]*#fff\)\}/);
    // A rule and a definition only the dark theme has come along.
    assert.match(html, /:root\[data-theme=dark\] #r \.g\{stroke:url\(#r-gradient\)\}/);
    assert.match(html, /<lineargradient id="r-gradient">|<linearGradient id="r-gradient">/);
  });

  it('says why when the two renders cannot share one SVG', () => {
    const moved = drawing(DARK, 1);
    (moved.children[1] as Element).properties['x2'] = '11';
    assert.deepEqual(themeOnce(drawing(LIGHT, 1), moved, 'r'), { reason: 'the drawings differ' });
    const fewer = themeOnce(drawing(LIGHT, 1), drawing('#r{fill:#ccc;}', 1), 'r');
    assert.ok('reason' in fewer && /has no dark counterpart/.test(fewer.reason), JSON.stringify(fewer));
    const otherProperty = themeOnce(drawing('#r{fill:#333}', 1), drawing('#r{stroke:#ccc}', 1), 'r');
    assert.ok('reason' in otherProperty && /sets other properties/.test(otherProperty.reason));
    const keyframes = themeOnce(drawing('@keyframes d{to{opacity:0}}', 1), drawing('@keyframes d{to{opacity:1}}', 1), 'r');
    assert.ok('reason' in keyframes && /differs between the themes/.test(keyframes.reason));
  });
});

describe('the shared font stack', () => {
  it('replaces the exact stack in style attributes and the stylesheet, and leaves other fonts alone', () => {
    const svg = el('svg', {}, [
      el('style', {}, [{ type: 'text', value: '#r{font-family:a,"b c";font-size:16px}#r .x{font-family:serif}' }]),
      el('text', { style: 'text-anchor: middle; font-family: a, "b c"; font-size: 16px' }),
      el('text', { style: "font-family: a, 'b c' !important" }),
      el('text', { style: 'font-family: mono' }),
    ]);
    const html = toHtml(shareFontStack(svg, 'a, "b c"', '--f'));
    assert.match(html, /#r\{font-family:var\(--f\);font-size:16px\}#r \.x\{font-family:serif\}/);
    assert.match(html, /style="text-anchor: middle; font-family: var\(--f\); font-size: 16px"/);
    assert.match(html, /style="font-family: var\(--f\)!important"/);
    assert.match(html, /style="font-family: mono"/);
  });

  it('is the stack the page holds in --font-sans', () => {
    const css = readFileSync(new URL('../../src/styles/global.css', import.meta.url), 'utf8');
    const declared = /--font-sans:([^;]+);/.exec(css)?.[1];
    assert.ok(declared);
    const norm = (s: string) => s.replace(/\s+/g, ' ').replace(/\s*,\s*/g, ',').trim();
    assert.equal(norm(declared), norm(DIAGRAM_FONT_STACK));
  });
});

describe('what a static figure does without', () => {
  it('drops data-* attributes the stylesheet does not select on, and keeps those it does', () => {
    const svg = el('svg', {}, [
      el('style', {}, [{ type: 'text', value: '#r [data-look="neo"].node rect{stroke:#ccc}' }]),
      el('g', { dataEt: 'participant', dataId: 'P1', dataLook: 'neo', className: ['node'] }, [el('rect', { dataFrom: 'P1', x: '1' })]),
    ]);
    const html = toHtml(dropUnusedData(svg));
    assert.match(html, /<g data-look="neo" class="node"><rect x="1"><\/rect><\/g>/);
    assert.doesNotMatch(html, /data-et|data-id|data-from/);
  });
});

describe('one stylesheet per kind of diagram per page', () => {
  const diagram = (id: string, css: string) =>
    el('svg', { id }, [el('g', {}, [el('style', {}, [{ type: 'text', value: css.replaceAll('ROOT', id) }])]), el('g', {})]);

  const withClass = (svg: Element, name: string): Element => ({ ...svg, children: [...svg.children, el('rect', { className: [name] })] });

  it('keeps a diagram\'s own rule only for selectors that can match in it, and never judges one by a class it merely excludes', () => {
    const present = new Set(['note', 'actor']);
    const kept = [':root[data-theme=dark] .note', '.note:not(.node)', '.actor :is(.node, .cluster) rect', '[data-look="neo"].note', '[class~=".node"]', 'rect'];
    const dropped = ['[data-look="neo"].node rect', '.note.cluster', ':root[data-theme=dark] .d .icon-shape .icon', '.actor > .x'];
    for (const s of kept) assert.ok(canMatch(s, present), s);
    for (const s of dropped) assert.ok(!canMatch(s, present), s);
    // A rule none of whose selectors can match goes; the sheet's @media wrapper goes with its last rule.
    const own = '#ROOT .node{fill:url(#ROOT-g)}@media (prefers-color-scheme:dark){#ROOT .cluster rect{stroke:url(#ROOT-g)}}';
    const e = toHtml(shareSheet(diagram('d-5', `#ROOT{fill:#333}${own}`), 'd-5'));
    assert.doesNotMatch(e, /url\(#d-5-g\)/);
    assert.doesNotMatch(e, /@media/);
  });

  it('names the sheet by its content, so two diagrams of one kind share it and one page keeps one copy', () => {
    const a = shareSheet(diagram('d-1', '#ROOT{fill:#333}#ROOT .actor{stroke:red}'), 'd-1');
    const b = shareSheet(diagram('d-2', '#ROOT{fill:#333}#ROOT .actor{stroke:red}'), 'd-2');
    // A rule naming one of the diagram's own elements stays with it, in a sheet of its own.
    const c = shareSheet(withClass(diagram('d-3', '#ROOT{fill:#333}#ROOT .actor{stroke:red}#ROOT .g{stroke:url(#ROOT-gradient)}#ROOT .node.g,#ROOT .g rect{fill:url(#ROOT-gradient)}'), 'g'), 'd-3');
    const d = shareSheet(diagram('d-4', '#ROOT{fill:#444}'), 'd-4');
    const [ha, hb, hc, hd] = [toHtml(a), toHtml(b), toHtml(c), toHtml(d)];
    const cls = /class="(mmd-s[0-9a-f]+)"/.exec(ha)?.[1];
    assert.ok(cls);
    assert.match(hb, new RegExp(`class="${cls}"`), 'the same sheet, the same class');
    assert.match(hc, new RegExp(`class="${cls}"`));
    assert.doesNotMatch(hd, new RegExp(`class="${cls}"`), 'another look, another sheet');
    assert.match(ha, new RegExp(`\\.${cls}\\{fill:#333\\}\\.${cls} \\.actor\\{stroke:red\\}`));
    assert.doesNotMatch(ha, /#d-1/, 'the rules no longer name the id');
    // Of its own rules, only the selectors that can match: it has a .g, but no .node.
    assert.match(hc, new RegExp(`<style>\\.${cls} \\.g\\{stroke:url\\(#d-3-gradient\\)\\}\\.${cls} \\.g rect\\{fill:url\\(#d-3-gradient\\)\\}</style>`));
    const page = dropRepeatedSheets(`<main>${ha}${hb}${hc}${hd}</main>`);
    assert.equal(page.match(/<style data-sheet/g)?.length, 2, 'one copy of each shared sheet');
    assert.equal(page.match(/<style>/g)?.length, 1, 'the diagram’s own rules');
    assert.equal(page.match(/<svg/g)?.length, 4);
    assert.equal(dropRepeatedSheets(page), page);
  });
});
