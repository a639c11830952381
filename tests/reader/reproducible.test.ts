// Two clean builds of the same sources, in two different temporary folders, must give the same
// dist/ byte for byte (including the Pagefind index and the share cards): no timestamps, no random
// ids, no absolute paths, no order that depends on the file system or on timing.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, test } from 'node:test';
import { removeSite } from '../support/site-build.ts';
import { buildReaderSite, type ReaderSite } from './build.ts';

const sites: ReaderSite[] = [];
after(() => sites.forEach(removeSite));

function digests(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(relative(dir, full), createHash('sha256').update(readFileSync(full)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

test('two clean builds give byte-identical dist/', async () => {
  // One after the other: two parallel builds would each launch a browser and compete for 2 cores.
  // Each with an empty diagram cache, so mermaid really renders twice.
  sites.push(await buildReaderSite('repro-a', { freshDiagramCache: true }));
  sites.push(await buildReaderSite('repro-b', { freshDiagramCache: true }));
  const [a, b] = sites.map((s) => digests(s.dist)) as [Map<string, string>, Map<string, string>];
  assert.ok(a.size > 20, `dist has ${a.size} files`);
  assert.deepEqual([...a.keys()], [...b.keys()], 'the same files');
  const differing = [...a].filter(([file, hash]) => b.get(file) !== hash).map(([file]) => file);
  assert.deepEqual(differing, [], 'files whose bytes differ between the two builds');
});
