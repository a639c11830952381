import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { listIds, pruneUnusedDefs, retarget, scopeIds } from '../../src/diagrams/svg-ids.ts';

const SVG =
  '<svg id="root" aria-labelledby="chart-title-root"><title id="chart-title-root">t</title>' +
  '<style>#root .a{fill:#fff}#root #arrowhead{stroke:red}</style>' +
  '<defs><marker id="arrowhead"></marker><marker id="root-own"></marker></defs>' +
  '<path marker-end="url(#arrowhead)"/><use href="#arrowhead"/><use xlink:href="#root-own"/></svg>';

describe('svg ids', () => {
  it('moves every foreign id under the root id and rewrites the references to it', () => {
    const out = scopeIds(SVG, 'root');
    assert.deepEqual(listIds(out).sort(), ['root', 'root-arrowhead', 'root-chart-title-root', 'root-own'].sort());
    assert.match(out, /url\(#root-arrowhead\)/);
    assert.match(out, /href="#root-arrowhead"/);
    assert.match(out, /aria-labelledby="root-chart-title-root"/);
    assert.match(out, /#root #root-arrowhead\{/);
    assert.match(out, /fill:#fff/, 'colours are not ids');
  });

  it('retargets a scoped SVG so two copies share no id', () => {
    const scoped = scopeIds(SVG, 'root');
    const a = listIds(retarget(scoped, 'root', 'root-1'));
    const b = listIds(retarget(scoped, 'root', 'root-2'));
    assert.equal(new Set([...a, ...b]).size, a.length + b.length);
  });

  it('drops definitions nothing refers to, keeps the ones in use (also from CSS)', () => {
    const svg =
      '<svg id="r"><style>#r .x{fill:url(#r-grad)}</style><defs><symbol id="r-computer"><path d="M0"/></symbol>' +
      '<marker id="r-arrow"><path/></marker><marker id="r-cross"><path/></marker><linearGradient id="r-grad"></linearGradient>' +
      '<linearGradient id="r-orphan"/></defs><line marker-end="url(#r-arrow)"/></svg>';
    const out = pruneUnusedDefs(svg);
    assert.deepEqual(listIds(out), ['r', 'r-arrow', 'r-grad']);
    assert.match(out, /<line marker-end="url\(#r-arrow\)"\/>/);
  });
});
