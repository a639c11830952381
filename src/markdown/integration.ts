// Notes in the build and in `astro dev`.
// - Every note's front matter is checked before Astro's content sync, so the build stops with
//   "file:line: field … fix: …" rather than a bare YAML or schema error.
// - In `astro dev` the same check runs on every edit of a note: the terminal and Astro's overlay show
//   the build's words, and the note's page answers with them until the note is fixed (dev-modules.ts).
// - In `astro dev`, an edit to a scenario file or to the engine re-renders the notes whose ```paxos
//   fences draw from them (the fences load both through Vite, see dev-modules.ts).
// - In `astro dev`, a second save of one of those files that the watcher drops (it does, within 50 ms of
//   the first) is announced again once the file settles (dropped-saves.ts).
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { prerenderMermaid } from '../diagrams/render.ts';
import { catchDroppedSaves, type DroppedSaves } from './dropped-saves.ts';
import { scanFences } from './scan-fences.ts';
import { NoteFrontMatterError, noteProblems, notesWithFences, setDevLoader, setNoteProblems } from './dev-modules.ts';
import { warmFenceModules } from './rehype-paxos-fence.ts';
import { checkNoteSource, formatProblems, listNoteFiles, NOTES_DIR, validateNotes, type NoteProblem } from './validate-notes.ts';
import { SCENARIOS_DIR } from '../scenarios/record.ts';


/** Code a ```paxos fence's figure depends on besides the note and its scenario, from the project root. */
const FENCE_SOURCES = ['src/paxos', 'src/scenarios', 'src/figures'];

export function notesCheckIntegration(): AstroIntegration {
  let root = '';
  let building = false;
  /** In `astro dev`: saves the watcher dropped, announced again (dropped-saves.ts). */
  let droppedSaves: DroppedSaves | undefined;
  /** What a note's page shows in `astro dev` (the registry the note page reads); returns the message, if any. */
  const recordProblems = (file: string, problems: readonly NoteProblem[]): string | undefined => {
    const text = problems.length > 0 ? formatProblems(problems) : undefined;
    setNoteProblems(file, text ? { message: text, line: problems[0]!.line } : undefined);
    return text;
  };
  return {
    name: 'paxos-notes:front-matter',
    hooks: {
      'astro:config:setup': ({ command, config, logger }) => {
        root = fileURLToPath(config.root);
        building = command === 'build';
        const problems = validateNotes(root);
        if (command === 'dev') {
          const byFile = new Map<string, NoteProblem[]>();
          for (const p of problems) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
          for (const [file, mine] of byFile) recordProblems(file, mine);
        }
        if (problems.length === 0) return;
        const text = formatProblems(problems);
        // `astro dev` keeps running (the page of a broken note shows the message); a build stops here.
        if (command === 'dev') logger.error(`\n${text}`);
        else throw new NoteFrontMatterError(`Invalid front matter in ${problems.length === 1 ? 'a note' : `${problems.length} places`}:\n${text}`);
      },
      'astro:config:done': () => {
        // Every integration's setup has run (the diagrams' settings included): start Chromium and the
        // renders of uncached ```mermaid blocks now, while Astro sets up Vite.
        if (!building) return;
        prerenderMermaid(listNoteFiles(root).flatMap((file) => scanFences(readFileSync(file, 'utf8'), 'mermaid').map((f) => f.code)));
      },
      'astro:server:setup': ({ server, logger }) => {
        // The ssr environment's own runner follows edits (Vite invalidates what changed and what imports it);
        // server.ssrLoadModule's compatibility runner keeps the first copy it evaluated.
        const ssr = server.environments['ssr'] as { runner?: { import(path: string): Promise<Record<string, unknown>> } } | undefined;
        const runner = ssr?.runner;
        setDevLoader(runner ? (path) => runner.import(path) : (path) => server.ssrLoadModule(path));
        const notesDir = join(root, NOTES_DIR) + sep;
        const fenceSources = FENCE_SOURCES.map((d) => join(root, d) + sep);
        const reload = () => server.hot.send({ type: 'full-reload', path: '*' });

        const emptySeen = new Set<string>();
        const checkNote = (file: string): void => {
          const shown = relative(root, file).split(sep).join('/');
          const before = noteProblems(shown);
          const text0 = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
          // An empty note is most likely one being written this instant (a save truncates first, and the
          // event for the write itself may never come): look again shortly before calling it broken.
          if (text0 === '' && !emptySeen.has(file)) {
            emptySeen.add(file);
            setTimeout(() => checkNote(file), 300);
            return;
          }
          emptySeen.delete(file);
          const problems = text0 === undefined ? [] : checkNoteSource(shown, text0);
          const text = recordProblems(shown, problems);
          if (text) {
            logger.error(`\n${text}`);
            server.hot.send({
              type: 'error',
              err: { message: text, stack: '', id: file, plugin: 'paxos-notes:front-matter', loc: { file, line: problems[0]!.line, column: 1 } },
            });
          } else if (before) {
            logger.info(`${shown}: front matter fixed`);
            reload();
          }
        };

        // One save can arrive as several events (editors write a temp file and rename it): re-render once.
        const due = new Set<string>();
        let pending: ReturnType<typeof setTimeout> | undefined;
        const rerender = (notes: readonly string[]): void => {
          for (const note of notes) due.add(note);
          clearTimeout(pending);
          pending = setTimeout(() => {
            // Tell Vite and Astro these notes changed: they drop the cached render and reload the tab.
            for (const note of due) if (existsSync(note)) server.watcher.emit('change', note);
            due.clear();
          }, 30);
        };
        const scenariosDir = join(root, SCENARIOS_DIR) + sep;
        const saves = catchDroppedSaves((file) => server.watcher.emit('change', file));
        droppedSaves = saves;
        const watchedDirs = [notesDir, scenariosDir, ...fenceSources];
        // First of all listeners, so that the text it reads is the oldest any of them reads for the event:
        // Astro's content layer, registered before this hook, would otherwise read first, and could read a
        // file still being written (empty, or half) while this read already sees it whole and so finds
        // nothing to tell anyone 150 ms later.
        const onSeen = (file: string): void => {
          if (watchedDirs.some((dir) => file.startsWith(dir))) saves.seen(file);
        };
        server.watcher.prependListener('change', onSeen);
        server.watcher.prependListener('add', onSeen);
        const onFile = (file: string): void => {
          if (file.startsWith(notesDir) && /\.mdx?$/.test(file)) return checkNote(file);
          // A scenario file: only the notes whose fences `use:` it (a new file is used by none yet, and saving
          // one from the playground must not reload the author's tab).
          if (file.startsWith(scenariosDir)) return rerender(notesWithFences(file.slice(scenariosDir.length).replace(/\.json$/, '').split(sep).join('/')));
          // The engine and the code that draws figures: every fenced note.
          if (fenceSources.some((dir) => file.startsWith(dir))) rerender(notesWithFences());
        };
        server.watcher.on('change', onFile);
        server.watcher.on('add', onFile);
        server.watcher.on('unlink', onFile);
      },
      'astro:server:start': () => {
        // Load the fences' engine through Vite now, not on the first fenced note (seconds, cold).
        warmFenceModules().catch(() => {});
      },
      'astro:server:done': () => {
        setDevLoader(undefined);
        droppedSaves?.dispose();
      },
    },
  };
}
