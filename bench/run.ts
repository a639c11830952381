// `npm run bench [-- name … [--flag …]]`: runs the named benchmarks (default: all that exist), one child
// process each so one benchmark's warm caches and JIT state never flatter the next. Everything from the
// first `-` on is handed to each of them (`npm run bench -- checker --quick --cap 30`). Benchmarks print
// figures; none of them passes or fails on time.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const ALL = ['engine', 'checker', 'checker-store', 'checker-panel', 'build', 'budget', 'lighthouse', 'fonts', 'dev', 'fuzz'] as const;

const args = process.argv.slice(2);
const firstFlag = args.findIndex((a) => a.startsWith('-'));
const wanted = firstFlag < 0 ? args : args.slice(0, firstFlag);
const flags = firstFlag < 0 ? [] : args.slice(firstFlag);
for (const name of wanted) {
  if (!(ALL as readonly string[]).includes(name)) {
    console.error(`bench: unknown benchmark "${name}"; choose from ${ALL.join(', ')}`);
    process.exit(2);
  }
}
let failed = 0;
for (const name of wanted.length > 0 ? wanted : ALL) {
  const file = join(here, `${name}.ts`);
  if (!existsSync(file)) {
    console.error(`bench: ${name}: bench/${name}.ts does not exist yet, skipped`);
    continue;
  }
  console.log(`\n== bench ${name} ==`);
  const run = spawnSync(process.execPath, [file, ...flags], { stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`bench: ${name} exited with ${run.status ?? run.signal}`);
    failed++;
  }
}
process.exit(failed > 0 ? 1 : 0);
