// The look-again that stands in for a change Vite's watcher dropped: it must announce a file whose text
// moved on after the event, once, and stay quiet for a file that did not change, went away, or cannot be
// read; and in `astro dev` it must read a file before every other listener of the watcher does. The
// dev-loop test shows the same against a running `astro dev`.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { catchDroppedSaves, SETTLE_MS } from '../../src/markdown/dropped-saves.ts';
import { notesCheckIntegration } from '../../src/markdown/integration.ts';

const SETTLE = 40;
const later = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a save the watcher dropped is announced again', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dropped-saves-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** A watcher stand-in: an announcement is an event, so it comes back through `seen`, as in astro dev. */
  const watch = () => {
    const announced: string[] = [];
    const saves = catchDroppedSaves((file) => {
      announced.push(file);
      saves.seen(file);
    }, SETTLE);
    return { saves, announced };
  };

  it('announces a second save that had no event of its own, once', async () => {
    const file = join(dir, 'note.md');
    writeFileSync(file, 'first save');
    const { saves, announced } = watch();
    saves.seen(file);
    writeFileSync(file, 'second save, 10 ms later'); // no event: the watcher dropped it
    await later(SETTLE * 4);
    assert.deepEqual(announced, [file]);
    await later(SETTLE * 3);
    assert.deepEqual(announced, [file], 'the look after the announcement found nothing new');
    saves.dispose();
  });

  it('stays quiet when the file did not change after its event', async () => {
    const file = join(dir, 'same.md');
    writeFileSync(file, 'only save');
    const { saves, announced } = watch();
    saves.seen(file);
    await later(SETTLE * 3);
    assert.deepEqual(announced, []);
  });

  it('waits for the last of several events, then looks once', async () => {
    const file = join(dir, 'busy.md');
    writeFileSync(file, 'v0');
    const { saves, announced } = watch();
    for (let i = 1; i <= 5; i++) {
      writeFileSync(file, `v${i}`);
      saves.seen(file); // each of these saves had its event
      await later(SETTLE / 4);
    }
    await later(SETTLE * 3);
    assert.deepEqual(announced, []);
  });

  it('stays quiet for a file that went away, a folder, a path with .. and control characters', async () => {
    const gone = join(dir, 'gone.md');
    writeFileSync(gone, 'here');
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    const { saves, announced } = watch();
    saves.seen(gone);
    unlinkSync(gone);
    saves.seen(folder);
    saves.seen(join(dir, '..', '..', 'no-such\u0000file\u001b.md'));
    saves.seen('');
    await later(SETTLE * 3);
    assert.deepEqual(announced, []);
  });

  it('dispose cancels every look still due', async () => {
    const file = join(dir, 'closing.md');
    writeFileSync(file, 'before');
    const { saves, announced } = watch();
    saves.seen(file);
    writeFileSync(file, 'after');
    saves.dispose();
    await later(SETTLE * 3);
    assert.deepEqual(announced, []);
  });
});

describe('in astro dev, the look-again reads first', () => {
  it('reads a save before a listener registered earlier does, so a write that lands between the two is announced', async () => {
    const root = mkdtempSync(join(tmpdir(), 'dropped-saves-dev-'));
    after(() => rmSync(root, { recursive: true, force: true }));
    mkdirSync(join(root, 'content', 'notes'), { recursive: true });
    const file = join(root, 'content', 'notes', 'note.md');
    const whole = '---\ntitle: 一篇笔记\ndate: 2024-01-03\n---\n\n正文。\n';
    writeFileSync(file, '');
    // Astro's content layer registers its listener before the integration's hook runs. This one stands
    // for it: it reads the file for the event, and the save it read half of lands right after its read.
    const watcher = new EventEmitter();
    const reads: string[] = [];
    watcher.on('change', (changed: string) => {
      reads.push(readFileSync(changed, 'utf8'));
      writeFileSync(changed, whole);
    });
    const quiet = { error() {}, info() {}, warn() {} };
    const hooks = notesCheckIntegration().hooks as Record<string, (arg: unknown) => unknown>;
    hooks['astro:config:setup']!({ command: 'dev', config: { root: pathToFileURL(`${root}/`) }, logger: quiet });
    hooks['astro:server:setup']!({ server: { watcher, environments: {}, ssrLoadModule: async () => ({}), hot: { send() {} } }, logger: quiet });
    try {
      watcher.emit('change', file);
      await later(SETTLE_MS * 3);
      // The look-again read the empty file before that listener did, so the whole text is news and is
      // announced: the listener reads again and gets it. Read after the listener, it would have seen the
      // whole text already and announced nothing, leaving the listener with its empty read.
      assert.deepEqual(reads, ['', whole]);
    } finally {
      hooks['astro:server:done']!({});
    }
  });
});
