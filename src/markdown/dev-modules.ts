// `astro dev` loads the Markdown plugins once, with the config, so the copies of the engine and the
// scenario catalog they import never see an edit. While the dev server runs, its integration registers
// Vite's SSR loader here; a plugin that asks through devImport() gets the module as it is on disk now
// (Vite re-evaluates what changed). In a build there is no loader and the plugin keeps its own imports.
//
// The same state carries, for `astro dev`, each note's front matter problems (the note's page shows them);
// note pages import this file and nothing heavier, so a broken scenario file never takes them down.
//
// The plugins also report which notes drew figures from scenarios and the engine (notesWithFences), so
// the dev server knows which notes to re-render when one of those files changes.

/** Invalid front matter: the build stops with it; in `astro dev` the note's page throws it. */
export class NoteFrontMatterError extends Error {
  /** Where to point (Astro's overlay shows this file around this line). */
  readonly loc: { file: string; line: number; column: number } | undefined;
  constructor(message: string, loc?: { file: string; line: number }) {
    super(message);
    this.name = 'NoteFrontMatterError';
    this.loc = loc ? { ...loc, column: 1 } : undefined;
  }
}

type Loader = (path: string) => Promise<Record<string, unknown>>;

interface DevModules {
  loader: Loader | undefined;
  /** Notes with ```paxos fences → the stored scenarios they `use:` (`basic/preempted`). */
  fenceNotes: Map<string, ReadonlySet<string>>;
  /** Front matter problems by note file (relative to the project root, like an entry's filePath), in the build's words. */
  problems: Map<string, NoteProblemText>;
}

const KEY = Symbol.for('paxos-notes.markdown.dev-modules');
function state(): DevModules {
  const g = globalThis as unknown as Record<symbol, DevModules | undefined>;
  return (g[KEY] ??= { loader: undefined, fenceNotes: new Map(), problems: new Map() });
}

export function setDevLoader(loader: Loader | undefined): void {
  state().loader = loader;
}

/** The module at `path` (from the project root, e.g. '/src/scenarios/index.ts') as it is now, in `astro dev`; else undefined. */
export async function devImport<T>(path: string): Promise<T | undefined> {
  const load = state().loader;
  return load ? ((await load(path)) as T) : undefined;
}

/** A note (absolute path) whose ```paxos fences run the engine, drawing on these stored scenarios. */
export function noteHasFences(file: string, uses: Iterable<string>): void {
  state().fenceNotes.set(file, new Set(uses));
}

/** Notes whose fences run the engine; with `scenario`, only those that `use:` it. */
export function notesWithFences(scenario?: string): readonly string[] {
  const all = [...state().fenceNotes];
  return (scenario === undefined ? all : all.filter(([, uses]) => uses.has(scenario))).map(([file]) => file);
}

/** A note's front matter problems as the build prints them, and the line of the first. */
export interface NoteProblemText {
  readonly message: string;
  readonly line: number;
}

export function setNoteProblems(file: string, problems: NoteProblemText | undefined): void {
  if (problems === undefined) state().problems.delete(file);
  else state().problems.set(file, problems);
}

/** The front matter problems of a note (`content/notes/x.md`) in `astro dev`, in the build's words; else undefined. */
export function noteProblems(file: string): NoteProblemText | undefined {
  return state().problems.get(file);
}
