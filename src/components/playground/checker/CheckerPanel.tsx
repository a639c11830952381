// "拆掉一条规则": the reader switches off one of the protocol's rules (the checker's mutants), sets the
// scope, and asks the model checker — in a Web Worker, so the page stays responsive — for the shortest run
// that chooses two values. A counterexample is loaded into the playground as a script to step through; a
// safe verdict names the states searched and the scope it covers; a scope beyond the page's bound says so.
// Every verdict comes with the `paxos check` command that gives the same answer in a terminal.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CheckResult } from '../../../paxos/check/model-check.ts';
import { TraceMonitor } from '../../../paxos/check/properties.ts';
import type { SearchProgress } from '../../../paxos/check/limits.ts';
import { resolveScope, type ResolvedScope } from '../../../paxos/check/scopes.ts';
import { MUTANTS, type MutantName } from '../../../paxos/core/mutants.ts';
import type { ProtocolName } from '../../../paxos/core/trace.ts';
import type { Scenario } from '../../../paxos/sim/scenario.ts';
import { PlaygroundRun } from '../run.ts';
import { counterexampleScenario } from './counterexample-scenario.ts';
import type { CheckReply, CheckRequest } from './check.worker.ts';
import { checkCommand, FIELDS, PAGE_MAX_STATES, RULES, scopeOptions, type ScopeField } from './rules.ts';
import './checker.css';

export interface CheckerPanelProps {
  readonly protocol: ProtocolName;
  /** Opens a scenario in the playground (its script ready to step through from the start). */
  readonly load: (scenario: Scenario) => void;
  readonly Heading: 'h2' | 'h3' | 'h4';
}

type Status =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly progress: SearchProgress | null }
  | { readonly kind: 'cancelled'; readonly progress: SearchProgress | null }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'done'; readonly result: CheckResult; readonly command: string; readonly turns: Milestones | null; readonly loadError: string };

const n = (x: number): string => x.toLocaleString('zh-CN');
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} 秒`;

/** The scope in words, from the checker's echo (what the verdict covers). */
function scopeWords(protocol: ProtocolName, scope: ResolvedScope | CheckResult['scope']): string {
  return FIELDS[protocol].map((f) => `${f.label} ${String(scope[f.field])}`).join('，');
}

/**
 * Where the loaded run turns: the first position at which the playground's banner turns red (its first
 * broken property: a mutant usually breaks its own local rule a few steps before two values are chosen),
 * and the position at which the trace checker sees agreement broken (null if it names another property).
 */
export interface Milestones {
  readonly red: number | null;
  readonly agreement: number | null;
}

function milestones(scenario: Scenario): Milestones {
  const run = new PlaygroundRun(scenario);
  const monitor = new TraceMonitor({ protocol: run.sim.protocol.name, quorums: run.sim.resolved.quorums, nodes: run.sim.nodes });
  let seen = 0;
  let red: number | null = null;
  // Bounded: a counterexample is a few dozen moves; its script cannot be longer than SCENARIO_LIMITS anyway.
  for (let i = 0; i < 1000 && run.next(); i++) {
    if (red === null && run.violation()) red = run.position;
    const events = run.sim.events();
    for (; seen < events.length; seen++) if (monitor.observe(events[seen]!)?.property === 'agreement') return { red, agreement: run.position };
  }
  return { red, agreement: null };
}

export function CheckerPanel(props: CheckerPanelProps) {
  const { protocol, Heading } = props;
  const rules = MUTANTS.filter((m) => m.protocol === protocol);
  const [mutant, setMutant] = useState<MutantName | null>(null);
  const [changed, setChanged] = useState<Partial<Record<ScopeField, number>>>({});
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const worker = useRef<Worker | null>(null);
  const findButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);

  const stop = (): void => {
    worker.current?.terminate();
    worker.current = null;
  };
  useEffect(() => stop, []);

  let resolved: ResolvedScope | null = null;
  let scopeError = '';
  try {
    resolved = resolveScope(scopeOptions(protocol, mutant, changed));
  } catch (err) {
    scopeError = (err as Error).message;
  }

  const switchRule = (name: MutantName, on: boolean): void => {
    // One rule off at a time (the engine breaks one rule per run); a new rule's standard scope comes back.
    setMutant(on ? null : name);
    setChanged({});
    setStatus({ kind: 'idle' });
  };

  const finish = (result: CheckResult, command: string): void => {
    stop();
    let turns: Milestones | null = null;
    let loadError = '';
    if (result.result === 'violation') {
      try {
        const scenario = counterexampleScenario(result.trace, `模型检查器的反例：${mutant ?? '完整协议'}`);
        turns = milestones(scenario);
        props.load(scenario);
      } catch (err) {
        loadError = (err as Error).message;
      }
    }
    setStatus({ kind: 'done', result, command, turns, loadError });
    findButton.current?.focus();
  };

  const find = (): void => {
    if (status.kind === 'running' || !resolved) return;
    stop();
    const command = checkCommand(protocol, mutant, changed);
    const w = new Worker(new URL('./check.worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    w.onmessage = (event: MessageEvent<CheckReply>) => {
      if (worker.current !== w) return;
      const reply = event.data;
      if (reply.type === 'progress') setStatus({ kind: 'running', progress: reply.progress });
      else if (reply.type === 'result') finish(reply.result, command);
      else {
        stop();
        setStatus({ kind: 'error', message: reply.message });
      }
    };
    w.onerror = (event) => {
      event.preventDefault();
      stop();
      setStatus({ kind: 'error', message: event.message || '检查器的 worker 出错了' });
    };
    const request: CheckRequest = { options: scopeOptions(protocol, mutant, changed), maxStates: PAGE_MAX_STATES };
    w.postMessage(request);
    setStatus({ kind: 'running', progress: null });
  };

  const cancel = (): void => {
    if (status.kind !== 'running') return;
    stop();
    setStatus({ kind: 'cancelled', progress: status.progress });
    findButton.current?.focus();
  };

  useEffect(() => {
    if (status.kind === 'running' && status.progress === null) cancelButton.current?.focus();
  }, [status]);

  const running = status.kind === 'running';
  return (
    <section class="pg-checker-panel" aria-label="拆掉一条规则">
      <Heading class="pg-checker-title">拆掉一条规则</Heading>
      <p class="pg-checker-hint">每条规则都是 Paxos 安全的一部分吗？关掉一条，让模型检查器在下面的范围里穷举所有交错，找出选定两个值的最短运行。一次只能拆掉一条。</p>
      <fieldset class="pg-checker-rules" disabled={running}>
        <legend>{protocol === 'basic' ? 'Basic Paxos' : protocol === 'fast' ? 'Fast Paxos' : 'Multi-Paxos'} 的规则</legend>
        {rules.map((m) => (
          <label class={`pg-rule${mutant === m.name ? ' pg-rule-off' : ''}`} data-mutant={m.name}>
            <input type="checkbox" role="switch" checked={mutant !== m.name} onChange={(e) => switchRule(m.name, (e.target as HTMLInputElement).checked)} />
            <span>
              {RULES[m.name]}
              {mutant === m.name && <span class="pg-rule-instead">已拆掉：{m.summary}</span>}
            </span>
          </label>
        ))}
      </fieldset>
      <fieldset class="pg-checker-scope" disabled={running}>
        <legend>范围</legend>
        {FIELDS[protocol].map((f) => (
          <label>
            {f.label}
            <input
              type="number"
              name={f.field}
              min={f.min}
              max={f.max}
              value={resolved ? String(resolved[f.field]) : String(changed[f.field] ?? '')}
              onChange={(e) => {
                const v = Number((e.target as HTMLInputElement).value);
                if (Number.isInteger(v) && v >= f.min && v <= f.max) setChanged({ ...changed, [f.field]: v });
                else (e.target as HTMLInputElement).value = String(resolved?.[f.field] ?? '');
              }}
            />
          </label>
        ))}
        <button type="button" class="pg-checker-reset" onClick={() => setChanged({})} disabled={Object.keys(changed).length === 0}>
          标准范围
        </button>
      </fieldset>
      {scopeError && <p class="pg-checker-error" role="alert">范围无效：{scopeError}</p>}
      <div class="pg-checker-actions">
        <button type="button" class="pg-primary" data-action="find-counterexample" ref={findButton} aria-disabled={running || !resolved} onClick={find}>
          找最短反例
        </button>
        {running && (
          <button type="button" data-action="cancel-check" ref={cancelButton} onClick={cancel}>
            取消
          </button>
        )}
        <span class="pg-checker-cap">本页最多搜索 {n(PAGE_MAX_STATES)} 个状态</span>
      </div>
      {(status.kind === 'running' || status.kind === 'cancelled') && (
        <p class="pg-checker-progress" data-state={status.kind}>
          {status.kind === 'cancelled' ? '已取消。' : '搜索中…'}
          {status.progress
            ? ` 已搜 ${n(status.progress.states)} 个状态，深度 ${status.progress.depth}，每秒 ${n(status.progress.rate)} 个，用时 ${seconds(status.progress.ms)}`
            : status.kind === 'running'
              ? ' 正在启动检查器'
              : ''}
        </p>
      )}
      <div class="pg-checker-verdict" aria-live="polite">
        {status.kind === 'error' && <p class="pg-checker-error">检查器报错：{status.message}</p>}
        {status.kind === 'done' && <Verdict protocol={protocol} status={status} />}
      </div>
    </section>
  );
}

/** Where the loaded run turns, in words. */
function turnsText(t: Milestones | null): string {
  if (!t || t.red === null) return '';
  if (t.agreement === t.red) return `，第 ${t.red} 步两个值都被法定人数接受：一致性被打破，安全横幅变红`;
  const red = `，第 ${t.red} 步安全横幅变红（先违反的是被拆掉的那条规则守护的性质）`;
  return t.agreement === null ? red : `${red}，第 ${t.agreement} 步两个值都被法定人数接受：一致性被打破`;
}

function Verdict({ protocol, status }: { protocol: ProtocolName; status: Status & { kind: 'done' } }) {
  const r = status.result;
  const stats = `搜索了 ${n(r.states)} 个状态，深度 ${r.depth}，用时 ${seconds(r.ms)}`;
  return (
    <div data-result={r.result} data-states={r.states} data-depth={r.depth}>
      {r.result === 'violation' && (
        <>
          <p class="pg-checker-broken">
            <strong>找到最短反例：{r.steps} 步之后，{r.values.map((v) => (v === null ? '空操作' : v)).join(' 和 ')} 都被选定。</strong>
            {stats}。
          </p>
          {status.loadError ? (
            <p class="pg-checker-error">反例没能载入演练场：{status.loadError}</p>
          ) : (
            <p class="pg-checker-loaded" data-red-at={status.turns?.red ?? ''} data-agreement-at={status.turns?.agreement ?? ''}>
              已载入上面的演练场，从头开始：按“下一步”逐步走{turnsText(status.turns)}。
            </p>
          )}
        </>
      )}
      {r.result === 'safe' && (
        <p class="pg-checker-safe">
          <strong>在这个范围内安全：{n(r.states)} 个状态。</strong>
          {stats}，没有任何运行选定两个值。
        </p>
      )}
      {r.result === 'incomplete' && (
        <p class="pg-checker-error" data-reason={r.reason}>
          <strong>这个范围对本页太大：</strong>
          搜到 {n(r.states)} 个状态（本页的上限是 {n(PAGE_MAX_STATES)}）还没搜完，所以什么也没证明。请缩小范围，或在终端里运行下面的命令（没有上限）。
        </p>
      )}
      <p class="pg-checker-scope-echo">范围：{scopeWords(protocol, r.scope)}{r.scope.mutant ? `；拆掉的规则：${r.scope.mutant}` : '；完整协议'}。</p>
      <p class="pg-checker-command">
        同样的检查：<code>{status.command}</code>
      </p>
    </div>
  );
}
