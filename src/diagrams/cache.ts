// Disk cache of rendered SVGs. The key is a sha256 over everything that changes the output, so a
// diagram whose source, theme and mermaid version are unchanged is never rendered twice.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export class DiagramCache {
  readonly dir: string;
  #made = false;

  constructor(dir: string) {
    this.dir = dir;
  }

  get(key: string, ext = 'svg'): string | undefined {
    try {
      return readFileSync(join(this.dir, `${key}.${ext}`), 'utf8');
    } catch {
      return undefined;
    }
  }

  has(key: string): boolean {
    return existsSync(join(this.dir, `${key}.svg`));
  }

  set(key: string, text: string, ext = 'svg'): void {
    if (!this.#made) {
      mkdirSync(this.dir, { recursive: true });
      this.#made = true;
    }
    // Write then rename, so a concurrent build never reads half a file.
    const tmp = join(this.dir, `${key}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
    writeFileSync(tmp, text);
    renameSync(tmp, join(this.dir, `${key}.${ext}`));
  }
}
