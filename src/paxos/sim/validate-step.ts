// Checking one step or playground action, and the field checks every part of a scenario uses. The
// simulator checks each action it is given (Simulation.apply), so this ships to the reader's browser with
// it; the checks of a whole scenario (validate.ts) do not — they run at build time, and in the browser only
// when a share link is decoded. Every error names the field path and, where it helps, the allowed values.
import type { NodeId } from '../core/ids.ts';
import { normaliseStep } from './resolve.ts';
import { NARRATION_MAX, ScenarioError, type Pattern, type Step } from './scenario.ts';

const PATTERN_FIELDS = ['kind', 'from', 'to', 'id', 'copy', 'slot', 'value', 'ballot'];
const STEP_TYPES = ['propose', 'deliver', 'drop', 'duplicate', 'crash', 'recover', 'timeout', 'tick', 'run'];

// JSON has no Infinity: 1e309 parses to Infinity and prints as null, so show it as what it is.
export const show = (v: unknown): string => (v === undefined ? 'nothing' : typeof v === 'number' && !Number.isFinite(v) ? String(v) : JSON.stringify(v));

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function object(path: string, v: unknown): Record<string, unknown> {
  if (!isObject(v)) throw new ScenarioError(path, `must be an object, got ${show(v)}`);
  return v;
}

export function onlyFields(path: string, o: Record<string, unknown>, allowed: readonly string[]): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k)) throw new ScenarioError(path === '' ? k : `${path}.${k}`, `unknown field; allowed: ${allowed.join(', ')}`);
  }
}

export function int(path: string, v: unknown, min: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) throw new ScenarioError(path, `must be an integer ≥ ${min}, got ${show(v)}`);
  return v;
}

export function num(path: string, v: unknown, min: number): number {
  if (typeof v === 'number' && !Number.isFinite(v)) throw new ScenarioError(path, `must be a finite number ≥ ${min}, got ${show(v)}`);
  if (typeof v !== 'number' || v < min) throw new ScenarioError(path, `must be a number ≥ ${min}, got ${show(v)}`);
  return v;
}

export function nodeRef(path: string, v: unknown, ids: readonly NodeId[]): NodeId {
  if (typeof v !== 'string' || !ids.includes(v)) {
    throw new ScenarioError(path, `unknown node ${show(v)}; nodes are ${ids.join(', ')}`);
  }
  return v;
}

export function pattern(path: string, v: unknown, ids: readonly NodeId[]): Pattern {
  const o = object(path, v);
  onlyFields(path, o, PATTERN_FIELDS);
  if (o['kind'] !== undefined && typeof o['kind'] !== 'string') throw new ScenarioError(`${path}.kind`, `must be a message kind such as "prepare", got ${show(o['kind'])}`);
  if (o['from'] !== undefined) nodeRef(`${path}.from`, o['from'], ids);
  if (o['to'] !== undefined) nodeRef(`${path}.to`, o['to'], ids);
  if (o['id'] !== undefined) int(`${path}.id`, o['id'], 0);
  if (o['copy'] !== undefined) int(`${path}.copy`, o['copy'], 0);
  if (o['slot'] !== undefined) int(`${path}.slot`, o['slot'], 0);
  if (o['value'] !== undefined && o['value'] !== null && typeof o['value'] !== 'string') throw new ScenarioError(`${path}.value`, `must be a string or null, got ${show(o['value'])}`);
  if (o['ballot'] !== undefined) {
    const b = object(`${path}.ballot`, o['ballot']);
    onlyFields(`${path}.ballot`, b, ['round', 'node']);
    if (b['round'] !== undefined) int(`${path}.ballot.round`, b['round'], 0);
    if (b['node'] !== undefined) nodeRef(`${path}.ballot.node`, b['node'], ids);
  }
  return o as Pattern;
}

export function narration(path: string, v: unknown): void {
  if (typeof v !== 'string' || v.trim() === '') throw new ScenarioError(path, `must be a non-empty caption string, got ${show(v)}`);
  const length = [...v].length;
  if (length > NARRATION_MAX) throw new ScenarioError(path, `is ${length} characters; a caption holds at most ${NARRATION_MAX}: split it over two steps`);
}

/** Validates one step (or playground action); `path` names it in errors, e.g. `steps[3]`. */
export function validateStep(path: string, v: unknown, ids: readonly NodeId[]): Step {
  const o = object(path, v);
  const type = o['type'];
  if (typeof type !== 'string' || !STEP_TYPES.includes(type)) throw new ScenarioError(`${path}.type`, `must be one of ${STEP_TYPES.join(', ')}, got ${show(type)}`);
  const at = (): void => {
    if (o['at'] !== undefined) num(`${path}.at`, o['at'], 0);
  };
  if (o['narration'] !== undefined) narration(`${path}.narration`, o['narration']);
  switch (type) {
    case 'propose':
      onlyFields(path, o, ['type', 'node', 'value', 'at', 'narration']);
      nodeRef(`${path}.node`, o['node'], ids);
      if (o['value'] !== null && typeof o['value'] !== 'string') throw new ScenarioError(`${path}.value`, `must be a string (or null for a no-op), got ${show(o['value'])}`);
      at();
      break;
    case 'deliver':
    case 'drop':
    case 'duplicate':
      onlyFields(path, o, ['type', 'match', 'count', 'at', 'narration']);
      pattern(`${path}.match`, o['match'] ?? {}, ids);
      if (o['count'] !== undefined && o['count'] !== 'all') int(`${path}.count`, o['count'], 1);
      at();
      return normaliseStep(o as Step);
    case 'crash':
    case 'recover':
      onlyFields(path, o, ['type', 'node', 'at', 'narration']);
      nodeRef(`${path}.node`, o['node'], ids);
      at();
      break;
    case 'timeout':
      onlyFields(path, o, ['type', 'node', 'timer', 'at', 'narration']);
      nodeRef(`${path}.node`, o['node'], ids);
      if (o['timer'] !== undefined && typeof o['timer'] !== 'string') throw new ScenarioError(`${path}.timer`, `must be a timer name, got ${show(o['timer'])}`);
      at();
      break;
    case 'tick':
      onlyFields(path, o, ['type', 'narration']);
      break;
    case 'run':
      onlyFields(path, o, ['type', 'until', 'narration']);
      if (o['until'] !== 'quiet') num(`${path}.until`, o['until'], 0);
      break;
  }
  return o as Step;
}
