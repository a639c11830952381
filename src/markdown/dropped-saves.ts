// Vite's file watcher (the chokidar 3 bundled in vite/dist) throttles 'change' per file: a change that
// comes within 50 ms of the last one it reported is dropped, not delayed. A second save that quick (an
// editor that formats after saving, a fix typed straight after a break, a script writing twice) left the
// old text on the page until the next save. A script that broke a note's front matter and fixed it as soon
// as the page showed the error lost a fix within its first five rounds, in each of three runs.
//
// So for the files a note is made of, `astro dev` looks once more after the window: if the file's text has
// moved on since the event, the change is announced again, to every listener (Vite, Astro's content
// layer, the checks in integration.ts), as if the watcher had reported it. The look-again after that
// finds nothing new and stops, so a file that stops changing costs one extra read.
import { readFileSync } from 'node:fs';

/** Past the watcher's 50 ms window, with room for a loaded machine. */
export const SETTLE_MS = 150;

export interface DroppedSaves {
  /** A watcher event for `file`: call it before anything reads the file for the event. */
  seen(file: string): void;
  /** Forget the files still being watched over (the server is closing). */
  dispose(): void;
}

function textOf(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined; // gone, a folder, or unreadable: nothing to announce
  }
}

/** `announce(file)` re-reports a change the watcher dropped; it must reach `seen` again like any event. */
export function catchDroppedSaves(announce: (file: string) => void, settleMs = SETTLE_MS): DroppedSaves {
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  return {
    seen(file) {
      // The text every listener reads for this event is this one or newer; only a newer one needs telling.
      const text = textOf(file);
      clearTimeout(pending.get(file));
      const timer = setTimeout(() => {
        pending.delete(file);
        const now = textOf(file);
        if (now !== undefined && now !== text) announce(file);
      }, settleMs);
      // A look still due must not keep a stopping server alive.
      timer.unref?.();
      pending.set(file, timer);
    },
    dispose() {
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
    },
  };
}
