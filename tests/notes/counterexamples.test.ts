// The prose around each <PaxosCounterexample> in the notes retells one particular run: which ballots, which
// acceptors formed each quorum, which message said what. This file pins those facts against the checker's
// result for the same mutant and scope the build draws (src/figures/counterexample-cache.ts: the same on-disk cache, so
// after a build nothing is searched; on a miss the search runs, a few minutes on a busy machine). When the
// engine or the checker changes and a counterexample with it, a test here fails and names the note whose
// sentences must be rewritten.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../support/project.ts';
import { getCounterexample } from '../../src/figures/counterexample-cache.ts';
import { quorumChoices } from '../../src/figures/counterexample.ts';
import { formatBallot } from '../../src/paxos/core/ballot.ts';
import { formatValue } from '../../src/paxos/render/labels.ts';
import type { MutantName } from '../../src/paxos/core/mutants.ts';
import type { TraceDocument } from '../../src/paxos/core/trace.ts';
import type { Message } from '../../src/paxos/core/message.ts';

/** "v1@1.P1 by A2,A3" for every (slot, ballot, value) a quorum accepted, in the order it happened. */
function quorums(trace: TraceDocument): string[] {
  return quorumChoices(trace).map((q) => `${trace.protocol === 'multi' ? `s${q.slot} ` : ''}${formatValue(q.value)}@${formatBallot(q.ballot)} by ${[...q.acceptors].sort().join(',')}`);
}

/** Delivered messages of one kind, as "from→to ballot [reported]" in delivery order. */
function delivered(trace: TraceDocument, kind: Message['kind']): string[] {
  return trace.events.flatMap((e) => {
    if (e.type !== 'deliver' || e.msg.kind !== kind) return [];
    const m = e.msg as Message & { ballot?: Parameters<typeof formatBallot>[0]; accepted?: { ballot: Parameters<typeof formatBallot>[0]; value: string | null }[] };
    const reported = m.accepted && m.accepted.length > 0 ? ` [${m.accepted.map((a) => `${formatBallot(a.ballot)}=${formatValue(a.value)}`).join(' ')}]` : '';
    return [`${m.from}→${m.to}${m.ballot ? ` ${formatBallot(m.ballot)}` : ''}${reported}`];
  });
}

/** Where each mutant's counterexample is told; the message names the file to rewrite. */
const NOTE: Record<MutantName, string> = {
  'minority-quorum': 'paxos-01-basic.mdx',
  'non-intersecting-quorums': 'paxos-01-basic.mdx',
  'no-first-promise': 'paxos-01-basic.mdx',
  'no-second-promise': 'paxos-01-basic.mdx',
  'no-reply': 'paxos-01-basic.mdx',
  'ignore-reply': 'paxos-01-basic.mdx',
  'reused-ballot': 'paxos-02-open-questions.mdx',
  'small-fast-quorum': 'paxos-04-fast.mdx',
  'fast-recovery-any-reported': 'paxos-04-fast.mdx',
  'uncoordinated-small-fast-quorum': 'paxos-04-fast.mdx',
  // Safe: no counterexample; its verdict is pinned in tests/notes/mutant-verdicts.test.ts.
  'answer-lower-prepare': 'paxos-01-basic.mdx',
  'forget-promise-on-learn': 'paxos-05-zpaxos.mdx',
  'reconfigure-immediately': 'paxos-03-multi.mdx',
};

async function violation(mutant: MutantName): Promise<{ trace: TraceDocument; values: readonly (string | null)[]; scripted: boolean; hunted: boolean; why: string }> {
  const r = await getCounterexample(mutant);
  assert.equal(r.result, 'violation', `${mutant}: the checker now reports ${r.result}; content/notes/${NOTE[mutant]} draws a counterexample and must explain a safe result instead`);
  const body = readFileSync(join(PROJECT_ROOT, 'content', 'notes', NOTE[mutant]), 'utf8');
  assert.match(body, new RegExp(`<PaxosCounterexample mutant="${mutant}"`), `${NOTE[mutant]} shows ${mutant}`);
  return { trace: r.trace, values: r.values, scripted: r.scripted === true, hunted: r.hunted !== undefined, why: `the run changed: rewrite the sentences around <PaxosCounterexample mutant="${mutant}"> in content/notes/${NOTE[mutant]}` };
}

test('minority-quorum: P1 and P2 each reach phase 2 on A1 alone; v1 chosen by A2+A3, v2 by A1+A2', async () => {
  const { trace, why } = await violation('minority-quorum');
  assert.deepEqual(delivered(trace, 'promise'), ['A1→P1 1.P1', 'A1→P2 1.P2'], why);
  assert.deepEqual(quorums(trace), ['v1@1.P1 by A2,A3', 'v2@1.P2 by A1,A2'], why);
});

test('non-intersecting-quorums (4 acceptors, q1 = q2 = 2): both proposers prepare on A1+A2; v1 chosen by A3+A4, v2 by A1+A2', async () => {
  const { trace, why } = await violation('non-intersecting-quorums');
  assert.deepEqual(trace.quorums, { classic: 2 }, why);
  assert.deepEqual(delivered(trace, 'promise').sort(), ['A1→P1 1.P1', 'A1→P2 1.P2', 'A2→P1 1.P1', 'A2→P2 1.P2'], why);
  assert.deepEqual(quorums(trace), ['v1@1.P1 by A3,A4', 'v2@1.P2 by A1,A2'], why);
});

test('uncoordinated-small-fast-quorum: v1 chosen by A1+A3 in round 0; A2 and A3 each recover from {A2: v2, A3: v1} and choose v2 in round 1', async () => {
  const { trace, why } = await violation('uncoordinated-small-fast-quorum');
  assert.deepEqual(trace.quorums, { classic: 3, fast: 2 }, why);
  assert.deepEqual(quorums(trace), ['v1@0.L1 by A1,A3', 'v2@1.L1 by A2,A3'], why);
});

test('no-first-promise: A2 promises 1.P2, then answers prepare(1.P1); v1 chosen by A2+A3, v2 by A1+A2', async () => {
  const { trace, why } = await violation('no-first-promise');
  const sent = trace.events.flatMap((e) => (e.type === 'send' && e.msg.kind === 'promise' && e.msg.from === 'A2' ? [formatBallot(e.msg.ballot)] : []));
  assert.deepEqual(sent, ['1.P2', '1.P1'], why);
  assert.deepEqual(delivered(trace, 'promise').sort(), ['A1→P1 1.P1', 'A1→P2 1.P2', 'A2→P1 1.P1', 'A2→P2 1.P2'], why);
  assert.deepEqual(quorums(trace), ['v1@1.P1 by A2,A3', 'v2@1.P2 by A1,A2'], why);
});

test('no-second-promise: A1 and A2 promise 1.P1 then 1.P2, accept both; A3 takes no part', async () => {
  const { trace, why } = await violation('no-second-promise');
  assert.ok(trace.events.every((e) => !('msg' in e) || (e.msg.from !== 'A3' && !(e.type === 'deliver' && e.msg.to === 'A3'))), `A3 takes no part; ${why}`);
  assert.deepEqual(quorums(trace), ['v1@1.P1 by A1,A2', 'v2@1.P2 by A1,A2'], why);
});

test('no-reply and ignore-reply: the same run but for what A2 tells P2 about v1', async () => {
  for (const [mutant, reply] of [['no-reply', 'A2→P2 1.P2'], ['ignore-reply', 'A2→P2 1.P2 [1.P1=v1]']] as const) {
    const { trace, why } = await violation(mutant);
    assert.deepEqual(delivered(trace, 'promise').filter((p) => p.endsWith('→P2 1.P2') || p.includes('→P2 1.P2 ')), ['A1→P2 1.P2', reply], why);
    assert.deepEqual(quorums(trace), ['v1@1.P1 by A2,A3', 'v2@1.P2 by A1,A2'], why);
  }
});

test('reused-ballot: P1 restarts and reuses 1.P1; a duplicated promise of A2 and A3\'s old one; v1 then v2 by A1+A2 in 1.P1', async () => {
  const { trace, why } = await violation('reused-ballot');
  const crash = trace.events.findIndex((e) => e.type === 'crash' && e.node === 'P1');
  assert.ok(crash > 0, `P1 crashes; ${why}`);
  // After the restart only old promises arrive: each was sent to P1's previous incarnation.
  const sentAt = (id: number): number => trace.events.findIndex((x) => x.type === 'send' && x.msg.id === id);
  const after = trace.events.slice(crash).flatMap((e) => (e.type === 'deliver' && e.msg.kind === 'promise' ? [`${e.msg.from} ${formatBallot(e.msg.ballot)}, sent before the crash: ${sentAt(e.msg.id) < crash}`] : []));
  assert.deepEqual(after, ['A2 1.P1, sent before the crash: true', 'A3 1.P1, sent before the crash: true'], why);
  const a2 = trace.events.filter((e) => e.type === 'deliver' && e.msg.kind === 'promise' && e.msg.from === 'A2');
  assert.equal(new Set(a2.map((e) => 'msg' in e && e.msg.id)).size, 1, `A2's two promises are one message delivered twice; ${why}`);
  assert.deepEqual(quorums(trace), ['v1@1.P1 by A1,A2', 'v2@1.P1 by A1,A2'], why);
});

test('small-fast-quorum: in the fast round 0.L1, v1 by A1+A2 and v2 by A3+A4 — no recovery round', async () => {
  const { trace, why } = await violation('small-fast-quorum');
  assert.deepEqual([trace.quorums.classic, trace.quorums.fast, trace.nodes.filter((n) => n.roles.includes('acceptor')).length], [3, 2, 4], why);
  assert.equal(delivered(trace, 'prepare').length, 0, `no classic round; ${why}`);
  assert.deepEqual(quorums(trace), ['v1@0.L1 by A1,A2', 'v2@0.L1 by A3,A4'], why);
});

test('fast-recovery-any-reported: a hunted run (found by search, not scripted); v1 by A2+A3+A4 in 0.L1, v2 by A1+A2+A3 in 2.L1 after round 2 hears A4, A2, A1', async () => {
  const { trace, scripted, hunted, why } = await violation('fast-recovery-any-reported');
  assert.ok(!scripted && hunted, `the note says the drawn run was found by the hunt, not scripted; ${why}`);
  assert.deepEqual([trace.quorums.classic, trace.quorums.fast], [3, 3], why);
  assert.deepEqual(quorums(trace), ['v1@0.L1 by A2,A3,A4', 'v2@2.L1 by A1,A2,A3'], why);
  assert.deepEqual(delivered(trace, 'promise').filter((p) => p.includes(' 2.L1')), ['A4→L1 2.L1 [0.L1=v1]', 'A2→L1 2.L1 [1.L1=v1]', 'A1→L1 2.L1 [0.L1=v2]'], why);
  // L1 gives up twice: a round timer and a retry timer each time.
  assert.equal(trace.events.filter((e) => e.type === 'timeout' && e.node === 'L1').length, 4, why);
});

test('forget-promise-on-learn: the shortest run of the bounded search (23 moves); slot 1 set x 2 by S1+S3 in 1.S1, slot 0 a no-op by S1+S2 in 1.S2 and set x 1 by S1+S3 in 1.S1', async () => {
  const { trace, scripted, hunted, why } = await violation('forget-promise-on-learn');
  assert.ok(!scripted && !hunted, `the note says the drawn run is the search's, not scripted or hunted; ${why}`);
  assert.deepEqual(quorums(trace), ['s1 set x 2@1.S1 by S1,S3', 's0 no-op@1.S2 by S1,S2', 's0 set x 1@1.S1 by S1,S3'], why);
  // S3 promised 1.S2, then learned slot 1, crashed and recovered, and only then accepted 1.S1 in slot 0.
  const order = trace.events.flatMap((e) =>
    e.type === 'send' && e.msg.kind === 'promise' && e.msg.from === 'S3' && e.msg.to === 'S2' ? ['promise 1.S2'] : e.type === 'crash' && e.node === 'S3' ? ['crash'] : e.type === 'recover' && e.node === 'S3' ? ['recover'] : e.type === 'chosen' && e.node === 'S3' ? ['learn'] : e.type === 'send' && e.msg.kind === 'accepted' && e.msg.from === 'S3' && e.msg.slot === 0 ? ['accept slot 0'] : [],
  );
  assert.deepEqual(order, ['promise 1.S2', 'learn', 'crash', 'recover', 'accept slot 0'], why);
});

test('reconfigure-immediately: chapter 3 draws the search-found shortest run (pinned by tests/multi/reconfigure-shortest.test.ts), no longer the scripted one (kept as a test in tests/check/reconfig.test.ts)', () => {
  const body = readFileSync(join(PROJECT_ROOT, 'content', 'notes', NOTE['reconfigure-immediately']), 'utf8');
  assert.match(body, /<PaxosDiagram scenario=\{reconfigureImmediatelyShortest\}/);
  assert.doesNotMatch(body, /<PaxosCounterexample mutant="reconfigure-immediately"/);
});
