// `paxos check`: the exhaustive small-scope model checker.
//   --model engine (default): the engine's own roles, every interleaving in a small scope.
//   --model spec: Lamport's TLA+ Paxos spec, counts comparable with TLC's.
//   --model spec-fast, spec-multi: tlaplus/Examples' SimplifiedFastPaxos and MultiPaxos-SMR, likewise.
//   --bound N, --hunt: the engine search limited to runs of N moves, or random runs (hunt.ts) instead.
// Exit 0 safe (or, with --bound, clear), 1 violation (with a counterexample trace: shortest unless hunted or
// scripted), 2 bad flags, 3 incomplete (a limit was hit, or a hunt found nothing: nothing was proved). Progress goes to stderr about once a second.
import { totalmem } from 'node:os';
import { isMutantName, MUTANTS, type MutantName } from '../paxos/core/mutants.ts';
import { ConfigError } from '../paxos/core/protocol.ts';
import type { ProtocolName } from '../paxos/core/trace.ts';
import { checkBounded, checkHunt, checkWitness, type CheckResult, type ClearResult } from '../paxos/check/model-check.ts';
import { WITNESSES } from '../paxos/check/witnesses.ts';
import { MAX_FINGERPRINT_STATES, presizeRefusal } from '../paxos/check/fingerprint-store.ts';
import { checkSpec, validateSpecScope } from '../paxos/check/spec.ts';
import { checkFastSpec, validateFastScope, type FastSpecScope } from '../paxos/check/spec-fast.ts';
import { checkMultiSpec, validateMultiScope, type MultiSpecScope } from '../paxos/check/spec-multi.ts';
import type { SpecSearchResult } from '../paxos/check/spec-search.ts';
import type { SearchLimits, SearchProgress } from '../paxos/check/limits.ts';
import type { ScopeOptions } from '../paxos/check/scopes.ts';
import { parseArgs, shown, usage, UsageError, type FlagSpec } from './args.ts';
import { againWithHugePages, firstProcessGone } from './huge-pages.ts';
import { tempLevelFiles } from './level-files.ts';

const FLAGS: FlagSpec[] = [
  { name: 'model', type: 'enum', values: ['engine', 'spec', 'spec-fast', 'spec-multi'], help: 'engine: the engine\'s roles (default); spec: Lamport\'s Paxos.tla; spec-fast: SimplifiedFastPaxos\'s FastPaxos.tla; spec-multi: MultiPaxos-SMR\'s MultiPaxos.tla' },
  { name: 'protocol', type: 'enum', values: ['basic', 'multi', 'fast'], help: 'engine mode: which protocol (default basic, or the mutant\'s)' },
  { name: 'acceptors', type: 'int', min: 1, max: 9, help: 'acceptors (Multi: servers; spec-fast, spec-multi: replicas)' },
  { name: 'proposers', type: 'int', min: 1, max: 4, help: 'Basic: proposers' },
  { name: 'clients', type: 'int', min: 0, max: 4, help: 'Fast: clients sending requests straight to the acceptors' },
  { name: 'max-round', type: 'int', min: 0, max: 9, help: 'engine mode: highest ballot round explored (bounds retries)' },
  { name: 'slots', type: 'int', min: 1, max: 4, help: 'Multi: log slots explored' },
  { name: 'recovery', type: 'enum', values: ['classic', 'coordinated', 'uncoordinated'], help: 'Fast: how a collision is recovered from (default classic)' },
  { name: 'q1', type: 'int', min: 1, max: 9, help: 'Basic: phase-1 quorum (Flexible Paxos; default a majority)' },
  { name: 'q2', type: 'int', min: 1, max: 9, help: 'Basic: phase-2 quorum; q1 + q2 ≤ acceptors is checked as mutant non-intersecting-quorums' },
  { name: 'alpha', type: 'int', min: 1, max: 4, help: 'Multi: reconfiguration with this window α (4 servers, S1 S2 S3 first; S1 asked to swap S3 for S4)' },
  { name: 'mutant', type: 'string', arg: 'NAME', help: 'break one rule (see `paxos mutants`)' },
  { name: 'nack', type: 'on-off', help: 'acceptors answer refusals with nack (default off)' },
  { name: 'drops', type: 'int', min: 0, max: 9, help: 'messages the network may lose in one run (default 0)' },
  { name: 'duplicates', type: 'int', min: 0, max: 9, help: 'messages the network may deliver twice (default 0)' },
  { name: 'crashes', type: 'int', min: 0, max: 9, help: 'node crashes in one run (default per protocol)' },
  { name: 'timeouts', type: 'int', min: 0, max: 99, help: 'timer firings in one run (default per protocol)' },
  { name: 'timed', type: 'string', arg: 'NODES', help: 'nodes whose timers may fire, comma-separated, or all (default per protocol)' },
  { name: 'crashable', type: 'string', arg: 'NODES', help: 'nodes that may crash, comma-separated, or all (default per protocol)' },
  { name: 'network', type: 'enum', values: ['multiset', 'set'], help: 'multiset: messages consumed on delivery; set: TLA+-style, kept forever' },
  { name: 'symmetry', type: 'on-off', help: 'engine mode: merge states that differ only in which interchangeable acceptor is which (default off); spec-fast, spec-multi: the .cfg\'s SYMMETRY as TLC applies it (default on)' },
  { name: 'fingerprints', type: 'on-off', help: 'engine mode: keep a 96-bit fingerprint per state and only the states still to expand, for scopes too large to store whole (default off; the result gives the chance that a collision skipped a state)' },
  { name: 'spill', type: 'flag', help: 'engine mode, with --fingerprints on: keep the rows of the level being filled and the level being expanded in files under the system\'s temporary folder (unlinked as soon as opened, so gone however the search ends), so memory holds only the fingerprints' },
  { name: 'expect-states', type: 'int', min: 1, max: MAX_FINGERPRINT_STATES, arg: 'N', help: 'engine mode, with --fingerprints on: size the fingerprint table for N states at the start (22 bytes a state), so a search that stays under N never stops to grow it; growing holds the old table and the new one at once, which is what the largest searches run out of memory on' },
  { name: 'por', type: 'on-off', help: 'engine mode: partial-order reduction for safe verdicts in scopes of one crash — a crash is made with its recovery, right before the crashed node\'s next step (default off; a counterexample found need not be shortest)' },
  { name: 'sleep', type: 'on-off', help: 'engine mode: sleep sets — skip a delivery when another order of the same deliveries to different nodes reaches its successor at the same depth; the very same states, verdict and shortest length, fewer transitions (default off)' },
  { name: 'bound', type: 'int', min: 0, max: 1000, help: 'engine mode: look for a violation of at most N moves only; ends with a shortest one, or "clear": none that short exists (exit 0; nothing said of longer runs)' },
  { name: 'hunt', type: 'flag', help: 'engine mode: random runs instead of breadth-first search; the first that chooses two values is shortened (a real run, not proved shortest; none found: exit 3, nothing proved)' },
  { name: 'seed', type: 'int', min: 0, max: 4294967295, help: '--hunt: the seed every walk is drawn from (default 1; same seed, same run)' },
  { name: 'walks', type: 'int', min: 1, max: 10000000, help: '--hunt: random runs to try at most (default 100000)' },
  { name: 'witness', type: 'flag', help: 'replay the mutant\'s scripted counterexample instead of searching (forget-promise-on-learn, fast-recovery-any-reported, reconfigure-immediately)' },
  { name: 'values', type: 'int', min: 1, max: 4, help: 'spec, spec-fast: number of values' },
  { name: 'max-ballot', type: 'int', min: 0, max: 6, help: 'spec, spec-fast: ballots 0..N; spec-multi: ballots 1..N' },
  { name: 'fast-ballots', type: 'string', arg: 'LIST', help: 'spec-fast: the fast ballots, comma-separated (default the odd ones: 1,3 for ballots 0..4)' },
  { name: 'writes', type: 'int', min: 1, max: 9, help: 'spec-multi: write commands' },
  { name: 'reads', type: 'int', min: 0, max: 9, help: 'spec-multi: read commands' },
  { name: 'max-states', type: 'int', min: 1, help: 'stop (incomplete, exit 3) beyond this many distinct states' },
  { name: 'timeout', type: 'number', min: 0, arg: 'SECONDS', help: 'stop (incomplete, exit 3) after this long' },
  { name: 'format', type: 'enum', values: ['json', 'text'], help: 'json (default): one line; text: a summary' },
  { name: 'quiet', type: 'flag', help: 'no progress on stderr' },
  { name: 'help', type: 'flag', help: 'this text' },
];

const HELP = `usage: npm run --silent paxos -- check [--model engine|spec|spec-fast|spec-multi] [flags]
  engine: check --protocol basic|multi|fast [--acceptors N --proposers M --clients K --max-round R --slots S] [--mutant NAME]
          check --acceptors 4 --q1 3 --q2 2    (Basic with flexible quorums)
          check --protocol multi --alpha 1     (Multi-Paxos reconfiguration, 3 → 3 servers)
  spec:   check --model spec --acceptors N --values V --max-ballot B
          check --model spec-fast [--acceptors 4 --values 3 --max-ballot 4 --fast-ballots 1,3]   (FastPaxos.cfg)
          check --model spec-multi [--acceptors 3 --writes 1 --reads 1 --max-ballot 2]           (MultiPaxos_MC_small.cfg)
  search: check --mutant NAME --bound N     (breadth-first up to N moves: a shortest violation, or clear)
          check --mutant NAME --hunt [--seed S --walks W]   (random runs: a violation, not proved shortest)
  exit 0 safe (with --bound: clear), 1 violation, 2 bad flags, 3 incomplete (--max-states/--timeout hit, or --hunt found nothing)

${usage(FLAGS)}`;

const ENGINE_ONLY = ['fingerprints', 'spill', 'expect-states', 'bound', 'hunt', 'seed', 'walks', 'witness', 'por', 'sleep', 'q1', 'q2', 'alpha', 'recovery', 'protocol', 'proposers', 'clients', 'max-round', 'slots', 'mutant', 'nack', 'drops', 'duplicates', 'crashes', 'timeouts', 'timed', 'crashable', 'network'];
/** Flags that only some models take; the others take every flag. */
const MODELS_OF: Record<string, readonly string[]> = {
  ...Object.fromEntries(ENGINE_ONLY.map((f) => [f, ['engine']])),
  symmetry: ['engine', 'spec-fast', 'spec-multi'],
  values: ['spec', 'spec-fast'],
  'max-ballot': ['spec', 'spec-fast', 'spec-multi'],
  'fast-ballots': ['spec-fast'],
  writes: ['spec-multi'],
  reads: ['spec-multi'],
};

export async function run(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv, FLAGS);
    if (args.positionals.length > 0) throw new UsageError(`unexpected argument ${shown(args.positionals[0]!)}; flags start with --`);
  } catch (e) {
    if (e instanceof UsageError) return fail(e.message);
    throw e;
  }
  if (args.bool('help')) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const model = args.string('model') ?? 'engine';
  const wrong = Object.keys(MODELS_OF).find((f) => args.has(f) && !MODELS_OF[f]!.includes(model));
  if (wrong) return fail(`--${wrong}: not a flag of --model ${model}`);

  const quiet = args.bool('quiet') ?? false;
  const timeout = args.number('timeout');
  const maxStates = args.int('max-states');
  const limits: SearchLimits = {
    ...(maxStates === undefined ? {} : { maxStates }),
    ...(timeout === undefined ? {} : { timeoutMs: timeout * 1000 }),
    onProgress: (p) => {
      // A search started again for huge pages ends with the process that started it (huge-pages.ts).
      if (firstProcessGone()) process.exit(129);
      if (!quiet) progress(p);
    },
  };
  const format = args.string('format') ?? 'json';

  if (model === 'spec') {
    const scope = { acceptors: args.int('acceptors') ?? 3, values: args.int('values') ?? 2, maxBallot: args.int('max-ballot') ?? 1 };
    try {
      validateSpecScope(scope);
    } catch (e) {
      return fail(`--${flagOf(String((e as Error).message))}`);
    }
    const r = checkSpec(scope, limits);
    const title = `spec Paxos.tla, ${scope.acceptors} acceptors, ${scope.values} values, ballots 0..${scope.maxBallot}`;
    print(format === 'text' ? specText(title, r) : JSON.stringify({ ...r, model: 'spec', scope }));
    return exitCode(r.result);
  }
  if (model === 'spec-fast') {
    const maxBallot = args.int('max-ballot') ?? 4;
    const listed = args.string('fast-ballots');
    const fastBallots = listed === undefined ? [...Array(maxBallot + 1).keys()].filter((b) => b % 2 === 1) : ballotList(listed);
    if (typeof fastBallots === 'string') return fail(fastBallots);
    if (fastBallots.length === 0) return fail(`--fast-ballots: ballots 0..${maxBallot} have no odd one to default to; list the fast ones, e.g. --fast-ballots 0`);
    const scope: FastSpecScope = { replicas: args.int('acceptors') ?? 4, values: args.int('values') ?? 3, maxBallot, fastBallots, symmetry: args.bool('symmetry') ?? true };
    try {
      validateFastScope(scope);
    } catch (e) {
      return fail(`--${flagOf(String((e as Error).message))}`);
    }
    const r = checkFastSpec(scope, limits);
    const title = `spec-fast FastPaxos.tla, ${scope.replicas} replicas, ${scope.values} values, ballots 0..${maxBallot}, fast {${fastBallots.join(', ')}}, symmetry ${scope.symmetry ? 'on' : 'off'}`;
    print(format === 'text' ? specText(title, r) : JSON.stringify({ ...r, model: 'spec-fast', scope }));
    return exitCode(r.result);
  }
  if (model === 'spec-multi') {
    const scope: MultiSpecScope = { replicas: args.int('acceptors') ?? 3, writes: args.int('writes') ?? 1, reads: args.int('reads') ?? 1, maxBallot: args.int('max-ballot') ?? 2, symmetry: args.bool('symmetry') ?? true };
    try {
      validateMultiScope(scope);
    } catch (e) {
      return fail(`--${flagOf(String((e as Error).message))}`);
    }
    const r = checkMultiSpec(scope, limits);
    const title = `spec-multi MultiPaxos.tla, ${scope.replicas} replicas, writes ${scope.writes}, reads ${scope.reads}, ballots 1..${scope.maxBallot}, symmetry ${scope.symmetry ? 'on' : 'off'}`;
    print(format === 'text' ? specText(title, r) : JSON.stringify({ ...r, model: 'spec-multi', scope }));
    return exitCode(r.result);
  }

  const mutantName = args.string('mutant');
  let mutant: MutantName | undefined;
  if (mutantName !== undefined) {
    if (!isMutantName(mutantName)) return fail(`--mutant: unknown mutant ${shown(mutantName)}; run \`paxos mutants\` for the list`);
    mutant = mutantName;
  }
  const protocol = (args.string('protocol') ?? MUTANTS.find((m) => m.name === mutant)?.protocol ?? 'basic') as ProtocolName;
  const options: ScopeOptions = {
    protocol,
    ...pick(args.int('acceptors'), 'acceptors'),
    ...pick(args.int('proposers'), 'proposers'),
    ...pick(args.int('clients'), 'clients'),
    ...pick(args.int('max-round'), 'maxRound'),
    ...pick(args.int('slots'), 'slots'),
    ...pick(args.string('recovery') as ScopeOptions['recovery'], 'recovery'),
    ...pick(args.int('q1'), 'phase1Quorum'),
    ...pick(args.int('q2'), 'phase2Quorum'),
    ...pick(args.int('alpha'), 'alpha'),
    ...pick(args.bool('nack'), 'nack'),
    ...pick(args.int('drops'), 'drops'),
    ...pick(args.int('duplicates'), 'duplicates'),
    ...pick(args.int('crashes'), 'crashes'),
    ...pick(args.int('timeouts'), 'timeouts'),
    ...pick(args.string('network') as 'multiset' | 'set' | undefined, 'network'),
    ...pick(nodeList(args.string('timed')), 'timed'),
    ...pick(nodeList(args.string('crashable')), 'crashable'),
    ...(mutant === undefined ? {} : { mutant }),
  };
  const hunting = args.bool('hunt') ?? false;
  const bound = args.int('bound');
  // One way of searching per run; the hunt's own flags mean nothing to the others.
  const ways = (['witness', 'hunt', 'bound'] as const).filter((f) => args.has(f));
  if (ways.length > 1) return fail(`--${ways[1]}: one of --witness, --hunt, --bound per run (got --${ways[0]} too)`);
  if (!hunting) {
    const loose = ['seed', 'walks'].find((f) => args.has(f));
    if (loose) return fail(`--${loose}: only a flag of --hunt`);
  } else {
    const loose = ['symmetry', 'por', 'sleep', 'fingerprints', 'spill', 'expect-states', 'max-states', 'timeout'].find((f) => args.has(f));
    if (loose) return fail(`--${loose}: not a flag of --hunt (a hunt walks the unreduced scope, bounded by --walks)`);
  }
  let r: CheckResult | ClearResult;
  if (args.bool('witness')) {
    const w = mutant === undefined ? undefined : checkWitness(mutant);
    if (!w) return fail(`--witness: only a mutant with a scripted run has one (${Object.keys(WITNESSES).join(', ')})`);
    print(format === 'text' ? engineText(w) : JSON.stringify(w));
    return exitCode(w.result);
  }
  const fingerprints = args.bool('fingerprints') ?? false;
  if (args.bool('spill') && !fingerprints) return fail('--spill: keeps the rows of a fingerprint search only; add --fingerprints on');
  const expectedStates = args.int('expect-states');
  if (expectedStates !== undefined) {
    if (!fingerprints) return fail('--expect-states: sizes the table of a fingerprint search only; add --fingerprints on');
    const refusal = presizeRefusal(expectedStates, totalmem());
    if (refusal) return fail(`--expect-states: ${refusal}`);
  }
  // The table of a fingerprint search is the one structure big enough for the TLB to matter (huge-pages.ts).
  if (fingerprints) {
    const code = againWithHugePages(quiet ? undefined : (line) => process.stderr.write(`paxos check: ${line}\n`));
    if (code !== undefined) return code;
  }
  // Files without a name (src/cli/level-files.ts): an interrupted search leaves nothing behind, with no
  // signal handler to wait for.
  const files = args.bool('spill') ? tempLevelFiles() : undefined;
  try {
    const seed = args.int('seed');
    const walks = args.int('walks');
    r = hunting
      ? checkHunt(options, { ...(seed === undefined ? {} : { seed }), ...(walks === undefined ? {} : { walks }) })
      : checkBounded(options, bound, limits, { symmetry: args.bool('symmetry') ?? false, por: args.bool('por') ?? false, sleep: args.bool('sleep') ?? false, fingerprints, ...(files ? { levelFiles: files } : {}), ...(expectedStates === undefined ? {} : { expectedStates }) });
  } catch (e) {
    if (e instanceof ConfigError) return fail(`--${flagName(e.field)}: ${e.message.slice(e.field.length + 2)}`);
    if (e instanceof RangeError) {
      // "timed: unknown node X" names the flag that set it: say so the way the other flag errors do.
      const field = e.message.slice(0, Math.max(0, e.message.indexOf(':')));
      return fail(FLAGS.some((f) => f.name === field) ? `--${e.message}` : e.message);
    }
    throw e;
  } finally {
    files?.dispose();
  }
  print(format === 'text' ? engineText(r) : JSON.stringify(r));
  return exitCode(r.result);
}

/** "all" or a comma-separated list of node ids ("L1,S2"). */
function nodeList(text: string | undefined): readonly string[] | 'all' | undefined {
  if (text === undefined || text === 'all') return text;
  return text.split(',').map((id) => id.trim()).filter((id) => id !== '');
}

function pick<K extends string, V>(value: V | undefined, key: K): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** "1,3" as ballot numbers, or a one-line complaint naming --fast-ballots. */
function ballotList(text: string): number[] | string {
  const parts = text.split(',').map((p) => p.trim());
  const bad = parts.find((p) => !/^[0-9]{1,2}$/.test(p));
  if (bad !== undefined) return `--fast-ballots: ${shown(bad)} is not a ballot number; list ballots like 1,3`;
  return parts.map(Number);
}

const FIELD_FLAGS: Record<string, string> = { replicas: 'acceptors', fastBallots: 'fast-ballots', maxRound: 'max-round', maxBallot: 'max-ballot', classicQuorum: 'acceptors', fastQuorum: 'acceptors', phase1Quorum: 'q1', phase2Quorum: 'q2' };
const flagName = (field: string): string => FIELD_FLAGS[field] ?? field;
/** "maxBallot: must be …" → "max-ballot: must be …" */
const flagOf = (message: string): string => {
  const i = message.indexOf(':');
  return i < 0 ? message : flagName(message.slice(0, i)) + message.slice(i);
};

function exitCode(result: 'safe' | 'clear' | 'violation' | 'incomplete'): number {
  return result === 'safe' || result === 'clear' ? 0 : result === 'violation' ? 1 : 3;
}

function fail(line: string): number {
  process.stderr.write(`paxos check: ${line}\n`);
  return 2;
}

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

function progress(p: SearchProgress): void {
  process.stderr.write(`paxos check: ${p.states} states, ${p.transitions} transitions, depth ${p.depth}, ${p.rate} states/s, ${(p.ms / 1000).toFixed(1)} s\n`);
}

function specText(title: string, r: SpecSearchResult<string>): string {
  const head = `${title}: ${r.result}${r.result === 'violation' ? ` of ${r.property}` : ''}`;
  const body = `${r.distinct} distinct states, depth ${r.depth}, ${r.transitions} transitions, ${r.ms} ms`;
  if (r.result === 'violation') return `${head}\n${body}\n${r.path.join('\n')}`;
  if (r.result === 'incomplete') return `${head} (${r.reason})\n${body}`;
  return `${head}\n${body}`;
}

function engineText(r: CheckResult | ClearResult): string {
  const s = r.scope;
  const recovery = s.recovery === undefined ? '' : `, ${s.recovery} recovery`;
  const reconfig = s.alpha === undefined ? '' : ` (${s.members} first, α = ${s.alpha})`;
  const sizes = s.phase1Quorum === undefined && s.phase2Quorum === undefined ? '' : ` (q1 ${s.phase1Quorum ?? 'majority'}, q2 ${s.phase2Quorum ?? 'majority'})`;
  const what = `${s.protocol ?? 'multi'}${s.mutant ? ` --mutant ${s.mutant}` : ''}: ${s.acceptors} acceptors${sizes}${reconfig}${recovery}, rounds ≤ ${s.maxRound}, crashes ${s.crashes}, drops ${s.drops ?? 0}, duplicates ${s.duplicates ?? 0}`;
  const kept = r.fingerprints ? `; ${r.fingerprints.bits}-bit fingerprints (chance a collision skipped a state < ${r.fingerprints.missBound.toPrecision(2)})` : '';
  const counts = `${r.states} states, ${r.transitions} transitions, depth ${r.depth}, ${r.ms} ms; reductions: ${r.reductions.join(', ') || 'none'}${kept}`;
  if (r.result === 'violation') {
    const how = r.scripted ? ' (scripted run)' : r.hunted ? ` (hunted: seed ${r.hunted.seed}, walk ${r.hunted.walk}, ${r.hunted.foundSteps} steps shortened; not proved shortest)` : '';
    return `${what}${how}\nVIOLATION of agreement in slot ${r.slot}: ${r.values.map((v) => JSON.stringify(v)).join(' and ')} both chosen after ${r.steps} steps\n` +
      `trace breaks: ${r.broken.join(', ')}\n${counts}`;
  }
  if (r.result === 'clear') return `${what}\nclear: no run of at most ${r.bound} moves chooses two values (longer runs not searched)\n${counts}`;
  if (r.result === 'incomplete' && r.reason === 'walks') return `${what}\nINCOMPLETE: the hunt found no violation in its walks; nothing proved\n${counts}`;
  if (r.result === 'incomplete') return `${what}\nINCOMPLETE (${r.reason}): nothing proved\n${counts}`;
  return `${what}\nsafe: every reachable state checked\n${counts}`;
}
