// The notes name rule variants (mutants) and state what the checker says about each: a counterexample, or
// "safe" over a scope. This file holds the prose to the checker: every variant a note names exists in
// MUTANTS; every verdict written in a table (a row starting with the variant's name and a cell saying 安全
// or 反例) agrees with MutantInfo.safety; the appendix lists every variant; and the checker, run now,
// agrees with MutantInfo.safety — a search in a small scope for the Basic and Fast variants that break
// agreement, the scripted run for those whose counterexample the search cannot reach, the standard scope
// for a variant said to be safe. Change a rule so that a verdict flips and a test here fails, naming the
// note whose sentence is now wrong.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../support/project.ts';
import { MUTANTS, isMutantName, type MutantInfo } from '../../src/paxos/core/mutants.ts';
import { checkEngine, checkWitness, type CheckResult } from '../../src/paxos/check/model-check.ts';
import { SCRIPTED_BY_DEFAULT } from '../../src/paxos/check/witnesses.ts';
import type { ScopeOptions } from '../../src/paxos/check/scopes.ts';

const NOTES = join(PROJECT_ROOT, 'content', 'notes');
const notes = readdirSync(NOTES)
  .filter((f) => /\.mdx?$/.test(f) && !f.startsWith('_'))
  .map((f) => ({ file: `content/notes/${f}`, text: readFileSync(join(NOTES, f), 'utf8') }));

const VERDICT: Record<MutantInfo['safety'], string> = { broken: '反例', kept: '安全' };

interface Row {
  readonly where: string;
  readonly name: string;
  readonly verdict: MutantInfo['safety'];
}

/** Table rows "| `name` | … | 安全… | …" or "| … | 反例… |": the first cell names the variant. */
function verdictRows(): Row[] {
  const rows: Row[] = [];
  for (const n of notes) {
    n.text.split('\n').forEach((line, i) => {
      const m = /^\|\s*`([a-z0-9-]+)`\s*\|(.*)\|\s*$/.exec(line);
      if (!m) return;
      const cells = m[2]!.split('|').map((c) => c.trim());
      const says = cells.filter((c) => c.startsWith('安全') || c.startsWith('反例'));
      if (says.length === 0) return;
      assert.equal(says.length, 1, `${n.file}:${i + 1}: one verdict per row`);
      rows.push({ where: `${n.file}:${i + 1}`, name: m[1]!, verdict: says[0]!.startsWith('安全') ? 'kept' : 'broken' });
    });
  }
  return rows;
}

test('every variant a note names exists (a <PaxosCounterexample>, "变体 `name`", a verdict row)', () => {
  const named: { where: string; name: string }[] = [];
  for (const n of notes) {
    n.text.split('\n').forEach((line, i) => {
      for (const m of line.matchAll(/<PaxosCounterexample\s+mutant="([^"]+)"/g)) named.push({ where: `${n.file}:${i + 1}`, name: m[1]! });
      for (const m of line.matchAll(/变体\s*`([^`]+)`/g)) named.push({ where: `${n.file}:${i + 1}`, name: m[1]! });
    });
  }
  for (const r of verdictRows()) named.push(r);
  assert.ok(named.length >= 10, `found ${named.length} mentions`);
  for (const { where, name } of named) assert.ok(isMutantName(name), `${where}: "${name}" is not a variant of \`paxos mutants\``);
});

test('a counterexample is drawn only for a variant that breaks agreement', () => {
  for (const n of notes) {
    for (const m of n.text.matchAll(/<PaxosCounterexample\s+mutant="([^"]+)"/g)) {
      const info = MUTANTS.find((x) => x.name === m[1]);
      assert.equal(info?.safety, 'broken', `${n.file}: <PaxosCounterexample mutant="${m[1]}"> but the variant keeps safety`);
    }
  }
});

test('every verdict written in a table agrees with the variant list, and the appendix lists them all', () => {
  const rows = verdictRows();
  for (const r of rows) {
    const info = MUTANTS.find((m) => m.name === r.name);
    assert.ok(info, `${r.where}: unknown variant ${r.name}`);
    assert.equal(VERDICT[r.verdict], VERDICT[info.safety], `${r.where}: the note says ${VERDICT[r.verdict]} for ${r.name}, the variant list says ${VERDICT[info.safety]}`);
  }
  const appendix = new Set(rows.filter((r) => r.where.startsWith('content/notes/paxos-appendix-checker.mdx')).map((r) => r.name));
  assert.deepEqual([...appendix].sort(), MUTANTS.map((m) => m.name).sort(), 'the appendix table lists every variant');
});

/** Small scopes where each agreement-breaking Basic and Fast variant is found by the search in seconds. */
const SMALL: Partial<Record<string, Partial<ScopeOptions>>> = {
  'reused-ballot': { acceptors: 2, duplicates: 2 },
  'small-fast-quorum': {},
  'uncoordinated-small-fast-quorum': {},
};

function verdictOf(info: MutantInfo): CheckResult {
  if (SCRIPTED_BY_DEFAULT.includes(info.name)) {
    const w = checkWitness(info.name);
    assert.ok(w, `${info.name}: a scripted run`);
    return w;
  }
  if (info.safety === 'kept') return checkEngine({ protocol: info.protocol, mutant: info.name });
  return checkEngine({ protocol: info.protocol, mutant: info.name, ...(SMALL[info.name] ?? { acceptors: 2 }) });
}

for (const info of MUTANTS) {
  test(`the checker agrees: ${info.name} — ${VERDICT[info.safety]}`, () => {
    const r = verdictOf(info);
    assert.equal(r.result, info.safety === 'kept' ? 'safe' : 'violation', `${info.name}: the checker now says ${r.result}; fix MutantInfo.safety and every note that states the verdict`);
    if (info.safety !== 'kept') return;
    // A note that gives the size of the proof must give the checker's figure.
    for (const n of notes) {
      for (const line of n.text.split('\n')) {
        if (!line.includes(`\`${info.name}\``)) continue;
        const m = /安全：穷举完 ([\d,]+) 个状态/.exec(line);
        if (m) assert.equal(Number(m[1]!.replaceAll(',', '')), r.states, `${n.file}: the state count for ${info.name}`);
      }
    }
  });
}
