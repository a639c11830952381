// Recording a scenario from the playground (`astro dev` only): the checks and the file a recorded run
// becomes. The HTTP side is record-endpoint.ts; this part has no server in it, so it is tested directly.
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { PROTOCOL_NAMES } from '../paxos/core/trace.ts';
import { checkScenarioFile } from './check-file.ts';

export const SCENARIOS_DIR = 'content/scenarios';

/** File names a recording may take: lower-case words joined by '-', so the export name is plain camelCase. */
export const RECORDING_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const MAX_NAME = 64;
/** A recorded run is a script of steps; anything this big was not played by hand. */
export const MAX_RECORDING_BYTES = 256 * 1024;

export interface RecordRequest {
  readonly name: unknown;
  readonly scenario: unknown;
  readonly overwrite?: unknown;
}

export type RecordResult =
  | { readonly ok: true; readonly path: string; readonly replaced: boolean; readonly lines: readonly string[] }
  | { readonly ok: false; readonly status: 400 | 409; readonly error: string; readonly path?: string };

/** `my-run` → `myRun` */
export function exportName(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The lines a note writer adds to src/scenarios/<protocol>.ts so notes can import the new file. */
export function exportLines(protocol: string, name: string): string[] {
  const id = exportName(name);
  return [
    `import ${id}Json from '../../content/scenarios/${protocol}/${name}.json' with { type: 'json' };`,
    `export const ${id} = defineScenario('${protocol}/${name}', ${id}Json);`,
    `  '${protocol}/${name}': ${id},   // in ${protocol}Scenarios, for the playground's preset list`,
  ];
}

/** Checks a recording and writes it to content/scenarios/<protocol>/<name>.json under `root`. */
export function recordScenario(root: string, request: RecordRequest): RecordResult {
  const bad = (error: string): RecordResult => ({ ok: false, status: 400, error });
  const { name, scenario, overwrite } = request;
  if (typeof name !== 'string' || name.length === 0) return bad('name: give the scenario a file name, e.g. my-run');
  if (name.length > MAX_NAME) return bad(`name: at most ${MAX_NAME} characters`);
  if (!RECORDING_NAME.test(name)) {
    return bad(`name: ${JSON.stringify(name)} is not a file name to use; write lower-case letters, digits and '-', starting with a letter (e.g. my-run)`);
  }
  if (overwrite !== undefined && typeof overwrite !== 'boolean') return bad('overwrite: must be true or false');
  if (typeof scenario !== 'object' || scenario === null || Array.isArray(scenario)) return bad('scenario: must be a scenario object');
  const protocol = (scenario as { protocol?: unknown }).protocol;
  if (typeof protocol !== 'string' || !(PROTOCOL_NAMES as readonly string[]).includes(protocol)) {
    return bad(`scenario.protocol: must be one of ${PROTOCOL_NAMES.join(', ')}`);
  }
  const text = `${JSON.stringify(scenario, null, 2)}\n`;
  if (text.length > MAX_RECORDING_BYTES) return bad(`scenario: ${text.length} bytes; a recording may have at most ${MAX_RECORDING_BYTES}`);
  const dir = resolve(root, SCENARIOS_DIR, protocol);
  const file = resolve(dir, `${name}.json`);
  // The name pattern already rules out separators and dots; this guards the rule itself.
  if (!file.startsWith(resolve(root, SCENARIOS_DIR) + sep)) return bad('name: the file would land outside content/scenarios');
  const shown = relative(root, file).split(sep).join('/');
  const problem = checkScenarioFile(shown, text);
  if (problem) return bad(problem.message);
  const exists = existsSync(file);
  if (exists && overwrite !== true) {
    return { ok: false, status: 409, error: `${shown} exists; save again to replace it, or pick another name`, path: shown };
  }
  mkdirSync(dir, { recursive: true });
  // Write then rename: a dev server watching the folder never reads half a file.
  const tmp = join(dir, `.${name}.${process.pid}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, file);
  return { ok: true, path: shown, replaced: exists, lines: exportLines(protocol, name) };
}
