// Issue #14, points 6, 14 and 15: the paxos command refuses hostile sizes with exit 2 and one line naming
// the flag or field (never a stack trace, never exit 70), under one documented limit for every protocol;
// a scenario file with a BOM is read; a seed range is checked before the first run; `check` refuses a
// scope flag the protocol ignores instead of echoing it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCENARIO_LIMITS } from '../../src/paxos/sim/limits.ts';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import type { TraceDocument } from '../../src/paxos/core/trace.ts';
import { bounded, type Ending } from './bounded.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cli-input-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

function paxos(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['src/cli/paxos.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Exit 2 with exactly one line on stderr, matching `line`, and no stack trace. */
function refused(r: { code: number | null; stdout: string; stderr: string }, line: RegExp): void {
  assert.equal(r.code, 2, `exit ${r.code}: ${r.stderr.slice(0, 400)}`);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
  assert.doesNotMatch(r.stderr, /\n\s+at |internal error/);
  assert.match(r.stderr.trimEnd(), line);
}

test('huge flags: exit 2 and one line naming the flag (was RangeError / stack overflow, exit 70)', () => {
  const cases: [string[], RegExp][] = [
    [['--acceptors', '5000000000'], new RegExp(`^paxos simulate: --acceptors: must be ≤ ${SCENARIO_LIMITS.acceptors}, got 5000000000$`)],
    [['--crashes', '1000000'], new RegExp(`^paxos simulate: --crashes: must be ≤ ${SCENARIO_LIMITS.crashes}, got 1000000$`)],
    [['--partitions', '1000000'], new RegExp(`^paxos simulate: --partitions: must be ≤ ${SCENARIO_LIMITS.partitions}`)],
    [['--proposers', '1000000'], new RegExp(`^paxos simulate: --proposers: must be ≤ ${SCENARIO_LIMITS.proposers}`)],
    [['--protocol', 'multi', '--clients', '1000'], new RegExp(`^paxos simulate: --clients: must be ≤ ${SCENARIO_LIMITS.clients}`)],
    [['--max-time', '1e309'], /^paxos simulate: --max-time: must be a finite number, got "1e309"$/],
  ];
  for (const [args, line] of cases) refused(paxos('simulate', ...args), line);
});

test('one limit for all protocols: 100 acceptors are refused alike by Basic, Multi and Fast', () => {
  const lines = (['basic', 'multi', 'fast'] as const).map((p) => paxos('simulate', '--protocol', p, '--acceptors', '100').stderr);
  assert.deepEqual(lines, lines.map(() => `paxos simulate: --acceptors: must be ≤ ${SCENARIO_LIMITS.acceptors}, got 100\n`));
  // …and the limit itself runs, safely, for each of them.
  for (const p of ['basic', 'multi', 'fast']) {
    const r = paxos('simulate', '--protocol', p, '--acceptors', String(SCENARIO_LIMITS.acceptors), '--max-time', '150');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(checkTrace(JSON.parse(r.stdout) as TraceDocument), null);
  }
});

test('huge sizes in a scenario file: exit 2 and one line naming the file and the field', () => {
  const cases: [object, string][] = [
    [{ protocol: 'basic', acceptors: 5e9 }, 'acceptors'],
    [{ protocol: 'basic', faults: { crashes: 1_000_000 } }, 'faults.crashes'],
    [{ protocol: 'basic', proposals: 1_000_000 }, 'proposals'],
    [{ protocol: 'fast', options: { acceptors: 1_000_000 } }, 'options.acceptors'],
    [{ protocol: 'basic', options: { acceptorz: 5 } }, 'options.acceptorz'],
  ];
  for (const [scenario, field] of cases) {
    const path = file(`${field}.json`, JSON.stringify(scenario));
    refused(paxos('simulate', '--scenario', path), new RegExp(`^paxos simulate: ${path.replace(/[/.]/g, '\\$&')}: ${field.replace('.', '\\.')}: `));
  }
});

test('a scenario file written with a byte-order mark is read like the same file without it', () => {
  const text = readFileSync(join(root, 'content/scenarios/basic/preempted.json'), 'utf8').replace(/^\uFEFF/, '');
  const plain = paxos('simulate', '--scenario', file('plain.json', text));
  const bom = paxos('simulate', '--scenario', file('bom.json', `\uFEFF${text}`));
  assert.equal(bom.code, 0, bom.stderr);
  assert.equal(bom.stdout, plain.stdout);
  assert.equal(checkTrace(JSON.parse(bom.stdout) as TraceDocument), null);
});

test('maxTime: 1e309 in a file says "must be a finite number"', () => {
  const path = file('inf.json', '{"protocol":"basic","maxTime":1e309}');
  refused(paxos('simulate', '--scenario', path), /maxTime: must be a finite number ≥ 1, got Infinity$/);
});

test('--seed 9007199254740991 --runs 2: refused before the first run prints anything', () => {
  refused(paxos('simulate', '--seed', String(Number.MAX_SAFE_INTEGER), '--runs', '2'), /^paxos simulate: --runs: 2 runs from seed 9007199254740991 pass the largest seed 9007199254740991; lower --seed or --runs$/);
  refused(paxos('simulate', '--seed', String(Number.MAX_SAFE_INTEGER - 5), '--runs', '10'), /--runs: 10 runs from seed/);
  // The last seed itself is fine.
  const r = paxos('simulate', '--seed', String(Number.MAX_SAFE_INTEGER - 1), '--runs', '2', '--max-time', '100', '--check');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trimEnd().split('\n').length, 2);
});

// Point 15, decided: refuse. `check` echoes its scope as what "safe" covered; a flag the search ignores
// would be echoed as covered without being so. Refusing (exit 2, naming the flag and what to use) is how
// check already treats a flag of the other --model.
test('check refuses a scope flag the protocol ignores instead of echoing it', () => {
  refused(paxos('check', '--protocol', 'basic', '--clients', '4'), /^paxos check: --clients: not part of a basic scope: Basic Paxos has no client nodes: its proposers take the proposals \(use --proposers\)$/);
  refused(paxos('check', '--protocol', 'basic', '--slots', '2'), /^paxos check: --slots: not part of a basic scope/);
  refused(paxos('check', '--protocol', 'fast', '--proposers', '2'), /^paxos check: --proposers: not part of a fast scope/);
  refused(paxos('check', '--protocol', 'multi', '--proposers', '2'), /^paxos check: --proposers: not part of a multi scope/);
  // The flags each protocol does use still work (a small bound keeps this quick: exit 3, incomplete).
  const r = paxos('check', '--protocol', 'fast', '--clients', '1', '--max-states', '50', '--quiet');
  assert.equal(r.code, 3, r.stderr);
  assert.equal(JSON.parse(r.stdout).scope.clients, 1);
});

test('README documents the one set of limits with the numbers the engine enforces', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8').replace(/\s+/g, ' ');
  const n = (x: number): string => x.toLocaleString('en-US');
  for (const phrase of [
    `at most ${SCENARIO_LIMITS.acceptors} acceptors`,
    `${SCENARIO_LIMITS.proposers} proposers`,
    `${SCENARIO_LIMITS.clients} clients`,
    `${SCENARIO_LIMITS.learners} learners`,
    `${SCENARIO_LIMITS.proposals} proposals per node`,
    `${SCENARIO_LIMITS.crashes} crashes`,
    `${n(SCENARIO_LIMITS.steps)} steps`,
    `\`maxTime\` ${n(SCENARIO_LIMITS.maxTime)}`,
    `\`maxEvents\` ${n(SCENARIO_LIMITS.maxEvents)}`,
    `more than ${n(SCENARIO_LIMITS.inFlight)} messages in flight`,
  ]) {
    assert.ok(readme.includes(phrase), `README should say "${phrase}"`);
  }
});

// Seeded fuzz: hostile command lines (bench/fuzz/cli.ts) run in-process; each must end with 0 (every
// simulate runs with --check: no safety violation), 2 with one line, or 3 for an incomplete check, and never
// throw. Each failure prints its seed.
test('fuzz: 200 hostile command lines end cleanly', async () => {
  const r = await bounded('fuzzCommandLines', [1, 200], 120_000);
  assert.equal(r.ended, 'value', JSON.stringify(r));
  const failures = (r as Extract<Ending, { ended: 'value' }>).value as string[];
  assert.deepEqual(failures, [], failures.slice(0, 5).join('\n'));
});
