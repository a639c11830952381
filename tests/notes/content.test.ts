// Content checks over the published notes (content/notes/**, not drafts): nothing unfinished, headings well
// formed, every generated figure points at something real (and its run is safe unless it declares a mutant),
// no placeholder comment waiting for a generated figure, and every series chapter shows at least one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { PROJECT_ROOT } from '../support/project.ts';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import { runScenario } from '../../src/paxos/sim/run.ts';
import { MUTANT_NAMES } from '../../src/paxos/core/mutants.ts';
import type { Scenario } from '../../src/paxos/sim/scenario.ts';

const NOTES = join(PROJECT_ROOT, 'content', 'notes');

interface Note {
  /** Path relative to the project, for messages. */
  readonly file: string;
  readonly name: string;
  readonly data: Record<string, unknown>;
  /** The body after the front matter. */
  readonly body: string;
  /** Line number (1-based, in the file) of the body's first line. */
  readonly bodyLine: number;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    if (d.name.startsWith('_')) return []; // the collection ignores these too
    const path = join(dir, d.name);
    if (d.isDirectory()) return walk(path);
    return /\.mdx?$/.test(d.name) ? [path] : [];
  });
}

function load(path: string): Note {
  const text = readFileSync(path, 'utf8');
  const file = relative(PROJECT_ROOT, path);
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  assert.ok(m, `${file}: no front matter`);
  const data = (parseYaml(m[1]!) ?? {}) as Record<string, unknown>;
  return { file, name: path.split('/').pop()!.replace(/\.mdx?$/, ''), data, body: text.slice(m[0].length), bodyLine: m[0].split('\n').length };
}

const published = walk(NOTES).map(load).filter((n) => n.data['draft'] !== true);
const series = published.filter((n) => /^paxos-\d\d-/.test(n.name));

/** Body lines with fenced code blocks blanked out (kept as empty lines so line numbers stay right). */
function proseLines(body: string): string[] {
  let fence: string | null = null;
  return body.split('\n').map((line) => {
    const open = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence === null && open) {
      fence = open[1]!;
      return '';
    }
    if (fence !== null) {
      if (line.trim().startsWith(fence)) fence = null;
      return '';
    }
    return line;
  });
}

const lineOf = (n: Note, index: number): string => `${n.file}:${n.bodyLine + index}`;

test('the notes are found, and the six series chapters are among them', () => {
  assert.ok(published.length >= 6, `found ${published.length} published notes`);
  assert.deepEqual(series.map((n) => n.name).sort(), ['paxos-00-intro', 'paxos-01-basic', 'paxos-02-open-questions', 'paxos-03-multi', 'paxos-04-fast', 'paxos-05-zpaxos']);
});

function unfinished(notes: readonly Note[]): string[] {
  const problems: string[] = [];
  for (const n of notes) {
    if (n.data['wip'] === true) problems.push(`${n.file}: front matter says wip: true (shows the 施工中 badge)`);
    proseLines(n.body).forEach((line, i) => {
      // Talking about the marker — 「施工中」, “施工中”, `施工中` — is not the marker.
      const bare = line.replace(/`[^`]*`/g, '').replace(/「[^」]*」|“[^”]*”|"[^"]*"/g, '');
      if (/\bTODO\b/.test(bare)) problems.push(`${lineOf(n, i)}: TODO`);
      if (bare.includes('施工中')) problems.push(`${lineOf(n, i)}: 施工中`);
    });
  }
  return problems;
}

test('nothing unfinished: no TODO, no 施工中 (the word itself, not a mention of the badge), no wip flag', () => {
  assert.deepEqual(unfinished(published), []);
});

interface Heading {
  readonly level: number;
  readonly text: string;
  readonly index: number;
}

function headings(n: Note): Heading[] {
  return proseLines(n.body).flatMap((line, index) => {
    const m = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    return m ? [{ level: m[1]!.length, text: m[2]!, index }] : [];
  });
}

function badHeadings(notes: readonly Note[]): string[] {
  const problems: string[] = [];
  for (const n of notes) {
    let previous = 1;
    for (const h of headings(n)) {
      if (h.level === 1) problems.push(`${lineOf(n, h.index)}: h1 "${h.text}" in the body; the title is the page's h1, start at ##`);
      else if (h.level > previous + 1) problems.push(`${lineOf(n, h.index)}: h${h.level} "${h.text}" follows h${previous}; a level is skipped`);
      previous = h.level;
    }
  }
  return problems;
}

test('headings: no h1 in the body (the title is the h1), no skipped level, the first one is h2', () => {
  assert.deepEqual(badHeadings(published), []);
});

function emptySections(notes: readonly Note[]): string[] {
  const problems: string[] = [];
  for (const n of notes) {
    const lines = proseLines(n.body);
    const raw = n.body.split('\n');
    const hs = headings(n);
    hs.forEach((h, k) => {
      const next = hs[k + 1];
      if (next && next.level > h.level) return; // it has a subsection
      const end = next ? next.index : raw.length;
      // Anything but blank lines and MDX comments counts as content (code blocks too: use the raw lines).
      const content = raw.slice(h.index + 1, end).some((line, j) => {
        const t = line.trim();
        if (t === '' && lines[h.index + 1 + j] === '') return false;
        return t !== '' && !/^\{\/\*.*\*\/\}$/.test(t);
      });
      if (!content) problems.push(`${lineOf(n, h.index)}: section "${h.text}" is empty`);
    });
  }
  return problems;
}

test('no empty section: every heading has text, a figure or a subsection before the next heading of its level', () => {
  assert.deepEqual(emptySections(published), []);
});

function placeholders(notes: readonly Note[]): string[] {
  const problems: string[] = [];
  for (const n of notes) {
    n.body.split('\n').forEach((line, i) => {
      const m = /\{\/\*\s*(RUN|PLAYGROUND|CHART|COUNTEREXAMPLE|VERDICT)\b\s*([^:*\s]*)/.exec(line);
      if (m) problems.push(`${lineOf(n, i)}: ${m[1]} ${m[2]} placeholder`);
    });
  }
  return problems;
}

// The checks themselves, on a made-up note with one of each mistake (so a green run means something).
test('the checks catch what they are meant to', () => {
  const body = [
    '# 不该有的 h1',
    '## 空的一节',
    '{/* 只是注释 */}',
    '## 跳级',
    '#### 四级',
    '正文 TODO 还没写，施工中。提到「施工中」标记、`TODO` 不算。',
    '```js',
    '// TODO in code is fine',
    '## not a heading inside code',
    '```',
    '{/* RUN basic/smooth: … */}',
    '{/* VERDICT forget-promise-on-learn: the paragraph … */}',
    '## 最后一节',
  ].join('\n');
  const fake: Note = { file: 'fake.mdx', name: 'fake', data: { wip: true }, body, bodyLine: 5 };
  assert.deepEqual(unfinished([fake]), ['fake.mdx: front matter says wip: true (shows the 施工中 badge)', 'fake.mdx:10: TODO', 'fake.mdx:10: 施工中']);
  assert.deepEqual(badHeadings([fake]), ['fake.mdx:5: h1 "不该有的 h1" in the body; the title is the page\'s h1, start at ##', 'fake.mdx:9: h4 "四级" follows h2; a level is skipped']);
  assert.deepEqual(emptySections([fake]), ['fake.mdx:6: section "空的一节" is empty', 'fake.mdx:17: section "最后一节" is empty']);
  assert.deepEqual(placeholders([fake]), ['fake.mdx:15: RUN basic/smooth placeholder', 'fake.mdx:16: VERDICT forget-promise-on-learn placeholder']);
});

test('no placeholder comment is left where a generated figure or a verdict belongs (RUN, PLAYGROUND, CHART, COUNTEREXAMPLE, VERDICT)', () => {
  assert.deepEqual(placeholders(published), []);
});

/** `import { a, b as c } from '@/scenarios/basic'` → local name → module and exported name. */
function scenarioImports(n: Note): Map<string, { module: string; name: string }> {
  const map = new Map<string, { module: string; name: string }>();
  for (const m of n.body.matchAll(/^import\s*\{([^}]*)\}\s*from\s*['"]@\/scenarios\/(\w+)['"]/gm)) {
    for (const part of m[1]!.split(',')) {
      const [name, local] = part.trim().split(/\s+as\s+/);
      if (name) map.set((local ?? name).trim(), { module: m[2]!, name: name.trim() });
    }
  }
  return map;
}

const modules = new Map<string, Record<string, unknown>>();
async function scenarioModule(name: string): Promise<Record<string, unknown> | null> {
  if (!modules.has(name)) {
    try {
      modules.set(name, (await import(`../../src/scenarios/${name}.ts`)) as Record<string, unknown>);
    } catch {
      return null;
    }
  }
  return modules.get(name)!;
}

test('every PaxosDiagram and PaxosPlayground scenario resolves to an exported scenario; diagram runs are safe unless declared mutants', async () => {
  const problems: string[] = [];
  let figures = 0;
  for (const n of published) {
    const imports = scenarioImports(n);
    const lines = n.body.split('\n');
    for (let i = 0; i < lines.length; i++) {
      for (const m of lines[i]!.matchAll(/<(PaxosDiagram|PaxosPlayground)\b[^>]*?\bscenario=\{\s*([A-Za-z_$][\w$]*)\s*\}/g)) {
        figures++;
        const [, component, local] = m;
        const where = `${lineOf(n, i)}: <${component} scenario={${local}}>`;
        const source = imports.get(local!);
        if (!source) {
          problems.push(`${where}: ${local} is not imported from '@/scenarios/…'`);
          continue;
        }
        const mod = await scenarioModule(source.module);
        const scenario = mod?.[source.name] as Scenario | undefined;
        if (!scenario || typeof scenario !== 'object' || typeof scenario.protocol !== 'string') {
          problems.push(`${where}: '@/scenarios/${source.module}' has no scenario export ${source.name}`);
          continue;
        }
        if (component !== 'PaxosDiagram') continue;
        const bad = checkTrace(runScenario(scenario));
        if (scenario.mutant && !bad) problems.push(`${where}: declares mutant ${scenario.mutant} but its run is safe`);
        if (!scenario.mutant && bad) problems.push(`${where}: run breaks ${bad.property}: ${bad.message}`);
      }
    }
  }
  assert.ok(figures > 0, 'no figures found at all');
  assert.deepEqual(problems, []);
});

test('every PaxosCounterexample names a known mutant', () => {
  const problems: string[] = [];
  for (const n of published) {
    n.body.split('\n').forEach((line, i) => {
      for (const m of line.matchAll(/<PaxosCounterexample\b[^>]*?\bmutant="([^"]*)"/g)) {
        if (!(MUTANT_NAMES as readonly string[]).includes(m[1]!)) problems.push(`${lineOf(n, i)}: unknown mutant "${m[1]}" (see \`paxos mutants\`)`);
      }
    });
  }
  assert.deepEqual(problems, []);
});

test('every series chapter shows at least one generated diagram (PaxosDiagram, a ```paxos block or PaxosCounterexample)', () => {
  const missing = series.filter((n) => !/<PaxosDiagram\b|<PaxosCounterexample\b|^\s*(`{3,}|~{3,})paxos\b/m.test(n.body)).map((n) => n.file);
  assert.deepEqual(missing, []);
});
