// Hostile command lines for `paxos simulate` and `paxos check`, run in-process through each verb's
// exported run(argv) with stdout and stderr captured. Flags get huge, negative, non-finite and malformed
// values, scenario files are hostile (bench/fuzz/scenario.ts), carry a BOM, are not JSON or do not exist.
// A clean run exits 0 (3 for an incomplete check; every simulate runs with --check, and exit 1, a safety
// violation, is a failure); a refusal exits 2 with exactly one line naming the flag or field; a thrown
// exception (the CLI's exit 70) or a stack trace is a crash.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Random } from '../../src/paxos/core/random.ts';
import { run as simulate } from '../../src/cli/simulate.ts';
import { run as check } from '../../src/cli/check.ts';
import type { FuzzClass } from './class.ts';
import { hostileScenario } from './scenario.ts';

export interface HostileCommandLine {
  readonly verb: 'simulate' | 'check';
  readonly argv: readonly string[];
  /** The scenario file's content, when --scenario names one this input writes. */
  readonly file?: string;
}

const NUMBERS = ['5000000000', '1000000', '-1', '1e309', 'NaN', '', '0', '3', '9007199254740991', '0x10', ' 2', '2.5', 'Infinity', '1e6'];
const SIMULATE_NUMERIC = ['acceptors', 'proposers', 'clients', 'crashes', 'partitions', 'seed', 'drop', 'duplicate', 'max-time'];
const CHECK_NUMERIC = ['acceptors', 'proposers', 'clients', 'max-round', 'slots', 'drops', 'duplicates', 'crashes', 'timeouts', 'values', 'max-ballot'];

/** Now and then a hostile value, else a small sane one, so valid command lines get run too. */
function value(r: Random, flag: string): string {
  if (r.chance(0.3)) return r.pick(NUMBERS);
  if (flag === 'drop' || flag === 'duplicate') return r.pick(['0', '0.1', '0.5']);
  return flag === 'max-time' ? String(r.int(50, 500)) : String(r.int(1, 3));
}

/** `n` different flags (a flag given twice is refused before anything else is looked at). */
function pickFlags(r: Random, flags: readonly string[], n: number): string[] {
  const out: string[] = [];
  while (out.length < n) {
    const f = r.pick(flags);
    if (!out.includes(f)) out.push(f);
  }
  return out;
}

let dir: string | undefined;
function scratch(): string {
  if (!dir) {
    dir = mkdtempSync(join(tmpdir(), 'paxos-fuzz-cli-'));
    const d = dir;
    process.on('exit', () => rmSync(d, { recursive: true, force: true }));
  }
  return dir;
}

export function hostileCommandLine(seed: number): HostileCommandLine {
  const r = new Random((seed * 69069) ^ 0x5f3759df);
  const argv: string[] = [];
  if (r.chance(0.25)) {
    // check: always bounded, so a valid wide scope ends as "incomplete" instead of running for minutes.
    argv.push('--quiet', '--max-states', '2000', '--timeout', '2');
    if (r.chance(0.3)) argv.push('--model', r.pick(['engine', 'spec', 'tla']));
    argv.push('--protocol', r.pick(['basic', 'multi', 'fast', 'raft']));
    for (const flag of pickFlags(r, CHECK_NUMERIC, r.int(1, 3))) argv.push(`--${flag}`, value(r, flag));
    if (r.chance(0.2)) argv.push('--timed', r.pick(['all', 'P1', 'X9', ',,', '']));
    return { verb: 'check', argv };
  }
  let file: string | undefined;
  if (r.chance(0.4)) {
    const h = hostileScenario(seed, r.chance(0.5));
    const text = JSON.stringify(h.scenario);
    file = r.pick([text, `\uFEFF${text}`, `${text} trailing`, text.replace(/\d+/, '1e309'), '[]', '']);
  }
  if (file !== undefined) argv.push('--scenario', join(scratch(), `s${seed}.json`));
  else if (r.chance(0.05)) argv.push('--scenario', r.pick(['/nonexistent/x.json', tmpdir()]));
  for (const flag of pickFlags(r, SIMULATE_NUMERIC, r.int(1, 4))) argv.push(`--${flag}`, value(r, flag));
  if (r.chance(0.3)) argv.push('--protocol', r.pick(['basic', 'multi', 'fast', 'raft']));
  argv.push('--runs', r.pick(['1', '1', '2', '2', '-1', '1e309']));
  if (!argv.includes('--seed') && r.chance(0.2)) argv.push('--seed', '9007199254740991');
  argv.push('--format', r.pick(['json', 'text', 'mermaid', 'json', 'text', 'svg']));
  // Every run is checked against the safety properties (no input here names a mutant).
  argv.push('--check');
  if (r.chance(0.1)) argv.push(r.pick(['--bogus', 'extra', '-x', '--acceptors']));
  return file === undefined ? { verb: 'simulate', argv } : { verb: 'simulate', argv, file };
}

export interface CliOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the verb in this process with its output captured. A thrown exception propagates (a crash). */
export async function runCommandLine(cmd: HostileCommandLine): Promise<CliOutcome> {
  if (cmd.file !== undefined) writeFileSync(cmd.argv[cmd.argv.indexOf('--scenario') + 1]!, cmd.file);
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write;
  const err = process.stderr.write;
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  try {
    const code = await (cmd.verb === 'simulate' ? simulate : check)([...cmd.argv]);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

/**
 * What a clean outcome looks like; null when it is one, else what is wrong. No input names a mutant, so
 * exit 1 (a safety violation of the correct protocol, from `simulate --check` or `check`) is a failure too.
 */
export function judgeOutcome(cmd: HostileCommandLine, o: CliOutcome): string | null {
  const allowed = cmd.verb === 'check' ? [0, 2, 3] : [0, 2];
  if (!allowed.includes(o.code)) return `exit ${o.code}${o.code === 1 ? `: ${o.stderr.split('\n')[0]}` : ''}`;
  if (/\n\s+at /.test(o.stderr)) return 'a stack trace on stderr';
  if (o.code === 2) {
    const lines = o.stderr.trimEnd().split('\n');
    if (lines.length !== 1 || lines[0] === '') return `exit 2 with ${lines.length} lines on stderr, not one`;
  }
  return null;
}

export const fuzzClasses: FuzzClass[] = [
  {
    name: 'cli (simulate, check)',
    async attempt(seed: number): Promise<void> {
      const cmd = hostileCommandLine(seed);
      const bad = judgeOutcome(cmd, await runCommandLine(cmd));
      if (bad) throw new Error(bad);
    },
    describe(seed: number): string {
      const cmd = hostileCommandLine(seed);
      return `paxos ${cmd.verb} ${cmd.argv.map((a) => (a === '' || /\s/.test(a) ? JSON.stringify(a) : a)).join(' ')}${cmd.file !== undefined ? ` (file ${JSON.stringify(cmd.file.slice(0, 60))}…)` : ''}`;
    },
  },
];
