// The two variants the notes review added (issue 13): answer-lower-prepare, which answers a prepare below
// its promise but never lowers `promised` — safe, as Paxos Made Simple §2.2 says — and
// fast-recovery-any-reported, the recovery rule as paxos-04 once stated it ("otherwise pick any reported
// value"), which breaks agreement once a fast round lies above an earlier vote.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { checkEngine, checkWitness, chosenValues } from '../../src/paxos/check/model-check.ts';
import { fastRecoveryAnyReportedWitness } from '../../src/paxos/check/witnesses.ts';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import { MUTANTS } from '../../src/paxos/core/mutants.ts';
import { basicPaxos } from '../../src/paxos/basic/index.ts';
import { onPrepare, initAcceptor } from '../../src/paxos/basic/acceptor.ts';
import { pickRecoveryValue } from '../../src/paxos/fast/recovery.ts';
import { fastConfig } from '../../src/paxos/fast/config.ts';
import { ConfigError } from '../../src/paxos/core/protocol.ts';
import { formatBallot } from '../../src/paxos/core/ballot.ts';

const CLI = fileURLToPath(new URL('../../src/cli/paxos.ts', import.meta.url));

test('paxos mutants lists both variants with what the checker finds for each', () => {
  const r = spawnSync(process.execPath, [CLI, 'mutants', '--format', 'json'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const listed = JSON.parse(r.stdout) as { name: string; protocol: string; safety: string }[];
  assert.deepEqual(listed.find((m) => m.name === 'answer-lower-prepare'), { ...MUTANTS.find((m) => m.name === 'answer-lower-prepare') });
  assert.equal(listed.find((m) => m.name === 'answer-lower-prepare')?.safety, 'kept');
  assert.equal(listed.find((m) => m.name === 'fast-recovery-any-reported')?.safety, 'broken');
  assert.equal(listed.find((m) => m.name === 'fast-recovery-any-reported')?.protocol, 'fast');
  const text = spawnSync(process.execPath, [CLI, 'mutants'], { encoding: 'utf8' });
  assert.match(text.stdout, /^answer-lower-prepare\s+basic\s+/m);
  assert.match(text.stdout, /^fast-recovery-any-reported\s+fast\s+/m);
});

test('answer-lower-prepare: the acceptor answers prepare(1.P1) after promising 1.P2, with its vote, and still promises 1.P2', () => {
  const config = basicPaxos.config({ protocol: 'basic', acceptors: 3, proposers: 2, nack: false, mutant: 'answer-lower-prepare' });
  const correct = basicPaxos.config({ protocol: 'basic', acceptors: 3, proposers: 2, nack: false });
  const high = { round: 1, node: 'P2' };
  const low = { round: 1, node: 'P1' };
  for (const c of [config, correct]) {
    const promised = onPrepare(initAcceptor('A1'), 'P2', { kind: 'prepare', ballot: high, slot: 0 }, c).state;
    const withVote = { ...promised, accepted: { slot: 0, ballot: high, value: 'v2' } };
    const r = onPrepare(withVote, 'P1', { kind: 'prepare', ballot: low, slot: 0 }, c);
    assert.equal(formatBallot(r.state.promised), '1.P2', 'promised never goes down');
    if (c === correct) {
      assert.deepEqual(r.send, [], 'the correct acceptor ignores the lower prepare');
    } else {
      assert.deepEqual(r.send, [{ kind: 'promise', to: 'P1', ballot: low, slot: 0, accepted: [{ slot: 0, ballot: high, value: 'v2' }] }]);
    }
  }
});

test('answer-lower-prepare is safe in the Basic standard scope (3 acceptors, 2 proposers, round 1); no-first-promise is not', () => {
  const r = checkEngine({ protocol: 'basic', mutant: 'answer-lower-prepare' });
  assert.equal(r.result, 'safe', JSON.stringify({ ...r, trace: undefined }));
  assert.equal(r.scope.acceptors, 3);
  assert.equal(r.scope.proposers, 2);
  // More states than the correct protocol's: the extra answers are real moves, not a scope that never
  // reaches a lower prepare.
  const plain = checkEngine({ protocol: 'basic' });
  assert.ok(r.states > plain.states, `${r.states} > ${plain.states}`);
  // The mutant that also lowers `promised` breaks agreement, and its counterexample breaks the second
  // promise too: what fails there is a promise that went down, not the answer.
  const bad = checkEngine({ protocol: 'basic', mutant: 'no-first-promise' });
  assert.equal(bad.result, 'violation');
  if (bad.result === 'violation') assert.deepEqual(bad.broken, ['first-promise', 'second-promise', 'agreement']);
});

test('fast-recovery-any-reported: Figure 2 forces the single value at k; the mutant widens the choice to every reported value', () => {
  const f = (round: number) => ({ round, node: 'L1', fast: true as const });
  const reports = [{ acceptor: 'A1', ballot: f(0), value: 'v2' }, { acceptor: 'A2', ballot: f(1), value: 'v1' }, { acceptor: 'A3', ballot: f(0), value: 'v1' }];
  assert.deepEqual(pickRecoveryValue(reports, 4, 3), { kind: 'any-of', values: ['v1'] });
  assert.deepEqual(pickRecoveryValue(reports, 4, 3, 'fast-recovery-any-reported'), { kind: 'any-of', values: ['v2', 'v1'] });
  // Where every report is at k, the two rules agree: with classic retries the mutant changes nothing.
  const atK = [{ acceptor: 'A1', ballot: f(0), value: 'v2' }, { acceptor: 'A2', ballot: f(0), value: 'v1' }, { acceptor: 'A3' }];
  assert.deepEqual(pickRecoveryValue(atK, 4, 3, 'fast-recovery-any-reported'), pickRecoveryValue(atK, 4, 3));
});

test('fast-recovery-any-reported: the scripted run chooses v1 in fast round 0 and v2 in fast round 2; the trace checker rejects it; the correct rule refuses', () => {
  const w = fastRecoveryAnyReportedWitness(true);
  assert.deepEqual(w.conflict, { slot: 0, values: ['v1', 'v2'] });
  assert.deepEqual(chosenValues(w.trace).get(0), ['v1', 'v2']);
  const first = checkTrace(w.trace);
  assert.equal(first?.property, 'proposer-value');
  assert.match(first?.message ?? '', /accept\(2\.L1, "v2"\).*A1: 0\.L1="v2", A2: 1\.L1="v1", A3: 0\.L1="v1"/);
  const r = checkWitness('fast-recovery-any-reported');
  assert.equal(r?.result, 'violation');
  if (r?.result === 'violation') {
    assert.equal(r.scripted, true);
    assert.deepEqual(r.broken, ['proposer-value', 'agreement']);
    assert.equal(r.steps, 27);
  }
  // The same script with Lamport's rule: L1 sends accept(2, v1) and only v1 is ever chosen.
  const ok = fastRecoveryAnyReportedWitness(false);
  assert.equal(ok.conflict, undefined);
  assert.equal(checkTrace(ok.trace), null);
  const round2 = ok.trace.events.flatMap((e) => (e.type === 'send' && e.msg.kind === 'accept' && e.msg.ballot.round === 2 ? [e.msg.value] : []));
  assert.ok(round2.length > 0 && round2.every((v) => v === 'v1'), JSON.stringify(round2));
});

test('fast-recovery-any-reported: the search in its scope is bounded and never claims more than it saw', () => {
  const r = checkEngine({ protocol: 'fast', mutant: 'fast-recovery-any-reported' }, { maxStates: 50_000 });
  assert.equal(r.result, 'incomplete');
  assert.equal(r.scope.retries, 'fast');
  assert.equal(r.scope.maxRound, 2);
});

test('FastConfig.retries: classic by default, fast on request, anything else refused naming the field', () => {
  assert.equal(fastConfig({ protocol: 'fast' }).retries, undefined);
  assert.equal(fastConfig({ protocol: 'fast', retries: 'fast' }).retries, 'fast');
  assert.throws(() => fastConfig({ protocol: 'fast', retries: 'sometimes' as never }), (e: unknown) => e instanceof ConfigError && e.field === 'retries');
});
