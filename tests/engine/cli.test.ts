// The paxos command, spawned: exit codes 0/2, one-line errors naming the flag or field, JSON lines that
// parse as paxos-trace/1, Mermaid and text output, scenario files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import { runScenario } from '../../src/paxos/sim/run.ts';
import type { TraceDocument } from '../../src/paxos/core/trace.ts';
import { parseArgs, UsageError } from '../../src/cli/args.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const paxos = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['src/cli/paxos.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
/** The same, without blocking: independent spawns run side by side. */
const paxosAsync = (...args: string[]) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['src/cli/paxos.ts', ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
const oneLine = (s: string) => {
  assert.equal(s.trimEnd().split('\n').length, 1, `expected one line, got:\n${s}`);
  return s.trim();
};

test('simulate --format json: one paxos-trace/1 document per line for seeds S … S+R−1', () => {
  const r = paxos('simulate', '--protocol', 'basic', '--seed', '7', '--runs', '3', '--drop', '0.1', '--duplicate', '0.1', '--crashes', '1', '--partitions', '1', '--nack', 'off', '--max-time', '300');
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 3);
  lines.forEach((line, i) => {
    const doc = JSON.parse(line) as TraceDocument;
    assert.equal(doc.format, 'paxos-trace/1');
    assert.equal(doc.config.seed, 7 + i);
    assert.equal(doc.config['nack'], false);
    assert.equal(checkTrace(doc), null);
    // The CLI prints exactly what the engine makes for that scenario.
    const same = runScenario({ protocol: 'basic', seed: 7 + i, nack: false, maxTime: 300, network: { drop: 0.1, duplicate: 0.1, partitions: 1 }, faults: { crashes: 1 } });
    assert.equal(line, JSON.stringify(same));
  });
});

test('simulate for every protocol; sizes are honoured', () => {
  for (const protocol of ['basic', 'multi', 'fast']) {
    const r = paxos('simulate', '--protocol', protocol, '--acceptors', '5', '--seed', '2', '--max-time', '200');
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as TraceDocument;
    assert.equal(doc.protocol, protocol);
    assert.equal(doc.nodes.filter((n) => n.roles.includes('acceptor')).length, 5);
  }
});

test('simulate --format mermaid and --format text', () => {
  const m = paxos('simulate', '--protocol', 'basic', '--seed', '1', '--format', 'mermaid');
  assert.equal(m.code, 0, m.stderr);
  assert.match(m.stdout, /^sequenceDiagram\n {2}participant P1\n/);
  assert.match(m.stdout, /P1->>A1: prepare\(1\.P1\)/);
  const t = paxos('simulate', '--protocol', 'basic', '--seed', '1', '--format', 'text');
  assert.equal(t.code, 0, t.stderr);
  assert.match(t.stdout, /^basic paxos, seed 1/);
  assert.match(t.stdout, /\nchosen: v\d/);
});

test('simulate --scenario: runs the file, flags override its fields', () => {
  const r = paxos('simulate', '--scenario', 'content/scenarios/basic/preempted.json', '--format', 'text');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /nack\(promised 1\.P2\)/);
  assert.match(r.stdout, /chosen: value2/);
  const off = paxos('simulate', '--scenario', 'content/scenarios/basic/smooth.json', '--nack', 'off', '--seed', '5');
  const doc = JSON.parse(off.stdout) as TraceDocument;
  assert.equal(doc.config['nack'], false);
  assert.equal(doc.config.seed, 5);
});

test('bad flags and values: exit 2, one line naming the flag', async () => {
  const cases: [string[], RegExp][] = [
    [['simulate', '--acceptors', '0'], /--acceptors: must be ≥ 1, got 0/],
    [['simulate', '--acceptors', 'three'], /--acceptors: must be an integer, got "three"/],
    [['simulate', '--drop', '1.5'], /--drop: must be ≤ 1/],
    [['simulate', '--protocol', 'raft'], /--protocol: must be one of basic, multi, fast, got "raft"/],
    [['simulate', '--nack', 'yes'], /--nack: must be on or off, got "yes"/],
    [['simulate', '--format', 'svg'], /--format: must be one of json, mermaid, text/],
    [['simulate', '--seed'], /--seed: needs a value/],
    [['simulate', '--frobnicate', '3'], /unknown flag --frobnicate/],
    [['simulate', '--seed', '1', '--seed', '2'], /--seed: given twice/],
    [['simulate', 'extra'], /unexpected argument "extra"/],
    [['simulate', '--mutant', 'small-fast-quorum'], /mutant: "small-fast-quorum" is a fast mutant/],
    [['bogus'], /unknown verb "bogus"/],
  ];
  const results = await Promise.all(cases.map(([args]) => paxosAsync(...args)));
  for (const [i, [args, pattern]] of cases.entries()) {
    const r = results[i]!;
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, '');
    assert.match(oneLine(r.stderr), pattern);
  }
});

test('bad scenario files: exit 2, one line naming the file and the field', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'paxos-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const missing = paxos('simulate', '--scenario', join(dir, 'nope.json'));
  assert.equal(missing.code, 2);
  assert.match(oneLine(missing.stderr), /--scenario .*nope\.json: cannot read it \(ENOENT\)/);
  const notJson = write('bad.json', '{ "protocol": ');
  assert.match(oneLine(paxos('simulate', '--scenario', notJson).stderr), /bad\.json: not valid JSON/);
  const badNode = write('node.json', JSON.stringify({ protocol: 'basic', steps: [{ type: 'crash', node: 'A9' }] }));
  const r = paxos('simulate', '--scenario', badNode);
  assert.equal(r.code, 2);
  assert.match(oneLine(r.stderr), /node\.json: steps\[0\]\.node: unknown node "A9"; nodes are P1, P2, A1, A2, A3/);
  const fastQ = write('fast.json', JSON.stringify({ protocol: 'fast', acceptors: 5, classicQuorum: 3, fastQuorum: 3 }));
  assert.match(oneLine(paxos('simulate', '--scenario', fastQ).stderr), /fast\.json: fastQuorum: 3 breaks q_c \+ 2·q_f > 2n/);
  const stuck = write('stuck.json', JSON.stringify({ protocol: 'basic', steps: [{ type: 'deliver', match: { kind: 'accept' } }] }));
  assert.match(oneLine(paxos('simulate', '--scenario', stuck).stderr), /stuck\.json: steps\[0\]\.match: no message in flight matches/);
});

test('--help prints the flags and exits 0; no verb is a usage error', () => {
  const h = paxos('simulate', '--help');
  assert.equal(h.code, 0);
  for (const flag of ['--protocol', '--acceptors', '--proposers', '--clients', '--seed', '--runs', '--drop', '--duplicate', '--crashes', '--partitions', '--nack', '--max-time', '--scenario', '--format']) assert.ok(h.stdout.includes(flag), flag);
  assert.equal(paxos().code, 2);
});

test('check and mutants dispatch to their files (or say they are missing)', () => {
  for (const verb of ['check', 'mutants']) {
    const r = paxos(verb, '--help');
    if (r.code === 2 && /is missing/.test(r.stderr)) assert.match(oneLine(r.stderr), new RegExp(`paxos ${verb}: not available in this checkout \\(src/cli/${verb}\\.ts is missing\\)`));
    else assert.notEqual(r.stderr.includes('internal error'), true, r.stderr);
  }
});

test('args.ts: the shared parser', () => {
  const specs = [
    { name: 'n', type: 'int' as const, min: 1, help: '' },
    { name: 'p', type: 'number' as const, min: 0, max: 1, help: '' },
    { name: 'mode', type: 'enum' as const, values: ['a', 'b'], help: '' },
    { name: 'nack', type: 'on-off' as const, help: '' },
    { name: 'v', type: 'flag' as const, help: '' },
  ];
  const a = parseArgs(['--n', '3', '--p=0.5', '--mode', 'b', '--nack', 'off', '--v', 'pos'], specs);
  assert.equal(a.int('n'), 3);
  assert.equal(a.number('p'), 0.5);
  assert.equal(a.string('mode'), 'b');
  assert.equal(a.bool('nack'), false);
  assert.equal(a.bool('v'), true);
  assert.deepEqual(a.positionals, ['pos']);
  assert.throws(() => parseArgs(['--v=1'], specs), (e: unknown) => e instanceof UsageError && /--v: takes no value/.test(e.message));
  assert.throws(() => parseArgs(['--p', '-0.5'], specs), /--p: must be ≥ 0/);
  assert.throws(() => parseArgs(['-x'], specs), /unknown flag -x/);
});
