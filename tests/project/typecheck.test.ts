// The whole project (engine, site, CLI, tests) compiles under the strictest TypeScript settings: Node only
// strips types when it runs a .ts file, so without this nothing would notice a type error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../../', import.meta.url));

test('tsc --noEmit reports no type error', () => {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const run = spawnSync(process.execPath, [tsc, '--noEmit', '-p', root], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0, `tsc found type errors:\n${run.stdout}${run.stderr}`);
});
