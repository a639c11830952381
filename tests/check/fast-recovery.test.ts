// The checker's verdicts on Fast Paxos's collision recoveries (FastConfig.recovery). Test scope, stated in
// the chapter too: 3 acceptors (q_c = 2, q_f = 3), 2 clients, the fast round 0 and round 1, two timer
// firings of the coordinator — a few seconds each. The standard Fast scope (4 acceptors, ~100 s per
// setting) runs in bench/checker.ts and by hand. The variant that breaks uncoordinated recovery's quorum
// condition (3 acceptors, q_c = 3, q_f = 2: 3·q_f ≤ 2n) is refuted in its standard scope.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { checkEngine, chosenValues } from '../../src/paxos/check/model-check.ts';
import { checkTrace } from '../../src/paxos/check/properties.ts';

const CLI = fileURLToPath(new URL('../../src/cli/paxos.ts', import.meta.url));
const paxos = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

for (const recovery of ['coordinated', 'uncoordinated'] as const) {
  test(`${recovery} recovery: safe over 3 acceptors, 2 clients, rounds 0–1 — and the search differs from classic recovery's`, () => {
    const r = checkEngine({ protocol: 'fast', acceptors: 3, recovery });
    assert.equal(r.result, 'safe');
    assert.equal(r.scope.recovery, recovery);
    // The setting changes the reachable states: the recovery code is on the searched paths.
    const classic = checkEngine({ protocol: 'fast', acceptors: 3, maxRound: 1, timeouts: 0 });
    const mine = checkEngine({ protocol: 'fast', acceptors: 3, maxRound: 1, timeouts: 0, recovery });
    assert.notEqual(mine.states, classic.states);
  });
}

test('uncoordinated-small-fast-quorum: the shortest counterexample chooses one value in fast round 0 and the other in the acceptors\' round 1', () => {
  const r = checkEngine({ protocol: 'fast', mutant: 'uncoordinated-small-fast-quorum' });
  assert.equal(r.result, 'violation');
  if (r.result !== 'violation') return;
  assert.equal(r.scope.acceptors, 3);
  assert.equal(r.scope.recovery, 'uncoordinated');
  assert.deepEqual(r.trace.quorums, { classic: 3, fast: 2 });
  assert.deepEqual([...(chosenValues(r.trace).get(0) ?? [])].sort(), ['v1', 'v2']);
  assert.equal(checkTrace(r.trace)?.property, 'agreement');
  const rounds = new Set(r.trace.events.flatMap((e) => (e.type === 'send' && e.msg.kind === 'accepted' ? [e.msg.ballot.round] : [])));
  assert.deepEqual([...rounds].sort(), [0, 1], 'a vote in round 0 and one in the acceptors\' recovery round');
});

test('paxos check --recovery: listed in --help, echoed in the text, refused for Basic', () => {
  const help = paxos('check', '--help');
  assert.match(help.stdout, /--recovery classic\|coordinated\|uncoordinated\s+Fast: how a collision is recovered from/);
  const r = paxos('check', '--mutant', 'uncoordinated-small-fast-quorum', '--quiet', '--format', 'text');
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^fast --mutant uncoordinated-small-fast-quorum: 3 acceptors, uncoordinated recovery/);
  const bad = paxos('check', '--protocol', 'basic', '--recovery', 'coordinated', '--quiet');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^paxos check: --recovery: only Fast Paxos has collision recovery/);
});
