// <PaxosCounterexample mutant="no-reply" />: the model checker's shortest counterexample for a mutant,
// drawn like every other engine figure, with the values chosen twice called out. The checker (src/paxos/check)
// finds it and counterexample-cache.ts beside this file caches it (no search when nothing changed); this file
// only draws what it returns.
//
// A shortest counterexample stops the moment the second value reaches a quorum of acceptances, so its
// `accepted` replies are still on the network and no learner has announced anything: the diagram (which draws
// a message when it is delivered) would end without saying that anything was chosen. A note per ballot in
// which a quorum accepted closes it, so the picture shows why two values are chosen.
import type { Ballot } from '../paxos/core/ballot.ts';
import { formatBallot } from '../paxos/core/ballot.ts';
import type { NodeId, Slot, Value } from '../paxos/core/ids.ts';
import type { TraceDocument } from '../paxos/core/trace.ts';
import { MUTANT_SUMMARIES } from '../paxos/core/mutant-summaries.ts';
import { isMutantName, MUTANTS } from '../paxos/core/mutants.ts';
import { PROPERTIES } from '../paxos/check/properties.ts';
import { escapeHtml } from '../diagrams/figure.ts';
import { escapeMermaid } from '../paxos/render/mermaid.ts';
import { formatValue } from '../paxos/render/labels.ts';
import { renderTraceFigure, type DiagramOptions } from './figure.ts';
import { conflictingChoices } from './outcome.ts';
import { figureStrings } from '../i18n/figure-strings.ts';

/** What the checker hands back for a mutant that breaks agreement (`paxos check --mutant … --format json`). */
export interface CounterexampleLike {
  readonly trace: TraceDocument;
  readonly property?: string;
  readonly slot?: Slot;
  readonly values?: readonly Value[];
  readonly states?: number;
  readonly depth?: number;
  /** True when the run was scripted (witnesses.ts) and driven through the engine's roles, not searched for. */
  readonly scripted?: boolean;
  /** Found by the random hunt (hunt.ts), not breadth-first: `clear` is the bounded search's proof, 0 if none. */
  readonly hunted?: { readonly walk: number; readonly foundSteps: number; readonly clear: number };
  /** Moves in the run (for a scripted run: the script's steps). */
  readonly steps?: number;
  /** Every trace property the counterexample breaks, in the order it first breaks them. */
  readonly broken?: readonly string[];
}

export interface CounterexampleOptions extends DiagramOptions {
  readonly caption?: string | undefined;
}

/** Checks the mutant name and says what the rule change is (zh), for the caption and errors. */
export function mutantSummary(mutant: string): string {
  if (!isMutantName(mutant)) throw new Error(`PaxosCounterexample: unknown mutant ${JSON.stringify(mutant)}; mutants are ${MUTANTS.map((m) => m.name).join(', ')}`);
  return MUTANT_SUMMARIES[mutant].zh;
}

export interface QuorumChoice {
  readonly slot: Slot;
  readonly ballot: Ballot;
  readonly value: Value;
  readonly acceptors: readonly NodeId[];
}

/** Every (slot, ballot) in which a quorum of acceptors sent `accepted` for one value, in the order it happened. */
export function quorumChoices(trace: TraceDocument): QuorumChoice[] {
  // Keyed by value too: a broken protocol may accept two values in one ballot (reused-ballot does).
  const votes = new Map<string, NodeId[]>();
  const out: QuorumChoice[] = [];
  for (const e of trace.events) {
    if (e.type !== 'send' || e.msg.kind !== 'accepted') continue;
    const m = e.msg;
    const key = `${m.slot}|${formatBallot(m.ballot)}|${m.value === null ? '\u0000' : m.value}`;
    const voters = votes.get(key) ?? [];
    if (voters.includes(m.from)) continue;
    voters.push(m.from);
    votes.set(key, voters);
    const quorum = m.ballot.fast ? (trace.quorums.fast ?? trace.quorums.classic) : trace.quorums.classic;
    if (voters.length === quorum) out.push({ slot: m.slot, ballot: m.ballot, value: m.value, acceptors: voters.slice() });
  }
  return out;
}

const SIMPLE_ID = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Mermaid notes, one per (slot, ballot) in which a quorum of acceptors accepted one value. */
export function counterexampleTail(trace: TraceDocument): string[] {
  if (!trace.nodes.every((n) => SIMPLE_ID.test(n.id))) return [];
  const acceptors = trace.nodes.filter((n) => n.roles.includes('acceptor')).map((n) => n.id);
  if (acceptors.length === 0) return [];
  const span = acceptors.length > 1 ? `${acceptors[0]},${acceptors[acceptors.length - 1]}` : acceptors[0]!;
  return quorumChoices(trace).map(
    (q) => `  Note over ${span}: ${escapeMermaid(figureStrings().counterexample.quorumNote(q.acceptors.join(figureStrings().listSep), formatBallot(q.ballot), formatValue(q.value)))}`,
  );
}

/** The two (or more) values chosen in one slot: the checker's own report, else read from the trace. */
function conflict(found: CounterexampleLike): { slot: Slot; values: readonly Value[] } | null {
  if (found.values && found.values.length > 1) return { slot: found.slot ?? 0, values: found.values };
  const announced = conflictingChoices(found.trace)[0];
  if (announced) return announced;
  const bySlot = new Map<Slot, Value[]>();
  for (const q of quorumChoices(found.trace)) {
    const list = bySlot.get(q.slot) ?? [];
    if (!list.includes(q.value)) list.push(q.value);
    bySlot.set(q.slot, list);
  }
  for (const [slot, values] of bySlot) if (values.length > 1) return { slot, values };
  return null;
}

/** Whether the bounded search behind a hunted run cleared every shorter length (steps − 1), making it shortest. */
function huntedShortest(found: CounterexampleLike): boolean {
  return found.hunted !== undefined && found.steps !== undefined && found.hunted.clear > 0 && found.hunted.clear >= found.steps - 1;
}

/** How the run was obtained: a scripted run of N steps, or a search of N states with the counterexample's depth. */
export function runStats(found: CounterexampleLike): string {
  const t = figureStrings().counterexample;
  if (found.scripted) return t.scripted(found.steps ?? new Set(found.trace.events.map((e) => e.time)).size);
  if (found.hunted) return t.hunted(found.steps ?? 0, found.hunted.foundSteps, found.hunted.clear, huntedShortest(found));
  return found.states !== undefined ? t.searched(found.states, found.depth) : '';
}

/** The build log's line for a counterexample that was not in the cache (English, like the rest of the log). */
export function counterexampleLogLine(mutant: string, found: CounterexampleLike, seconds: number): string {
  const how = found.scripted
    ? `scripted run of ${found.steps ?? '?'} steps driven through the engine's roles (not a search result)`
    : found.hunted
      ? `random hunt, walk ${found.hunted.walk}: ${found.hunted.foundSteps} steps shortened to ${found.steps ?? '?'}${found.hunted.clear > 0 ? ` (no run of ≤ ${found.hunted.clear} steps${huntedShortest(found) ? ': shortest in its scope' : ''})` : ''}`
      : `searched ${found.states ?? '?'} states${found.depth !== undefined ? `, counterexample depth ${found.depth}` : ''}`;
  return `[paxos] counterexample for ${mutant}: ${how}, in ${seconds.toFixed(1)} s (cached for next time)\n`;
}

export async function renderCounterexampleFigure(mutant: string, found: CounterexampleLike, opts: CounterexampleOptions = {}): Promise<string> {
  const summary = mutantSummary(mutant);
  const c = conflict(found);
  if (!c) throw new Error(`PaxosCounterexample mutant="${mutant}": the checker's trace chooses no two different values in one slot; nothing to show`);
  const t = figureStrings().counterexample;
  const caption = opts.caption ?? (found.scripted ? t.scriptedCaption(mutant, summary) : found.hunted ? t.huntedCaption(mutant, summary, huntedShortest(found)) : t.searchedCaption(mutant, summary));
  const quorums = quorumChoices(found.trace);
  const outcome = quorums.length > 0
    ? t.quorumOutcome(quorums.map((q) => t.quorumItem(formatValue(q.value), formatBallot(q.ballot), q.acceptors.join(figureStrings().listSep))).join(figureStrings().listSep))
    : undefined;
  const figure = await renderTraceFigure(found.trace, null, { ...opts, caption, playground: false, appendMermaid: counterexampleTail(found.trace), outcome });
  const stats = runStats(found);
  const broken = found.broken && found.broken.length > 0
    ? t.broken(found.broken.map((id) => { const p = PROPERTIES.find((x) => x.id === id); const title = figureStrings().property[p?.id ?? 'agreement'].title; return p ? t.brokenItem(p.number, title) : id; }).join(figureStrings().listSep))
    : '';
  const callout =
    `<p class="paxos-counterexample-values"><strong>${t.twoValues(found.trace.protocol === 'multi', c.slot)}` +
    c.values.map((v) => `<mark>${escapeHtml(formatValue(v))}</mark>`).join(figureStrings().and) +
    `。</strong>${escapeHtml(stats + broken)}</p>`;
  return figure.replace('<div class="paxos-footer">', `<div class="paxos-footer">${callout}`);
}
