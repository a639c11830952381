// The scenario modules stay in step with content/scenarios, and every stored scenario is safe unless it
// is a mutant demonstration (then it must actually break a property, or the note's claim is wrong).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import { runScenario } from '../../src/paxos/sim/run.ts';
import { scenarioCatalog } from '../../src/scenarios/index.ts';
import { PROJECT_ROOT } from '../support/project.ts';

test('every content/scenarios file has an export in src/scenarios', () => {
  const dir = join(PROJECT_ROOT, 'content', 'scenarios');
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(dir, d.name)).filter((f) => f.endsWith('.json')).map((f) => `${d.name}/${f.slice(0, -5)}`));
  assert.deepEqual(Object.keys(scenarioCatalog).sort(), files.sort());
});

test('stored scenarios run; the correct ones are safe, the mutant ones break a property', () => {
  for (const [name, scenario] of Object.entries(scenarioCatalog)) {
    const bad = checkTrace(runScenario(scenario));
    if (scenario.mutant) assert.ok(bad, `${name} declares mutant ${scenario.mutant} but its run is safe`);
    else assert.equal(bad, null, `${name}: ${bad?.message}`);
  }
});
