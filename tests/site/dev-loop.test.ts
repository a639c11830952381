// The author's loop, tested the way it is used: `astro dev` on a fixture site that was never built, with
// an empty diagram cache; files are edited on disk and the served HTML (and an open tab) must follow.
// Every mistake must be reported with the file and the line while the other pages keep answering, and
// fixing it must bring the page back without a restart. When the server stops, its Chromium goes too.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { runScenario } from '../../src/paxos/sim/index.ts';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import type { Scenario } from '../../src/paxos/sim/scenario.ts';
import { closeTab, launchChromium } from '../support/browser.ts';
import { allowProjectFiles, startDev, type DevServer } from '../support/dev-server.ts';
import { plain } from '../support/html.ts';
import { PROJECT_ROOT } from '../support/project.ts';
import { within as withDeadline } from '../../src/deadline.ts';
import { makeSite, removeSite, type Site } from '../support/site-build.ts';

const MERMAID_NOTE = `---
title: 图
date: 2024-01-01
---

开头。

\`\`\`mermaid
%%{init: {"sequence": {"mirrorActors": false}}}%%
sequenceDiagram
    participant P as 提议者
    participant A as 接受者
    P->>A: prepare(1)
\`\`\`

\`\`\`mermaid
flowchart LR
    stay[不变的图] --> same[一直不变]
\`\`\`

\`\`\`paxos
use: basic/preempted
caption: 栅栏里的场景
\`\`\`
`;

const COMPONENT_NOTE = `---
title: 组件
date: 2024-01-02
---
import { PaxosDiagram, PaxosCounterexample } from '@/components/paxos';
import { preempted } from '@/scenarios/basic';

<PaxosDiagram scenario={preempted} caption="组件里的场景" />

<PaxosCounterexample mutant="no-reply" />
`;

const OTHER_NOTE = `---
title: 别的笔记
date: 2024-01-03
---

这一篇没有图。
`;

let serverOutput = (): string => '';

/** Polls `check` until it holds (a served page follows an edit within a moment, not at once). */
async function eventually(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}\n--- astro dev said (last lines):\n${plain(serverOutput()).slice(-2500)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/**
 * `step` within `ms`, or a failure that says which step and what the server said: every wait in this file
 * is bounded, so a stuck step fails on its own instead of running out the whole suite's clock.
 */
function within<T>(ms: number, what: string, step: Promise<T>): Promise<T> {
  return withDeadline(ms, what, step).catch((err: Error) => {
    throw new Error(`${err.message}\n--- astro dev said (last lines):\n${plain(serverOutput()).slice(-2500)}`, { cause: err });
  });
}

/** Chromium processes started for this server: they inherit its environment, marker included. */
function processesWithMarker(marker: string): number[] {
  const found: number[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'utf8').includes(marker)) found.push(Number(pid));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

describe('astro dev: the author’s loop', { timeout: 300_000 }, () => {
  let site: Site;
  let dev: DevServer;
  let cacheDir: string;
  let browser: Browser | undefined;
  const marker = `PAXOS_DEV_LOOP_TEST=${process.pid}-${Date.now()}`;
  const note = (name: string) => join(site.root, 'content', 'notes', name);
  const scenarioFile = () => join(site.root, 'content', 'scenarios', 'basic', 'preempted.json');
  const get = (path: string) =>
    within(60_000, `GET /${path}`, (async () => {
      const res = await fetch(`${dev.url}${path}`, { signal: AbortSignal.timeout(60_000) });
      return { status: res.status, html: await res.text() };
    })());
  const svgCount = () => readdirSync(cacheDir).filter((f) => f.endsWith('.svg')).length;
  const edit = (file: string, from: string | RegExp, to: string) => {
    const text = readFileSync(file, 'utf8');
    const next = text.replace(from, to);
    assert.notEqual(next, text, `the edit of ${file} changed nothing`);
    writeFileSync(file, next);
  };
  /** What Astro's error overlay says on `path`, once it shows. */
  const overlayText = async (page: Page, path: string): Promise<string> => {
    await page.goto(`${dev.url}${path}`);
    const text = await page.waitForFunction(() => document.querySelector('vite-error-overlay')?.shadowRoot?.textContent ?? '', undefined, {
      timeout: 45_000,
    });
    return String(await text.jsonValue());
  };
  /** Breaks `file` for the length of `body`, and puts it back even when the body fails (later tests need it whole). */
  const whileBroken = async (file: string, from: string | RegExp, to: string, body: () => Promise<void>) => {
    const original = readFileSync(file, 'utf8');
    edit(file, from, to);
    try {
      await body();
    } finally {
      writeFileSync(file, original);
    }
  };

  before(async () => {
    site = makeSite({ name: 'dev-loop', notes: { 'diagrams.md': MERMAID_NOTE, 'components.mdx': COMPONENT_NOTE, 'other.md': OTHER_NOTE } });
    cacheDir = mkdtempSync(join(tmpdir(), 'dev-loop-cache-'));
    const [key, value] = marker.split('=') as [string, string];
    dev = await startDev(site, { PAXOS_DIAGRAM_CACHE: cacheDir, [key]: value }, 120_000);
    serverOutput = () => dev.output();
  });
  after(async () => {
    await browser?.close();
    await dev?.stop();
    if (site) removeSite(site);
    if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
  });

  it('draws every diagram of a cold page: mermaid blocks, a ```paxos fence, <PaxosDiagram>, <PaxosCounterexample>', async () => {
    assert.equal(svgCount(), 0, 'the cache starts empty');
    const md = await get('notes/diagrams/');
    assert.equal(md.status, 200, plain(dev.output()));
    // Three figures, each drawn once for both themes.
    assert.equal((md.html.match(/<figure class="diagram /g) ?? []).length, 3, md.html.slice(0, 500));
    assert.ok((md.html.match(/<svg/g) ?? []).length >= 3);
    assert.match(md.html, /栅栏里的场景/);
    const mdx = await get('notes/components/');
    assert.equal(mdx.status, 200, plain(dev.output()));
    assert.match(mdx.html, /组件里的场景/);
    assert.ok((mdx.html.match(/<svg/g) ?? []).length >= 2, 'a diagram and a counterexample, one SVG each');
    assert.doesNotMatch(plain(dev.output()), /could not be rendered|__vite_ssr/);
  });

  it('an edited mermaid block reaches the open tab without a reload, and only that diagram is rendered again', async () => {
    browser = await within(60_000, 'launching Chromium', launchChromium());
    const page = await within(30_000, 'opening a tab', browser.newPage());
    await page.goto(`${dev.url}notes/diagrams/`);
    const before = svgCount();
    edit(note('diagrams.md'), 'P->>A: prepare(1)', 'P->>A: prepare(2) 改过');
    await page.waitForFunction(() => document.body.innerText.includes('prepare(2) 改过'), undefined, { timeout: 45_000 });
    // The edited diagram in two themes; the untouched flowchart and the fence come from memory.
    assert.equal(svgCount() - before, 2);
    const { html } = await get('notes/diagrams/');
    assert.match(html, /prepare\(2\) 改过/);
    await within(30_000, 'closing the tab', closeTab(page));
  });

  it('an edited scenario file re-runs <PaxosDiagram> and the ```paxos fence that use it', async () => {
    edit(scenarioFile(), /"value": "value2"/, '"value": "改过的值"');
    await eventually('the component note shows the new value', async () => (await get('notes/components/')).html.includes('改过的值'));
    await eventually('the fenced note shows the new value', async () => (await get('notes/diagrams/')).html.includes('改过的值'));
  });

  it('an edit to the engine re-runs the figures drawn from it', async () => {
    const labels = join(site.root, 'src', 'paxos', 'render', 'labels.ts');
    const original = readFileSync(labels, 'utf8');
    edit(labels, "propose: '提议'", "propose: '提议·改'");
    try {
      await eventually('the fence shows the edited label', async () => (await get('notes/diagrams/')).html.includes('提议·改'));
      await eventually('the component shows the edited label', async () => (await get('notes/components/')).html.includes('提议·改'));
    } finally {
      writeFileSync(labels, original);
    }
  });

  it('a broken mermaid block: the message names file and line, other pages answer, the fix brings it back', async () => {
    const from = dev.output().length;
    const page = await within(30_000, 'opening a tab', browser!.newPage());
    await whileBroken(note('diagrams.md'), '[不变的图] --> same[一直不变]', '[不变的图 --> same[一直不变]', async () => {
      await eventually('the page fails', async () => (await get('notes/diagrams/')).status === 500);
      // The fence opens on line 16; the broken node is on line 18.
      await eventually('the terminal names file and line', async () =>
        /content\/notes\/diagrams\.md:18: Mermaid diagram \(block starting at line 16\) is invalid/.test(plain(dev.output().slice(from))),
      );
      assert.equal((await get('notes/other/')).status, 200);
      assert.equal((await get('notes/components/')).status, 200);
      // Astro's overlay, where the author looks, says the same.
      assert.match(await overlayText(page, 'notes/diagrams/'), /content\/notes\/diagrams\.md:18: Mermaid diagram/);
    });
    // The fix reaches the tab that showed the overlay.
    await page.waitForFunction(() => document.body.innerText.includes('开头'), undefined, { timeout: 45_000 });
    await within(30_000, 'closing the tab', closeTab(page));
    assert.equal((await get('notes/diagrams/')).status, 200);
  });

  it('an invalid scenario: file, line and field in the terminal and the overlay; the fix recovers', async () => {
    const from = dev.output().length;
    await whileBroken(scenarioFile(), /"to": "P1"/, '"to": "P9"', async () => {
      const line = readFileSync(scenarioFile(), 'utf8').split('\n').findIndex((l) => l.includes('"P9"')) + 1;
      await eventually('the page fails', async () => (await get('notes/components/')).status === 500);
      await eventually('the terminal names the file, line and field', async () =>
        new RegExp(`content/scenarios/basic/preempted\\.json:${line}: steps\\[\\d+\\]\\.match\\.to: unknown node "P9"`).test(plain(dev.output().slice(from))),
      );
      assert.equal((await get('notes/other/')).status, 200);
      const page = await within(30_000, 'opening a tab', browser!.newPage());
      assert.match(await overlayText(page, 'notes/components/'), new RegExp(`preempted\\.json:${line}: steps\\[\\d+\\]\\.match\\.to: unknown node "P9"`));
      await within(30_000, 'closing the tab', closeTab(page));
    });
    await eventually('the page is back', async () => (await get('notes/components/')).status === 200);
  });

  it('a bad ```paxos fence names the note, the line and the field', async () => {
    const from = dev.output().length;
    await whileBroken(note('diagrams.md'), 'use: basic/preempted', 'use: basic/preempted\nacceptors: lots', async () => {
      await eventually('the page fails', async () => (await get('notes/diagrams/')).status === 500);
      await eventually('the terminal names the field', async () =>
        /content\/notes\/diagrams\.md:23: ```paxos block: acceptors:/.test(plain(dev.output().slice(from))),
      );
    });
    await eventually('the page is back', async () => (await get('notes/diagrams/')).status === 200);
  });

  it('bad front matter: the build’s words on the page and in the terminal; the server keeps serving; the fix recovers', async () => {
    const from = dev.output().length;
    await whileBroken(note('other.md'), 'date: 2024-01-03', 'date: 2024-01-03\ndraft: maybe', async () => {
      await eventually('the page fails', async () => (await get('notes/other/')).status === 500);
      await eventually('the terminal says what to do', async () =>
        /content\/notes\/other\.md:4: front matter field "draft"[\s\S]*fix: write draft: true or draft: false/.test(plain(dev.output().slice(from))),
      );
      assert.equal((await get('notes/diagrams/')).status, 200);
    });
    await eventually('the page is back', async () => (await get('notes/other/')).status === 200);
  });

  it('of two saves 20 ms apart, the page shows the second (the watcher drops a change that quick)', async () => {
    // The title: the content layer reads it when the change is reported (a body is read when the page is).
    const original = readFileSync(note('other.md'), 'utf8');
    const titled = (title: string) => original.replace('title: 别的笔记', `title: ${title}`);
    try {
      for (const round of [1, 2, 3]) {
        writeFileSync(note('other.md'), titled(`第 ${round} 轮第一次保存`));
        await new Promise((resolve) => setTimeout(resolve, 20));
        writeFileSync(note('other.md'), titled(`第 ${round} 轮第二次保存`));
        await eventually(`round ${round}: the second save's title shows`, async () => (await get('notes/other/')).html.includes(`第 ${round} 轮第二次保存`), 10_000);
      }
    } finally {
      writeFileSync(note('other.md'), original);
    }
    await eventually('the note is as it was', async () => (await get('notes/other/')).html.includes('别的笔记'));
  });

  it('a new note appears, a deleted one goes, a changed title shows', async () => {
    writeFileSync(note('fresh.md'), '---\ntitle: 新来的\ndate: 2024-02-01\n---\n\n新笔记的正文。\n');
    await eventually('the new note is served', async () => {
      const r = await get('notes/fresh/');
      return r.status === 200 && r.html.includes('新笔记的正文');
    });
    // Edited at once: a save that lands while the content layer is still taking the new file in used to be
    // lost now and then (the watcher dropped it, dropped-saves.ts); it must show like any other.
    edit(note('fresh.md'), 'title: 新来的', 'title: 改了名字');
    await eventually('the new title shows', async () => (await get('notes/fresh/')).html.includes('改了名字'));
    unlinkSync(note('fresh.md'));
    await eventually('the deleted note is gone', async () => (await get('notes/fresh/')).status === 404);
  });

  it('the playground’s recording is saved as a scenario file that replays to the same trace', async () => {
    const scenario: Scenario = {
      protocol: 'basic',
      seed: 4,
      steps: [
        { type: 'propose', node: 'P1', value: 'x' },
        { type: 'run', until: 'quiet' },
      ],
    };
    const post = (body: unknown) =>
      fetch(`${dev.url}__paxos/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(60_000) });
    const saved = await post({ name: 'recorded-run', scenario });
    assert.equal(saved.status, 200, await saved.clone().text());
    const result = (await saved.json()) as { path: string; lines: string[] };
    assert.equal(result.path, 'content/scenarios/basic/recorded-run.json');
    assert.match(result.lines.join('\n'), /export const recordedRun = defineScenario\('basic\/recorded-run', recordedRunJson\);/);
    const file = join(site.root, result.path);
    const replay = spawnSync(process.execPath, ['src/cli/paxos.ts', 'simulate', '--scenario', file, '--format', 'json'], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    });
    assert.equal(replay.status, 0, replay.stderr);
    const trace = runScenario(scenario);
    assert.equal(checkTrace(trace), null, 'the recorded run is safe');
    assert.equal(replay.stdout.trim(), JSON.stringify(trace));
    // Saving again asks first; a name that is not a plain file name is refused and nothing is written.
    assert.equal((await post({ name: 'recorded-run', scenario })).status, 409);
    assert.equal((await post({ name: 'recorded-run', scenario, overwrite: true })).status, 200);
    assert.equal((await post({ name: '../../escape', scenario })).status, 400);
    assert.ok(!existsSync(join(site.root, 'escape.json')));
    assert.equal((await fetch(`${dev.url}__paxos/scenarios`, { signal: AbortSignal.timeout(60_000) })).status, 405);
  });

  it('stopping the server leaves no Chromium behind', async () => {
    assert.ok(processesWithMarker(marker).length > 1, 'the server and its Chromium carry the marker');
    await browser?.close();
    browser = undefined;
    // Only the astro process gets the signal, as from a process manager; it must take Chromium with it.
    process.kill(dev.pid, 'SIGTERM');
    await eventually('every process of the server is gone', async () => processesWithMarker(marker).length === 0, 15_000);
  });
});

// The form needs the island running, and the island needs Vite to serve the project's packages to the
// browser (allowProjectFiles); that server is kept apart from the one above, whose pages load no island.
describe('astro dev: saving a run from the playground', { timeout: 180_000 }, () => {
  let site: Site;
  let dev: DevServer;
  let browser: Browser;

  before(async () => {
    site = makeSite({
      name: 'dev-save',
      notes: {
        'play.mdx':
          "---\ntitle: 演练\ndate: 2024-03-01\n---\nimport { PaxosPlayground } from '@/components/paxos';\nimport { smooth } from '@/scenarios/basic';\n\n<PaxosPlayground client:load scenario={smooth} />\n",
      },
    });
    allowProjectFiles(site);
    dev = await startDev(site, {}, 120_000);
    serverOutput = () => dev.output();
    browser = await within(60_000, 'launching Chromium', launchChromium());
  });
  after(async () => {
    await browser?.close();
    await dev?.stop();
    if (site) removeSite(site);
  });

  it('the playground’s “保存为场景文件” form saves the run, asks before replacing, works from the keyboard', async () => {
    const page = await within(30_000, 'opening a tab', browser.newPage());
    try {
      await page.goto(`${dev.url}notes/play/`);
      const form = page.locator('[data-action="save-scenario"]');
      // The island is live once its button is enabled.
      await form.locator('button[type="submit"]:not([disabled])').waitFor({ timeout: 30_000 });
      await form.locator('input').focus();
      await page.keyboard.type('from-the-form');
      await page.keyboard.press('Enter');
      await form.locator('pre').waitFor({ timeout: 45_000 });
      const file = join(site.root, 'content', 'scenarios', 'basic', 'from-the-form.json');
      const saved = JSON.parse(readFileSync(file, 'utf8')) as Scenario;
      assert.equal(saved.protocol, 'basic');
      assert.equal(checkTrace(runScenario(saved)), null);
      // Saving again asks; the question takes the focus, and Enter answers it.
      await form.locator('input').focus();
      await page.keyboard.press('Enter');
      await page.getByText('覆盖它').waitFor({ timeout: 45_000 });
      // The focus follows the question once it is drawn (an effect, a moment after the text shows).
      await page.waitForFunction(() => document.activeElement?.textContent?.trim() === '覆盖它', undefined, { timeout: 10_000 });
      await page.keyboard.press('Enter');
      await page.getByText(/已覆盖/).waitFor({ timeout: 45_000 });
    } finally {
      await within(30_000, 'closing the tab', closeTab(page));
    }
  });

});
