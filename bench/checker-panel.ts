// `npm run bench -- checker-panel` (or `node bench/checker-panel.ts [dist]`): the checker panel
// "拆掉一条规则" on the built playground page in Chromium. Prints figures; fails on nothing but a broken page.
//
//   1. each Basic mutant that breaks agreement: click on 找最短反例 to the counterexample shown and loaded
//      into the playground (target ≤ 2 s);
//   2. the correct Basic protocol, standard scope, proved safe (target ≤ 15 s), with the progress reports
//      the page showed on the way; and answer-lower-prepare, the rule whose removal keeps agreement;
//   3. long tasks on the main thread from the click to the verdict (target: none over 50 ms while the
//      worker searches), each with when it started, so the click's and the result's own work are told apart.
//
// The site: `dist` if given, else the project's dist/ (built first if it has no playground page).
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../tests/support/browser.ts';
import { PROJECT_ROOT } from '../tests/support/project.ts';
import { serveDist } from '../tests/support/serve.ts';
import { paxosSite } from '../tests/playground/site.ts';
import { MUTANTS, type MutantName } from '../src/paxos/core/mutants.ts';
import { READY_PLAYGROUND } from '../tests/playground/pages.ts';

const COUNTEREXAMPLE_MS = 2_000;
const SAFE_MS = 15_000;
const LONG_TASK_MS = 50;

interface Measured {
  readonly ms: number;
  readonly result: string;
  readonly states: number;
  readonly depth: number;
  readonly progress: number;
  readonly tasks: readonly { readonly at: number; readonly ms: number }[];
}

async function pickDist(): Promise<string> {
  const arg = process.argv[2];
  if (arg) return arg;
  const own = join(PROJECT_ROOT, 'dist');
  if (existsSync(join(own, 'playground', 'index.html'))) return own;
  process.stderr.write('checker-panel: dist/ has no playground page; building the site (npm run build)…\n');
  return (await paxosSite()).dist;
}

const dist = await pickDist();
const server = await serveDist(dist);
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const errors: string[] = [];
page.on('pageerror', (e) => errors.push(e.message));
page.on('crash', () => errors.push('the page crashed'));
let finished = false;
page.on('close', () => {
  if (!finished) console.error('checker-panel: the page closed before the bench finished');
});
await page.goto(`${server.url}playground/`, { waitUntil: 'networkidle' });
await page.waitForSelector(READY_PLAYGROUND, { timeout: 15_000 });
await page.locator('[data-action="open-checker"]').click();
await page.waitForSelector('[data-action="find-counterexample"]');

/** Switches `mutant`'s rule off (null: every rule on), clicks 找最短反例 and waits for the verdict, in the page. */
async function measure(mutant: MutantName | null): Promise<Measured> {
  for (const box of await page.locator('.pg-rule input').all()) if (!(await box.isChecked())) await box.check();
  if (mutant) await page.locator(`.pg-rule[data-mutant="${mutant}"] input`).uncheck();
  return page.evaluate(
    () =>
      new Promise<Measured>((resolve) => {
        const tasks: { at: number; ms: number }[] = [];
        const observer = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) tasks.push({ at: e.startTime, ms: e.duration });
        });
        observer.observe({ type: 'longtask' });
        const panel = document.querySelector('.pg-checker-panel')!;
        let progress = 0;
        let lastProgress = '';
        const t0 = performance.now();
        const watch = new MutationObserver(() => {
          const p = panel.querySelector('.pg-checker-progress')?.textContent ?? '';
          if (p.includes('已搜') && p !== lastProgress) {
            progress++;
            lastProgress = p;
          }
          const r = panel.querySelector<HTMLElement>('.pg-checker-verdict [data-result]');
          if (!r) return;
          watch.disconnect();
          const ms = performance.now() - t0;
          // Let the long-task entries of the result's own work arrive before reporting.
          setTimeout(() => {
            observer.disconnect();
            resolve({
              ms,
              result: r.dataset['result'] ?? '',
              states: Number(r.dataset['states']),
              depth: Number(r.dataset['depth']),
              progress,
              tasks: tasks.map((t) => ({ at: Math.round(t.at - t0), ms: Math.round(t.ms) })),
            });
          }, 200);
        });
        watch.observe(panel, { subtree: true, childList: true, characterData: true, attributes: true });
        // Bounded: a verdict that never comes is reported as such, not waited for forever.
        setTimeout(() => {
          watch.disconnect();
          observer.disconnect();
          const said = panel.querySelector('.pg-checker-progress')?.textContent ?? panel.textContent?.slice(0, 200) ?? '';
          resolve({ ms: performance.now() - t0, result: `no verdict after 120 s (the panel says: ${said.trim()})`, states: 0, depth: 0, progress, tasks: [] });
        }, 120_000);
        (panel.querySelector('[data-action="find-counterexample"]') as HTMLButtonElement).click();
      }),
  );
}

const fmt = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
/** Long tasks split by when they ran: the click's own (first 100 ms), the result's (last 1 s… from the verdict back), the rest. */
function tasksText(m: Measured): string {
  if (m.tasks.length === 0) return 'none';
  return m.tasks.map((t) => `${t.ms} ms at +${t.at} ms${t.at < 100 ? ' (the click)' : t.at + t.ms >= m.ms - 5 ? ' (loading the result)' : ' (during the search)'}`).join(', ');
}
let worstDuring = 0;
const note = (m: Measured): void => {
  for (const t of m.tasks) if (t.at >= 100 && t.at + t.ms < m.ms - 5) worstDuring = Math.max(worstDuring, t.ms);
};

console.log(`load average: ${loadavg().map((x) => x.toFixed(2)).join(' ')} (2 cores shared)`);
console.log(`\n1. shortest counterexample per Basic mutant, click to verdict loaded (target ≤ ${fmt(COUNTEREXAMPLE_MS)})`);
for (const m of MUTANTS.filter((x) => x.protocol === 'basic' && x.safety === 'broken')) {
  const r = await measure(m.name);
  note(r);
  const flag = r.result !== 'violation' ? '  UNEXPECTED VERDICT' : r.ms > COUNTEREXAMPLE_MS ? '  over target' : '';
  console.log(`   ${m.name.padEnd(20)} ${fmt(r.ms).padStart(8)}  ${r.result}, ${r.states} states, depth ${r.depth}; long tasks: ${tasksText(r)}${flag}`);
}
console.log(`\n2. safe verdicts (target for the correct protocol ≤ ${fmt(SAFE_MS)}, with progress)`);
for (const mutant of [null, 'answer-lower-prepare' as const]) {
  const r = await measure(mutant);
  note(r);
  const flag = r.result !== 'safe' ? '  UNEXPECTED VERDICT' : mutant === null && r.ms > SAFE_MS ? '  over target' : '';
  console.log(`   ${(mutant ?? 'correct Basic').padEnd(20)} ${fmt(r.ms).padStart(8)}  ${r.result}, ${r.states} states, depth ${r.depth}, ${r.progress} progress reports shown; long tasks: ${tasksText(r)}${flag}`);
}
console.log(`\n3. longest main-thread task while a worker searched: ${worstDuring} ms (target: none over ${LONG_TASK_MS} ms)`);
if (errors.length > 0) console.log(`\npage errors: ${errors.join('; ')}`);
finished = true;
await browser.close();
await server.close();
process.exit(errors.length > 0 ? 1 : 0);
