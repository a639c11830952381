// The chapters quote the exact command behind each checker verdict, so that a reader can run it again.
// A verdict whose command no longer parses is a verdict nobody can reproduce: every `paxos -- check`
// command quoted in the Multi-Paxos chapter and in the checker appendix is run here with a state cap of
// one (exit 3, incomplete: every flag accepted and the scope built — not exit 2, a flag refused), a
// `--witness` or `--hunt` command to its violation (exit 1), and every bench/reconfig-search.ts command with
// a cap of a fraction of a second (it prints its scope and stops). The verdicts themselves take minutes;
// `npm run bench -- checker` runs them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { PROJECT_ROOT } from '../support/project.ts';

const FILES = ['content/notes/paxos-03-multi.mdx', 'content/notes/paxos-appendix-checker.mdx'];
const CLI = join(PROJECT_ROOT, 'src', 'cli', 'paxos.ts');
const RECONFIG = join(PROJECT_ROOT, 'bench', 'reconfig-search.ts');

/** Every command in backticks, with the file and line quoting it. */
function quoted(): { where: string; command: string }[] {
  const out: { where: string; command: string }[] = [];
  for (const file of FILES) {
    readFileSync(join(PROJECT_ROOT, file), 'utf8').split('\n').forEach((line, i) => {
      for (const m of line.matchAll(/`(npm (?:run --silent paxos -- check|exec -- node bench\/reconfig-search\.ts)[^`]*)`/g)) out.push({ where: `${file}:${i + 1}`, command: m[1]! });
    });
  }
  return out;
}

test('every checker command a chapter quotes runs: its flags are accepted and its scope is built', () => {
  const commands = quoted();
  assert.ok(commands.length >= 5, `found ${commands.length} commands`);
  for (const { where, command } of commands) {
    const words = command.split(/\s+/);
    if (words[1] === 'run') {
      const args = words.slice(words.indexOf('check'));
      // A scripted run and a hunt (seconds: it stops at the walk that finds its run) run whole, to their violation.
      const whole = args.includes('--witness') || args.includes('--hunt');
      const r = spawnSync(process.execPath, [CLI, ...args, '--quiet', ...(whole ? [] : ['--max-states', '1'])], { encoding: 'utf8', cwd: PROJECT_ROOT });
      assert.equal(r.status, whole ? 1 : 3, `${where}: \`${command}\` exits ${r.status}: ${r.stderr.trim()}`);
    } else {
      const args = words.slice(words.indexOf('bench/reconfig-search.ts') + 1);
      const r = spawnSync(process.execPath, [RECONFIG, ...args, '--cap', '0.3'], { encoding: 'utf8', cwd: PROJECT_ROOT });
      assert.equal(r.status, 0, `${where}: \`${command}\` exits ${r.status}: ${r.stderr.trim()}`);
      assert.match(r.stdout, /3 → 3 servers, α 1, 2 slots/, where);
    }
  }
});
