// Finds the Hexo posts under a folder: every .md / .markdown file, in sorted order so that output
// and progress are the same on every run. Hidden folders, node_modules and the folder the notes are
// written to (when it sits inside the imported one) are skipped. A hidden file that looks like a post
// (`.draft.md`, `....md`, `..\..\evil.md` on a system where \ is no separator) is skipped too, but
// named, so that nothing the author may have meant to import disappears without a word.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const postExtension = /\.(md|markdown)$/i;

export interface FoundPosts {
  posts: string[];
  /** Post-like files that are skipped: hidden ones. */
  hidden: string[];
}

export function findPosts(folder: string, skip?: string): FoundPosts {
  const found: string[] = [];
  const hidden: string[] = [];
  const visit = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.name.startsWith('.') && entry.isFile() && postExtension.test(entry.name)) hidden.push(path);
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      if (entry.isDirectory()) {
        if (skip === undefined || resolve(path) !== skip) visit(path);
      }
      else if (entry.isFile() && postExtension.test(entry.name)) found.push(path);
    }
  };
  visit(folder);
  return { posts: found, hidden };
}
