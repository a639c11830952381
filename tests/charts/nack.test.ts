// The nack on/off measurement (src/figures/measure/nack.ts) and its chart markup (src/components/charts/nack-chart.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import { runScenario } from '../../src/paxos/sim/run.ts';
import { parseArgs } from '../../src/cli/args.ts';
import { SIMULATE_FLAGS, scenarioFromFlags } from '../../src/cli/simulate.ts';
import { measureNack, measurePoint, nackScenario, pointFor, quantile, timeToChoose, NACK_DEFAULTS } from '../../src/figures/measure/nack.ts';
import { renderNackChart } from '../../src/components/charts/nack-chart.ts';

const small = () => measureNack({ seeds: 40, proposers: [2, 4], drops: [0, 0.1] });

test('quantile is nearest-rank and refuses nonsense', () => {
  const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  assert.equal(quantile(xs, 0.5), 5);
  assert.equal(quantile(xs, 0.9), 9);
  assert.equal(quantile(xs, 0.95), 10);
  assert.equal(quantile([7], 0.5), 7);
  assert.throws(() => quantile([], 0.5), /no data/);
  assert.throws(() => quantile(xs, 0), /\(0, 1\]/);
});

test('timeToChoose: first proposal to the first learner, null when nothing is chosen', () => {
  const doc = runScenario(nackScenario(2, 0, true, 3));
  const propose = doc.events.find((e) => e.type === 'propose')!;
  const chosen = doc.events.find((e) => e.type === 'chosen')!;
  assert.equal(timeToChoose(doc), chosen.time - propose.time);
  // Two of three acceptors down from the start: nothing can be chosen.
  const stuck = runScenario({ ...nackScenario(2, 0, true, 3), maxTime: 80, faults: { crashes: [{ node: 'A1', at: 0 }, { node: 'A2', at: 0 }] } });
  assert.equal(timeToChoose(stuck), null);
});

test('the measured runs are the ones the note\'s CLI command runs, and they are safe', () => {
  for (const [n, drop, nack] of [[2, 0.1, true], [5, 0, false]] as const) {
    const flags = ['--protocol', 'basic', '--proposers', String(n), '--nack', nack ? 'on' : 'off', '--drop', String(drop)];
    const cli = scenarioFromFlags(parseArgs(flags, SIMULATE_FLAGS));
    for (const seed of [1, 2, 77]) {
      const ours = runScenario(nackScenario(n, drop, nack, seed));
      assert.deepEqual(ours.events, runScenario({ ...(cli as object), seed } as never).events, `proposers ${n} drop ${drop} nack ${nack} seed ${seed}`);
      assert.equal(checkTrace(ours), null);
    }
  }
});

test('deterministic: the same options give the same figures', () => {
  assert.deepEqual(small(), small());
});

test('shape: every setting has nack on and off, with sane statistics', () => {
  const m = small();
  assert.equal(m.points.length, 2 * 2 * 2);
  for (const drop of m.drops) {
    for (const n of m.proposers) {
      for (const nack of [true, false]) {
        const p = pointFor(m, n, drop, nack);
        assert.equal(p.runs, 40);
        assert.ok(p.median > 0 && p.median <= p.p90 && p.p90 <= p.p95, JSON.stringify(p));
        assert.ok(Number.isFinite(p.mean) && p.mean > 0);
      }
    }
  }
  assert.throws(() => pointFor(m, 3, 0, true), /proposers=3/);
  assert.throws(() => measureNack({ seeds: 0 }), /seeds/);
});

test('sanity: without faults, nack on and off both choose in every run; a choice takes at least two round trips', () => {
  for (const n of [2, 5]) {
    for (const nack of [true, false]) {
      const p = measurePoint(n, 0, nack, 1, 60);
      assert.equal(p.unchosen, 0, `proposers ${n} nack ${nack}`);
      // prepare, promise, accept, accepted: four message delays of at least 1 each.
      assert.ok(p.median >= 4, `median ${p.median}`);
    }
  }
});

test('nack changes the runs: with nack off no nack is ever sent, with it on some are', () => {
  let onNacks = 0;
  for (let seed = 1; seed <= 20; seed++) {
    const off = runScenario(nackScenario(3, 0, false, seed));
    assert.ok(!off.events.some((e) => e.type === 'send' && e.msg.kind === 'nack'));
    onNacks += runScenario(nackScenario(3, 0, true, seed)).events.filter((e) => e.type === 'send' && e.msg.kind === 'nack').length;
  }
  assert.ok(onNacks > 0);
});

test('chart markup: title, axis labels, legend, one labelled SVG per loss setting, every figure in the table', () => {
  const m = small();
  const html = renderNackChart(m);
  assert.match(html, /^<figure class="nack-chart" id="nack-chart">/);
  assert.match(html, /<figcaption><strong>[^<]+<\/strong>/);
  assert.equal((html.match(/<svg class="nack-chart-panel"/g) ?? []).length, m.drops.length);
  assert.equal((html.match(/role="img" aria-labelledby="nack-chart-\d-t nack-chart-\d-d"/g) ?? []).length, m.drops.length);
  assert.equal((html.match(/<title id=/g) ?? []).length, m.drops.length);
  assert.match(html, /提议者个数/);
  assert.match(html, /选定用时/);
  assert.match(html, /nack 开 · 最慢的 5%（p95）/);
  assert.match(html, /nack 关 · 中位数/);
  // Each legend swatch is decorative; the series are described by the SVG <desc> and the table.
  assert.equal((html.match(/<svg width="28" height="14" aria-hidden="true">/g) ?? []).length, 4);
  const rows = html.match(/<tr><td>/g) ?? [];
  assert.equal(rows.length, m.points.length);
  for (const p of m.points) {
    const row = new RegExp(`<tr><td>${p.drop === 0 ? '无丢包' : '丢包 10%'}</td><td>${p.proposers}</td><td>nack ${p.nack ? '开' : '关'}</td><td>${p.median}</td><td>${p.p90}</td><td>${p.p95}</td>`);
    assert.match(html, row);
  }
  // Colours come from the theme, never hard-coded into the markup; no script.
  assert.doesNotMatch(html, /#[0-9a-f]{3,6}\b|fill="(?!none)|stroke="/i);
  assert.doesNotMatch(html, /<script/);
  // Every plotted point is inside the drawing (y axis tall enough for the largest p95).
  for (const y of [...html.matchAll(/ c?y="(-?[\d.]+)"/g)].map((g) => Number(g[1]))) assert.ok(y >= 0 && y <= 230, `y=${y}`);
});

test('chart ids are unique per instance', () => {
  const html = renderNackChart(small(), 'other');
  assert.match(html, /id="other"/);
  assert.match(html, /aria-labelledby="other-0-t other-0-d"/);
});

test('the defaults are the ones the note describes', () => {
  assert.deepEqual(NACK_DEFAULTS, { firstSeed: 1, seeds: 500, proposers: [2, 3, 4, 5], drops: [0, 0.1] });
});

// The note (content/notes/paxos-02-open-questions.mdx, the paragraphs after <NackChart />) states these
// figures in words; if the engine changes and one stops holding, this fails and the prose must be updated.
test('the figures the note quotes still hold for the default measurement', () => {
  const m = measureNack();
  const at = (n: number, drop: number, nack: boolean) => pointFor(m, n, drop, nack);
  assert.equal(m.points.reduce((k, p) => k + p.runs - p.unchosen, 0), 8000, 'all 8,000 runs choose a value');
  for (const n of m.proposers) {
    assert.equal(at(n, 0, true).median, 8);
    assert.equal(at(n, 0, false).median, 8);
    assert.equal(at(n, 0.1, true).median, 9);
    assert.equal(at(n, 0.1, false).median, 9);
  }
  assert.deepEqual([at(2, 0, true).p95, at(2, 0, false).p95], [12, 12]);
  assert.deepEqual([at(5, 0, true).p95, at(5, 0, false).p95, at(5, 0, true).p90, at(5, 0, false).p90], [16, 14, 14, 12]);
  const lossOn = m.proposers.map((n) => at(n, 0.1, true).p95);
  const lossOff = m.proposers.map((n) => at(n, 0.1, false).p95);
  assert.deepEqual([Math.min(...lossOn), Math.max(...lossOn), Math.min(...lossOff), Math.max(...lossOff)], [20, 25, 24, 28]);
  assert.deepEqual([at(3, 0.1, true).p95, at(3, 0.1, false).p95], [20, 28]);
  assert.deepEqual([at(4, 0.1, true).p90, at(4, 0.1, false).p90, at(5, 0.1, true).p90, at(5, 0.1, false).p90], [17, 15, 18, 16]);
});
