// The site's words come from src/i18n/: ui.ts for the chrome, the pages and the diagrams, figures.ts for
// the figures and the playground island. A page, layout, view, figure or diagram that writes Chinese itself
// would escape translation, so this reads their source and finds none outside comments. (The playground
// island's views, its checker panel, the nack chart and the dev-only save form still write their own.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const HAN = /\p{Script=Han}/u;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return files(path);
    return /\.(astro|ts|tsx)$/.test(e.name) ? [path] : [];
  });
}

/** Lines of code with their comments taken out (// …, /* … *\/, <!-- … -->), numbered from 1. */
function codeLines(text: string): string[] {
  const blanked = text.replace(/\/\*[\s\S]*?\*\/|<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ' '));
  return blanked.split('\n').map((line) => line.replace(/(^|[^:'"`])\/\/.*$/, '$1'));
}

test('pages, layouts, the reader and figure views, figures and diagrams take their words from src/i18n/', () => {
  const dirs = ['src/pages', 'src/layouts', 'src/components/reader', 'src/components/paxos', 'src/figures', 'src/diagrams'];
  const found: string[] = [];
  for (const dir of dirs) {
    for (const file of files(join(root, dir))) {
      codeLines(readFileSync(file, 'utf8')).forEach((line, i) => {
        if (HAN.test(line)) found.push(`${relative(root, file)}:${i + 1}: ${line.trim()}`);
      });
    }
  }
  assert.deepEqual(found, [], 'words to move into src/i18n/ui.ts');
});

test('the check sees Chinese written in a page', () => {
  assert.ok(codeLines('<p>演练场</p>\n// 注释\n/* 注释 */').some((l) => HAN.test(l)));
  assert.ok(!codeLines('// 注释\n/* 注\n释 */\n<!-- 注释 -->').some((l) => HAN.test(l)));
});
