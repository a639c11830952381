// Saving a recorded run as a scenario file (the dev server's "保存为场景文件") and checking scenario files:
// hostile names and bodies are refused with a reason, nothing lands outside content/scenarios, and a
// bad file is reported with the line of the field to fix.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { checkScenarioFile } from '../../src/scenarios/check-file.ts';
import { exportLines, recordScenario } from '../../src/scenarios/record.ts';
import { scenarioFilesPlugin } from '../../src/scenarios/integration.ts';

const root = mkdtempSync(join(tmpdir(), 'record-scenario-'));
after(() => rmSync(root, { recursive: true, force: true }));

const good = { protocol: 'basic', seed: 2, steps: [{ type: 'propose', node: 'P1', value: 'v' }, { type: 'run', until: 'quiet' }] };

/** Every file under `dir`, relative. */
function files(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

describe('recordScenario', () => {
  it('writes content/scenarios/<protocol>/<name>.json and gives the lines that export it', () => {
    const r = recordScenario(root, { name: 'two-words', scenario: good });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.path, 'content/scenarios/basic/two-words.json');
    assert.deepEqual(JSON.parse(readFileSync(join(root, r.path), 'utf8')), good);
    assert.deepEqual(r.lines, exportLines('basic', 'two-words'));
    assert.match(r.lines[1]!, /^export const twoWords = defineScenario\('basic\/two-words', twoWordsJson\);$/);
  });

  it('asks before replacing a file, and replaces it when told to', () => {
    const again = recordScenario(root, { name: 'two-words', scenario: { ...good, seed: 3 } });
    assert.equal(again.ok, false);
    assert.equal(!again.ok && again.status, 409);
    assert.equal(JSON.parse(readFileSync(join(root, 'content/scenarios/basic/two-words.json'), 'utf8')).seed, 2);
    const replaced = recordScenario(root, { name: 'two-words', scenario: { ...good, seed: 3 }, overwrite: true });
    assert.ok(replaced.ok && replaced.replaced);
    assert.equal(JSON.parse(readFileSync(join(root, 'content/scenarios/basic/two-words.json'), 'utf8')).seed, 3);
  });

  it('refuses hostile names and bodies with a reason, writing nothing', () => {
    const before = files(root);
    const cases: [unknown, unknown, RegExp][] = [
      ['../../escape', good, /^name: /],
      ['..', good, /^name: /],
      ['a/b', good, /^name: /],
      ['a\\b', good, /^name: /],
      ['A-Capital', good, /^name: /],
      ['with space', good, /^name: /],
      ['nul\u0000byte', good, /^name: /],
      ['new\nline', good, /^name: /],
      ['', good, /^name: /],
      ['x'.repeat(65), good, /^name: at most 64/],
      [42, good, /^name: /],
      ['fine', null, /^scenario: /],
      ['fine', [good], /^scenario: /],
      ['fine', { ...good, protocol: '../../etc' }, /^scenario\.protocol: /],
      ['fine', { ...good, protocol: '__proto__' }, /^scenario\.protocol: /],
      ['fine', { ...good, acceptorz: 3 }, /acceptorz/],
      ['fine', { ...good, steps: [{ type: 'crash', node: 'A9' }] }, /A9/],
      ['fine', { ...good, steps: Array.from({ length: 20_000 }, () => ({ type: 'tick' })) }, /at most 262144/],
    ];
    for (const [name, scenario, reason] of cases) {
      const r = recordScenario(root, { name, scenario });
      assert.equal(r.ok, false, `accepted ${JSON.stringify(name)}`);
      assert.ok(!r.ok && r.status === 400);
      assert.match(!r.ok ? r.error : '', reason, `${JSON.stringify(name)}: ${!r.ok && r.error}`);
    }
    assert.equal(recordScenario(root, { name: 'ok-name', scenario: good, overwrite: 'yes' }).ok, false);
    assert.deepEqual(files(root), before);
  });
});

describe('checkScenarioFile', () => {
  it('names the line of a bad field, in a JSON file as written', () => {
    const text = JSON.stringify({ protocol: 'basic', steps: [{ type: 'propose', node: 'P1', value: 'v' }, { type: 'crash', node: 'A7' }] }, null, 2);
    const problem = checkScenarioFile('content/scenarios/basic/x.json', text);
    const line = text.split('\n').findIndex((l) => l.includes('"A7"')) + 1;
    assert.equal(problem?.line, line);
    assert.match(problem!.message, new RegExp(`^content/scenarios/basic/x\\.json:${line}: steps\\[1\\]\\.node: `));
  });

  it('points at broken JSON with its line, takes a byte-order mark, and passes a good file', () => {
    const problem = checkScenarioFile('s.json', '{\n  "protocol": "basic",\n  "seed": 1\n  "steps": []\n}');
    assert.equal(problem?.line, 4);
    assert.match(problem!.message, /^s\.json:4: not valid JSON: .*Fix the JSON/);
    assert.equal(checkScenarioFile('s.json', `\uFEFF${JSON.stringify(good)}`), undefined);
  });

  it('reports a deeply nested or huge file without crashing', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    assert.match(checkScenarioFile('d.json', deep)?.message ?? '', /^d\.json/);
    assert.match(checkScenarioFile('n.json', '{"protocol":"basic","seed":1e400}')?.message ?? '', /^n\.json/);
  });
});

describe('the Vite plugin that checks scenario files', () => {
  const plugin = scenarioFilesPlugin('/site');
  const errors: { message: string; loc?: { line: number } }[] = [];
  const context = {
    error(e: { message: string; loc?: { file: string; line: number; column: number } }): never {
      errors.push(e);
      throw new Error(e.message);
    },
  };

  it('leaves other files alone and strips a byte-order mark from a good scenario', () => {
    assert.equal(plugin.transform.call(context, '{"protocol":"nope"}', '/site/src/data.json'), null);
    assert.equal(plugin.transform.call(context, JSON.stringify(good), '/site/content/scenarios/basic/a.json'), null);
    const out = plugin.transform.call(context, `\uFEFF${JSON.stringify(good)}`, '/site/content/scenarios/basic/a.json?import');
    assert.deepEqual(out, { code: JSON.stringify(good), map: null });
  });

  it('fails the module with the file, the line and the field', () => {
    const text = JSON.stringify({ protocol: 'basic', acceptors: 'three' }, null, 2);
    assert.throws(() => plugin.transform.call(context, text, '/site/content/scenarios/basic/b.json'), /content\/scenarios\/basic\/b\.json:3: acceptors: /);
    assert.equal(errors.at(-1)?.loc?.line, 3);
  });
});
