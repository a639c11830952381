// Finds the Hexo posts under a folder: every .md / .markdown file, in sorted order so that output
// and progress are the same on every run. Hidden folders and node_modules are skipped.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export const postExtension = /\.(md|markdown)$/i;

export function findPosts(folder: string): string[] {
  const found: string[] = [];
  const visit = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.isFile() && postExtension.test(entry.name)) found.push(path);
    }
  };
  visit(folder);
  return found;
}
