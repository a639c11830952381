// What the checker panel offers, kept apart from the component so tests can read it: each mutant as the
// rule it removes (a reader switches a rule off, not a mutant on), the scope fields a protocol has, and the
// page's bound on a search. The words are i18n/checker.ts's.
import type { MutantName } from '../../../paxos/core/mutants.ts';
import type { ProtocolName } from '../../../paxos/core/trace.ts';
import type { ScopeOptions } from '../../../paxos/check/scopes.ts';
import { checkerStrings } from '../../../i18n/checker.ts';

const words = checkerStrings();
const label = words.fields;

/**
 * The most distinct states the page stores before it stops and says the scope is too large. The checker
 * keeps about 150 bytes a state (Node: 1.7 M states in 300 MB), so this stays well inside a tab's memory,
 * and it covers every Basic standard scope (answer-lower-prepare, the largest, is 1.68 M states).
 */
export const PAGE_MAX_STATES = 2_000_000;

/** The rule each mutant removes, in the reader's words (the mutant's own summary says what happens instead). */
export const RULES: Readonly<Record<MutantName, string>> = words.rules;

export type ScopeField = 'acceptors' | 'proposers' | 'clients' | 'slots' | 'maxRound' | 'drops' | 'duplicates' | 'crashes';

export interface FieldInfo {
  readonly field: ScopeField;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  /** The CLI's flag, for the command line the panel echoes. */
  readonly flag: string;
}

const F = (field: ScopeField, label: string, min: number, max: number, flag: string): FieldInfo => ({ field, label, min, max, flag });

/** The scope controls per protocol (the CLI's bounds, narrowed to what a page can search). */
export const FIELDS: Record<ProtocolName, readonly FieldInfo[]> = {
  basic: [F('acceptors', label.acceptors, 1, 5, 'acceptors'), F('proposers', label.proposers, 1, 3, 'proposers'), F('maxRound', label.maxRound, 0, 3, 'max-round'), F('drops', label.drops, 0, 3, 'drops'), F('duplicates', label.duplicates, 0, 3, 'duplicates'), F('crashes', label.crashes, 0, 3, 'crashes')],
  fast: [F('acceptors', label.acceptors, 1, 7, 'acceptors'), F('clients', label.clients, 1, 3, 'clients'), F('maxRound', label.maxRound, 0, 3, 'max-round'), F('drops', label.drops, 0, 3, 'drops'), F('duplicates', label.duplicates, 0, 3, 'duplicates'), F('crashes', label.crashes, 0, 3, 'crashes')],
  multi: [F('acceptors', label.servers, 1, 5, 'acceptors'), F('slots', label.slots, 1, 3, 'slots'), F('maxRound', label.maxRound, 0, 3, 'max-round'), F('drops', label.drops, 0, 3, 'drops'), F('duplicates', label.duplicates, 0, 3, 'duplicates'), F('crashes', label.crashes, 0, 3, 'crashes')],
};

/** The scope a search runs: the protocol, the switched-off rule, and only the fields the reader changed. */
export function scopeOptions(protocol: ProtocolName, mutant: MutantName | null, changed: Partial<Record<ScopeField, number>>): ScopeOptions {
  return { protocol, ...(mutant ? { mutant } : {}), ...changed };
}

/** The command that runs the same check in a terminal (the panel shows it under every verdict). */
export function checkCommand(protocol: ProtocolName, mutant: MutantName | null, changed: Partial<Record<ScopeField, number>>): string {
  const flags = FIELDS[protocol].filter((f) => changed[f.field] !== undefined).map((f) => ` --${f.flag} ${changed[f.field]}`);
  return `npm run --silent paxos -- check --protocol ${protocol}${mutant ? ` --mutant ${mutant}` : ''}${flags.join('')}`;
}
