// <PaxosDiagram>'s figure and the ```paxos fence, through the same functions the component and the rehype
// plugin call: real runs, real checkTrace, real Mermaid in Chromium.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { closeBrowser } from '../../src/diagrams/index.ts';
import { SafetyViolationError, renderPaxosFigure } from '../../src/figures/figure.ts';
import { parsePaxosFence, rehypePaxosFence, PaxosFenceError } from '../../src/markdown/rehype-paxos-fence.ts';
import { decodeRunLink } from '../../src/figures/playground-link/index.ts';
import { runScenario } from '../../src/paxos/sim/run.ts';
import { preempted, reusedBallot } from '../../src/scenarios/basic.ts';
import { quorumChoices, renderCounterexampleFigure } from '../../src/figures/counterexample.ts';
import { PlaygroundRun } from '../../src/components/playground/run.ts';
import { smallFastQuorum } from '../../src/scenarios/fast.ts';
import { duelling } from '../../src/scenarios/basic.ts';
import { checkTrace, PROPERTIES } from '../../src/paxos/check/properties.ts';
import { checkHunted, checkWitness } from '../../src/paxos/check/model-check.ts';
import { escapeHtml } from '../../src/diagrams/figure.ts';
import { describeOutcome, presentViolation } from '../../src/figures/outcome.ts';
import { ZH } from '../../src/i18n/figures.ts';
import { counterexampleLogLine } from '../../src/figures/counterexample.ts';
import type { Scenario, Step } from '../../src/paxos/sim/scenario.ts';
import { getProtocol } from '../../src/paxos/registry.ts';
import { resolveScenario } from '../../src/paxos/sim/validate.ts';

after(() => closeBrowser());

test('a scenario becomes one SVG themed for light and dark, with caption, source, outcome and a playground link that decodes to it', async () => {
  const html = await renderPaxosFigure(preempted, { caption: 'P2 抢占了 P1', base: '/notes-site/' });
  assert.match(html, /<div class="diagram-svg diagram-sized" style="max-width:[\d.]+px;aspect-ratio:[\d.]+\/[\d.]+"[^>]*><svg/);
  assert.equal(html.match(/<svg/g)?.length, 1, 'one SVG for both themes');
  assert.match(html, /fill:light-dark\(#333,#ccc\)/);
  assert.match(html, /<figcaption>P2 抢占了 P1<\/figcaption>/);
  assert.match(html, /<code class="language-mermaid">sequenceDiagram/);
  const chosen = runScenario(preempted).events.find((e) => e.type === 'chosen');
  assert.ok(chosen && chosen.type === 'chosen');
  assert.match(html, new RegExp(`结果：</strong>选定 ${chosen.value}`));
  assert.doesNotMatch(html, /<script/);
  const href = /href="(\/notes-site\/playground\/#[^"]+)"/.exec(html)?.[1];
  assert.ok(href, 'playground link');
  const link = decodeRunLink(href.slice(href.indexOf('#')).replace(/&amp;/g, '&'), getProtocol);
  assert.ok(link.ok);
  // It opens on this very run: the script played to its end, replayable from the start.
  const replay = new PlaygroundRun(resolveScenario(link.run.scenario, getProtocol));
  for (const c of link.run.commands) replay.replay(c);
  assert.equal(link.run.position, link.run.commands.length);
  assert.deepEqual(replay.trace(), runScenario(preempted));
});

test('a run that breaks safety fails unless the scenario declares itself a mutant', async () => {
  // The rule is broken through the protocol options, so the scenario does not say `mutant` at the top.
  const undeclared: Scenario = { protocol: 'basic', seed: 1, options: { mutant: 'no-second-promise' }, steps: noSecondPromiseScript() };
  await assert.rejects(renderPaxosFigure(undeclared, { caption: 'undeclared' }), (err: unknown) => {
    assert.ok(err instanceof SafetyViolationError);
    // A build error is for the author, in the tooling's language, with the checker's own words.
    assert.match(err.message, /"undeclared" breaks safety: property 2 \(second-promise\), event \d+: A\d accepted 1\.P1 after promising 1\.P2/);
    assert.match(err.message, /set its "mutant" field/);
    return true;
  });
  const declared = await renderPaxosFigure(smallFastQuorum);
  assert.match(declared, /class="paxos-violation"/);
  assert.match(declared, /变体 small-fast-quorum/);
  assert.match(declared, /槽 0 先后选定了 <mark>[^<]+<\/mark> 和 <mark>[^<]+<\/mark>/);
  // The reader gets the rule and the event in Chinese; the checker's English only inside a <details>.
  const bad = checkTrace(runScenario(smallFastQuorum));
  assert.ok(bad);
  const callout = /<div class="paxos-violation"[^>]*>([\s\S]*?)<\/div>/.exec(declared)?.[1] ?? '';
  assert.match(callout, new RegExp(`违反安全性质 \\d：${ZH.property[bad.property].title}`));
  assert.match(callout, new RegExp(`出事的是第 ${bad.seq} 个事件（t=\\d+）：`));
  assert.match(callout, /<details class="paxos-violation-detail"><summary>检查器原文（英文）<\/summary><p lang="en">/);
  const outsideDetails = callout.replace(/<details[\s\S]*<\/details>/, '').replace(/<[^>]+>/g, '');
  assert.doesNotMatch(outsideDetails, /\b(reached|already|after|slot|ballot|had one)\b/, `English left in the callout: ${outsideDetails}`);
  assert.ok(callout.includes(escapeHtml(bad.message)), 'the engine message is kept as the detail');
});

test('every property id and every stall reason has Chinese words; a violation reads as rule, event and detail', () => {
  for (const p of PROPERTIES) {
    const words = ZH.property[p.id];
    assert.ok(words && /[\u4e00-\u9fff]/.test(words.title) && /[\u4e00-\u9fff]/.test(words.explain), p.id);
  }
  // A real violation: reused-ballot's P1 sends a second value in ballot 1.P1.
  const bad = checkTrace(runScenario(reusedBallot));
  assert.ok(bad);
  const v = presentViolation(bad);
  assert.equal(v.heading, `违反安全性质 5：${ZH.property['proposer-value'].title}`);
  assert.match(v.event, new RegExp(`^出事的是第 ${bad.seq} 个事件（t=\\d+）：P1 向 A\\d 发出 accept\\(1\\.P1, value2\\)$`));
  assert.equal(v.detail, bad.message);
  // Stall reasons come out in Chinese too (livelock: the duelling scenario).
  const livelock = describeOutcome(runScenario(duelling));
  assert.equal(livelock.stall, 'livelock');
  assert.match(livelock.text, /^没有值被选定：提议者互相抢占（用了 \d+ 个编号），直到时间用完（活锁）$/);
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
  assert.match(html, new RegExp(`依次违反了：性质 5“${ZH.property['proposer-value'].title}”、性质 6“${ZH.property.agreement.title}”`));
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

test('a scripted counterexample says it is a scripted run of N steps, not a search result; a searched one keeps states and depth', async () => {
  // forget-promise-on-learn's counterexample is the witness script driven through the engine (the cache serves it so).
  const found = checkWitness('forget-promise-on-learn');
  assert.ok(found && found.result === 'violation' && found.scripted === true);
  const html = await renderCounterexampleFigure('forget-promise-on-learn', found);
  const footer = html.slice(html.indexOf('<div class="paxos-footer">'));
  assert.match(footer, new RegExp(`预先写好的 ${found.steps} 步脚本`));
  assert.match(footer, /这不是搜索结果/);
  assert.doesNotMatch(footer, /搜索了|反例深度|个状态/);
  assert.match(html, /<figcaption>变体 forget-promise-on-learn（[^<]+）：按脚本驱动引擎跑出的反例<\/figcaption>/);
  assert.doesNotMatch(html, /最短反例/);
  const log = counterexampleLogLine('forget-promise-on-learn', found, 0.2);
  assert.match(log, new RegExp(`scripted run of ${found.steps} steps driven through the engine's roles \\(not a search result\\)`));
  assert.doesNotMatch(log, /searched|depth/);
  const searched = counterexampleLogLine('no-reply', { trace: found.trace, states: 812, depth: 25 }, 1.5);
  assert.match(searched, /no-reply: searched 812 states, counterexample depth 25, in 1\.5 s/);
});

test('a hunted counterexample says it was found by the random search and shortened, shortest only when the bounded search proved it', async () => {
  const found = checkHunted('fast-recovery-any-reported');
  assert.ok(found && found.result === 'violation' && found.hunted !== undefined);
  const html = await renderCounterexampleFigure('fast-recovery-any-reported', found);
  const footer = html.slice(html.indexOf('<div class="paxos-footer">'));
  assert.match(footer, new RegExp(`第一次命中时 ${found.hunted.foundSteps} 步，逐步删去不需要的动作后剩 ${found.steps} 步`));
  assert.match(html, /<figcaption>变体 fast-recovery-any-reported（[^<]+）：检查器随机搜索找到的反例/);
  if (found.hunted.clear === 0) {
    assert.match(footer, /它不保证是最短的/);
    assert.doesNotMatch(html, /最短的）|最短反例/);
  }
  // A bound that clears fewer than steps − 1 moves narrows the range and says so; only steps − 1 makes it shortest.
  const { hunted, steps } = found;
  for (const [clear, shortest] of [[steps - 3, false], [steps - 1, true]] as const) {
    const narrowed: typeof found = { ...found, hunted: { ...hunted, clear } };
    const page = await renderCounterexampleFigure('fast-recovery-any-reported', narrowed);
    const foot = page.slice(page.indexOf('<div class="paxos-footer">'));
    assert.match(foot, new RegExp(`没有 ${clear} 步以内的反例`));
    if (shortest) {
      assert.match(foot, new RegExp(`所以 ${found.steps} 步是最短的`));
      assert.match(page, /（在它的范围里最短）<\/figcaption>/);
    } else {
      assert.match(foot, new RegExp(`最短的反例在 ${clear + 1} 到 ${found.steps} 步之间；它不保证是最短的`));
      assert.doesNotMatch(page, /在它的范围里最短|步是最短的/);
    }
    assert.equal(counterexampleLogLine('fast-recovery-any-reported', narrowed, 1).includes('shortest in its scope'), shortest);
  }
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
