// <PaxosDiagram>'s figure and the ```paxos fence, through the same functions the component and the rehype
// plugin call: real runs, real checkTrace, real Mermaid in Chromium.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { closeBrowser } from '../../src/diagrams/index.ts';
import { SafetyViolationError, renderPaxosFigure } from '../../src/components/paxos/figure.ts';
import { parsePaxosFence, rehypePaxosFence, PaxosFenceError } from '../../src/markdown/rehype-paxos-fence.ts';
import { decodeRunLink } from '../../src/playground-link/index.ts';
import { runScenario } from '../../src/paxos/sim/run.ts';
import { preempted, reusedBallot } from '../../src/scenarios/basic.ts';
import { quorumChoices, renderCounterexampleFigure } from '../../src/components/paxos/counterexample.ts';
import { PlaygroundRun } from '../../src/components/playground/run.ts';
import { smallFastQuorum } from '../../src/scenarios/fast.ts';
import type { Scenario, Step } from '../../src/paxos/sim/scenario.ts';

after(() => closeBrowser());

test('a scenario becomes light and dark SVG with caption, source, outcome and a playground link that decodes to it', async () => {
  const html = await renderPaxosFigure(preempted, { caption: 'P2 抢占了 P1', base: '/notes-site/' });
  assert.match(html, /<div class="diagram-svg diagram-light"><svg/);
  assert.match(html, /<div class="diagram-svg diagram-dark"><svg/);
  assert.match(html, /<figcaption>P2 抢占了 P1<\/figcaption>/);
  assert.match(html, /<code class="language-mermaid">sequenceDiagram/);
  const chosen = runScenario(preempted).events.find((e) => e.type === 'chosen');
  assert.ok(chosen && chosen.type === 'chosen');
  assert.match(html, new RegExp(`结果：</strong>选定 ${chosen.value}`));
  assert.doesNotMatch(html, /<script/);
  const href = /href="(\/notes-site\/playground\/#[^"]+)"/.exec(html)?.[1];
  assert.ok(href, 'playground link');
  const link = decodeRunLink(href.slice(href.indexOf('#')).replace(/&amp;/g, '&'));
  assert.ok(link.ok);
  // It opens on this very run: the script played to its end, replayable from the start.
  const replay = new PlaygroundRun(link.run.scenario);
  for (const c of link.run.commands) replay.replay(c);
  assert.equal(link.run.position, link.run.commands.length);
  assert.deepEqual(replay.trace(), runScenario(preempted));
});

test('a run that breaks safety fails unless the scenario declares itself a mutant', async () => {
  // The rule is broken through the protocol options, so the scenario does not say `mutant` at the top.
  const undeclared: Scenario = { protocol: 'basic', seed: 1, options: { mutant: 'no-second-promise' }, steps: noSecondPromiseScript() };
  await assert.rejects(renderPaxosFigure(undeclared, { caption: 'undeclared' }), (err: unknown) => {
    assert.ok(err instanceof SafetyViolationError);
    assert.match(err.message, /"undeclared" breaks safety: 违反安全性质/);
    assert.match(err.message, /set its "mutant" field/);
    return true;
  });
  const declared = await renderPaxosFigure(smallFastQuorum);
  assert.match(declared, /class="paxos-violation"/);
  assert.match(declared, /变体 small-fast-quorum/);
  assert.match(declared, /槽 0 先后选定了 <mark>[^<]+<\/mark> 和 <mark>[^<]+<\/mark>/);
});

test('fence blocks: display keys, `use:` with overrides, and errors that name the line and the field', () => {
  const ok = parsePaxosFence('use: basic/preempted\nnack: false\ncaption: 无 nack\nhideKinds: [nack]\n');
  assert.equal(ok.scenario.nack, false);
  assert.deepEqual(ok.scenario.steps, preempted.steps);
  assert.equal(ok.options.caption, '无 nack');
  assert.deepEqual(ok.options.hideKinds, ['nack']);
  const bad = (text: string): PaxosFenceError => {
    try {
      parsePaxosFence(text);
    } catch (err) {
      assert.ok(err instanceof PaxosFenceError);
      return err;
    }
    assert.fail('no error');
  };
  assert.equal(bad('protocol: basic\ncaption: [1]\n').blockLine, 2);
  assert.equal(bad('use: basic/nope\n').field, 'use');
  assert.equal(bad('acceptors: 3\n').field, 'protocol');
  const yaml = bad('protocol: basic\nsteps:\n  - { type: propose\n');
  assert.equal(yaml.field, 'yaml');
});

test('the rehype plugin fails the build with note:line: field for a bad step, and replaces a good block', async () => {
  const pre = (text: string, line: number) => ({
    type: 'element' as const,
    tagName: 'pre',
    properties: {},
    position: { start: { line, column: 1 }, end: { line: line + 5, column: 1 } },
    children: [{ type: 'element' as const, tagName: 'code', properties: { className: ['language-paxos'] }, children: [{ type: 'text' as const, value: text }] }],
  });
  const badTree: Root = {
    type: 'root',
    children: [pre('protocol: basic\nsteps:\n  - type: propose\n    node: P1\n    value: v\n  - type: crash\n    node: A9\n', 20)],
  };
  await assert.rejects(rehypePaxosFence()(badTree, { path: `${process.cwd()}/content/notes/x.md` }), (err: Error) => {
    // The fence opens on line 20; `node: A9` is the block's 7th line.
    assert.match(err.message, /^content\/notes\/x\.md:27: ```paxos block: steps\[1\]\.node: unknown node "A9"/);
    return true;
  });
  const runtime: Root = {
    type: 'root',
    children: [pre('protocol: basic\nsteps:\n  - type: deliver\n    match: { kind: accept }\n', 3)],
  };
  await assert.rejects(rehypePaxosFence()(runtime, { path: `${process.cwd()}/content/notes/y.md` }), /y\.md:7: ```paxos block: steps\[0\]\.match: no message in flight/);
  const good: Root = { type: 'root', children: [pre('protocol: basic\nproposers: 1\ncaption: 顺利\n', 1)] };
  await rehypePaxosFence()(good, { path: `${process.cwd()}/content/notes/z.md` });
  const html = toHtml(good, { allowDangerousHtml: true });
  assert.match(html, /data-diagram="paxos"/);
  assert.match(html, /<figcaption>顺利<\/figcaption>/);
  assert.doesNotMatch(html, /language-paxos/);
});

test('a counterexample figure calls out the two chosen values and refuses a trace without two', async () => {
  // Until the checker's cache lands, any trace in which a mutant chooses two values stands in for its result.
  const trace = runScenario(reusedBallot);
  const html = await renderCounterexampleFigure('reused-ballot', { trace, states: 1234, depth: 17, broken: ['proposer-value', 'agreement'] });
  assert.match(html, /依次违反了：性质 5（proposer-value）、性质 6（agreement）/);
  assert.match(html, /同一个实例里选定了两个不同的值：<mark>value1<\/mark> 和 <mark>value2<\/mark>/);
  assert.match(html, /检查器搜索了 1234 个状态，反例深度 17/);
  assert.match(html, /<figcaption>变体 reused-ballot（[^<]+）：模型检查器找到的最短反例<\/figcaption>/);
  assert.doesNotMatch(html, /在演练场中打开/);
  await assert.rejects(renderCounterexampleFigure('reused-ballot', { trace: runScenario(preempted) }), /no two different values/);
  // A checker trace stops when the second quorum accepts: no learner has announced anything yet. The values
  // then come from the acceptances, and notes in the diagram say which quorum accepted what.
  const unannounced = { ...trace, events: trace.events.filter((e) => e.type !== 'chosen') };
  const quorums = quorumChoices(unannounced);
  assert.deepEqual(quorums.map((q) => q.value), ['value1', 'value2']);
  const silent = await renderCounterexampleFigure('reused-ballot', { trace: unannounced });
  assert.match(silent, /<mark>value1<\/mark> 和 <mark>value2<\/mark>/);
  assert.match(silent, /多数派先后接受了 value1（编号 1\.P1，[^）]+）、value2（编号 1\.P1，[^）]+）/);
  assert.match(silent, /Note over A1,A3: [^\n]*接受了 value2/);
  await assert.rejects(renderCounterexampleFigure('no-such-rule', { trace }), /unknown mutant "no-such-rule"/);
});

/** P1's accept (ballot 1) reaches A1 and A2 after P2's prepare (ballot 2) was promised: a correct acceptor refuses it. */
function noSecondPromiseScript(): Step[] {
  return [
    { type: 'propose', node: 'P1', value: 'a' },
    { type: 'deliver', match: { kind: 'prepare', from: 'P1' }, count: 'all' },
    { type: 'deliver', match: { kind: 'promise', to: 'P1' }, count: 'all' },
    { type: 'propose', node: 'P2', value: 'b' },
    { type: 'deliver', match: { kind: 'prepare', from: 'P2' }, count: 'all' },
    { type: 'deliver', match: { kind: 'accept', from: 'P1' }, count: 'all' },
    { type: 'run', until: 'quiet' },
  ];
}
