// The checker panel "拆掉一条规则" end to end in Chromium, on the built site's playground page: the checker
// loads only when the panel opens; a switched-off rule's shortest counterexample is loaded into the
// playground and stepped through (safe banner until the breaking step, red from it), and the run the
// playground exports is rejected by the engine's trace checker; the correct protocol is proved safe with
// the CLI's state count; a search is cancelled and started again; a scope beyond the page's bound says so;
// all of it from the keyboard where a reader would use it; no console errors.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { brokenProperties, chosenValues } from '../../src/paxos/check/model-check.ts';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import { Simulation } from '../../src/paxos/sim/simulation.ts';
import type { Scenario } from '../../src/paxos/sim/scenario.ts';
import { PAGE_MAX_STATES } from '../../src/components/playground/checker/rules.ts';
import { PROJECT_ROOT } from '../support/project.ts';
import { hydrated, type Opened } from './pages.ts';
import { usePlaygroundSite } from './suite.ts';
import { getProtocol } from '../../src/paxos/registry.ts';
import { resolveScenario } from '../../src/paxos/sim/validate.ts';

const suite = usePlaygroundSite();
const problems = suite.problems;

/** `paxos check` in a terminal, as the panel's command line says. */
function cli(args: string[]): { result: string; states: number; depth: number } {
  const r = spawnSync('npm', ['run', '--silent', 'paxos', '--', 'check', '--quiet', '--format', 'json', ...args], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  return JSON.parse(r.stdout) as { result: string; states: number; depth: number };
}

/** Opens the playground page and its checker panel (by keyboard: the opener is a button, Enter opens it). */
async function openPanel(): Promise<Opened & { scriptsBefore: string[] }> {
  const opened = await suite.open('playground/');
  await hydrated(opened.page);
  const scriptsBefore = [...opened.scripts];
  const opener = opened.page.locator('[data-action="open-checker"]');
  await opener.focus();
  await opened.page.keyboard.press('Enter');
  await opened.page.waitForSelector('.pg-checker-panel [data-action="find-counterexample"]');
  return { ...opened, scriptsBefore };
}

/** Presses Tab until `selector` has the focus (at most 80 presses). */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if (await page.locator(selector).evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${selector}`);
}

const verdict = (page: Page, timeout = 60_000) => page.waitForSelector('.pg-checker-verdict [data-result]', { timeout });

test('a switched-off rule: the shortest counterexample loads into the playground, steps to a red banner, and the exported run breaks agreement', async () => {
  const { page, scripts, scriptsBefore } = await openPanel();
  assert.ok(!scriptsBefore.some((s) => /check\.worker|CheckerPanel/.test(s)), `nothing of the checker before the panel opens: ${scriptsBefore.join(', ')}`);
  // Keyboard only: Tab to the no-reply switch, Space switches the rule off, Tab to 找最短反例, Enter.
  await tabTo(page, '.pg-rule[data-mutant="no-reply"] input');
  await page.keyboard.press('Space');
  assert.equal(await page.locator('.pg-rule[data-mutant="no-reply"] input').isChecked(), false);
  assert.equal(await page.locator('.pg-rule input:not(:checked)').count(), 1, 'one rule off');
  await tabTo(page, '[data-action="find-counterexample"]');
  await page.keyboard.press('Enter');
  const box = await verdict(page);
  assert.ok(scripts.some((s) => /worker/.test(s)), `the worker script was requested once the search started: ${scripts.join(', ')}`);
  assert.equal(await box.getAttribute('data-result'), 'violation');
  const expected = cli(['--protocol', 'basic', '--mutant', 'no-reply']);
  assert.equal(expected.result, 'violation');
  assert.equal(Number(await box.getAttribute('data-states')), expected.states, 'the CLI\'s state count');
  assert.equal(Number(await box.getAttribute('data-depth')), expected.depth, 'the CLI\'s depth');
  assert.match(await box.innerText(), /同样的检查：npm run --silent paxos -- check --protocol basic --mutant no-reply/);
  const loaded = page.locator('.pg-checker-loaded');
  const redAt = Number(await loaded.getAttribute('data-red-at'));
  const agreementAt = Number(await loaded.getAttribute('data-agreement-at'));
  assert.ok(redAt > 1 && agreementAt >= redAt, `the panel says where the banner turns red (${redAt}) and where agreement breaks (${agreementAt})`);
  assert.match(await loaded.innerText(), new RegExp(`第 ${agreementAt} 步两个值都被法定人数接受：一致性被打破`));

  // The playground now holds the counterexample from its start: step with the keyboard.
  const banner = page.locator('.pg-safety').first();
  assert.match(await page.locator('.pg-seek-label').first().innerText(), /位置 0 \//);
  assert.match(await banner.getAttribute('class') ?? '', /pg-safe/);
  await page.getByRole('button', { name: '下一步' }).focus();
  for (let i = 1; i < redAt; i++) await page.keyboard.press('Enter');
  assert.match(await banner.getAttribute('class') ?? '', /pg-safe\b/, `still safe at step ${redAt - 1}`);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('.pg-safety')?.classList.contains('pg-unsafe'));
  assert.match(await page.locator('.pg-seek-label').first().innerText(), new RegExp(`位置 ${redAt} /`));
  // The scenario menu names the run it holds, not the preset chosen before the search.
  const menu = page.locator('.pg-settings select').first();
  assert.equal(await menu.inputValue(), 'own');
  assert.match(await menu.locator('option:checked').innerText(), /模型检查器的反例/);
  if (agreementAt > redAt) assert.doesNotMatch(await banner.innerText(), /一致性/, 'before agreement breaks, the banner names the rule the run broke');
  // The run the playground exports at a position, replayed by the engine and judged by the trace checker.
  const exported = async (): Promise<ReturnType<Simulation['trace']>> => {
    await page.getByRole('button', { name: '复制为场景' }).click();
    const sim = new Simulation(resolveScenario(JSON.parse(await page.locator('.pg-out textarea').inputValue()) as Scenario, getProtocol));
    sim.runSteps();
    return sim.trace();
  };
  assert.ok(checkTrace(await exported()), 'the banner is red on a run the trace checker rejects');
  await page.getByRole('button', { name: '下一步' }).focus();
  for (let i = redAt + 1; i < agreementAt; i++) await page.keyboard.press('Enter');
  assert.ok(!brokenProperties(await exported()).includes('agreement'), `agreement holds up to step ${agreementAt - 1}`);
  await page.getByRole('button', { name: '下一步' }).focus();
  await page.keyboard.press('Enter');
  assert.match(await page.locator('.pg-seek-label').first().innerText(), new RegExp(`位置 ${agreementAt} /`));
  assert.match(await banner.getAttribute('class') ?? '', /pg-unsafe/, 'the banner is red on the event that breaks agreement');
  assert.match(await banner.innerText(), /一致性/, 'and from there it names agreement');
  if (agreementAt > redAt) assert.match(await page.locator('.pg-violation-earlier').innerText(), /更早的一步已经违反安全性质 \d/, 'with the rule broken first beneath it');
  const trace = await exported();
  assert.ok(brokenProperties(trace).includes('agreement'), 'the trace checker rejects the run for agreement');
  assert.ok([...chosenValues(trace).values()].some((v) => v.length === 2), 'two values chosen in one slot');
  await page.context().close();
});

test('the correct protocol is proved safe with the CLI\'s state count and the scope echoed', async () => {
  const { page } = await openPanel();
  assert.equal(await page.locator('.pg-rule input:not(:checked)').count(), 0, 'every rule on');
  await page.locator('[data-action="find-counterexample"]').click();
  const box = await verdict(page, 120_000);
  assert.equal(await box.getAttribute('data-result'), 'safe');
  const expected = cli(['--protocol', 'basic']);
  assert.equal(expected.result, 'safe');
  assert.equal(Number(await box.getAttribute('data-states')), expected.states);
  const text = await box.innerText();
  assert.match(text, new RegExp(`在这个范围内安全：${expected.states.toLocaleString('zh-CN')} 个状态`));
  assert.match(text, /范围：接受者 3，提议者 2，最高轮次 1，丢包 0，重复 0，崩溃 0；完整协议/);
  await page.context().close();
});

test('scope fields typed in one go from the keyboard all count; an out-of-range number is put back on leaving', async () => {
  const { page } = await openPanel();
  const field = (name: string) => page.locator(`.pg-checker-scope input[name="${name}"]`);
  // Once the checker has answered for the standard scope, the fields show it.
  await page.waitForFunction(() => (document.querySelector<HTMLInputElement>('.pg-checker-scope input[name="proposers"]')?.value ?? '') !== '');
  await field('acceptors').focus();
  // No waits between keys: every blur lands as soon as the keystroke before it, the way a fast typist's do.
  for (const typed of ['4', '1', '9']) {
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(typed);
    await page.keyboard.press('Tab');
  }
  // 9 is beyond 最高轮次's range (0–3): leaving the field puts the search's value back.
  assert.equal(await field('maxRound').inputValue(), '1');
  assert.equal(await field('acceptors').inputValue(), '4');
  assert.equal(await field('proposers').inputValue(), '1');
  await page.locator('[data-action="find-counterexample"]').click();
  const box = await verdict(page, 60_000);
  const expected = cli(['--protocol', 'basic', '--acceptors', '4', '--proposers', '1']);
  assert.equal(await box.getAttribute('data-result'), expected.result);
  assert.equal(Number(await box.getAttribute('data-states')), expected.states);
  assert.match(await box.innerText(), /范围：接受者 4，提议者 1，最高轮次 1，/);
  assert.match(await page.locator('.pg-checker-command').innerText(), /--acceptors 4 --proposers 1$/);
  await page.context().close();
});

test('a click on 找最短反例 right after switching a rule is not lost, search after search', async () => {
  const { page } = await openPanel();
  // The panel asks the worker for the new rule's scope on every switch; a click before that answer arrives
  // must still start the search (the bench once waited forever here, on the third search of a page).
  for (const mutant of ['minority-quorum', 'no-reply', 'ignore-reply'] as const) {
    for (const box of await page.locator('.pg-rule input').all()) if (!(await box.isChecked())) await box.check();
    await page.locator(`.pg-rule[data-mutant="${mutant}"] input`).uncheck();
    await page.locator('[data-action="find-counterexample"]').click();
    const box = await verdict(page, 60_000);
    assert.equal(await box.getAttribute('data-result'), 'violation', mutant);
    assert.equal(Number(await box.getAttribute('data-depth')), cli(['--protocol', 'basic', '--mutant', mutant]).depth, mutant);
  }
  await page.context().close();
});

test('a search can be cancelled and started again', async () => {
  const { page } = await openPanel();
  await page.locator('[data-action="find-counterexample"]').click();
  // The cancel button takes the focus when the search starts: Enter cancels.
  await page.waitForSelector('[data-action="cancel-check"]');
  assert.ok(await page.locator('[data-action="cancel-check"]').evaluate((b) => b === document.activeElement), 'focus on 取消');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.pg-checker-progress[data-state="cancelled"]');
  assert.ok(await page.locator('[data-action="find-counterexample"]').evaluate((b) => b === document.activeElement), 'focus back on 找最短反例');
  // Nothing arrives from the cancelled search.
  await page.waitForTimeout(1500);
  assert.equal(await page.locator('.pg-checker-verdict [data-result]').count(), 0);
  await page.locator('.pg-rule[data-mutant="minority-quorum"] input').uncheck();
  await page.locator('[data-action="find-counterexample"]').click();
  const box = await verdict(page);
  assert.equal(await box.getAttribute('data-result'), 'violation');
  assert.equal(Number(await box.getAttribute('data-states')), cli(['--protocol', 'basic', '--mutant', 'minority-quorum']).states);
  await page.context().close();
});

test('a scope beyond the page\'s bound says so, and the page stays responsive meanwhile', async () => {
  const { page } = await openPanel();
  await page.locator('.pg-checker-scope input[name="acceptors"]').fill('5');
  await page.locator('.pg-checker-scope input[name="proposers"]').fill('3');
  await page.locator('.pg-checker-scope input[name="maxRound"]').fill('2');
  await page.locator('.pg-checker-scope input[name="maxRound"]').press('Tab');
  await page.locator('[data-action="find-counterexample"]').click();
  // Live progress from the worker: states, depth and states per second, growing between two reports.
  const moreThan = (prev: number) =>
    page.waitForFunction((p) => {
      const m = /已搜 ([\d,]+) 个状态，深度 \d+，每秒 [\d,]+ 个/.exec(document.querySelector('.pg-checker-progress')?.textContent ?? '');
      return m !== null && Number(m[1]!.replace(/,/g, '')) > p ? Number(m[1]!.replace(/,/g, '')) : false;
    }, prev, { timeout: 60_000 }).then((h) => h.jsonValue() as Promise<number>);
  await moreThan(await moreThan(0));
  // The main thread answers while the worker searches: the playground still steps.
  const before = await page.locator('.pg-seek-label').first().innerText();
  await page.getByRole('button', { name: '下一步' }).click();
  assert.notEqual(await page.locator('.pg-seek-label').first().innerText(), before);
  const box = await verdict(page, 300_000);
  assert.equal(await box.getAttribute('data-result'), 'incomplete');
  assert.equal(Number(await box.getAttribute('data-states')), PAGE_MAX_STATES + 1, 'stopped at the stated bound');
  assert.match(await box.innerText(), new RegExp(`这个范围对本页太大：.*上限是 ${PAGE_MAX_STATES.toLocaleString('zh-CN')}`));
  assert.match(await box.innerText(), /--acceptors 5 --proposers 3 --max-round 2/);
  await page.context().close();
});

test('no console errors', () => {
  assert.deepEqual(problems, []);
});
