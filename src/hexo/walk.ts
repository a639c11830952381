// Finds the Hexo posts under a folder: every .md / .markdown file, in sorted order so that output
// and progress are the same on every run. Hidden folders, node_modules and the folder the notes are
// written to (when it sits inside the imported one) are skipped.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const postExtension = /\.(md|markdown)$/i;

export function findPosts(folder: string, skip?: string): string[] {
  const found: string[] = [];
  const visit = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (skip === undefined || resolve(path) !== skip) visit(path);
      }
      else if (entry.isFile() && postExtension.test(entry.name)) found.push(path);
    }
  };
  visit(folder);
  return found;
}
