// "拆掉一条规则": the reader switches off one of the protocol's rules (the checker's mutants), sets the
// scope, and asks the model checker for the shortest run that chooses two values. All of the checker runs
// in a Web Worker (check.worker.ts), started when the panel opens: the page ships none of it before, and the
// main thread only draws progress and verdicts. A counterexample is loaded into the playground as a script
// to step through; a safe verdict names the states searched and the scope it covers; a scope beyond the
// page's bound says so. Every verdict comes with the `paxos check` command that gives the same answer.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CheckResult } from '../../../paxos/check/model-check.ts';
import type { SearchProgress } from '../../../paxos/check/limits.ts';
import type { ResolvedScope } from '../../../paxos/check/scopes.ts';
import type { MutantName } from '../../../paxos/core/mutants.ts';
import type { ProtocolName } from '../../../paxos/core/trace.ts';
import type { Scenario } from '../../../paxos/sim/scenario.ts';
import type { CheckReply, CheckRequest, Milestones, Rule } from './check.worker.ts';
import { checkCommand, FIELDS, PAGE_MAX_STATES, RULES, scopeOptions, type FieldInfo, type ScopeField } from './rules.ts';
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
const startWorker = (): Worker => new Worker(new URL('./check.worker.ts', import.meta.url), { type: 'module' });

/** The scope in words, from the checker's echo (what the verdict covers). */
function scopeWords(protocol: ProtocolName, scope: CheckResult['scope']): string {
  return FIELDS[protocol].map((f) => `${f.label} ${String(scope[f.field])}`).join('，');
}

export function CheckerPanel(props: CheckerPanelProps) {
  const { protocol, Heading } = props;
  const [mutant, setMutant] = useState<MutantName | null>(null);
  const [changed, setChanged] = useState<Partial<Record<ScopeField, number>>>({});
  const [rules, setRules] = useState<readonly Rule[]>([]);
  /** The checker's last answer about the scope, with the options it answered for. */
  const [scope, setScope] = useState<{ key: string; resolved: ResolvedScope | null; error: string } | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  /** Bumped to start a fresh worker (after a cancel or a finished search). */
  const [generation, setGeneration] = useState(0);
  const worker = useRef<Worker | null>(null);
  const command = useRef('');
  const findButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const { load } = props;

  // One worker at a time; its replies are ignored once it is replaced.
  useEffect(() => {
    const w = startWorker();
    worker.current = w;
    w.onmessage = (event: MessageEvent<CheckReply>) => {
      if (worker.current !== w) return;
      const reply = event.data;
      if (reply.type === 'scope') {
        setRules(reply.rules);
        setScope({ key: reply.key, resolved: reply.scope, error: reply.error });
      } else if (reply.type === 'progress') {
        setStatus({ kind: 'running', progress: reply.progress });
      } else if (reply.type === 'result') {
        if (reply.scenario) load(reply.scenario);
        setStatus({ kind: 'done', result: reply.result, command: command.current, turns: reply.turns, loadError: reply.loadError });
        findButton.current?.focus();
        // A fresh worker for the next search: the finished one's heap (millions of states) goes with it.
        setGeneration((g) => g + 1);
      } else {
        setStatus({ kind: 'error', message: reply.message });
      }
    };
    w.onerror = (event) => {
      event.preventDefault();
      if (worker.current === w) setStatus({ kind: 'error', message: event.message || '检查器的 worker 出错了' });
    };
    return () => {
      w.terminate();
      if (worker.current === w) worker.current = null;
    };
  }, [generation]);

  // The scope the checker would search, whenever the rule or a field changes (or a fresh worker starts).
  const options = scopeOptions(protocol, mutant, changed);
  const key = JSON.stringify(options);
  useEffect(() => {
    const request: CheckRequest = { type: 'scope', protocol, options, key };
    worker.current?.postMessage(request);
  }, [key, generation]);

  const switchRule = (name: MutantName, on: boolean): void => {
    // One rule off at a time (the engine breaks one rule per run); a new rule's standard scope comes back.
    setMutant(on ? null : name);
    setChanged({});
    setStatus({ kind: 'idle' });
  };

  const running = status.kind === 'running';
  const find = (): void => {
    // A click while the scope's answer is on its way still counts: the worker reads its messages in order,
    // so the search starts right after it has answered for the scope (a refused scope cannot be searched).
    if (running || refused || !worker.current) return;
    command.current = checkCommand(protocol, mutant, changed);
    const request: CheckRequest = { type: 'check', options: scopeOptions(protocol, mutant, changed), maxStates: PAGE_MAX_STATES, title: `模型检查器的反例：拆掉“${mutant ? RULES[mutant] : ''}”` };
    worker.current.postMessage(request);
    setStatus({ kind: 'running', progress: null });
  };

  const cancel = (): void => {
    if (!running) return;
    worker.current?.terminate();
    worker.current = null;
    setStatus({ kind: 'cancelled', progress: status.progress });
    setGeneration((g) => g + 1);
    findButton.current?.focus();
  };

  useEffect(() => {
    if (status.kind === 'running' && status.progress === null) cancelButton.current?.focus();
  }, [status]);

  const resolved = scope?.resolved ?? null;
  /** What a scope field shows: the reader's number, else the checker's. */
  const shownValue = (field: ScopeField): string => String(changed[field] ?? resolved?.[field] ?? '');
  /** Takes a field's text if it is a whole number in the field's range; says whether it did. */
  const commitField = (f: FieldInfo, raw: string): boolean => {
    const v = Number(raw);
    if (raw.trim() === '' || !Number.isInteger(v) || v < f.min || v > f.max) return false;
    setChanged((c) => (c[f.field] === v ? c : { ...c, [f.field]: v }));
    return true;
  };
  /** The checker has answered for these options and said they are no scope it can search. */
  const refused = scope?.key === key && resolved === null;
  return (
    <section class="pg-checker-panel" aria-label="拆掉一条规则">
      <Heading class="pg-checker-title">拆掉一条规则</Heading>
      <p class="pg-checker-hint">每条规则都是 Paxos 安全的一部分吗？关掉一条，让模型检查器在下面的范围里穷举所有交错，找出选定两个值的最短运行。一次只能拆掉一条。</p>
      <fieldset class="pg-checker-rules" disabled={running} aria-busy={rules.length === 0}>
        <legend>{protocol === 'basic' ? 'Basic Paxos' : protocol === 'fast' ? 'Fast Paxos' : 'Multi-Paxos'} 的规则</legend>
        {rules.length === 0 && <p class="pg-checker-hint">正在载入模型检查器…</p>}
        {rules.map((m) => (
          <label class={`pg-rule${mutant === m.name ? ' pg-rule-off' : ''}`} data-mutant={m.name}>
            <input type="checkbox" role="switch" checked={mutant !== m.name} onChange={(e) => switchRule(m.name, (e.target as HTMLInputElement).checked)} />
            <span>
              <span class="pg-rule-text">{RULES[m.name]}</span>
              {mutant === m.name && <span class="pg-rule-instead">已拆掉：{m.summary}</span>}
            </span>
          </label>
        ))}
      </fieldset>
      {/* Closed until the checker's first answer fills the fields: a number typed before it would be
          overwritten under the reader's cursor (the standard value arriving appended to it, out of range). */}
      <fieldset class="pg-checker-scope" disabled={running || scope === null} aria-busy={scope === null}>
        <legend>范围</legend>
        {FIELDS[protocol].map((f) => (
          <label>
            {f.label}
            <input
              type="number"
              name={f.field}
              min={f.min}
              max={f.max}
              value={shownValue(f.field)}
              onInput={(e) => commitField(f, (e.target as HTMLInputElement).value)}
              onBlur={(e) => {
                // Leaving the field commits a number in range (as typing does), and only anything else is
                // replaced by the value the search would use. Writing that value back unconditionally undid,
                // now and then, a field just filled: a blur that lands before the render following the last
                // keystroke sees this render's `changed`, without the new number.
                // A field left as it was stays the checker's (not the reader's): the command lists only changes.
                const input = e.target as HTMLInputElement;
                if (input.value !== shownValue(f.field) && !commitField(f, input.value)) input.value = shownValue(f.field);
              }}
            />
          </label>
        ))}
        <button type="button" class="pg-checker-reset" onClick={() => setChanged({})} disabled={Object.keys(changed).length === 0}>
          标准范围
        </button>
      </fieldset>
      {scope?.key === key && scope.error && (
        <p class="pg-checker-error" role="alert">
          范围无效：{scope.error}
        </p>
      )}
      <div class="pg-checker-actions">
        <button type="button" class="pg-primary" data-action="find-counterexample" ref={findButton} aria-disabled={running || refused} onClick={find}>
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
      <p class="pg-checker-scope-echo">
        范围：{scopeWords(protocol, r.scope)}
        {r.scope.mutant ? `；拆掉的规则：${r.scope.mutant}` : '；完整协议'}。
      </p>
      <p class="pg-checker-command">
        同样的检查：<code>{status.command}</code>
      </p>
    </div>
  );
}
