// Hostile share links, decoded and then replayed the way the playground opens them (PlaygroundRun, one
// command at a time). Three shapes, drawn from the seed: a well-formed link around a hostile scenario
// (bench/fuzz/scenario.ts) with hostile commands; a valid link garbled (cut, bytes flipped, junk added);
// raw junk. decodeRunLink must never throw; a replay may only stop with the engine's ScenarioError (which
// the page shows) or "nothing left to do".
import { Random } from '../../src/paxos/core/random.ts';
import { ScenarioError } from '../../src/paxos/sim/scenario.ts';
import { decodeRunLink, encodeRunLink, type DecodeResult } from '../../src/figures/playground-link/codec.ts';
import { PlaygroundRun } from '../../src/components/playground/run.ts';
import type { FuzzClass } from './class.ts';
import { hostileScenario, judgeRun } from './scenario.ts';
import { getProtocol } from '../../src/paxos/registry.ts';
import { resolveScenario } from '../../src/paxos/sim/validate.ts';

export interface HostileLink {
  readonly fragment: string;
  readonly what: string;
  /** The scenario inside is one every entry must refuse. */
  readonly mustReject: boolean;
}

/** A link fragment around any payload, valid or not (encodeRunLink only takes a well-formed run). */
export function fragmentOf(payload: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(payload));
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return `#run=1.${btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

const NODES = ['P1', 'P2', 'A1', 'S1', 'L1', 'C1', 'A9', '__proto__', ''];

/** A command for the link; `tame`: well-formed, so the link decodes and the replay budget is what is tested. */
function hostileCommand(r: Random, protocol: unknown, tame: boolean): unknown {
  if (tame) {
    const node = protocol === 'multi' ? r.pick(['S1', 'S2']) : protocol === 'fast' ? r.pick(['L1', 'A1']) : r.pick(['P1', 'A1']);
    switch (r.int(0, 3)) {
      case 0:
        return r.int(1, 200);
      case 1:
        return { type: r.pick(['duplicate', 'duplicate', 'deliver', 'drop']), match: {}, count: r.pick<number | 'all'>([1, 'all', 3000, 100_000, Number.MAX_SAFE_INTEGER]) };
      case 2:
        return { type: r.pick(['crash', 'recover', 'timeout']), node };
      default:
        return { type: 'duplicate', match: {}, count: 'all' };
    }
  }
  switch (r.int(0, 4)) {
    case 0:
      return r.pick([1, 3, 50, 4999, 5001, 1e9, -1, 0, 1.5, Number.MAX_SAFE_INTEGER]);
    case 1:
      return { type: r.pick(['duplicate', 'deliver', 'drop']), match: r.chance(0.7) ? {} : { kind: r.pick(['prepare', 'promise', 'x']) }, count: r.pick([1, 'all', -1, '5', 1e400]) };
    case 2:
      return { type: r.pick(['crash', 'recover', 'timeout', 'propose']), node: r.pick(NODES), value: 'v' };
    case 3:
      return { type: r.pick(['tick', 'run', 'nope']), until: r.pick(['quiet', 1e9, Infinity]) };
    default:
      return r.pick([null, 'next', [], { type: 'tick', extra: 1 }]);
  }
}

export function hostileLink(seed: number): HostileLink {
  const r = new Random((seed * 40503) ^ 0x9e3779b9);
  const shape = r.int(0, 9);
  if (shape <= 6) {
    const tame = r.chance(0.6);
    const h = hostileScenario(seed, tame);
    const commands = Array.from({ length: r.int(0, 30) }, () => hostileCommand(r, h.scenario['protocol'], tame));
    // The playground's own shape: "next" presses first, so there is something in flight to act on.
    if (r.chance(0.5)) commands.unshift(r.int(1, 40));
    const payload: Record<string, unknown> = { s: h.scenario, c: commands };
    if (r.chance(0.2)) payload['p'] = r.pick([0, 1, -1, 1e9]);
    const fragment = fragmentOf(payload);
    return { fragment, what: `link: ${h.tampering.join('; ')}; ${commands.length} commands`, mustReject: h.mustReject };
  }
  if (shape <= 8) {
    const valid = encodeRunLink({ scenario: { protocol: 'basic', seed: r.int(1, 99) }, commands: [{ type: 'next' }, { type: 'next' }], position: 2 });
    const chars = [...valid];
    const edits = r.int(1, 4);
    for (let k = 0; k < edits; k++) {
      const i = r.int(0, chars.length - 1);
      const op = r.int(0, 2);
      if (op === 0) chars.length = i;
      else if (op === 1) chars[i] = String.fromCharCode(r.int(0, 0xffff));
      else chars.splice(i, 0, r.pick(['%', '&run=', '#', '\u0000', '..', '=']));
    }
    return { fragment: `#${chars.join('')}`, what: `garbled link (${edits} edits)`, mustReject: false };
  }
  const junk = r.pick(['', '#', '#run=', '#run=1.', '#run=2.abc', '#run=1.%%%', `#run=1.${'A'.repeat(r.int(0, 30_000))}`, '#a=1&run=1.e30']);
  return { fragment: junk, what: `junk "${junk.slice(0, 20)}"`, mustReject: false };
}

export type LinkOutcome = { readonly decoded: DecodeResult; readonly replayError?: ScenarioError | Error; readonly run?: PlaygroundRun };

/** Decodes and replays as the standalone playground page does. Throws only on a crash. */
export function openLink(fragment: string): LinkOutcome {
  const decoded = decodeRunLink(fragment, getProtocol);
  if (!decoded.ok) return { decoded };
  const run = new PlaygroundRun(resolveScenario(decoded.run.scenario, getProtocol));
  try {
    for (const c of decoded.run.commands) run.replay(c);
    run.seek(decoded.run.position);
  } catch (e) {
    // The page shows either as "could not replay the link": the engine's own refusal, or PlaygroundRun's
    // "nothing left to do" for a "next" past the end.
    if (e instanceof ScenarioError || (e instanceof Error && e.message.startsWith('nothing left to do'))) return { decoded, replayError: e, run };
    throw e;
  }
  return { decoded, run };
}

export const fuzzClasses: FuzzClass[] = [
  {
    name: 'share link',
    async attempt(seed: number): Promise<void> {
      const link = hostileLink(seed);
      const out = openLink(link.fragment);
      if (out.decoded.ok && link.mustReject) throw new Error(`decoded a link whose scenario must be refused (${link.what})`);
      const bad = out.run ? judgeRun(out.run.sim) : null;
      if (bad) throw new Error(bad);
    },
    describe: (seed: number) => hostileLink(seed).what,
  },
];
