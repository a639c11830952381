// `npm run --silent paxos -- <verb> [flags]`: simulate (traces), check (exhaustive model checker),
// mutants (the rule-breaking variants). Each verb lives in its own file exporting
// `run(argv): Promise<number>` (the exit code); this file only dispatches. Exit 2: bad usage.
import { shown } from './args.ts';
const VERBS: Record<string, { readonly file: string; readonly summary: string }> = {
  simulate: { file: './simulate.ts', summary: 'run the simulator; print paxos-trace/1 JSON lines, Mermaid or text' },
  check: { file: './check.ts', summary: 'exhaustive small-scope search for a safety violation' },
  mutants: { file: './mutants.ts', summary: 'list the rule-breaking variants' },
};

const HELP = `usage: npm run --silent paxos -- <verb> [flags]   (--help after a verb for its flags)

${Object.entries(VERBS).map(([v, d]) => `  ${v.padEnd(9)} ${d.summary}`).join('\n')}`;

type Verb = { run(argv: string[]): Promise<number> };

async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb === undefined || verb === '--help' || verb === 'help') {
    (verb === undefined ? process.stderr : process.stdout).write(`${HELP}\n`);
    return verb === undefined ? 2 : 0;
  }
  const entry = VERBS[verb];
  if (!entry) {
    process.stderr.write(`paxos: unknown verb ${shown(verb)}; verbs are ${Object.keys(VERBS).join(', ')}\n`);
    return 2;
  }
  const url = new URL(entry.file, import.meta.url);
  let mod: Verb;
  try {
    mod = (await import(url.href)) as Verb;
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { url?: string };
    if (err.code === 'ERR_MODULE_NOT_FOUND' && (err.url === url.href || String(err.message).includes(entry.file.slice(2)))) {
      process.stderr.write(`paxos ${verb}: not available in this checkout (src/cli/${entry.file.slice(2)} is missing)\n`);
      return 2;
    }
    throw e;
  }
  return mod.run(rest);
}

// Pipes closed early (`| head`) are not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`paxos: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 70;
  },
);
