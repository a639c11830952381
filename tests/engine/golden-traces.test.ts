// Every stored scenario's run, pinned as the text trace `paxos simulate --format text` prints
// (tests/golden/<protocol>/<name>.txt, like etcd's datadriven files): a change in any protocol, the
// simulator or the renderer shows up here as a readable diff of the runs it changes. After a change
// you meant, rewrite the files with
//   UPDATE_GOLDEN=1 npm exec -- node --test tests/engine/golden-traces.test.ts
// and read the diff before committing it.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import { traceToText } from '../../src/paxos/render/text.ts';
import { runScenario } from '../../src/paxos/sim/run.ts';
import { scenarioCatalog } from '../../src/scenarios/index.ts';

const GOLDEN = fileURLToPath(new URL('../golden/', import.meta.url));
const update = process.env['UPDATE_GOLDEN'] === '1';

describe('golden text traces, one per stored scenario', () => {
  for (const [name, scenario] of Object.entries(scenarioCatalog)) {
    it(name, () => {
      const trace = runScenario(scenario);
      // The run is still judged: a correct protocol stays safe, a declared mutant breaks a rule.
      const violation = checkTrace(trace);
      if (scenario.mutant) assert.ok(violation, `${name} declares mutant ${scenario.mutant} but breaks no property`);
      else assert.equal(violation, null, `${name}: ${JSON.stringify(violation)}`);
      const text = traceToText(trace);
      const file = join(GOLDEN, `${name}.txt`);
      if (update) {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
        return;
      }
      assert.ok(existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1 to write it, then review it`);
      assert.equal(`${text.replace(/\n$/, '')}\n`, readFileSync(file, 'utf8'), `${name}: the run changed (UPDATE_GOLDEN=1 rewrites the file)`);
    });
  }

  it('has no golden file without its scenario', () => {
    const files = readdirSync(GOLDEN, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => f.slice(0, -4).split('\\').join('/'));
    assert.deepEqual(files.filter((f) => !(f in scenarioCatalog)), [], 'delete the files of removed scenarios');
  });
});
