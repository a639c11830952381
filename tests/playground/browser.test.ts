// End to end in Chromium against the built site served locally: build-time figures ship no script; on the
// playground page a reader steps, drops a message, crashes an acceptor, seeks back and forks, shares a link
// that reopens the same state; a garbled link shows a message. Screenshots (light/dark, desktop/360 px) go
// to test-results/playground/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { PROJECT_ROOT } from '../support/project.ts';
import { hydrated, islandReady, READY_PLAYGROUND, type OpenOptions, type Opened } from './pages.ts';
import { usePlaygroundSite } from './suite.ts';
import { diagramOnlyPages } from './site.ts';

const SHOTS = join(PROJECT_ROOT, 'test-results', 'playground');
const suite = usePlaygroundSite();
const problems = suite.problems;
before(() => mkdirSync(SHOTS, { recursive: true }));

const open = (path: string, opts: OpenOptions = {}): Promise<Opened> => suite.open(path, opts);

const position = (page: Page): Promise<string> => page.locator('.pg-seek-label').first().innerText();
const rows = (page: Page, kind: string): Promise<number> => page.locator(`.pg-seq .pg-${kind}`).count();
const nodeRow = (page: Page, node: string): Promise<string> => page.locator(`.pg-table tr[data-node="${node}"]`).first().innerText();

test('pages with build-time figures have their SVG and load no script file', async () => {
  const pages = diagramOnlyPages(suite.site.dist);
  assert.ok(pages.length > 0, 'some page has an engine figure and no playground');
  for (const path of pages.slice(0, 4)) {
    const { page, scripts } = await open(path);
    assert.ok((await page.locator('figure[data-diagram="paxos"] .diagram-svg svg').count()) > 0, path);
    assert.ok((await page.locator('.paxos-outcome').count()) > 0, path);
    assert.deepEqual(scripts, [], `${path} loads no script file`);
    const external = await page.evaluate(() => [...document.scripts].filter((s) => s.src || s.type === 'module').length);
    assert.equal(external, 0, `${path}: only the inline theme snippet`);
    await page.context().close();
  }
});

test('"open this run in the playground" shows the figure\'s run: same outcome, every step to seek through', async () => {
  const path = diagramOnlyPages(suite.site.dist)[0]!;
  const { page } = await open(path);
  const figure = page.locator('figure[data-diagram="paxos"]').filter({ has: page.locator('.paxos-open') }).first();
  const outcome = (await figure.locator('.paxos-outcome').innerText()).replace(/^结果：/, '').trim();
  await figure.locator('.paxos-open a').click();
  await page.waitForURL(/\/playground\/#run=/);
  await hydrated(page);
  await page.waitForFunction(() => /位置 [1-9]/.test(document.querySelector('.pg-seek-label')?.textContent ?? ''));
  assert.equal((await page.locator('.pg-outcome').innerText()).trim(), outcome);
  const [, at, total] = /位置 (\d+) \/ (\d+)/.exec(await position(page))!;
  assert.equal(at, total, 'opened at the end of the script');
  // With nothing left to do, the live line says why the run ended (in words, not the simulator's stop id).
  const stepEnabled = await page.locator('.pg-step').isEnabled();
  if (stepEnabled) assert.equal(await page.locator('.pg-stop').count(), 0);
  else assert.match(await page.locator('.pg-stop').innerText(), /^运行结束：(没有在途消息，也没有待触发的计时器|剩下的事件都在时间上限 t=\d+ 之后)$/);
  await page.context().close();
});

test('keyboard only: Tab reaches the controls, Enter steps; reduced motion means no transitions', async () => {
  const { page } = await open('playground/');
  await hydrated(page);
  const step = page.getByRole('button', { name: '下一步' });
  // Start inside the playground (tabbing through the header would open the site search, not ours to test).
  await page.locator('.pg button:not(:disabled)').first().focus();
  for (let i = 0; i < 60 && !(await step.evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press('Tab');
  assert.ok(await step.evaluate((b) => b === document.activeElement), 'Tab reaches 下一步');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  assert.equal(await position(page), '位置 2 / 2');
  assert.equal(await step.evaluate((b) => getComputedStyle(b).transitionDuration), '0s');
  assert.ok((await page.getByRole('button', { name: /^投递 #/ }).count()) > 0, 'each message has a labelled deliver button');
  await page.context().close();
});

test('step, drop a message, crash an acceptor: the diagram and the state table change', async () => {
  const { page } = await open('playground/');
  await hydrated(page);
  assert.equal(await position(page), '位置 0 / 0');
  const before = await rows(page, 'deliver');
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: '下一步' }).click();
  assert.equal(await position(page), '位置 3 / 3');
  assert.ok((await rows(page, 'deliver')) > before, 'deliveries drawn');
  const a1Before = await nodeRow(page, 'A1');
  // Drop the first message in flight.
  const flights = await page.locator('.pg-flights li').count();
  assert.ok(flights > 0, 'messages in flight');
  await page.locator('.pg-flights li').first().getByRole('button', { name: /^丢弃/ }).click();
  assert.equal(await rows(page, 'drop'), 1);
  assert.match(await page.locator('.pg-script').innerText(), /由你接管/);
  // Crash A1: its row is marked and its lifeline broken.
  await page.getByRole('button', { name: '让 A1 崩溃' }).click();
  const a1After = await nodeRow(page, 'A1');
  assert.notEqual(a1After, a1Before);
  assert.match(a1After, /恢复/, 'the row offers recover now');
  assert.equal(await page.locator('.pg-table tr[data-node="A1"].pg-down .pg-badge').count(), 1);
  assert.ok((await page.locator('.pg-life-down').count()) > 0);
  await page.getByRole('button', { name: '让 A1 恢复' }).click();
  assert.equal(await page.locator('.pg-table tr[data-node="A1"] .pg-badge').count(), 0);
  assert.equal(await page.locator('.pg-seq .pg-note-recover').count(), 1);
  assert.match(await page.locator('.pg-safety').innerText(), /安全/);
  await page.screenshot({ path: join(SHOTS, 'playground-desktop-light.png'), fullPage: true });
  await page.context().close();
});

test('seek back, act, and the future forks; a share link reopens the same state', async () => {
  const { page } = await open('playground/');
  await hydrated(page);
  await page.getByRole('button', { name: '走完脚本' }).click();
  const end = await position(page);
  const [, total] = /位置 (\d+) \/ (\d+)/.exec(end)!;
  assert.ok(Number(total) > 5);
  const finalRows = await page.locator('.pg-seq .pg-row').count();
  // Back three steps with the keyboard on the position slider.
  const slider = page.getByRole('slider');
  await slider.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
  assert.equal(await position(page), `位置 ${Number(total) - 3} / ${total}`);
  assert.ok((await page.locator('.pg-seq .pg-row').count()) < finalRows);
  // Acting in the past cuts the old future off.
  await page.locator('.pg-flights li').first().getByRole('button', { name: /^复制/ }).click();
  assert.equal(await position(page), `位置 ${Number(total) - 2} / ${Number(total) - 2}`);
  assert.match(await page.locator('.pg-live').innerText(), /新的未来/);
  await page.getByRole('button', { name: '下一步' }).click();
  const table = await page.locator('.pg-table').innerText();
  const here = await position(page);
  const drawn = await page.locator('.pg-seq .pg-row').count();
  await page.getByRole('button', { name: '复制分享链接' }).click();
  const link = await page.locator('.pg-share input[type="text"]').inputValue();
  assert.match(link, /\/playground\/#run=1\./);
  assert.equal(new URL(page.url()).hash, new URL(link).hash, 'the page keeps its own link current');
  await page.context().close();

  const again = await open(link.slice(suite.url.length));
  await hydrated(again.page);
  await again.page.waitForFunction((p) => document.querySelector('.pg-seek-label')?.textContent === p, here);
  assert.equal(await again.page.locator('.pg-table').innerText(), table);
  assert.equal(await again.page.locator('.pg-seq .pg-row').count(), drawn);
  assert.equal(await again.page.locator('.pg-link-error').count(), 0);
  await again.page.context().close();
});

test('a page loads only its own protocol; a link to a Fast run loads Fast and nothing else, then opens it', async () => {
  const chunks = (page: Page): Promise<string[]> =>
    page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /\/(basic|fast|multi)\.[\w-]+\.js$/.test(n)).map((n) => /\/(basic|fast|multi)\./.exec(n)![1]!));
  const plain = await open('playground/');
  await hydrated(plain.page);
  assert.deepEqual(await chunks(plain.page), ['basic']);
  await plain.page.context().close();
  const payload = { s: { protocol: 'fast', acceptors: 5, clients: 2, seed: 3, workload: false, steps: [{ type: 'propose', node: 'C1', value: 'x' }] }, c: [2] };
  const fast = await open(`playground/#run=1.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`);
  await hydrated(fast.page);
  await fast.page.waitForSelector('.pg-table tr[data-node="C2"]');
  assert.equal(await position(fast.page), '位置 2 / 2');
  assert.deepEqual((await chunks(fast.page)).sort(), ['basic', 'fast']);
  assert.equal(await fast.page.locator('.pg-link-error').count(), 0);
  await fast.page.context().close();
});

test('the first download leaves the scenario checks out (the server made them); a link brings them with its codec', async () => {
  // A message only validate.ts's resolveScenario writes: its presence in a script means the checks shipped.
  const CHECKS = 'only Fast Paxos takes quorum sizes';
  const scripts = async (page: Page): Promise<string[]> => {
    const urls = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.js')));
    return Promise.all(urls.map(async (u) => (await fetch(u)).text()));
  };
  const plain = await open('playground/');
  await hydrated(plain.page);
  const first = await scripts(plain.page);
  assert.ok(first.length > 0);
  assert.equal(first.filter((t) => t.includes(CHECKS)).length, 0);
  await plain.page.context().close();
  const payload = { s: { protocol: 'basic', seed: 4 }, c: [1] };
  const linked = await open(`playground/#run=1.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`);
  await hydrated(linked.page);
  await linked.page.waitForFunction(() => document.querySelector('.pg-seek-label')?.textContent?.includes('1 / 1'));
  assert.ok((await scripts(linked.page)).some((t) => t.includes(CHECKS)), 'the link codec checks the scenario it decodes');
  await linked.page.context().close();
});

test('a garbled or hostile link shows a message and the default scenario, and injects nothing', async () => {
  const { page } = await open('playground/#run=1.eyJzIjp7InByb3RvY29sIjoiYm');
  await hydrated(page);
  await page.waitForSelector('.pg-link-error');
  assert.match(await page.locator('.pg-link-error').innerText(), /链接已损坏/);
  assert.equal(await position(page), '位置 0 / 0');
  await page.screenshot({ path: join(SHOTS, 'garbled-link.png') });
  await page.context().close();
  // A valid link whose title carries markup: shown as text, never parsed.
  const payload = { s: { protocol: 'basic', title: '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>', proposers: 1, seed: 2 } };
  const hash = `run=1.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  const hostile = await open(`playground/#${hash}`);
  await hydrated(hostile.page);
  await hostile.page.getByRole('button', { name: '下一步' }).click();
  assert.equal(await hostile.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  assert.equal(await hostile.page.locator('.pg img').count(), 0);
  await hostile.page.context().close();
});

test('the in-note playground and the manual: usable at 360 px and in the dark', async () => {
  for (const [name, opts] of [
    ['manual-360-dark', { width: 360, dark: true }],
    ['manual-desktop-dark', { width: 1200, dark: true }],
  ] as const) {
    const { page } = await open(suite.site.manualPage, opts);
    const island = page.locator('astro-island').first();
    await island.scrollIntoViewIfNeeded();
    await islandReady(page, island);
    await page.locator('.pg').first().getByRole('button', { name: '下一步' }).click();
    await page.locator('.pg').first().getByRole('button', { name: '下一步' }).click();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `${name}: page scrolls sideways by ${overflow}px`);
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    await page.context().close();
  }
  const { page } = await open('playground/', { width: 360 });
  await hydrated(page);
  for (let i = 0; i < 4; i++) await page.getByRole('button', { name: '下一步' }).click();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `playground at 360 px scrolls sideways by ${overflow}px`);
  await page.screenshot({ path: join(SHOTS, 'playground-360-light.png'), fullPage: true });
  await page.context().close();
});

test('a mutant scenario turns the safety banner red and marks the offending event', async () => {
  const { page } = await open(suite.site.manualPage);
  const heading = page.getByRole('heading', { name: '重用编号：看横幅变红' });
  await heading.scrollIntoViewIfNeeded();
  // client:visible: this island hydrates once it is on screen.
  const pg = page.locator(READY_PLAYGROUND).filter({ has: heading });
  await pg.waitFor({ timeout: 15_000 });
  assert.match(await pg.locator('.pg-safety').innerText(), /到目前为止安全/);
  await pg.getByRole('button', { name: '走完脚本' }).click();
  assert.equal(await pg.locator('.pg-safety.pg-unsafe').count(), 1);
  assert.match(await pg.locator('.pg-safety').innerText(), /安全性被破坏——违反安全性质 \d：\p{Script=Han}/u);
  // The rule, the event and the engine's English only inside the <details>.
  const box = pg.locator('.pg-violation');
  assert.match(await box.innerText(), /出事的是第 \d+ 个事件（t=\d+）：P1 向 A\d 发出 accept\(1\.P1, value2\)/);
  assert.equal(await box.locator('details').getAttribute('open'), null);
  assert.doesNotMatch(await box.locator(':scope > p').allInnerTexts().then((t) => t.join(' ')), /\b(already|sent|slot|ballot)\b/);
  // At the script's end two values are chosen: the banner names agreement, and the rule the run broke first
  // (the reused ballot's second value) is said beneath it.
  assert.match(await pg.locator('.pg-safety').innerText(), /一致性/);
  assert.match(await box.locator('.pg-violation-earlier').innerText(), /更早的一步已经违反安全性质 \d：\p{Script=Han}+.*P1 向 A\d 发出 accept\(1\.P1, value2\)/u);
  // A vote that breaks a rule still counts: value2 reaching a quorum is where agreement breaks.
  assert.match(await box.locator('details p[lang="en"]').textContent() ?? '', /"value2" reached a quorum in slot 0 \(ballot 1\.P1\), but "value1" already had one/);
  assert.ok((await pg.locator('.pg-seq .pg-offending').count()) > 0, 'the offending event is marked in the diagram');
  assert.match(await pg.locator('.pg-outcome').innerText(), /先后选定了 value1 和 value2/);
  await pg.screenshot({ path: join(SHOTS, 'mutant-banner-light.png') });
  await page.context().close();
});

test('no console errors on any page visited', () => {
  assert.deepEqual(problems, []);
});
