// `paxos check --bound N` and `--hunt`: the bounded breadth-first search and the random hunt from the
// command line. The bound's verdicts are held against the plain search's shortest counterexample (one
// move short of it: clear; at it: the same length), the hunt against the run witnesses.ts pins, and every
// counterexample trace against the independent trace checker. Hostile values are refused with exit 2 and
// one line naming the flag.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { checkEngine, chosenValues } from '../../src/paxos/check/model-check.ts';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import { HUNTED } from '../../src/paxos/check/witnesses.ts';
import type { TraceDocument } from '../../src/paxos/core/trace.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

function check(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['src/cli/paxos.ts', 'check', '--quiet', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The trace of a JSON result breaks agreement as the independent checker and the vote count see it. */
function breaksAgreement(trace: TraceDocument, slot: number): void {
  const problem = checkTrace(trace);
  assert.ok(problem, 'the trace checker finds nothing wrong with a counterexample');
  assert.equal(chosenValues(trace).get(slot)?.length, 2, 'two values chosen in the reported slot');
}

test('--bound: one move short of the shortest counterexample is clear (exit 0); at its length, a run of that length (exit 1)', () => {
  const plain = checkEngine({ protocol: 'basic', mutant: 'no-first-promise' });
  assert.equal(plain.result, 'violation');
  if (plain.result !== 'violation') return;
  const short = check('--mutant', 'no-first-promise', '--bound', String(plain.steps - 1));
  assert.equal(short.code, 0, short.stderr);
  const clear = JSON.parse(short.stdout) as { result: string; bound: number; reductions: string[] };
  assert.equal(clear.result, 'clear');
  assert.equal(clear.bound, plain.steps - 1);
  assert.ok(clear.reductions.includes('distance-bound'), 'the result names the bound among its reductions');

  const at = check('--mutant', 'no-first-promise', '--bound', String(plain.steps));
  assert.equal(at.code, 1, at.stderr);
  const found = JSON.parse(at.stdout) as { result: string; steps: number; slot: number; trace: TraceDocument };
  assert.equal(found.result, 'violation');
  assert.equal(found.steps, plain.steps);
  breaksAgreement(found.trace, found.slot);

  const text = check('--mutant', 'no-first-promise', '--bound', String(plain.steps - 1), '--format', 'text');
  assert.match(text.stdout, new RegExp(`clear: no run of at most ${plain.steps - 1} moves chooses two values`));
});

test('--bound on a correct protocol is clear, never "safe": it says nothing of longer runs', () => {
  const r = check('--bound', '6');
  assert.equal(r.code, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as { result: string }).result, 'clear');
});

test('--hunt finds the pinned walk of witnesses.ts, the same run for the same seed, and says it is not proved shortest', () => {
  const pin = HUNTED['fast-recovery-any-reported']!;
  const args = ['--mutant', 'fast-recovery-any-reported', '--hunt', '--seed', String(pin.seed), '--walks', String(pin.walk)];
  const a = check(...args);
  assert.equal(a.code, 1, a.stderr);
  const r = JSON.parse(a.stdout) as { result: string; steps: number; slot: number; hunted: { walk: number; seed: number }; trace: TraceDocument };
  assert.equal(r.result, 'violation');
  assert.equal(r.hunted.walk, pin.walk);
  assert.equal(r.steps, pin.steps);
  breaksAgreement(r.trace, r.slot);
  const again = JSON.parse(check(...args).stdout) as { trace: TraceDocument };
  assert.ok(JSON.stringify(again.trace) === JSON.stringify(r.trace), 'same seed, same run');
  const text = check(...args, '--format', 'text');
  assert.match(text.stdout, /not proved shortest/);
  // One walk short of the pin, the hunt finds nothing: exit 3, nothing proved.
  const none = check('--mutant', 'fast-recovery-any-reported', '--hunt', '--walks', String(pin.walk - 1));
  assert.equal(none.code, 3, none.stderr);
  assert.deepEqual([(JSON.parse(none.stdout) as { result: string; reason: string }).result, (JSON.parse(none.stdout) as { reason: string }).reason], ['incomplete', 'walks']);
});

/** Exit 2 with exactly one line on stderr, matching `line`, no stack trace and no raw control character. */
function refused(r: { code: number | null; stdout: string; stderr: string }, line: RegExp): void {
  assert.equal(r.code, 2, `exit ${r.code}: ${r.stderr.slice(0, 400)}`);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
  assert.doesNotMatch(r.stderr, /\n\s+at |internal error/);
  // Control characters come back escaped, never raw (the final newline aside).
  assert.doesNotMatch(r.stderr.trimEnd(), /[\u0000-\u001f\u007f]/);
  assert.match(r.stderr.trimEnd(), line);
}

test('hostile --bound, --hunt, --seed and --walks values: exit 2, one line naming the flag', () => {
  const cases: [string[], RegExp][] = [
    [['--bound', '-1'], /^paxos check: --bound: must be ≥ 0, got -1$/],
    [['--bound', '1001'], /^paxos check: --bound: must be ≤ 1000, got 1001$/],
    [['--bound', '99999999999999999999999'], /^paxos check: --bound: must be an integer, got "99999999999999999999999"$/],
    [['--bound', '1e3'], /^paxos check: --bound: must be an integer, got "1e3"$/],
    [['--bound', '3\u0007\u001b[2J'], /^paxos check: --bound: must be an integer, got "3\\u0007\\u001b\[2J"$/],
    [['--bound', 'x'.repeat(5000)], /^paxos check: --bound: must be an integer, got "x{40}…" \(5000 characters\)$/],
    [['--seed', '4294967296', '--hunt'], /^paxos check: --seed: must be ≤ 4294967295/],
    [['--walks', '0', '--hunt'], /^paxos check: --walks: must be ≥ 1, got 0$/],
    [['--walks', '10000001', '--hunt'], /^paxos check: --walks: must be ≤ 10000000/],
    [['--hunt', 'yes'], /^paxos check: unexpected argument "yes"; flags start with --$/],
    [['--bound', '5', '--hunt'], /^paxos check: --(bound|hunt): one of --witness, --hunt, --bound per run/],
    [['--mutant', 'forget-promise-on-learn', '--witness', '--bound', '5'], /^paxos check: --bound: one of --witness, --hunt, --bound per run/],
    [['--seed', '3'], /^paxos check: --seed: only a flag of --hunt$/],
    [['--walks', '3', '--bound', '4'], /^paxos check: --walks: only a flag of --hunt$/],
    [['--hunt', '--por', 'on'], /^paxos check: --por: not a flag of --hunt/],
    [['--hunt', '--max-states', '10'], /^paxos check: --max-states: not a flag of --hunt/],
    [['--hunt', '--fingerprints', 'on'], /^paxos check: --fingerprints: not a flag of --hunt/],
    [['--fingerprints', 'maybe\u0007'], /^paxos check: --fingerprints: .*"maybe\\u0007"/],
    [['--model', 'spec', '--fingerprints', 'on'], /^paxos check: --fingerprints: not a flag of --model spec$/],
    [['--spill'], /^paxos check: --spill: keeps the rows of a fingerprint search only; add --fingerprints on$/],
    [['--hunt', '--spill'], /^paxos check: --spill: not a flag of --hunt/],
    [['--spill', 'yes\u001b[2J'], /^paxos check: unexpected argument "yes\\u001b\[2J"/],
    [['--expect-states', '1000'], /^paxos check: --expect-states: sizes the table of a fingerprint search only; add --fingerprints on$/],
    [['--fingerprints', 'on', '--expect-states', '0'], /^paxos check: --expect-states: must be ≥ 1, got 0$/],
    [['--fingerprints', 'on', '--expect-states', '1e400'], /^paxos check: --expect-states: /],
    [['--fingerprints', 'on', '--expect-states', '99999999999999999999'], /^paxos check: --expect-states: must be an integer, got "99999999999999999999"$/],
    [['--fingerprints', 'on', '--expect-states', '99999999999'], /^paxos check: --expect-states: must be ≤ 2147483647, got 99999999999$/],
    // 2^31 − 1 states need 44 GiB up front: more than any machine this runs on has (it says how much it has).
    [['--fingerprints', 'on', '--expect-states', '2147483647'], /^paxos check: --expect-states: 2147483647 states need 44\.0 GiB up front and this machine has [\d.]+ GiB; ask for fewer$/],
    [['--hunt', '--expect-states', '5'], /^paxos check: --expect-states: not a flag of --hunt/],
    [['--model', 'spec', '--expect-states', '5'], /^paxos check: --expect-states: not a flag of --model spec$/],
    [['--bound', '5', '--por', 'on'], /^paxos check: --por: a crash-before-step search may find a longer run/],
    [['--model', 'spec', '--bound', '3'], /^paxos check: --bound: not a flag of --model spec$/],
    [['--model', 'spec-multi', '--hunt'], /^paxos check: --hunt: not a flag of --model spec-multi$/],
    [['--mutant', 'no-such\u0001rule'], /^paxos check: --mutant: unknown mutant "no-such\\u0001rule"/],
    [['stray\u001b[31m'], /^paxos check: unexpected argument "stray\\u001b\[31m"/],
  ];
  for (const [args, line] of cases) refused(check(...args), line);
});
