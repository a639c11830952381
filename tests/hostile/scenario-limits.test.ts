// Issue #14, points 5, 13 and 14: one set of size limits (SCENARIO_LIMITS, src/paxos/sim/limits.ts) for
// every protocol and every way a scenario enters — resolveScenario, a share link, a ```paxos fence, a
// scenario file — including the fields given inside `options`; unknown fields rejected at every level
// with their path; messages that name the field where it was written and say what a number must be.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SCENARIO_LIMITS } from '../../src/paxos/sim/limits.ts';
import { resolveScenario } from '../../src/paxos/sim/validate.ts';
import { ScenarioError } from '../../src/paxos/sim/scenario.ts';
import { runScenario } from '../../src/paxos/sim/run.ts';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import { decodeRunLink } from '../../src/figures/playground-link/codec.ts';
import type { ProtocolName } from '../../src/paxos/core/trace.ts';
import { fragmentOf } from '../../bench/fuzz/share-link.ts';
import { bounded, type Ending } from './bounded.ts';
import { getProtocol } from '../../src/paxos/registry.ts';

/** The path and message resolveScenario refuses `raw` with (it must refuse it). */
function refusal(raw: unknown): { path: string; message: string } {
  try {
    resolveScenario(raw, getProtocol);
  } catch (e) {
    assert.ok(e instanceof ScenarioError, `not a ScenarioError: ${String(e)}`);
    return { path: e.path, message: e.message };
  }
  assert.fail(`accepted ${JSON.stringify(raw)}`);
}

const SIZES: readonly { readonly protocol: ProtocolName; readonly field: 'acceptors' | 'proposers' | 'clients' | 'learners' }[] = [
  { protocol: 'basic', field: 'acceptors' },
  { protocol: 'basic', field: 'proposers' },
  { protocol: 'multi', field: 'acceptors' },
  { protocol: 'multi', field: 'clients' },
  { protocol: 'fast', field: 'acceptors' },
  { protocol: 'fast', field: 'clients' },
  { protocol: 'fast', field: 'learners' },
];

for (const { protocol, field } of SIZES) {
  const max = SCENARIO_LIMITS[field];
  test(`${protocol}: options.${field} is held to the same limit (${max}) as everywhere`, async () => {
    for (const v of [max + 1, 50, 1e6, 5e9]) {
      const raw = { protocol, options: { [field]: v } };
      const r = refusal(raw);
      assert.equal(r.path, `options.${field}`);
      assert.match(r.message, new RegExp(`at most ${max} \\(the limit for every scenario and protocol\\), got ${v}`));
      // The link decoder says no before anything is drawn.
      const link = decodeRunLink(fragmentOf({ s: raw }), getProtocol);
      assert.equal(link.ok, false, `link with options.${field} = ${v}`);
      assert.match(!link.ok ? link.message : '', new RegExp(`options\\.${field}: at most ${max}`));
    }
    // At the top level too (learners only exists inside options).
    if (field !== 'learners') assert.equal(refusal({ protocol, [field]: max + 1 }).path, field);
    // The limit itself is allowed, and such a run is safe.
    const at = protocol === 'fast' && field === 'acceptors' ? { [field]: max } : { options: { [field]: max } };
    const trace = runScenario({ protocol, ...at, maxTime: 200 } as never);
    assert.equal(checkTrace(trace), null);
  });
}

test('one acceptor limit for all protocols: Multi no longer says 99, Basic and Fast no longer take 10,000', () => {
  const messages = (['basic', 'multi', 'fast'] as const).map((protocol) => refusal({ protocol, acceptors: 100 }).message);
  assert.deepEqual(messages, messages.map(() => `acceptors: at most ${SCENARIO_LIMITS.acceptors} (the limit for every scenario and protocol), got 100`));
});

test('options.acceptors: 1e6 is refused at once, before a node is built (it froze the tab at 1.6 GB)', async () => {
  const r = await bounded('replayScenario', [{ protocol: 'basic', options: { acceptors: 1e6 } }]);
  assert.equal(r.ended, 'error', JSON.stringify(r));
  assert.equal((r as Extract<Ending, { ended: 'error' }>).path, 'options.acceptors');
});

test('a ```paxos fence is held to the same limits, naming the field and its line', async () => {
  const r = await bounded('replayFence', ['protocol: basic\noptions:\n  acceptors: 50\n']);
  assert.equal(r.ended, 'value', JSON.stringify(r));
  assert.deepEqual((r as Extract<Ending, { ended: 'value' }>).value, {
    field: 'options.acceptors',
    line: 3,
    message: `at most ${SCENARIO_LIMITS.acceptors} (the limit for every scenario and protocol), got 50`,
  });
});

test('counts, time and events are capped the same way', () => {
  const cases: [object, string][] = [
    [{ proposals: 1_000_000 }, 'proposals'],
    [{ faults: { crashes: 1_000_000 } }, 'faults.crashes'],
    [{ faults: { crashes: Array.from({ length: SCENARIO_LIMITS.crashes + 1 }, () => ({ node: 'A1', at: 1 })) } }, 'faults.crashes'],
    [{ network: { partitions: 1_000_000 } }, 'network.partitions'],
    [{ maxEvents: SCENARIO_LIMITS.maxEvents + 1 }, 'maxEvents'],
    [{ maxTime: SCENARIO_LIMITS.maxTime + 1 }, 'maxTime'],
  ];
  for (const [extra, path] of cases) {
    const r = refusal({ protocol: 'basic', ...extra });
    assert.equal(r.path, path, JSON.stringify(extra).slice(0, 80));
    assert.match(r.message, /at most \d+ \(the limit for every scenario and protocol\)/);
  }
});

// Point 13: every level rejects a field it does not know, by its full path.
test('unknown fields are rejected at every level, naming the path (`__proto__` too)', () => {
  const parse = (json: string): unknown => JSON.parse(json);
  const cases: [unknown, string][] = [
    [{ protocol: 'basic', options: { acceptorz: 5 } }, 'options.acceptorz'],
    [parse('{"protocol":"basic","options":{"__proto__":{"acceptors":50}}}'), 'options.__proto__'],
    [parse('{"protocol":"basic","__proto__":{"x":1}}'), '__proto__'],
    [{ protocol: 'basic', options: { protocol: 'multi' } }, 'options.protocol'],
    [{ protocol: 'basic', options: { lease: 5 } }, 'options.lease'],
    [{ protocol: 'multi', options: { opening: 'classic' } }, 'options.opening'],
    [{ protocol: 'basic', timing: { hartbeat: 3 } }, 'timing.hartbeat'],
    [parse('{"protocol":"basic","timing":{"__proto__":{}}}'), 'timing.__proto__'],
    [{ protocol: 'basic', options: { timing: { proposerTimout: 3 } } }, 'options.timing.proposerTimout'],
    [{ protocol: 'basic', network: { dorp: 0.1 } }, 'network.dorp'],
    [{ protocol: 'basic', network: { partitions: [{ nodes: ['A1'], from: 1, to: 2, x: 1 }] } }, 'network.partitions[0].x'],
    [{ protocol: 'basic', faults: { crashes: [{ node: 'A1', at: 1, x: 1 }] } }, 'faults.crashes[0].x'],
    [{ protocol: 'basic', steps: [{ type: 'tick', x: 1 }] }, 'steps[0].x'],
    [{ protocol: 'basic', steps: [{ type: 'deliver', match: { knd: 'prepare' } }] }, 'steps[0].match.knd'],
    [{ protocol: 'basic', steps: [{ type: 'deliver', match: { ballot: { rnd: 1 } } }] }, 'steps[0].match.ballot.rnd'],
  ];
  for (const [raw, path] of cases) {
    const r = refusal(raw);
    assert.equal(r.path, path, JSON.stringify(raw));
    assert.match(r.message, /unknown field; allowed: /);
  }
  assert.equal(({} as Record<string, unknown>)['acceptors'], undefined, 'nothing polluted Object.prototype');
});

test('a field given both at the top level and inside options is refused, not silently overridden', () => {
  const r = refusal({ protocol: 'basic', acceptors: 3, options: { acceptors: 5 } });
  assert.equal(r.path, 'options.acceptors');
  assert.match(r.message, /also given as the top-level "acceptors"; give it once/);
});

// Point 14: messages that mislead.
test('maxTime: 1e309 (Infinity after JSON.parse) says "must be a finite number", not "got null"', () => {
  for (const [json, path] of [
    ['{"protocol":"basic","maxTime":1e309}', 'maxTime'],
    ['{"protocol":"basic","network":{"latency":[1,1e309]}}', 'network.latency[1]'],
    ['{"protocol":"basic","steps":[{"type":"run","until":1e309}]}', 'steps[0].until'],
    ['{"protocol":"basic","faults":{"crashes":[{"node":"A1","at":-1e309}]}}', 'faults.crashes[0].at'],
  ] as const) {
    const r = refusal(JSON.parse(json));
    assert.equal(r.path, path);
    assert.match(r.message, /must be a finite number ≥ \d+, got -?Infinity$/);
    assert.doesNotMatch(r.message, /null/);
  }
  // In timing too, even where the protocol ignores the field (Basic has no heartbeat).
  const t = refusal(JSON.parse('{"protocol":"basic","options":{"timing":{"heartbeat":1e309}}}'));
  assert.deepEqual(t, { path: 'options.timing.heartbeat', message: 'options.timing.heartbeat: must be a finite number, got Infinity' });
});

test('a wrong value inside options is reported where it was written', () => {
  assert.deepEqual(refusal({ protocol: 'basic', options: { acceptors: '3' } }), { path: 'options.acceptors', message: 'options.acceptors: must be an integer ≥ 1, got "3"' });
  assert.equal(refusal({ protocol: 'multi', options: { lease: -1 } }).path, 'options.lease');
  assert.equal(refusal({ protocol: 'fast', options: { opening: 'sideways' } }).path, 'options.opening');
  assert.equal(refusal({ protocol: 'basic', options: { timing: { heartbeat: 0 } } }).path, 'options.timing.heartbeat');
  assert.equal(refusal({ protocol: 'basic', timing: { heartbeat: 0 } }).path, 'timing.heartbeat');
});

// Seeded fuzz: the generator of bench/fuzz/scenario.ts (sizes past the limits, wrong types, unknown fields,
// Infinity, huge scripts). Every scenario it marks invalid must be refused with a path; every other one
// must run to an end, safe and within the limits. Each failure prints its seed.
test('fuzz: 400 hostile scenarios are refused with a path or run safely within the limits', async () => {
  const r = await bounded('fuzzScenarios', [1, 400], 120_000);
  assert.equal(r.ended, 'value', JSON.stringify(r));
  const failures = (r as Extract<Ending, { ended: 'value' }>).value as string[];
  assert.deepEqual(failures, [], failures.slice(0, 5).join('\n'));
});
