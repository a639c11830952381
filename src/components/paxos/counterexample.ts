// <PaxosCounterexample mutant="no-reply" />: the model checker's shortest counterexample for a mutant,
// drawn like every other engine figure, with the values chosen twice called out. The checker (src/paxos/check,
// cached by src/counterexamples: no search when nothing changed) owns finding and caching; this file only
// draws what it returns.
import type { Value } from '../../paxos/core/ids.ts';
import type { TraceDocument } from '../../paxos/core/trace.ts';
import { isMutantName, MUTANTS } from '../../paxos/core/mutants.ts';
import { escapeHtml } from '../../diagrams/figure.ts';
import { formatValue } from '../../paxos/render/labels.ts';
import { renderTraceFigure, type DiagramOptions } from './figure.ts';
import { conflictingChoices } from './outcome.ts';

/** What the checker hands back for a mutant that breaks agreement (EngineResult's violation case). */
export interface CounterexampleLike {
  readonly trace: TraceDocument;
  readonly property?: string;
  readonly slot?: number;
  readonly values?: readonly Value[];
  readonly states?: number;
  readonly depth?: number;
}

export interface CounterexampleOptions extends DiagramOptions {
  readonly caption?: string | undefined;
}

/** Checks the mutant name and says what the rule change is (zh), for the caption and errors. */
export function mutantSummary(mutant: string): string {
  if (!isMutantName(mutant)) throw new Error(`PaxosCounterexample: unknown mutant ${JSON.stringify(mutant)}; mutants are ${MUTANTS.map((m) => m.name).join(', ')}`);
  return MUTANTS.find((m) => m.name === mutant)!.summary;
}

export async function renderCounterexampleFigure(mutant: string, found: CounterexampleLike, opts: CounterexampleOptions = {}): Promise<string> {
  const summary = mutantSummary(mutant);
  const conflicts = conflictingChoices(found.trace);
  if (conflicts.length === 0) {
    throw new Error(`PaxosCounterexample mutant="${mutant}": the checker's trace chooses no two different values in one slot; nothing to show`);
  }
  const caption = opts.caption ?? `变体 ${mutant}（${summary}）：模型检查器找到的最短反例`;
  const figure = await renderTraceFigure(found.trace, null, { ...opts, caption, playground: false });
  const c = conflicts[0]!;
  const stats = found.states !== undefined ? `检查器搜索了 ${found.states} 个状态${found.depth !== undefined ? `，反例深度 ${found.depth}` : ''}。` : '';
  const callout =
    `<p class="paxos-counterexample-values">同一个${found.trace.protocol === 'multi' ? `槽（槽 ${c.slot}）` : '实例'}里选定了两个不同的值：` +
    c.values.map((v) => `<mark>${escapeHtml(formatValue(v))}</mark>`).join(' 和 ') +
    `。${escapeHtml(stats)}</p>`;
  return figure.replace('<div class="paxos-footer">', `<div class="paxos-footer">${callout}`);
}
