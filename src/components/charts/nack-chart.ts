// The nack on/off chart as static markup: one small line chart per loss setting (x: proposers, y: time to
// choose), median and 95th percentile for nack on and off, plus a data table with every figure. Pure string
// building (no DOM, no Astro), so tests/charts/ can check the markup and NackChart.astro only inserts it.
// Colours come from CSS variables (charts.css) that follow the site theme; series also differ by dash and
// marker shape, so the chart reads in greyscale and for colour-blind readers.
import { pointFor, type NackMeasurement, type NackPoint } from '../../figures/measure/nack.ts';
import { figureStrings } from '../../i18n/figure-strings.ts';

const t = figureStrings().nackChart;

const W = 340;
const H = 230;
const M = { left: 44, right: 12, top: 14, bottom: 44 };

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1));
export const dropLabel = t.drop;
const nackLabel = t.nack;

type Stat = 'median' | 'p95';
const STATS: readonly { readonly key: Stat; readonly label: string }[] = [
  { key: 'p95', label: t.p95 },
  { key: 'median', label: t.median },
];

/** A y-axis top that is a multiple of 5 above every plotted value. */
function yTop(m: NackMeasurement): number {
  const max = Math.max(...m.points.map((p) => p.p95));
  return Math.max(5, Math.ceil((max + 1) / 5) * 5);
}

function panel(m: NackMeasurement, drop: number, top: number, id: string): string {
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const xs = m.proposers;
  const x = (n: number): number => M.left + (xs.length === 1 ? pw / 2 : ((n - xs[0]!) / (xs[xs.length - 1]! - xs[0]!)) * pw);
  const y = (v: number): number => M.top + ph - (v / top) * ph;
  const parts: string[] = [];
  // Grid and y ticks every 5 units.
  for (let v = 0; v <= top; v += 5) {
    parts.push(`<line class="grid" x1="${M.left}" x2="${W - M.right}" y1="${y(v)}" y2="${y(v)}"/>`);
    parts.push(`<text class="tick" x="${M.left - 6}" y="${y(v) + 4}" text-anchor="end">${v}</text>`);
  }
  for (const n of xs) parts.push(`<text class="tick" x="${x(n)}" y="${M.top + ph + 16}" text-anchor="middle">${n}</text>`);
  parts.push(`<text class="axis-label" x="${M.left + pw / 2}" y="${H - 6}" text-anchor="middle">${esc(t.xAxis)}</text>`);
  parts.push(`<text class="axis-label" x="12" y="${M.top + ph / 2}" text-anchor="middle" transform="rotate(-90 12 ${M.top + ph / 2})">${esc(t.yAxis)}</text>`);
  for (const { key } of STATS) {
    for (const nack of [true, false]) {
      const pts = xs.map((n) => pointFor(m, n, drop, nack));
      const d = pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.proposers).toFixed(1)},${y(p[key]).toFixed(1)}`).join(' ');
      const cls = `series ${nack ? 'on' : 'off'} ${key}`;
      parts.push(`<path class="${cls}" d="${d}"/>`);
      for (const p of pts) {
        const cx = x(p.proposers);
        // nack off sits a hair to the right, so equal values stay visible as two markers.
        const dx = nack ? -2.5 : 2.5;
        const cy = y(p[key]);
        parts.push(
          nack
            ? `<circle class="${cls}" cx="${(cx + dx).toFixed(1)}" cy="${cy.toFixed(1)}" r="3.2"/>`
            : `<rect class="${cls}" x="${(cx + dx - 3).toFixed(1)}" y="${(cy - 3).toFixed(1)}" width="6" height="6"/>`,
        );
      }
    }
  }
  const desc = xs
    .map((n) => {
      const on = pointFor(m, n, drop, true);
      const off = pointFor(m, n, drop, false);
      return t.point(n, fmt(on.median), fmt(off.median), fmt(on.p95), fmt(off.p95));
    })
    .join(t.pointSep);
  return `<svg class="nack-chart-panel" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${id}-t ${id}-d" xmlns="http://www.w3.org/2000/svg">
<title id="${id}-t">${esc(t.panelTitle(dropLabel(drop)))}</title>
<desc id="${id}-d">${esc(t.panelDesc(desc))}</desc>
<text class="panel-title" x="${M.left}" y="${M.top - 2}">${esc(dropLabel(drop))}</text>
${parts.join('\n')}
</svg>`;
}

function legend(): string {
  const item = (nack: boolean, key: Stat, label: string): string => {
    const cls = `series ${nack ? 'on' : 'off'} ${key}`;
    const marker = nack ? `<circle class="${cls}" cx="14" cy="7" r="3.2"/>` : `<rect class="${cls}" x="11" y="4" width="6" height="6"/>`;
    return `<li><svg width="28" height="14" aria-hidden="true"><path class="${cls}" d="M0,7 L28,7"/>${marker}</svg>${esc(nackLabel(nack))} · ${esc(label)}</li>`;
  };
  return `<ul class="nack-chart-legend">${STATS.flatMap(({ key, label }) => [item(true, key, label), item(false, key, label)]).join('')}</ul>`;
}

function table(m: NackMeasurement): string {
  const rows: string[] = [];
  for (const drop of m.drops) {
    for (const n of m.proposers) {
      for (const nack of [true, false]) {
        const p: NackPoint = pointFor(m, n, drop, nack);
        rows.push(
          `<tr><td>${esc(dropLabel(drop))}</td><td>${n}</td><td>${esc(nackLabel(nack))}</td><td>${fmt(p.median)}</td><td>${fmt(p.p90)}</td><td>${fmt(p.p95)}</td><td>${p.mean.toFixed(2)}</td><td>${p.runs - p.unchosen}/${p.runs}</td></tr>`,
        );
      }
    }
  }
  return `<div class="nack-chart-scroll"><table class="nack-chart-table">
<caption>${esc(t.caption(m.seeds))}</caption>
<thead><tr>${t.columns.map((c) => `<th scope="col">${esc(c)}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>`;
}

/** The whole figure; `id` keeps the SVG title/desc ids unique if a page shows the chart twice. */
export function renderNackChart(m: NackMeasurement, id = 'nack-chart'): string {
  const top = yTop(m);
  const settings = t.settings(m.acceptors, m.latency, m.proposerTimeout, m.backoff);
  return `<figure class="nack-chart" id="${esc(id)}">
<figcaption><strong>${esc(t.title)}</strong><br/>${esc(t.about(m.firstSeed, m.firstSeed + m.seeds - 1, m.seeds, settings))}</figcaption>
${legend()}
<div class="nack-chart-panels">
${m.drops.map((d, i) => panel(m, d, top, `${id}-${i}`)).join('\n')}
</div>
<details class="nack-chart-data"><summary>${esc(t.data)}</summary>
${table(m)}
</details>
</figure>`;
}
