// The rule-breaking variants the notes use. Each is a setting of the engine (ProtocolConfig.mutant), not a
// copy of it: the role that owns the rule checks `config.mutant` at the one place the rule is applied.
import type { ProtocolName } from './trace.ts';

export interface MutantInfo {
  readonly name: MutantName;
  readonly protocol: ProtocolName;
  /** One line, zh-CN first, for `paxos mutants` and the notes. */
  readonly summary: string;
  readonly summaryEn: string;
}

export const MUTANT_NAMES = [
  'no-first-promise',
  'no-second-promise',
  'no-reply',
  'ignore-reply',
  'minority-quorum',
  'reused-ballot',
  'small-fast-quorum',
  'forget-promise-on-learn',
] as const;

export type MutantName = (typeof MUTANT_NAMES)[number];

export const MUTANTS: readonly MutantInfo[] = [
  { name: 'no-first-promise', protocol: 'basic', summary: '接受者回应任何 prepare，即使编号低于它已许诺的', summaryEn: 'acceptor answers any prepare, even below its promise' },
  { name: 'no-second-promise', protocol: 'basic', summary: '接受者接受低于其许诺编号的 accept', summaryEn: 'acceptor accepts below its promise' },
  { name: 'no-reply', protocol: 'basic', summary: 'promise 不带上接受者已接受的值', summaryEn: 'promise leaves out what the acceptor accepted' },
  { name: 'ignore-reply', protocol: 'basic', summary: '提议者无视 promise 中的已接受值，坚持提自己的值', summaryEn: 'proposer proposes its own value regardless of the promises' },
  { name: 'minority-quorum', protocol: 'basic', summary: '提议者收到 ⌊n/2⌋ 个回应就继续', summaryEn: 'proposer proceeds with ⌊n/2⌋ replies' },
  { name: 'reused-ballot', protocol: 'basic', summary: '两个提议者可能用同一个编号（编号不含节点号，或重启后重用）', summaryEn: 'two proposers can use the same ballot' },
  { name: 'small-fast-quorum', protocol: 'fast', summary: 'Fast Paxos 的快速法定人数满足 q_c + 2·q_f ≤ 2n', summaryEn: 'Fast Paxos with q_c + 2·q_f ≤ 2n' },
  { name: 'forget-promise-on-learn', protocol: 'multi', summary: '学到已选定值时，用较低的已接受编号覆盖存储的许诺，重启后读回（zpaxos 的疑问）', summaryEn: 'learning a chosen value overwrites the stored promise with the lower accepted ballot; a restart reads it back' },
];

export function isMutantName(name: string): name is MutantName {
  return (MUTANT_NAMES as readonly string[]).includes(name);
}
