// End to end in Chromium against the built site: the state table's 成员 column (Multi with reconfiguration)
// on the chapter's reconfiguration playground (multi/reconfigure, the last playground of chapter 3). The
// column is a real table column (a header cell, so a screen reader names each cell by it) that each
// server's row fills from the engine's view, and on a 360 px screen each cell carries its label like the
// others. A playground without reconfiguration has no such column. Screenshots go to
// test-results/playground/ (membership-*.png).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Locator } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { PROJECT_ROOT } from '../support/project.ts';
import { serveDist, type DistServer } from '../support/serve.ts';
import { islandReady, openPage, type OpenOptions, type Opened } from './pages.ts';
import { paxosSite } from './site.ts';

const SHOTS = join(PROJECT_ROOT, 'test-results', 'playground');
const CHAPTER = 'notes/paxos-03-multi/';
let server: DistServer;
let browser: Browser;
const problems: string[] = [];

before(async () => {
  server = await serveDist((await paxosSite()).dist);
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const open = (path: string, opts: OpenOptions = {}): Promise<Opened> => openPage(browser, server.url, path, problems, opts);
const cell = (pg: Locator, node: string): Locator => pg.locator(`.pg-table tr[data-node="${node}"] td.pg-members`);

/** The chapter's reconfiguration playground, hydrated and scrolled into view. */
async function reconfigPlayground(opts: OpenOptions): Promise<{ opened: Opened; pg: Locator }> {
  const opened = await open(CHAPTER, opts);
  const island = opened.page.locator('astro-island').last();
  await island.scrollIntoViewIfNeeded();
  // This island itself: the chapter has two, each hydrating when it comes into view (a CI run clicked the
  // server markup of this one while only the other was live).
  await islandReady(opened.page, island);
  const pg = island.locator('.pg');
  return { opened, pg };
}

test('chapter 3, reconfiguration playground: a 成员 column, each server\'s membership following the log', async () => {
  const { opened, pg } = await reconfigPlayground({ width: 1280 });
  const headers = await pg.locator('.pg-table thead th').allInnerTexts();
  assert.ok(headers.includes('成员'), `headers: ${headers.join(' | ')}`);
  // Before anything happens every server believes slot 0 belongs to S1 S2 S3 (S4 is a spare).
  for (const id of ['S1', 'S2', 'S3', 'S4']) assert.equal((await cell(pg, id).innerText()).trim(), 's0: S1 S2 S3', id);
  // Clients have no membership.
  assert.equal((await cell(pg, 'C1').innerText()).trim(), '—');
  await pg.getByRole('button', { name: '走完脚本' }).click();
  // After the run: slot 1 chose `config S1 S2 S4`, so the leader and its followers are under S1 S2 S4.
  for (const id of ['S1', 'S2', 'S4']) assert.match(await cell(pg, id).innerText(), /^s\d+: S1 S2 S4$/, id);
  // Five slots of entries and the extra column still leave every button inside the table.
  const beyond = await pg.locator('td.pg-node-actions button').evaluateAll((bs) => Math.max(...bs.map((b) => b.getBoundingClientRect().right - b.closest('.pg-table-box')!.getBoundingClientRect().right)));
  assert.ok(beyond <= 0, `a node's button sticks out of the table by ${beyond}px`);
  await opened.page.screenshot({ path: join(SHOTS, 'membership-1280.png') });
  await opened.page.context().close();
});

test('chapter 3, reconfiguration playground at 360 px: each membership cell is labelled, nothing scrolls sideways', async () => {
  const { opened, pg } = await reconfigPlayground({ width: 360 });
  assert.equal(await cell(pg, 'S1').getAttribute('data-label'), '成员');
  // The header row is hidden visually on a narrow screen but stays in the table for screen readers.
  assert.equal(await pg.locator('.pg-table thead th', { hasText: '成员' }).count(), 1);
  const overflow = await opened.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `the chapter scrolls sideways by ${overflow}px at 360 px`);
  await pg.locator('.pg-table').screenshot({ path: join(SHOTS, 'membership-360.png') });
  await opened.page.context().close();
});

test('a Multi playground without reconfiguration has no 成员 column', async () => {
  const opened = await open(CHAPTER, { width: 1280 });
  const island = opened.page.locator('astro-island').first();
  await island.scrollIntoViewIfNeeded();
  await islandReady(opened.page, island);
  const headers = await island.locator('.pg-table thead th').allInnerTexts();
  assert.ok(headers.length > 0 && !headers.includes('成员'), `headers: ${headers.join(' | ')}`);
  await opened.page.context().close();
});

test('no console errors on any page visited', () => {
  assert.deepEqual(problems, []);
});
