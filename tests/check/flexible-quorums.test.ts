// The checker's verdicts on flexible quorums (Basic Paxos with q1 promises in phase 1 and q2 acceptances in
// phase 2). Scopes are kept to 3 acceptors here so each search takes well under a second: q1 = 3, q2 = 1
// (the extreme Flexible Paxos trade: one acceptance chooses) is safe; q1 = 2, q2 = 1 breaks q1 + q2 > n
// and the search finds two values chosen. The chapter's 4-acceptor scopes (q1 3 / q2 2 safe, about 2 M
// states; q1 2 / q2 2 refuted) run in bench/checker.ts and by hand; the refuted one is also the variant's
// standard scope, drawn and pinned in tests/notes/counterexamples.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { checkEngine, chosenValues } from '../../src/paxos/check/model-check.ts';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import { resolveScope } from '../../src/paxos/check/scopes.ts';

const CLI = fileURLToPath(new URL('../../src/cli/paxos.ts', import.meta.url));
const paxos = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

test('q1 = 3, q2 = 1 with 3 acceptors and 2 proposers (round 1): safe over the whole scope', () => {
  const r = checkEngine({ protocol: 'basic', acceptors: 3, phase1Quorum: 3, phase2Quorum: 1 });
  assert.equal(r.result, 'safe');
  assert.equal(r.scope.phase1Quorum, 3);
  assert.equal(r.scope.phase2Quorum, 1);
  assert.equal(r.scope.mutant, undefined);
});

test('q1 = 2, q2 = 1 with 3 acceptors: the sizes are the non-intersecting-quorums variant, refuted by two values chosen', () => {
  const r = checkEngine({ protocol: 'basic', acceptors: 3, phase1Quorum: 2, phase2Quorum: 1 });
  assert.equal(r.result, 'violation');
  if (r.result !== 'violation') return;
  assert.equal(r.scope.mutant, 'non-intersecting-quorums', 'the result names the variant the sizes make');
  assert.deepEqual(r.trace.quorums, { classic: 1, phase1: 2 });
  assert.deepEqual([...(chosenValues(r.trace).get(0) ?? [])].sort(), ['v1', 'v2']);
  assert.deepEqual(r.broken, ['agreement'], 'every step keeps the other rules: only the sizes are wrong');
  assert.equal(checkTrace(r.trace)?.property, 'agreement');
  // The same search with q2 = 2 (2 + 2 > 3) finds nothing: the sizes alone make the difference.
  assert.equal(checkEngine({ protocol: 'basic', acceptors: 3, phase1Quorum: 2, phase2Quorum: 2 }).result, 'safe');
});

test('the variant\'s standard scope is 4 acceptors with q1 = q2 = 2, echoed in the scope', () => {
  const s = resolveScope({ protocol: 'basic', mutant: 'non-intersecting-quorums' });
  assert.equal(s.acceptors, 4);
  assert.equal(s.phase1Quorum, 2);
  assert.equal(s.phase2Quorum, 2);
  assert.equal(resolveScope({ protocol: 'basic' }).phase1Quorum, undefined, 'a scope that names no sizes echoes as before');
});

test('paxos check --q1/--q2: exit 0 safe, 1 with a counterexample, 2 for sizes that cannot be', () => {
  const safe = paxos('check', '--acceptors', '3', '--q1', '3', '--q2', '1', '--quiet', '--format', 'text');
  assert.equal(safe.status, 0, safe.stderr);
  assert.match(safe.stdout, /^basic: 3 acceptors \(q1 3, q2 1\).*\nsafe: every reachable state checked/);
  const broken = paxos('check', '--acceptors', '3', '--q1', '2', '--q2', '1', '--quiet');
  assert.equal(broken.status, 1, broken.stderr);
  const doc = JSON.parse(broken.stdout) as { result: string; scope: { mutant: string }; trace: { quorums: unknown } };
  assert.equal(doc.scope.mutant, 'non-intersecting-quorums');
  assert.deepEqual(doc.trace.quorums, { classic: 1, phase1: 2 });
  for (const [args, message] of [
    [['--acceptors', '3', '--q2', '4'], /^paxos check: --q2: must be an integer between 1 and the 3 acceptors, got 4\n$/],
    [['--protocol', 'fast', '--q1', '2'], /^paxos check: --q1: only Basic Paxos takes phase-1 and phase-2 quorum sizes/],
    [['--model', 'spec', '--q1', '2'], /^paxos check: --q1: not a flag of --model spec\n$/],
    [['--mutant', 'non-intersecting-quorums', '--q1', '3'], /^paxos check: --q2: q1 \+ q2 = 3 \+ 2 > 4/],
  ] as const) {
    const r = paxos('check', ...args, '--quiet');
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}`);
    assert.match(r.stderr, message);
  }
  const help = paxos('check', '--help');
  assert.match(help.stdout, /--q1 N\s+Basic: phase-1 quorum/);
  assert.match(help.stdout, /--q2 N\s+Basic: phase-2 quorum/);
});

test('paxos simulate --q1/--q2 runs Basic with those sizes; --check passes them, and refuses them for Fast', () => {
  const run = paxos('simulate', '--acceptors', '4', '--q1', '3', '--q2', '2', '--runs', '20', '--drop', '0.1', '--check');
  assert.equal(run.status, 0, run.stderr);
  const docs = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { quorums: unknown });
  assert.equal(docs.length, 20);
  for (const d of docs) assert.deepEqual(d.quorums, { classic: 2, phase1: 3 });
  const bad = paxos('simulate', '--acceptors', '4', '--q1', '2', '--q2', '2');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /phase2Quorum: q1 \+ q2 = 2 \+ 2 ≤ 4 acceptors/);
  const fast = paxos('simulate', '--protocol', 'fast', '--q2', '2');
  assert.equal(fast.status, 2);
  assert.match(fast.stderr, /--q2: only Basic Paxos/);
});
