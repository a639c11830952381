// The build-time figure for one engine run, shared by <PaxosDiagram>, the ```paxos fence and
// <PaxosCounterexample>: run the scenario, judge the trace with the seven safety properties, turn it into
// Mermaid text, render that to one inline SVG themed by CSS through the site's renderer, and add the outcome and
// a link that opens the same run in the playground. No client JavaScript.
import type { TraceDocument } from '../paxos/core/trace.ts';
import { checkTrace } from '../paxos/check/properties.ts';
import { traceToMermaid, type MermaidOptions } from '../paxos/render/mermaid.ts';
import { runScenario } from '../paxos/sim/run.ts';
import { ScenarioError, type Scenario } from '../paxos/sim/scenario.ts';
import { escapeHtml, renderMermaidFigure, type DiagramOrigin, type IdScope } from '../diagrams/figure.ts';
import { diagramSettings } from '../diagrams/settings.ts';
import { encodeRunLink, playgroundHref, scriptRunLink } from './playground-link/index.ts';
import { normalBase } from '../base-path.ts';
import { conflictingChoices, describeOutcome, describeViolationForLog, presentViolation } from './outcome.ts';
import { figureStrings } from '../i18n/figure-strings.ts';
import { formatValue } from '../paxos/render/labels.ts';

/** Diagram settings an author may pass (the engine's MermaidOptions; `diagramEvents` is its maxEvents). */
export interface DiagramOptions {
  /** Number the arrows. */
  readonly autonumber?: boolean | undefined;
  /** Draw lost messages (default true). */
  readonly drops?: boolean | undefined;
  /** Draw timer firings (default true). */
  readonly timeouts?: boolean | undefined;
  /** Message kinds to leave out, e.g. ['heartbeat']. */
  readonly hideKinds?: readonly string[] | undefined;
  /** Draw only the first N trace events (the run itself is not cut). */
  readonly diagramEvents?: number | undefined;
}

export interface PaxosFigureOptions extends DiagramOptions {
  readonly caption?: string | undefined;
  /** Show the "open in the playground" link (default true). */
  readonly playground?: boolean | undefined;
  /** Where the scenario was written, for error messages (note file and line). */
  readonly origin?: DiagramOrigin | undefined;
  readonly scope?: IdScope | undefined;
  /** Site base path for the playground link; default: the diagram settings' base. */
  readonly base?: string | undefined;
  /** Replaces the outcome line (counterexamples: values chosen by quorums that no learner announced yet). */
  readonly outcome?: string | undefined;
  /** Mermaid lines appended after the trace's own (counterexamples: messages still in flight, quorum notes). */
  readonly appendMermaid?: readonly string[] | undefined;
}

/** A run that breaks safety without saying it is a mutant demonstration. */
export class SafetyViolationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SafetyViolationError';
  }
}

function where(opts: PaxosFigureOptions, scenario: Scenario): string {
  const name = opts.caption ?? scenario.title ?? `${scenario.protocol} scenario`;
  const at = opts.origin ? `${opts.origin.file}${opts.origin.line !== undefined ? `:${opts.origin.line}` : ''}: ` : '';
  return `${at}Paxos diagram "${name}"`;
}

/** Runs the scenario and checks its trace; throws SafetyViolationError unless `scenario.mutant` is set. */
export function runChecked(scenario: Scenario, opts: PaxosFigureOptions = {}): TraceDocument {
  let trace: TraceDocument;
  try {
    trace = runScenario(scenario);
  } catch (err) {
    if (err instanceof ScenarioError) throw new ScenarioError(err.path, `${where(opts, scenario)}: bad scenario: ${err.message}`);
    throw err;
  }
  const bad = checkTrace(trace);
  if (bad && !scenario.mutant) {
    throw new SafetyViolationError(
      `${where(opts, scenario)} breaks safety: ${describeViolationForLog(bad)}. A correct protocol must never do this; if the scenario shows a rule-breaking variant on purpose, set its "mutant" field.`,
    );
  }
  return trace;
}

function mermaidOptions(opts: DiagramOptions): MermaidOptions {
  const out: { -readonly [K in keyof MermaidOptions]?: MermaidOptions[K] } = { lang: 'zh' };
  if (opts.autonumber !== undefined) out.autonumber = opts.autonumber;
  if (opts.drops !== undefined) out.drops = opts.drops;
  if (opts.timeouts !== undefined) out.timeouts = opts.timeouts;
  if (opts.hideKinds !== undefined) out.hideKinds = opts.hideKinds;
  if (opts.diagramEvents !== undefined) out.maxEvents = opts.diagramEvents;
  return out;
}

/** The outcome line, the violation callout for mutants, and the playground link, as HTML. */
export function figureFooter(trace: TraceDocument, scenario: Scenario | null, opts: PaxosFigureOptions): string {
  const outcome = opts.outcome ?? describeOutcome(trace).text;
  let html = `<p class="paxos-outcome"><strong>${figureStrings().result}</strong>${escapeHtml(outcome)}</p>`;
  const bad = checkTrace(trace);
  if (bad) {
    const t = figureStrings();
    const conflicts = conflictingChoices(trace)
      .map((c) => t.slotChoseBoth(c.slot, c.values.map((v) => `<mark>${escapeHtml(formatValue(v))}</mark>`).join(t.and)))
      .join(t.clauseBreak);
    const mutant = scenario?.mutant ?? (typeof trace.config['mutant'] === 'string' ? trace.config['mutant'] : undefined);
    const v = presentViolation(bad, trace.protocol === 'multi');
    html +=
      `<div class="paxos-violation" role="note"><p><strong>${mutant ? escapeHtml(t.mutantPrefix(mutant)) : ''}${t.safetyBroken}。</strong>` +
      `${conflicts ? `${conflicts}。` : ''}</p>` +
      `<p><strong>${escapeHtml(v.heading)}</strong>。${escapeHtml(v.explain)}</p>` +
      `<p>${escapeHtml(v.event)}。</p>` +
      `<details class="paxos-violation-detail"><summary>${t.checkerOriginal}</summary><p lang="en">${escapeHtml(v.detail)}</p></details></div>`;
  }
  if (scenario && opts.playground !== false) {
    // The link opens the playground at the end of the script, i.e. on this very run; the reader can seek back.
    const href = playgroundHref(normalBase(opts.base ?? diagramSettings().base), encodeRunLink(scriptRunLink(scenario)));
    html += `<p class="paxos-open"><a href="${escapeHtml(href)}">${figureStrings().openInPlayground}</a></p>`;
  }
  return html;
}

/** Puts the footer inside the figure, after the caption and the source box. */
function withFooter(figureHtml: string, footer: string): string {
  const end = figureHtml.lastIndexOf('</figure>');
  return end < 0 ? figureHtml + footer : `${figureHtml.slice(0, end)}<div class="paxos-footer">${footer}</div></figure>`;
}

/** A drawn trace (already run): used directly by <PaxosCounterexample>. */
export async function renderTraceFigure(trace: TraceDocument, scenario: Scenario | null, opts: PaxosFigureOptions = {}): Promise<string> {
  const source = traceToMermaid(trace, mermaidOptions(opts)) + (opts.appendMermaid ?? []).map((l) => `${l}\n`).join('');
  const figure = await renderMermaidFigure(source, {
    kind: 'paxos',
    ...(opts.caption !== undefined ? { caption: opts.caption } : {}),
    ...(opts.origin ? { origin: opts.origin } : {}),
    ...(opts.scope ? { scope: opts.scope } : {}),
    onError: 'throw',
  });
  return withFooter(figure.html, figureFooter(trace, scenario, opts));
}

/** Scenario → figure HTML. Throws ScenarioError (bad scenario), SafetyViolationError, DiagramError. */
export async function renderPaxosFigure(scenario: Scenario, opts: PaxosFigureOptions = {}): Promise<string> {
  const trace = runChecked(scenario, opts);
  return renderTraceFigure(trace, scenario, opts);
}
