// End to end in Chromium, on the built site's playground page: the network picture and the narrator.
// Nodes and messages in flight are drawn and labelled; a message chosen in the picture and dropped is gone
// from the picture, the message list and the diagram, and the node it was for never changes state; a node
// crashed from the picture is greyed but keeps its durable state; narration steps forward, back and plays
// by itself; motion follows prefers-reduced-motion; 360 px works; the keyboard alone is enough; no errors.
// Every run the page shows is checked against the safety properties through its banner (the page runs the
// same TraceMonitor the tests use) and through checkTrace on the exported scenario.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import { runScenario } from '../../src/paxos/sim/run.ts';
import type { Scenario } from '../../src/paxos/sim/scenario.ts';
import { PROJECT_ROOT } from '../support/project.ts';
import { hydrated, type OpenOptions, type Opened } from './pages.ts';
import { usePlaygroundSite } from './suite.ts';

const suite = usePlaygroundSite();
const problems = suite.problems;
// The playground page opens the default scenario, basic/preempted, whose steps are narrated.
const preempted = JSON.parse(readFileSync(join(PROJECT_ROOT, 'content/scenarios/basic/preempted.json'), 'utf8')) as Scenario;
const captions = (preempted.steps ?? []).map((s) => s.narration).filter((n): n is string => n !== undefined);

const open = (opts: OpenOptions = {}): Promise<Opened> => suite.open('playground/', opts);
const net = (page: Page): Locator => page.locator('[data-view="network"]');
const step = (page: Page): Promise<void> => page.getByRole('button', { name: '下一步', exact: true }).click();
const flightKeys = (page: Page): Promise<string[]> => net(page).locator('[data-flight]').evaluateAll((els) => els.map((e) => e.getAttribute('data-flight')!));
const listKeys = (page: Page): Promise<string[]> => page.locator('.pg-flights [data-list-flight]').evaluateAll((els) => els.map((e) => e.getAttribute('data-list-flight')!));
const tableCell = (page: Page, node: string, cls: string): Promise<string> => page.locator(`.pg-table tr[data-node="${node}"] .${cls}`).innerText();

/** The page's banner (the same TraceMonitor) says safe. */
const bannerSafe = async (page: Page): Promise<void> => assert.match(await page.locator('.pg-safety').innerText(), /^✓ 到目前为止安全/);

/** The page's run, exported as a scenario and replayed here: safe (it is no mutant). */
async function assertSafe(page: Page): Promise<void> {
  await bannerSafe(page);
  await page.getByRole('button', { name: '复制为场景' }).click();
  const exported = JSON.parse(await page.locator('.pg-out textarea').inputValue()) as Scenario;
  assert.equal(checkTrace(runScenario(exported)), null);
}

test('every node and every message in flight is in the picture, labelled like the diagrams', async () => {
  const { page } = await open();
  await hydrated(page);
  for (const id of ['P1', 'P2', 'A1', 'A2', 'A3']) {
    const node = net(page).locator(`[data-node="${id}"]`);
    assert.equal(await node.count(), 1, id);
    assert.match((await node.getAttribute('aria-label'))!, new RegExp(`^${id}（(提议者|接受者)`));
  }
  assert.equal(await net(page).locator('[data-flight]').count(), 0, 'nothing in flight before the first step');
  await step(page);
  const keys = await flightKeys(page);
  assert.equal(keys.length, 3, 'P1 sent three prepares');
  assert.deepEqual(keys, await listKeys(page), 'the picture and the list show the same messages');
  for (const f of await net(page).locator('[data-flight]').all()) {
    assert.match((await f.getAttribute('aria-label'))!, /^prepare\(1\.P1\)：P1 → A\d，#\d+$/);
    assert.equal(await f.evaluate((el) => el.tagName), 'BUTTON', 'a message is a real button: focusable, Enter and Space');
  }
  await step(page);
  assert.match((await net(page).locator('[data-node="A1"]').getAttribute('aria-label'))!, /许诺 1\.P1/, 'A1 draws its promise');
  assert.match(await net(page).locator('[data-node="A1"]').innerHTML(), /许诺 1\.P1/);
  await bannerSafe(page);
  await page.screenshot({ path: join(PROJECT_ROOT, 'test-results', 'playground', 'network-desktop.png') });
  await page.context().close();
});

test('a message dropped from the picture is gone from the picture, the list and the diagram; its receiver never hears of it', async () => {
  const { page } = await open();
  await hydrated(page);
  const a1AtStart = await tableCell(page, 'A1', 'pg-promised');
  await step(page);
  const toA1 = net(page).locator('[data-flight][aria-label*="P1 → A1"]');
  assert.equal(await toA1.count(), 1);
  const key = (await toA1.getAttribute('data-flight'))!;
  await toA1.click();
  const menu = page.getByRole('group', { name: /^对 prepare\(1\.P1\)：P1 → A1/ });
  await menu.waitFor();
  await menu.getByRole('button', { name: '丢弃' }).click();
  assert.equal(await net(page).locator(`[data-flight="${key}"]`).count(), 0, 'gone from the picture');
  assert.equal(await page.locator(`.pg-flights [data-list-flight="${key}"]`).count(), 0, 'gone from the list');
  assert.equal(await page.locator('.pg-seq .pg-drop').count(), 1, 'drawn as lost in the diagram');
  assert.equal(await net(page).locator('.pg-net-lost').count(), 1, 'the picture marks where it was lost');
  assert.match(await page.locator('.pg-panel h2, .pg-panel h3, .pg-panel h4').first().innerText(), /在途消息（2）/);
  assert.equal(await menu.count(), 0, 'the menu closed');
  // The other two prepares arrive; A1 never promises.
  await step(page);
  await step(page);
  assert.equal(await tableCell(page, 'A1', 'pg-promised'), a1AtStart, 'A1 never promised');
  assert.equal(await tableCell(page, 'A2', 'pg-promised'), '1.P1');
  assert.doesNotMatch((await net(page).locator('[data-node="A1"]').getAttribute('aria-label'))!, /许诺/);
  await assertSafe(page);
  await page.context().close();
});

test('a message duplicated from the picture splits in two; delivered, it reaches its receiver\'s state', async () => {
  const { page } = await open();
  await hydrated(page);
  await step(page);
  const toA2 = net(page).locator('[data-flight][aria-label*="P1 → A2"]');
  const key = (await toA2.getAttribute('data-flight'))!;
  const id = key.split('.')[0]!;
  await toA2.click();
  await page.getByRole('group', { name: /^对 prepare\(1\.P1\)：P1 → A2/ }).getByRole('button', { name: '复制' }).click();
  const copies = await net(page).locator(`[data-flight^="${id}."]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-flight')));
  assert.deepEqual(copies.sort(), [`${id}.0`, `${id}.1`], 'the original and its copy');
  assert.deepEqual(await flightKeys(page), await listKeys(page), 'the list agrees');
  assert.match((await net(page).locator(`[data-flight="${id}.1"]`).getAttribute('aria-label'))!, /（副本 1）$/);
  await net(page).locator(`[data-flight="${id}.0"]`).click();
  await page.getByRole('group', { name: /^对 prepare\(1\.P1\)：P1 → A2/ }).getByRole('button', { name: '投递' }).click();
  assert.equal(await tableCell(page, 'A2', 'pg-promised'), '1.P1', 'A2 promised on delivery');
  assert.match((await net(page).locator('[data-node="A2"]').getAttribute('aria-label'))!, /许诺 1\.P1/);
  assert.equal(await net(page).locator(`[data-flight="${id}.0"]`).count(), 0);
  assert.equal(await net(page).locator(`[data-flight="${id}.1"]`).count(), 1, 'the copy is still on its way');
  await assertSafe(page);
  await page.context().close();
});

test('a node crashed from the picture is greyed, keeps its durable state, and recovers from the picture', async () => {
  const { page } = await open();
  await hydrated(page);
  for (let i = 0; i < 2; i++) await step(page);
  const a2 = net(page).locator('[data-node="A2"]');
  await a2.click();
  const menu = page.getByRole('group', { name: '对 A2 的操作' });
  await menu.getByRole('button', { name: '崩溃' }).click();
  assert.match((await a2.getAttribute('class'))!, /pg-node-down/);
  assert.match((await a2.getAttribute('aria-label'))!, /已崩溃.*许诺 1\.P1/, 'the promise is on disk: still shown');
  assert.equal(await page.locator('.pg-table tr[data-node="A2"].pg-down .pg-badge').count(), 1, 'the table agrees');
  assert.ok((await page.locator('.pg-life-down').count()) > 0, 'the diagram breaks its lifeline');
  await a2.click();
  await page.getByRole('group', { name: '对 A2 的操作' }).getByRole('button', { name: '恢复' }).click();
  assert.doesNotMatch((await a2.getAttribute('class'))!, /pg-node-down/);
  assert.equal(await tableCell(page, 'A2', 'pg-promised'), '1.P1');
  // A proposal from the picture: P2 proposes a value of the reader's own.
  await net(page).locator('[data-node="P2"]').click();
  const p2 = page.getByRole('group', { name: '对 P2 的操作' });
  await p2.getByRole('textbox').fill('mine');
  await p2.getByRole('button', { name: '提议', exact: true }).click();
  assert.match(await page.locator('.pg-live').innerText(), /P2 提议 mine/);
  await assertSafe(page);
  await page.context().close();
});

test('narration: the next caption, the one before, and autoplay that the reader pauses', async () => {
  assert.ok(captions.length >= 5, 'the default scenario is narrated');
  const { page } = await open();
  await hydrated(page);
  const caption = page.locator('.pg-caption');
  assert.match(await caption.innerText(), new RegExp(`有 ${captions.length} 段讲解`));
  const next = page.getByRole('button', { name: '下一段 ▶▶' });
  const back = page.getByRole('button', { name: '◀ 上一段' });
  assert.equal(await back.isDisabled(), true);
  await next.click();
  assert.equal(await caption.innerText(), captions[0]);
  assert.match(await page.locator('.pg-caption-at').innerText(), new RegExp(`第 1 / ${captions.length} 段`));
  await next.click();
  await next.click();
  assert.equal(await caption.innerText(), captions[2]);
  const at3 = await page.locator('.pg-seek-label').innerText();
  await back.click();
  assert.equal(await caption.innerText(), captions[1]);
  await next.click();
  assert.equal(await caption.innerText(), captions[2], 'forward again: the same caption');
  assert.equal(await page.locator('.pg-seek-label').innerText(), at3, 'at the same place on the timeline');
  // Autoplay at 4×: it walks on to a later caption by itself, and stays put once paused.
  await page.getByLabel('速度').selectOption('4');
  await page.getByRole('button', { name: '▶ 自动讲解' }).click();
  await page.waitForFunction((text) => document.querySelector('.pg-caption')?.textContent === text, captions[3], { timeout: 15_000 });
  await page.getByRole('button', { name: '⏸ 暂停讲解' }).click();
  const paused = await page.locator('.pg-seek-label').innerText();
  await page.waitForTimeout(1500);
  assert.equal(await page.locator('.pg-seek-label').innerText(), paused, 'paused means paused');
  assert.ok((await page.locator('.pg-ticks .pg-tick-caption').count()) >= 4, 'captions are marked on the timeline');
  // Skipping to the last caption ends the tour.
  for (let i = 0; i < captions.length && (await next.isEnabled()); i++) await next.click();
  assert.equal(await caption.innerText(), captions[captions.length - 1]);
  assert.match(await page.locator('.pg-caption-done').innerText(), /讲解到此结束/);
  await assertSafe(page);
  await page.context().close();
});

test('motion: messages glide unless the reader prefers reduced motion, then they jump', async () => {
  for (const motion of ['no-preference', 'reduce'] as const) {
    const { page } = await open({ motion });
    await hydrated(page);
    await step(page);
    const f = net(page).locator('[data-flight]').first();
    const style = await f.evaluate((el) => ({ transition: getComputedStyle(el).transitionDuration, animation: getComputedStyle(el).animationName }));
    if (motion === 'reduce') assert.deepEqual(style, { transition: '0s', animation: 'none' });
    else assert.notEqual(style.transition, '0s', 'messages move with a transition');
    await bannerSafe(page);
    await page.context().close();
  }
});

test('at 360 px the picture fits, shows every node, and a message can be chosen and dropped', async () => {
  const { page } = await open({ width: 360, dark: true });
  await hydrated(page);
  await step(page);
  const box = (await net(page).boundingBox())!;
  assert.ok(box.width <= 360 - 16, `the picture is ${box.width}px wide`);
  for (const id of ['P1', 'P2', 'A1', 'A2', 'A3']) {
    const b = (await net(page).locator(`[data-node="${id}"]`).boundingBox())!;
    assert.ok(b.x >= box.x - 0.5 && b.x + b.width <= box.x + box.width + 0.5, `${id} inside the picture`);
  }
  const f = net(page).locator('[data-flight]').first();
  const key = (await f.getAttribute('data-flight'))!;
  await f.click();
  await page.getByRole('button', { name: '丢弃', exact: true }).click();
  assert.equal(await net(page).locator(`[data-flight="${key}"]`).count(), 0);
  // A menu closes when the reader presses anywhere else.
  await net(page).locator('[data-flight]').first().click();
  assert.equal(await page.locator('.pg-menu').count(), 1);
  await page.locator('.pg-caption').click();
  assert.equal(await page.locator('.pg-menu').count(), 0, 'a press elsewhere closes the menu');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px`);
  await bannerSafe(page);
  await page.screenshot({ path: join(PROJECT_ROOT, 'test-results', 'playground', 'network-360-dark.png'), fullPage: true });
  await page.context().close();
});

test('keyboard only: Tab to a message, Enter opens its menu, drop it; Space on a node, Escape returns', async () => {
  const { page } = await open();
  await hydrated(page);
  const stepButton = page.getByRole('button', { name: '下一步', exact: true });
  await stepButton.focus();
  await page.keyboard.press('Enter');
  const active = (): Promise<string> => page.evaluate(() => (document.activeElement?.getAttribute('data-flight') ? `flight ${document.activeElement.getAttribute('data-flight')}` : document.activeElement?.getAttribute('data-node') ? `node ${document.activeElement.getAttribute('data-node')}` : document.activeElement?.tagName ?? ''));
  // The picture comes before the timeline: Shift+Tab walks back into it.
  for (let i = 0; i < 30 && !(await active()).startsWith('flight'); i++) await page.keyboard.press('Shift+Tab');
  const chosen = await active();
  assert.match(chosen, /^flight \d+\.\d+$/);
  await page.keyboard.press('Enter');
  // The menu takes the focus (on the frame after it opens).
  await page.waitForFunction(() => document.activeElement?.textContent === '投递', null, { timeout: 5_000 });
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), '丢弃');
  await page.keyboard.press('Enter');
  assert.equal(await net(page).locator(`[data-flight="${chosen.slice(7)}"]`).count(), 0, 'dropped');
  // The focus stays in the picture (moved there on the next frame: the message it was on is gone).
  await page.waitForFunction(() => document.activeElement?.closest('[data-view="network"]') !== null, null, { timeout: 5_000 });
  // A node: Space opens, Escape closes and gives the focus back.
  for (let i = 0; i < 30 && !(await active()).startsWith('node'); i++) await page.keyboard.press('Tab');
  const node = await active();
  await page.keyboard.press(' ');
  assert.equal(await page.getByRole('group', { name: `对 ${node.slice(5)} 的操作` }).count(), 1);
  await page.waitForFunction(() => document.activeElement?.closest('.pg-menu') !== null, null, { timeout: 5_000 });
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('.pg-menu').count(), 0);
  await page.waitForFunction((n) => document.activeElement?.getAttribute('data-node') === n, node.slice(5));
  await bannerSafe(page);
  await page.context().close();
});

test('no console errors on any page visited', () => {
  assert.deepEqual(problems, []);
});
