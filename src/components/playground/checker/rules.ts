// What the checker panel says and offers, kept apart from the component so tests can read it: each mutant
// as the rule it removes (a reader switches a rule off, not a mutant on), the scope fields a protocol has,
// and the page's bound on a search.
import type { MutantName } from '../../../paxos/core/mutants.ts';
import type { ProtocolName } from '../../../paxos/core/trace.ts';
import type { ScopeOptions } from '../../../paxos/check/scopes.ts';

/**
 * The most distinct states the page stores before it stops and says the scope is too large. The checker
 * keeps about 150 bytes a state (Node: 1.7 M states in 300 MB), so this stays well inside a tab's memory,
 * and it covers every Basic standard scope (answer-lower-prepare, the largest, is 1.68 M states).
 */
export const PAGE_MAX_STATES = 2_000_000;

/** The rule each mutant removes, in the reader's words (the mutant's own summary says what happens instead). */
export const RULES: Record<MutantName, string> = {
  'no-first-promise': '接受者不许诺比已许诺的更低的编号',
  'answer-lower-prepare': '接受者不回应低于其许诺的 prepare',
  'no-second-promise': '接受者不接受低于其许诺编号的 accept',
  'no-reply': 'promise 带上接受者已接受的编号和值',
  'ignore-reply': '提议者采用 promise 里编号最高的已接受值',
  'minority-quorum': '提议者要等到多数派（过半）的回应',
  'non-intersecting-quorums': '任一阶段一法定人数与任一阶段二法定人数相交（q1 + q2 > n）',
  'reused-ballot': '每个编号只属于一个提议者，重启后也不重用',
  'small-fast-quorum': '快速法定人数满足 q_c + 2·q_f > 2n',
  'fast-recovery-any-reported': '恢复时只在最高轮 k 报告的值里选',
  'uncoordinated-small-fast-quorum': '非协调恢复要求 3·q_f > 2n',
  'forget-promise-on-learn': '学到选定值时不降低已存储的许诺',
  'reconfigure-immediately': '成员变更在选定后 α 个槽才生效，领导者不越过窗口提议',
};

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
  basic: [F('acceptors', '接受者', 1, 5, 'acceptors'), F('proposers', '提议者', 1, 3, 'proposers'), F('maxRound', '最高轮次', 0, 3, 'max-round'), F('drops', '丢包', 0, 3, 'drops'), F('duplicates', '重复', 0, 3, 'duplicates'), F('crashes', '崩溃', 0, 3, 'crashes')],
  fast: [F('acceptors', '接受者', 1, 7, 'acceptors'), F('clients', '客户端', 1, 3, 'clients'), F('maxRound', '最高轮次', 0, 3, 'max-round'), F('drops', '丢包', 0, 3, 'drops'), F('duplicates', '重复', 0, 3, 'duplicates'), F('crashes', '崩溃', 0, 3, 'crashes')],
  multi: [F('acceptors', '服务器', 1, 5, 'acceptors'), F('slots', '日志槽', 1, 3, 'slots'), F('maxRound', '最高轮次', 0, 3, 'max-round'), F('drops', '丢包', 0, 3, 'drops'), F('duplicates', '重复', 0, 3, 'duplicates'), F('crashes', '崩溃', 0, 3, 'crashes')],
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
