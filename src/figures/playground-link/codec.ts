// Share links: a playground run as a URL fragment, `#run=1.<base64url(JSON)>`. The JSON holds the scenario
// the run started from (`s`), the reader's commands in order (`c`) and the position they were looking at
// (`p`). A command is either a count of "next" presses (the playground's step: follow the script, else the
// next scheduled event) or one explicit action (a scenario Step: deliver/drop/duplicate a message, crash,
// recover, fire a timer). Replaying the commands from the scenario reproduces the run exactly, because the
// simulator is deterministic.
//
// A link is untrusted input. decodeRunLink never throws: anything wrong (not base64, not UTF-8, not JSON,
// wrong shapes or types, too big, a scenario the engine rejects) comes back as a friendly message (its words
// in src/i18n/figures.ts) that the page shows as text next to the default scenario. Nothing from a link is
// ever put into HTML.
import { LINK_ZH } from '../../i18n/link.ts';
import type { Scenario, Step } from '../../paxos/sim/scenario.ts';
import { ScenarioError } from '../../paxos/sim/scenario.ts';
import { resolveScenario } from '../../paxos/sim/validate.ts';
import { validateStep } from '../../paxos/sim/validate-step.ts';
import { SCENARIO_LIMITS } from '../../paxos/sim/limits.ts';
import type { ProtocolLookup } from '../../paxos/registry.ts';
import { PROTOCOL_NAMES, type ProtocolName } from '../../paxos/core/trace.ts';

export const LINK_VERSION = '1';
/** Longest fragment we read. Browsers take far longer URLs; this keeps a hostile link from costing much. */
export const MAX_LINK_CHARS = 24_000;
/** Most commands (after expanding "next" counts) a link may replay: as many as a scenario may have steps. */
export const MAX_COMMANDS = SCENARIO_LIMITS.steps;
// Sizes (acceptors, proposers, … also inside `options`) are the engine's SCENARIO_LIMITS, checked by
// resolveScenario like for every other way a scenario enters; the replay budget applies when the
// playground replays the commands.

export type Command = { readonly type: 'next' } | { readonly type: 'act'; readonly step: Step };

export interface RunLink {
  readonly scenario: Scenario;
  readonly commands: readonly Command[];
  /** Index of the position shown (0 = the start, commands.length = after the last command). */
  readonly position: number;
}

export type DecodeResult =
  | { readonly ok: true; readonly run: RunLink }
  | { readonly ok: false; readonly message: string }
  /** The link is fine so far but runs a protocol `protocols` does not have yet: load it and decode again. */
  | { readonly ok: false; readonly message: ''; readonly missing: ProtocolName };

/** Fields of a scenario that only the notes read; left out of links to keep them short. */
const NOTE_ONLY = ['description', 'expect'] as const;

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** Consecutive "next" commands become one number, so a long run stays a short link. */
function packCommands(commands: readonly Command[]): (number | Step)[] {
  const out: (number | Step)[] = [];
  for (const c of commands) {
    if (c.type === 'next') {
      const last = out.length - 1;
      if (typeof out[last] === 'number') out[last] = (out[last] as number) + 1;
      else out.push(1);
    } else {
      out.push(c.step);
    }
  }
  return out;
}

export function linkScenario(scenario: Scenario): Scenario {
  const copy: Record<string, unknown> = { ...scenario };
  for (const k of NOTE_ONLY) delete copy[k];
  return copy as unknown as Scenario;
}

/** The fragment (without `#`) for a run: `run=1.…`. */
export function encodeRunLink(run: RunLink): string {
  const payload: { s: Scenario; c?: (number | Step)[]; p?: number } = { s: linkScenario(run.scenario) };
  if (run.commands.length > 0) payload.c = packCommands(run.commands);
  if (run.position !== run.commands.length) payload.p = run.position;
  return `run=${LINK_VERSION}.${toBase64Url(JSON.stringify(payload))}`;
}

const W = LINK_ZH;
const GARBLED = W.garbled;

const fail = (message: string): DecodeResult => ({ ok: false, message });

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Reads a location hash (`#run=…`, with or without the `#`). Returns `{ ok: false }` for an empty hash too
 * (message ''), so callers can tell "no link" from "broken link" by the message. `protocols` finds the
 * link's protocol (registry getProtocol in Node; a page's ProtocolShelf, which answers `missing` until loaded).
 */
export function decodeRunLink(hash: string, protocols: ProtocolLookup): DecodeResult {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (raw === '') return fail('');
  if (raw.length > MAX_LINK_CHARS) return fail(W.tooLong(raw.length, MAX_LINK_CHARS));
  let value: string | null;
  try {
    value = new URLSearchParams(raw).get('run');
  } catch {
    return fail(GARBLED);
  }
  if (value === null) return fail(W.noRun);
  const dot = value.indexOf('.');
  if (dot < 0) return fail(GARBLED);
  if (value.slice(0, dot) !== LINK_VERSION) return fail(W.version(value.slice(0, dot).slice(0, 8)));
  let payload: unknown;
  try {
    payload = JSON.parse(fromBase64Url(value.slice(dot + 1)));
  } catch {
    return fail(GARBLED);
  }
  if (!isObject(payload) || !isObject(payload['s'])) return fail(GARBLED);
  const s = payload['s'];
  const name = s['protocol'];
  if (typeof name === 'string' && (PROTOCOL_NAMES as readonly string[]).includes(name) && !protocols(name as ProtocolName)) {
    return { ok: false, message: '', missing: name as ProtocolName };
  }
  let ids: readonly string[];
  try {
    ids = resolveScenario(s as unknown as Scenario, protocols).nodes.map((n) => n.id);
  } catch (err) {
    const what = err instanceof ScenarioError ? err.message : String((err as Error).message ?? err);
    return fail(W.badScenario(what));
  }
  const packed = payload['c'] ?? [];
  if (!Array.isArray(packed)) return fail(GARBLED);
  const commands: Command[] = [];
  for (let i = 0; i < packed.length; i++) {
    const item: unknown = packed[i];
    if (typeof item === 'number') {
      if (!Number.isSafeInteger(item) || item < 1 || commands.length + item > MAX_COMMANDS) return fail(W.badCount(i + 1));
      for (let k = 0; k < item; k++) commands.push({ type: 'next' });
      continue;
    }
    try {
      commands.push({ type: 'act', step: validateStep(`c[${i}]`, item, ids) });
    } catch (err) {
      return fail(W.badCommand(i + 1, (err as Error).message));
    }
    if (commands.length > MAX_COMMANDS) return fail(W.tooMany);
  }
  const p = payload['p'] ?? commands.length;
  if (typeof p !== 'number' || !Number.isSafeInteger(p) || p < 0 || p > commands.length) return fail(GARBLED);
  for (const k of Object.keys(payload)) if (k !== 's' && k !== 'c' && k !== 'p') return fail(GARBLED);
  return { ok: true, run: { scenario: s as unknown as Scenario, commands, position: p } };
}
