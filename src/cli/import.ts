// `npm run import -- <post.md or folder>… [--out content/notes] [--force] [--dry-run]`
// Converts Hexo posts into notes (src/hexo). Exit codes: 0 every post imported, 1 some post not
// imported (could not be converted, or its note exists and --force was not given), 2 bad usage.
import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { importPosts } from '../hexo/run.ts';

const usage = `usage: npm run import -- <post.md | folder>... [--out content/notes] [--force] [--dry-run]

Converts Hexo posts into notes of this site (one .md note per post, named after the post's file).

  <post.md | folder>  a Hexo post, or a folder searched for .md/.markdown posts (e.g. source/_posts)
  -o, --out DIR       where the notes go (default: content/notes)
  -f, --force         overwrite notes that already exist (never done without it)
  -n, --dry-run       convert and print the changes, write nothing
  -h, --help          this text

Prints every change per post on stdout; progress, warnings and posts that could not be imported on stderr.
Exit codes: 0 all posts imported, 1 some post not imported, 2 bad usage.`;

function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string', short: 'o', default: 'content/notes' },
        force: { type: 'boolean', short: 'f', default: false },
        'dry-run': { type: 'boolean', short: 'n', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    console.error(`import: ${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (positionals.length === 0) {
    console.error(`import: name a Hexo post or a folder of posts\n\n${usage}`);
    return 2;
  }
  for (const input of positionals) {
    if (!existsSync(input)) {
      console.error(`import: ${input}: no such file or folder`);
      return 2;
    }
    if (!statSync(input).isDirectory() && !/\.(md|markdown)$/i.test(input)) {
      console.error(`import: ${input}: not a Markdown post (.md or .markdown) nor a folder`);
      return 2;
    }
  }
  if (values.out.trim() === '') {
    console.error('import: --out needs a folder');
    return 2;
  }
  if (existsSync(values.out) && !statSync(values.out).isDirectory()) {
    console.error(`import: --out ${values.out} is a file, not a folder`);
    return 2;
  }
  const summary = importPosts(
    { inputs: positionals, out: values.out, force: values.force, dryRun: values['dry-run'] },
    { stdout: (line) => console.log(line), stderr: (line) => console.error(line) },
  );
  return summary.failed > 0 || summary.posts === 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
