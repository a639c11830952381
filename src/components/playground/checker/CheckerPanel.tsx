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
import { checkerStrings } from '../../../i18n/checker.ts';
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

const t = checkerStrings();
const startWorker = (): Worker => new Worker(new URL('./check.worker.ts', import.meta.url), { type: 'module' });

/** The scope in words, from the checker's echo (what the verdict covers). */
function scopeWords(protocol: ProtocolName, scope: CheckResult['scope']): string {
  return FIELDS[protocol].map((f) => `${f.label} ${String(scope[f.field])}`).join(t.list);
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
      if (worker.current === w) setStatus({ kind: 'error', message: event.message || t.workerFailed });
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
    const request: CheckRequest = { type: 'check', options: scopeOptions(protocol, mutant, changed), maxStates: PAGE_MAX_STATES, title: t.traceTitle(mutant ? RULES[mutant] : '') };
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
    <section class="pg-checker-panel" aria-label={t.title}>
      <Heading class="pg-checker-title">{t.title}</Heading>
      <p class="pg-checker-hint">{t.hint}</p>
      <fieldset class="pg-checker-rules" disabled={running} aria-busy={rules.length === 0}>
        <legend>{t.rulesOf(protocol === 'basic' ? 'Basic Paxos' : protocol === 'fast' ? 'Fast Paxos' : 'Multi-Paxos')}</legend>
        {rules.length === 0 && <p class="pg-checker-hint">{t.loading}</p>}
        {rules.map((m) => (
          <label class={`pg-rule${mutant === m.name ? ' pg-rule-off' : ''}`} data-mutant={m.name}>
            <input type="checkbox" role="switch" checked={mutant !== m.name} onChange={(e) => switchRule(m.name, (e.target as HTMLInputElement).checked)} />
            <span>
              <span class="pg-rule-text">{RULES[m.name]}</span>
              {mutant === m.name && <span class="pg-rule-instead">{t.ruleOff(m.summary)}</span>}
            </span>
          </label>
        ))}
      </fieldset>
      {/* Closed until the checker's first answer fills the fields: a number typed before it would be
          overwritten under the reader's cursor (the standard value arriving appended to it, out of range). */}
      <fieldset class="pg-checker-scope" disabled={running || scope === null} aria-busy={scope === null}>
        <legend>{t.scope}</legend>
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
          {t.standardScope}
        </button>
      </fieldset>
      {scope?.key === key && scope.error && (
        <p class="pg-checker-error" role="alert">
          {t.scopeInvalid(scope.error)}
        </p>
      )}
      <div class="pg-checker-actions">
        <button type="button" class="pg-primary" data-action="find-counterexample" ref={findButton} aria-disabled={running || refused} onClick={find}>
          {t.find}
        </button>
        {running && (
          <button type="button" data-action="cancel-check" ref={cancelButton} onClick={cancel}>
            {t.cancel}
          </button>
        )}
        <span class="pg-checker-cap">{t.pageCap(PAGE_MAX_STATES)}</span>
      </div>
      {(status.kind === 'running' || status.kind === 'cancelled') && (
        <p class="pg-checker-progress" data-state={status.kind}>
          {status.kind === 'cancelled' ? t.cancelled : t.searching}
          {status.progress
            ? t.progress(status.progress.states, status.progress.depth, status.progress.rate, status.progress.ms)
            : status.kind === 'running'
              ? t.starting
              : ''}
        </p>
      )}
      <div class="pg-checker-verdict" aria-live="polite">
        {status.kind === 'error' && <p class="pg-checker-error">{t.checkerError(status.message)}</p>}
        {status.kind === 'done' && <Verdict protocol={protocol} status={status} />}
      </div>
    </section>
  );
}

/** Where the loaded run turns, in words. */
function turnsText(turns: Milestones | null): string {
  if (!turns || turns.red === null) return '';
  if (turns.agreement === turns.red) return t.turnsBoth(turns.red);
  const red = t.turnsRed(turns.red);
  return turns.agreement === null ? red : `${red}${t.turnsAgreement(turns.agreement)}`;
}

function Verdict({ protocol, status }: { protocol: ProtocolName; status: Status & { kind: 'done' } }) {
  const r = status.result;
  const stats = t.stats(r.states, r.depth, r.ms);
  return (
    <div data-result={r.result} data-states={r.states} data-depth={r.depth}>
      {r.result === 'violation' && (
        <>
          <p class="pg-checker-broken">
            <strong>{t.found(r.steps, r.values.map((v) => (v === null ? t.noOp : v)))}</strong>
            {stats}
            {t.period}
          </p>
          {status.loadError ? (
            <p class="pg-checker-error">{t.loadFailed(status.loadError)}</p>
          ) : (
            <p class="pg-checker-loaded" data-red-at={status.turns?.red ?? ''} data-agreement-at={status.turns?.agreement ?? ''}>
              {t.loaded(turnsText(status.turns))}
            </p>
          )}
        </>
      )}
      {r.result === 'safe' && (
        <p class="pg-checker-safe">
          <strong>{t.safe(r.states)}</strong>
          {stats}
          {t.safeTail}
        </p>
      )}
      {r.result === 'incomplete' && (
        <p class="pg-checker-error" data-reason={r.reason}>
          <strong>{t.tooLarge}</strong>
          {t.tooLargeTail(r.states, PAGE_MAX_STATES)}
        </p>
      )}
      <p class="pg-checker-scope-echo">
        {t.scopeEcho(scopeWords(protocol, r.scope), r.scope.mutant)}
      </p>
      <p class="pg-checker-command">
        {t.sameCheck}
        <code>{status.command}</code>
      </p>
    </div>
  );
}
