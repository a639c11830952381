// Open Graph / Twitter share cards (1200×630 PNG), drawn as SVG and rasterised with resvg at build
// time: no browser, no network, ~50 ms a card, and the same bytes on every build of the same input.
// Fonts: Noto Sans CJK (Debian's fonts-noto-cjk, which CI installs for the diagrams anyway); if it is
// missing, resvg falls back to the system's fonts, so the build never fails over a share card.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';

export const OG_WIDTH = 1200;
export const OG_HEIGHT = 630;

const FONT_FILES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
];
const FONT_FAMILY = 'Noto Sans CJK SC';

export interface OgCard {
  title: string;
  subtitle?: string | undefined;
  /** Small line at the bottom, e.g. the date and tags. */
  footer?: string | undefined;
  siteTitle: string;
  badge?: string | undefined;
}

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** Width of text in em, close enough for wrapping: CJK and full-width ≈ 1em, the rest ≈ 0.56em. */
export function textWidthEm(text: string): number {
  let w = 0;
  for (const ch of text) w += WIDE.test(ch) ? 1 : ch === ' ' ? 0.3 : /[A-Z0-9]/.test(ch) ? 0.64 : 0.54;
  return w;
}

/**
 * Greedy line breaking that can break between any two CJK characters but keeps Latin words whole;
 * at most maxLines lines, the last one ending in "…" when the text does not fit.
 */
export function wrapText(text: string, maxEm: number, maxLines: number): string[] {
  const tokens = text.trim().match(/[A-Za-z0-9_'’.\-]+|\s+|./gu) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const token of tokens) {
    const candidate = line + token;
    if (textWidthEm(candidate.trimEnd()) <= maxEm || line.trim() === '') {
      line = candidate;
      continue;
    }
    lines.push(line.trimEnd());
    line = token.trimStart();
  }
  if (line.trim()) lines.push(line.trimEnd());
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1] ?? '';
  while (last && textWidthEm(`${last}…`) > maxEm) last = Array.from(last).slice(0, -1).join('');
  kept[maxLines - 1] = `${last.trimEnd()}…`;
  return kept;
}

const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function ogSvg(card: OgCard): string {
  const pad = 80;
  const titleSize = textWidthEm(card.title) * 64 > (OG_WIDTH - 2 * pad) * 2 ? 54 : 64;
  const titleLines = wrapText(card.title, (OG_WIDTH - 2 * pad) / titleSize, 3);
  const subtitleLines = card.subtitle ? wrapText(card.subtitle, (OG_WIDTH - 2 * pad) / 32, 2) : [];
  let y = 210;
  const parts: string[] = [];
  for (const line of titleLines) {
    parts.push(`<text x="${pad}" y="${y}" font-size="${titleSize}" font-weight="700" fill="#0f172a">${escapeXml(line)}</text>`);
    y += Math.round(titleSize * 1.3);
  }
  y += 12;
  for (const line of subtitleLines) {
    parts.push(`<text x="${pad}" y="${y}" font-size="32" fill="#334155">${escapeXml(line)}</text>`);
    y += 46;
  }
  const badge = card.badge
    ? `<rect x="${OG_WIDTH - pad - 150}" y="62" width="150" height="48" rx="24" fill="#fff7ed" stroke="#9a3412" stroke-width="2"/>` +
      `<text x="${OG_WIDTH - pad - 75}" y="95" font-size="26" font-weight="700" fill="#9a3412" text-anchor="middle">${escapeXml(card.badge)}</text>`
    : '';
  const footer = card.footer
    ? `<text x="${pad}" y="${OG_HEIGHT - 70}" font-size="28" fill="#475569">${escapeXml(wrapText(card.footer, (OG_WIDTH - 2 * pad) / 28, 1)[0] ?? '')}</text>`
    : '';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${OG_WIDTH}" height="${OG_HEIGHT}" viewBox="0 0 ${OG_WIDTH} ${OG_HEIGHT}" font-family="${FONT_FAMILY}, sans-serif">`,
    `<rect width="${OG_WIDTH}" height="${OG_HEIGHT}" fill="#f8fafc"/>`,
    `<rect width="${OG_WIDTH}" height="14" fill="#0b5cad"/>`,
    // Three "acceptor" dots and a ballot arrow: a quiet nod to what the site is about.
    `<g fill="#0b5cad"><circle cx="${pad + 12}" cy="86" r="12"/><circle cx="${pad + 52}" cy="86" r="12" opacity="0.7"/><circle cx="${pad + 92}" cy="86" r="12" opacity="0.45"/></g>`,
    `<text x="${pad + 124}" y="96" font-size="30" font-weight="700" fill="#0b5cad">${escapeXml(card.siteTitle)}</text>`,
    badge,
    ...parts,
    `<line x1="${pad}" y1="${OG_HEIGHT - 120}" x2="${OG_WIDTH - pad}" y2="${OG_HEIGHT - 120}" stroke="#cbd5e1" stroke-width="2"/>`,
    footer,
    '</svg>',
  ].join('');
}

// Rasterising costs 60–400 ms a card (mostly loading the CJK fonts), so cards are cached on disk
// by a hash of everything that changes the pixels: the SVG, the fonts found and this renderer.
const CACHE_DIR = process.env['PAXOS_OG_CACHE'] || join(process.cwd(), 'node_modules', '.cache', 'paxos-og');
const RENDERER = 'resvg-js@2.6.2/1';

export function renderOgPng(card: OgCard): Uint8Array<ArrayBuffer> {
  const fontFiles = FONT_FILES.filter((f) => existsSync(f));
  const svg = ogSvg(card);
  const key = createHash('sha256')
    .update(JSON.stringify([RENDERER, svg, fontFiles.map((f) => [f, statSync(f).size])]))
    .digest('hex');
  const cached = join(CACHE_DIR, `${key}.png`);
  if (existsSync(cached)) return new Uint8Array(readFileSync(cached));
  const png = rasterise(svg, fontFiles);
  mkdirSync(CACHE_DIR, { recursive: true });
  const tmp = `${cached}.${process.pid}.tmp`;
  writeFileSync(tmp, png);
  renameSync(tmp, cached);
  return png;
}

function rasterise(svg: string, fontFiles: string[]): Uint8Array<ArrayBuffer> {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'original' },
    font: {
      fontFiles,
      loadSystemFonts: fontFiles.length < FONT_FILES.length,
      defaultFontFamily: FONT_FAMILY,
    },
  });
  return new Uint8Array(resvg.render().asPng());
}
