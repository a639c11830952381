// Draws a DiagramLayout (diagram.ts) as a small inline SVG. Colours come from CSS (playground.css), so the
// same markup serves the light and the dark theme.
import type { DiagramLayout } from './diagram.ts';
import { strings } from '../../i18n/figures.ts';

const COL = 92;
const ROW = 24;
const HEAD = 34; // height of the node-name strip
const PAD = 48;

/** A filled arrowhead with its tip at (x, y), pointing right (1) or left (−1). Drawn per arrow, so no SVG
 * marker ids that two playgrounds on one page could share. */
function head(x: number, y: number, dir: 1 | -1): string {
  return `M${x},${y} l${-8 * dir},-4 v8 z`;
}

/** The node names, in a strip that stays at the top while the rows scroll. */
export function SequenceHead({ layout }: { layout: DiagramLayout }) {
  const width = PAD * 2 + COL * Math.max(0, layout.columns.length - 1);
  return (
    <svg class="pg-seq pg-seq-head" viewBox={`0 0 ${width} ${HEAD}`} width={width} height={HEAD} aria-hidden="true">
      {layout.columns.map((n, i) => (
        <g key={n.id}>
          <rect class={`pg-head${layout.down[i]!.some(([, b]) => b >= layout.rows.length) ? ' pg-head-down' : ''}`} x={PAD + i * COL - 26} y={6} width={52} height={22} rx={5} />
          <text class="pg-head-text" x={PAD + i * COL} y={21} text-anchor="middle">
            {n.id}
          </text>
        </g>
      ))}
    </svg>
  );
}

/** `offending`: the event that broke safety (its row, or the rows of its message, turn red). */
export function SequenceSvg({ layout, latest, offending }: { layout: DiagramLayout; latest: number; offending?: { seq: number; msgId?: number | undefined } | null }) {
  const { columns, rows } = layout;
  const width = PAD * 2 + COL * Math.max(0, columns.length - 1);
  const height = ROW * (rows.length + 1);
  const x = (i: number): number => PAD + i * COL;
  const y = (r: number): number => ROW * (r + 0.8);
  return (
    <svg class="pg-seq" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={strings().playground.diagramLabel(columns.length, rows.length)}>
      {columns.map((n, i) => (
        <g key={n.id}>
          <line class="pg-life" x1={x(i)} x2={x(i)} y1={0} y2={height} />
          {layout.down[i]!.map(([a, b]) => (
            <line key={a} class="pg-life-down" x1={x(i)} x2={x(i)} y1={ROW * a + 2} y2={ROW * Math.max(b, a + 1)} />
          ))}
        </g>
      ))}
      {layout.hidden > 0 && (
        <text class="pg-hidden" x={4} y={10}>
          {strings().playground.hiddenRows(layout.hidden)}
        </text>
      )}
      {rows.map((r, i) => {
        const bad = offending && ((r.seq >= 0 && r.seq === offending.seq) || (offending.msgId !== undefined && r.msgId === offending.msgId));
        const cls = `pg-row pg-${r.kind}${r.reply ? ' pg-reply' : ''}${r.note ? ` pg-note-${r.note}` : ''}${r.seq === latest && r.seq >= 0 ? ' pg-latest' : ''}${bad ? ' pg-offending' : ''}`;
        const yy = y(i);
        if (r.kind === 'note') {
          const w = Math.max(44, r.label.length * 9 + 12);
          return (
            <g key={`n${r.seq}`} class={cls}>
              <rect class="pg-note-box" x={x(r.from) - w / 2} y={yy - 14} width={w} height={18} rx={4} />
              <text x={x(r.from)} y={yy - 1} text-anchor="middle">
                {r.label}
              </text>
            </g>
          );
        }
        const x1 = x(r.from);
        const x2 = x(r.to);
        const key = r.seq >= 0 ? `m${r.seq}` : `f${i}`;
        if (x1 === x2) {
          return (
            <g key={key} class={cls}>
              <path class="pg-msg" d={`M${x1},${yy - 6} h22 v10 h-18`} />
              {r.kind !== 'drop' && <path class="pg-arrowhead" d={head(x1 + 1, yy + 4, -1)} />}
              <text x={x1 + 26} y={yy - 2}>
                {r.kind === 'drop' ? `✕ ${r.label}` : r.label}
              </text>
            </g>
          );
        }
        const end = r.kind === 'deliver' ? x2 : r.kind === 'drop' ? x1 + (x2 - x1) * 0.6 : x1 + (x2 - x1) * 0.45;
        return (
          <g key={key} class={cls}>
            <line class="pg-msg" x1={x1} y1={yy} x2={end} y2={yy} />
            {r.kind === 'deliver' && <path class="pg-arrowhead" d={head(end, yy, x2 > x1 ? 1 : -1)} />}
            {r.kind === 'drop' && (
              <text class="pg-cross" x={end} y={yy + 4} text-anchor="middle">
                ✕
              </text>
            )}
            <text x={(x1 + x2) / 2} y={yy - 4} text-anchor="middle">
              {r.kind === 'flight' ? `${r.label} …` : r.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
