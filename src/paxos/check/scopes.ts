// The small scopes the engine-mode checker explores, per protocol, and how a mutant widens one when its
// broken rule needs a fault to show (reused-ballot needs a restart). Everything a result depends on is in
// the scope, and the scope is echoed in every result and trace, so a reader knows what "safe" covered.
import type { NodeId, Value } from '../core/ids.ts';
import { MUTANTS, type MutantName } from '../core/mutants.ts';
import type { ProtocolName } from '../core/trace.ts';
import { ConfigError } from '../core/protocol.ts';
import { getProtocol } from '../registry.ts';
import { brokenFlexibleQuorums } from '../basic/config.ts';
import { configCommand } from '../core/reconfig.ts';
import type { EngineScope, Proposal } from './explore.ts';

export interface ScopeOptions {
  readonly protocol: ProtocolName;
  /** Basic/Fast: acceptors; Multi: servers (each proposer + acceptor + learner). */
  readonly acceptors?: number;
  readonly proposers?: number;
  readonly clients?: number;
  /** Highest ballot round any message may carry. */
  readonly maxRound?: number;
  /** Multi: slots 0..slots-1. */
  readonly slots?: number;
  readonly mutant?: MutantName;
  readonly nack?: boolean;
  readonly drops?: number;
  readonly duplicates?: number;
  readonly crashes?: number;
  readonly timeouts?: number;
  readonly network?: 'multiset' | 'set';
  /** Nodes whose timers may fire ('all': every node); the others' timers never fire in the scope. */
  readonly timed?: readonly NodeId[] | 'all';
  /** Nodes that may crash ('all': every node; default per protocol, see `defaultCrashable`). */
  readonly crashable?: readonly NodeId[] | 'all';
  /** Fast: the kind of every round after the opening (FastConfig.retries); absent means classic. */
  readonly retries?: 'classic' | 'fast';
  /** Fast: how a collision is recovered from (FastConfig.recovery); absent means classic. */
  readonly recovery?: 'classic' | 'coordinated' | 'uncoordinated';
  /** Basic: flexible quorum sizes (BasicConfig.phase1Quorum/phase2Quorum); absent means a majority. */
  readonly phase1Quorum?: number;
  readonly phase2Quorum?: number;
  /**
   * Multi: reconfiguration with this window (MultiConfig.alpha). The scope then has one spare server
   * more than the first membership, and S1 is asked to propose the change that swaps the last member for
   * the spare (3 → 3 servers by default: S1 S2 S3, then S1 S2 S4).
   */
  readonly alpha?: number;
}

/**
 * A scope with every field decided (`retries` only when a Fast scope runs fast retries, the quorum sizes
 * only when the scope set them or its mutant needs them).
 */
export type ResolvedScope = Required<Omit<ScopeOptions, 'mutant' | 'retries' | 'phase1Quorum' | 'phase2Quorum' | 'recovery' | 'alpha'>> & {
  /** Multi with reconfiguration: the window and the first membership's size (acceptors − 1). */
  readonly alpha?: number;
  readonly members?: number;
  readonly mutant?: MutantName;
  readonly recovery?: 'coordinated' | 'uncoordinated';
  readonly retries?: 'fast';
  readonly phase1Quorum?: number;
  readonly phase2Quorum?: number;
};

/**
 * The standard scopes. Basic: 3 acceptors, 2 proposers, one ballot each (round 1) — every Basic mutant
 * breaks agreement within it — no faults except what a mutant needs. Multi: 3 servers, 2 slots, one
 * leader change: S1 and S2 may each start an election (two timer firings in all, theirs), with ballots
 * 1.S1 < 1.S2, so S2 can depose S1 after either slot and must carry both slots' values over (safe: about
 * 19 M states). Fast: 4 acceptors, 2 clients, the fast round 0 and one classic round 1, two timer
 * firings, the coordinator's (safe: about 12 M states). Wider scopes are checked in bench/checker: Basic
 * up to round 2 with P1 retrying (safe), a crash on one Multi slot (safe), and a crash with two slots
 * (safe, but 154 M states: 9 min 22 s with fingerprints, por and sleep sets, README). nack is off: a refusal only makes a
 * proposer give up sooner, and safety never rests on it.
 */
/**
 * Scope fields a protocol has no use for, with the value its scope echoes for them. A result echoes its
 * scope as what it covered, so another value would be echoed without being covered: it is refused
 * instead. Basic has no client nodes (its proposers take the proposals) and Basic and Fast decide one
 * slot; Fast has one proposer, the coordinator, and every Multi server proposes. (The echoed value itself
 * passes, so a resolved scope resolves again to itself.)
 */
const UNUSED: Record<ProtocolName, readonly { readonly field: 'clients' | 'slots' | 'proposers'; readonly echoed: number; readonly why: string }[]> = {
  basic: [
    { field: 'clients', echoed: 0, why: 'Basic Paxos has no client nodes: its proposers take the proposals (use --proposers)' },
    { field: 'slots', echoed: 1, why: 'Basic Paxos decides one value, in slot 0' },
  ],
  fast: [
    { field: 'proposers', echoed: 1, why: 'Fast Paxos has one proposer, the coordinator L1 (use --clients)' },
    { field: 'slots', echoed: 1, why: 'Fast Paxos decides one value, in slot 0' },
  ],
  multi: [{ field: 'proposers', echoed: 0, why: 'every Multi-Paxos server proposes (use --acceptors for the servers)' }],
};

export function resolveScope(options: ScopeOptions): ResolvedScope {
  for (const { field, echoed, why } of UNUSED[options.protocol] ?? []) {
    const v = options[field];
    if (v !== undefined && v !== echoed) throw new ConfigError(field, `not part of a ${options.protocol} scope: ${why}`);
  }
  const flexible = flexibleSizes(options);
  // Sizes that break q1 + q2 > n are a question worth asking the checker, not a typo: they are the
  // non-intersecting-quorums variant, and the result's scope says so.
  const mutant = options.mutant ?? (flexible.breaks ? 'non-intersecting-quorums' : undefined);
  if (mutant !== undefined) {
    const info = MUTANTS.find((m) => m.name === mutant);
    if (info && info.protocol !== options.protocol) {
      throw new ConfigError('mutant', `"${mutant}" is a ${info.protocol} mutant, not a ${options.protocol} one; use --protocol ${info.protocol}`);
    }
  }
  if (options.alpha !== undefined && options.protocol !== 'multi') throw new ConfigError('alpha', `only Multi-Paxos reconfigures; ${options.protocol} has one fixed set of acceptors`);
  // The variant changes how a configuration change takes effect, so it needs reconfiguration on (α = 1).
  const alpha = options.alpha ?? (mutant === 'reconfigure-immediately' ? 1 : undefined);
  const reconfiguring = alpha !== undefined;
  const base = {
    basic: mutant === 'reused-ballot'
      ? // The engine's reused-ballot reuses a ballot after a restart: one proposer, one crash, and one
        // duplicated promise (the only way a second incarnation gathers a quorum for the same ballot).
        { acceptors: 3, proposers: 1, clients: 0, maxRound: 1, slots: 1, crashes: 1, duplicates: 1, timeouts: Infinity, timed: 'all' as const }
      : mutant === 'non-intersecting-quorums'
        ? // Four acceptors, so that the broken sizes are the even split q1 = q2 = 2 (with three they are 1 and 2).
          { acceptors: 4, proposers: 2, clients: 0, maxRound: 1, slots: 1, crashes: 0, duplicates: 0, timeouts: Infinity, timed: 'all' as const }
        : { acceptors: 3, proposers: 2, clients: 0, maxRound: 1, slots: 1, crashes: 0, duplicates: 0, timeouts: Infinity, timed: 'all' as const },
    // S3's timers are left out to keep the scope at a few minutes; with them too (`--timed all`: any two
    // elections among the three servers) it is also safe, at 73 M states and six and a half minutes.
    multi: reconfiguring
      ? // Reconfiguration, 3 → 3 servers: S1 S2 S3 first, S4 a spare; S1 is asked for `config S1 S2 S4`
        // and S2 for a write. Two elections (S1's and S2's), so that a second leader must respect the
        // first one's change: on slot 1 when the change sits in slot 0.
        { acceptors: 4, proposers: 0, clients: 0, maxRound: 1, slots: 2, crashes: 0, duplicates: 0, timeouts: 2, timed: ['S1', 'S2'] }
      : { acceptors: 3, proposers: 0, clients: 0, maxRound: 1, slots: 2, crashes: 0, duplicates: 0, timeouts: 2, timed: ['S1', 'S2'] },
    // Two firings, the coordinator's only: its round timer gives up on a stalled fast round 0 and its
    // retry timer starts classic round 1 (a collision starts it with no timer at all). The clients' re-send
    // timer is left out: it only sends again a request already sent.
    fast: mutant === 'fast-recovery-any-reported'
      ? // The prose's rule differs from Lamport's only when the highest round k reported is fast and a value
        // was voted below it, so rounds after the opening are fast too and the search reaches round 2:
        // fast round 0 chooses a value, fast round 1 carries it to one acceptor only, round 2 recovers.
        // Four timer firings, the coordinator's: a round timer and a retry timer per round it abandons.
        { acceptors: 4, proposers: 1, clients: 2, maxRound: 2, slots: 1, crashes: 0, duplicates: 0, timeouts: 4, timed: ['L1'], retries: 'fast' as const }
      : mutant === 'uncoordinated-small-fast-quorum'
        ? // Three acceptors, q_c = 3 and q_f = 2: legal for a classic recovery (3 + 2·2 > 6), not for an
          // uncoordinated one (3·2 ≤ 6). No timer needs to fire: the acceptors recover by themselves.
          { acceptors: 3, proposers: 1, clients: 2, maxRound: 1, slots: 1, crashes: 0, duplicates: 0, timeouts: 0, timed: ['L1'] }
        : { acceptors: 4, proposers: 1, clients: 2, maxRound: 1, slots: 1, crashes: 0, duplicates: 0, timeouts: 2, timed: ['L1'] },
  }[options.protocol];
  if (options.recovery !== undefined && options.protocol !== 'fast') throw new ConfigError('recovery', `only Fast Paxos has collision recovery; ${options.protocol} does not`);
  const recovery = options.recovery ?? (mutant === 'uncoordinated-small-fast-quorum' ? 'uncoordinated' : undefined);
  const retries = options.protocol !== 'fast' ? undefined : (options.retries ?? ('retries' in base ? base.retries : undefined));
  const acceptors = options.acceptors ?? base.acceptors;
  const proposers = options.proposers ?? base.proposers;
  return {
    protocol: options.protocol,
    acceptors,
    proposers,
    clients: options.clients ?? base.clients,
    maxRound: options.maxRound ?? base.maxRound,
    slots: options.slots ?? base.slots,
    nack: options.nack ?? false,
    drops: options.drops ?? 0,
    duplicates: options.duplicates ?? base.duplicates,
    crashes: options.crashes ?? base.crashes,
    timeouts: options.timeouts ?? base.timeouts,
    network: options.network ?? 'multiset',
    timed: options.timed ?? base.timed,
    crashable: options.crashable ?? defaultCrashable(options.protocol, proposers, acceptors),
    ...(mutant === undefined ? {} : { mutant }),
    ...(retries === 'fast' ? { retries } : {}),
    ...(recovery === undefined || recovery === 'classic' ? {} : { recovery }),
    ...(alpha === undefined ? {} : { alpha, members: acceptors - 1 }),
    // The sizes the run uses, echoed: the variant's defaults (basicConfig's) when the scope named none.
    ...(mutant === 'non-intersecting-quorums' ? { ...brokenFlexibleQuorums(acceptors), ...flexible.sizes } : flexible.sizes),
  };
}

/** The Basic quorum sizes a scope names, and whether they break q1 + q2 > n (sizes are checked by basicConfig). */
function flexibleSizes(options: ScopeOptions): { sizes: { phase1Quorum?: number; phase2Quorum?: number }; breaks: boolean } {
  const { phase1Quorum, phase2Quorum } = options;
  if (phase1Quorum === undefined && phase2Quorum === undefined) return { sizes: {}, breaks: false };
  if (options.protocol !== 'basic') {
    throw new ConfigError(phase1Quorum === undefined ? 'phase2Quorum' : 'phase1Quorum', `only Basic Paxos takes phase-1 and phase-2 quorum sizes; ${options.protocol} does not`);
  }
  const n = options.acceptors ?? 3;
  const majority = Math.floor(n / 2) + 1;
  const sizes = { ...(phase1Quorum === undefined ? {} : { phase1Quorum }), ...(phase2Quorum === undefined ? {} : { phase2Quorum }) };
  return { sizes, breaks: (phase1Quorum ?? majority) + (phase2Quorum ?? majority) <= n };
}

const value = (i: number): Value => `v${i}`;

/** Who may be asked to propose what. */
function proposals(scope: ResolvedScope): Proposal[] {
  const out: Proposal[] = [];
  if (scope.protocol === 'basic') {
    for (let i = 1; i <= scope.proposers; i++) out.push({ node: `P${i}`, value: value(i) });
    // After a restart a proposer forgets what it was asked; a client may then ask it for a new value.
    if (scope.crashes > 0) out.push({ node: 'P1', value: value(scope.proposers + 1) });
  } else if (scope.protocol === 'fast') {
    for (let i = 1; i <= scope.clients; i++) out.push({ node: `C${i}`, value: value(i) });
  } else if (scope.members !== undefined) {
    // Reconfiguration: the change first (the last member leaves, the spare joins), then writes, asked of
    // different servers so that two of them may lead in turn.
    const members = Array.from({ length: scope.members }, (_, i) => `S${i + 1}`);
    out.push({ node: 'S1', value: configCommand([...members.slice(0, -1), `S${scope.acceptors}`]) });
    for (let i = 1; i < scope.slots; i++) out.push({ node: `S${(i % scope.members) + 1}`, value: `set x ${i}` });
  } else {
    // One value per slot, asked of different servers, so that two of them may lead in turn.
    for (let i = 1; i <= scope.slots; i++) out.push({ node: `S${((i - 1) % scope.acceptors) + 1}`, value: `set x ${i}` });
  }
  return out;
}

/**
 * Which nodes may crash unless the scope says. Basic: the proposers only — a Basic acceptor keeps all of
 * its state across a crash, so its crash only delays the messages sent to it, which the free delivery
 * order already covers. Fast: acceptors and the coordinator (clients only resend). Multi: every server.
 */
function defaultCrashable(protocol: ProtocolName, proposers: number, acceptors: number): readonly NodeId[] | 'all' {
  const ids = (prefix: string, n: number): NodeId[] => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
  if (protocol === 'basic') return ids('P', proposers);
  if (protocol === 'fast') return [...ids('A', acceptors), 'L1'];
  return 'all';
}

export function buildScope(scope: ResolvedScope): EngineScope {
  const protocol = getProtocol(scope.protocol);
  if (!protocol) throw new ConfigError('protocol', `${scope.protocol} is not available in this checkout`);
  const config = protocol.config({
    protocol: scope.protocol,
    acceptors: scope.acceptors,
    ...(scope.protocol === 'basic' ? { proposers: scope.proposers } : {}),
    clients: scope.clients,
    nack: scope.nack,
    ...(scope.phase1Quorum === undefined ? {} : { phase1Quorum: scope.phase1Quorum }),
    ...(scope.phase2Quorum === undefined ? {} : { phase2Quorum: scope.phase2Quorum }),
    ...(scope.retries === undefined ? {} : { retries: scope.retries }),
    ...(scope.recovery === undefined ? {} : { recovery: scope.recovery }),
    ...(scope.alpha === undefined ? {} : { alpha: scope.alpha, members: scope.members }),
    ...(scope.mutant === undefined ? {} : { mutant: scope.mutant }),
  });
  const echo: Record<string, unknown> = { checker: 'engine', ...scope, timeouts: scope.timeouts === Infinity ? 'unbounded' : scope.timeouts };
  return {
    protocol,
    config,
    proposals: proposals(scope),
    maxRound: scope.maxRound,
    slots: scope.slots,
    drops: scope.drops,
    duplicates: scope.duplicates,
    crashes: scope.crashes,
    timeouts: scope.timeouts,
    network: scope.network,
    ...(scope.crashable === 'all' ? {} : { crashable: scope.crashable }),
    ...(scope.timed === 'all' ? {} : { timed: scope.timed }),
    echo,
  };
}
