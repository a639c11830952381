// The whole project (engine, site, CLI, tests) compiles under the strictest TypeScript settings: Node only
// strips types when it runs a .ts file, so without this nothing would notice a type error. The types of
// `astro:content` and `import.meta.env` are generated into .astro/ by a build, so the check runs after the
// shared build of the real site (which every end-to-end test waits for anyway).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { ensureBuiltSite } from '../support/built-site.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

test('tsc --noEmit reports no type error', async () => {
  await ensureBuiltSite();
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const run = spawnSync(process.execPath, [tsc, '--noEmit', '-p', root], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0, `tsc found type errors:\n${run.stdout}${run.stderr}`);
});
