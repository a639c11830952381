// A small flag parser shared by the `paxos` verbs (simulate here; check and mutants reuse it).
//
// API
//   const specs: FlagSpec[] = [
//     { name: 'acceptors', type: 'int', min: 1, help: 'number of acceptors' },
//     { name: 'drop', type: 'number', min: 0, max: 1, help: 'probability a message is lost' },
//     { name: 'nack', type: 'on-off', help: 'acceptors answer refusals' },
//     { name: 'format', type: 'enum', values: ['json', 'text'], help: 'output format' },
//     { name: 'scenario', type: 'string', help: 'scenario file' },
//     { name: 'help', type: 'flag', help: 'this text' },
//   ];
//   const args = parseArgs(argv, specs);   // throws UsageError: one line that names the flag
//   args.int('acceptors')                  // number | undefined (also .number, .string, .bool)
//   args.has('nack'); args.positionals     // 'on-off' and 'flag' read with .bool()
//   usage(specs)                           // the flag list, one per line, for --help
//
// Accepted forms: `--name value`, `--name=value`, and for 'flag' just `--name`. A flag given twice, an
// unknown flag, a missing or malformed value are UsageErrors; the caller prints the message and exits 2.

export type FlagType = 'int' | 'number' | 'string' | 'enum' | 'on-off' | 'flag';

export interface FlagSpec {
  readonly name: string;
  readonly type: FlagType;
  readonly help: string;
  /** For 'enum'. */
  readonly values?: readonly string[];
  /** Bounds for 'int' and 'number', inclusive. */
  readonly min?: number;
  readonly max?: number;
  /** Shown in usage, e.g. 'N' or 'file.json'. */
  readonly arg?: string;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type FlagValue = string | number | boolean;

export class ParsedArgs {
  readonly values: ReadonlyMap<string, FlagValue>;
  readonly positionals: readonly string[];
  constructor(values: ReadonlyMap<string, FlagValue>, positionals: readonly string[]) {
    this.values = values;
    this.positionals = positionals;
  }
  has(name: string): boolean {
    return this.values.has(name);
  }
  int(name: string): number | undefined {
    return this.number(name);
  }
  number(name: string): number | undefined {
    const v = this.values.get(name);
    return typeof v === 'number' ? v : undefined;
  }
  string(name: string): string | undefined {
    const v = this.values.get(name);
    return typeof v === 'string' ? v : undefined;
  }
  bool(name: string): boolean | undefined {
    const v = this.values.get(name);
    return typeof v === 'boolean' ? v : undefined;
  }
}

/**
 * A value as a message may repeat it: quoted, with control characters escaped (JSON's rules) so that a
 * hostile flag cannot move the cursor or ring the terminal, and cut to 40 characters.
 */
export function shown(raw: string): string {
  return raw.length > 40 ? `${JSON.stringify(raw.slice(0, 40)).slice(0, -1)}…" (${raw.length} characters)` : JSON.stringify(raw);
}

function convert(spec: FlagSpec, raw: string): FlagValue {
  const flag = `--${spec.name}`;
  const bounds = (n: number): number => {
    if (spec.min !== undefined && n < spec.min) throw new UsageError(`${flag}: must be ≥ ${spec.min}, got ${spec.type === 'int' ? raw : String(n)}`);
    if (spec.max !== undefined && n > spec.max) throw new UsageError(`${flag}: must be ≤ ${spec.max}, got ${spec.type === 'int' ? raw : String(n)}`);
    return n;
  };
  switch (spec.type) {
    case 'int': {
      if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) throw new UsageError(`${flag}: must be an integer, got ${shown(raw)}`);
      return bounds(Number(raw));
    }
    case 'number': {
      const n = Number(raw);
      if (raw.trim() === '' || Number.isNaN(n)) throw new UsageError(`${flag}: must be a number, got ${shown(raw)}`);
      if (!Number.isFinite(n)) throw new UsageError(`${flag}: must be a finite number, got ${shown(raw)}`);
      return bounds(n);
    }
    case 'enum':
      if (!(spec.values ?? []).includes(raw)) throw new UsageError(`${flag}: must be one of ${(spec.values ?? []).join(', ')}, got ${shown(raw)}`);
      return raw;
    case 'on-off':
      if (raw !== 'on' && raw !== 'off') throw new UsageError(`${flag}: must be on or off, got ${shown(raw)}`);
      return raw === 'on';
    case 'string':
      if (raw === '') throw new UsageError(`${flag}: needs a value`);
      return raw;
    case 'flag':
      throw new UsageError(`${flag}: takes no value, got ${shown(raw)}`);
  }
}

export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const values = new Map<string, FlagValue>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      if (a.startsWith('-') && a.length > 1) throw new UsageError(`unknown flag ${a}; flags are ${specs.map((s) => `--${s.name}`).join(' ')}`);
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    const spec = byName.get(name);
    if (!spec) throw new UsageError(`unknown flag --${name}; flags are ${specs.map((s) => `--${s.name}`).join(' ')}`);
    if (values.has(name)) throw new UsageError(`--${name}: given twice`);
    if (spec.type === 'flag') {
      if (eq >= 0) convert(spec, a.slice(eq + 1));
      values.set(name, true);
      continue;
    }
    let raw: string;
    if (eq >= 0) raw = a.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2)) throw new UsageError(`--${name}: needs a value${spec.arg ? ` (${spec.arg})` : ''}`);
      raw = next;
      i++;
    }
    values.set(name, convert(spec, raw));
  }
  return new ParsedArgs(values, positionals);
}

/** One line per flag: `  --name ARG   help`. */
export function usage(specs: readonly FlagSpec[]): string {
  const left = specs.map((s) => {
    const arg = s.type === 'flag' ? '' : ` ${s.arg ?? (s.type === 'enum' ? (s.values ?? []).join('|') : s.type === 'on-off' ? 'on|off' : s.type === 'int' ? 'N' : s.type === 'number' ? 'X' : 'VALUE')}`;
    return `--${s.name}${arg}`;
  });
  const width = Math.max(...left.map((l) => l.length));
  return specs.map((s, i) => `  ${left[i]!.padEnd(width)}  ${s.help}`).join('\n');
}
