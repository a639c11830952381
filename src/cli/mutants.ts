// `paxos mutants`: the rule variants, one per line (name, protocol, meaning), or JSON (with `safety`: whether
// the checker finds a counterexample, "broken", or proves the variant safe in its scope, "kept").
import { MUTANTS } from '../paxos/core/mutants.ts';
import { MUTANT_SUMMARIES } from '../paxos/core/mutant-summaries.ts';
import { parseArgs, shown, usage, UsageError, type FlagSpec } from './args.ts';

const FLAGS: FlagSpec[] = [
  { name: 'format', type: 'enum', values: ['text', 'json'], help: 'text (default): name, protocol and meaning; json: one array' },
  { name: 'lang', type: 'enum', values: ['zh', 'en'], help: 'language of the meaning (default zh)' },
  { name: 'help', type: 'flag', help: 'this text' },
];

export async function run(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv, FLAGS);
    if (args.positionals.length > 0) throw new UsageError(`unexpected argument ${shown(args.positionals[0]!)}`);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`paxos mutants: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (args.bool('help')) {
    process.stdout.write(`usage: npm run --silent paxos -- mutants [--format text|json] [--lang zh|en]\n${usage(FLAGS)}\n`);
    return 0;
  }
  if (args.string('format') === 'json') {
    process.stdout.write(`${JSON.stringify(MUTANTS)}\n`);
    return 0;
  }
  const en = args.string('lang') === 'en';
  const width = Math.max(...MUTANTS.map((m) => m.name.length));
  for (const m of MUTANTS) process.stdout.write(`${m.name.padEnd(width)}  ${m.protocol.padEnd(5)}  ${MUTANT_SUMMARIES[m.name][en ? 'en' : 'zh']}\n`);
  return 0;
}
