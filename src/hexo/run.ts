// The import command's work: find the posts, convert each, write the notes, report. Kept apart from
// src/cli/import.ts (flags and exit codes) so tests can run it in-process with captured output.
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { convertPost } from './convert.ts';
import type { ConvertResult } from './types.ts';
import { findPosts, postExtension } from './walk.ts';
import { AlreadyExists, writeFileAtomic } from './write.ts';

export interface ImportOptions {
  /** Post files and/or folders of posts. */
  inputs: string[];
  /** Folder the notes go to (content/notes by default in the CLI). */
  out: string;
  /** Overwrite notes that already exist. */
  force: boolean;
  /** Convert and report, write nothing. */
  dryRun: boolean;
}

export interface ImportOutput {
  /** The report: changes made, notes written, the summary. */
  stdout(line: string): void;
  /** Progress, warnings, and posts that were not imported. */
  stderr(line: string): void;
}

export interface ImportSummary {
  posts: number;
  imported: number;
  /** Posts not imported: could not be converted, or their note exists and --force was not given. */
  failed: number;
  /** Paths of the notes written (or, in a dry run, that would be written). */
  notes: string[];
}

interface Post {
  path: string;
  /** How the post is named in messages: its path inside the imported folder. */
  label: string;
}

export function importPosts(options: ImportOptions, io: ImportOutput): ImportSummary {
  const posts: Post[] = [];
  let folderImport = false;
  for (const input of options.inputs) {
    if (statSync(input).isDirectory()) {
      folderImport = true;
      const found = findPosts(input, resolve(options.out));
      for (const path of found.posts) posts.push({ path, label: relative(input, path) });
      for (const path of found.hidden) io.stderr(`${relative(input, path)}: skipped: a hidden file (its name starts with "."); rename it to import it`);
    } else {
      posts.push({ path: input, label: basename(input) });
    }
  }
  const summary: ImportSummary = { posts: posts.length, imported: 0, failed: 0, notes: [] };
  if (posts.length === 0) {
    io.stderr(`no Hexo posts (.md or .markdown files) found in ${options.inputs.join(', ')}`);
    return summary;
  }
  const claimed = new Map<string, string>();
  posts.forEach((post, index) => {
    if (folderImport) io.stderr(`[${index + 1}/${posts.length}] ${post.label}`);
    const fail = (line: number | undefined, reason: string) => {
      summary.failed++;
      io.stderr(`${post.label}${line === undefined ? '' : `:${line}`}: not imported: ${reason}`);
    };
    let text: string;
    let modified: Date;
    try {
      text = readFileSync(post.path, 'utf8');
      modified = statSync(post.path).mtime;
    } catch (error) {
      fail(undefined, `cannot read it (${(error as Error).message})`);
      return;
    }
    const inDrafts = post.path.split(sep).includes('_drafts');
    let result: ConvertResult;
    try {
      result = convertPost({ fileName: basename(post.path), text, inDrafts, modified });
    } catch (error) {
      // A converter bug must cost one post, never the rest of the folder.
      fail(undefined, `the importer failed on it (${(error as Error).name}: ${(error as Error).message}); please report this with the post`);
      return;
    }
    if (!result.ok) {
      fail(result.line, result.reason);
      return;
    }
    const notePath = join(options.out, result.fileName);
    const earlier = claimed.get(notePath);
    if (earlier !== undefined) {
      fail(undefined, `its note ${notePath} would replace the one from ${earlier}; rename one of the two posts`);
      return;
    }
    claimed.set(notePath, post.label);

    // Post asset folder (Hexo's post_asset_folder): `foo.md` keeps its images in `foo/`.
    const assetDir = join(dirname(post.path), basename(post.path).replace(postExtension, ''));
    const slug = result.fileName.replace(/\.md$/, '');
    const assets: { from: string; to: string }[] = [];
    const warnings = [...result.warnings];
    const noteAssets = join(options.out, slug);
    for (const { file, line } of result.assets) {
      // Only files of the post's own asset folder are copied, and only into the note's: a name that
      // climbs out (`../../x`, `/etc/x`, `..\x`) would read or write anywhere.
      const from = join(assetDir, file);
      const to = join(noteAssets, file);
      if (!isInside(assetDir, from, file) || !isInside(noteAssets, to, file)) {
        fail(line, `asset "${file}" is outside the post's asset folder ${assetDir}; only files inside it are copied (to ${noteAssets}): move the file there and name it without ".." or a leading "/"`);
        return;
      }
      if (!writesInside(options.out, to)) {
        fail(line, `asset "${file}" would be written to ${to}, which a symbolic link takes outside ${options.out}; remove the link`);
        return;
      }
      if (existsSync(from)) assets.push({ from, to });
      else warnings.push({ line, message: `asset "${file}" not found in ${assetDir}; copy it to ${noteAssets} by hand` });
    }

    if (!options.force) {
      const existing = [notePath, ...assets.map((a) => a.to)].find((p) => existsSync(p));
      if (existing !== undefined) {
        fail(undefined, `${existing} already exists; pass --force to overwrite it`);
        return;
      }
    }
    if (!options.dryRun) {
      try {
        for (const asset of assets) writeFileAtomic(asset.to, readFileSync(asset.from), { force: options.force });
        writeFileAtomic(notePath, result.text, { force: options.force });
      } catch (error) {
        if (error instanceof AlreadyExists) fail(undefined, `${error.path} already exists; pass --force to overwrite it`);
        else fail(undefined, `cannot write ${notePath} (${(error as Error).message})`);
        return;
      }
    }
    for (const change of result.changes) io.stdout(`${post.label}: ${change}`);
    for (const warning of warnings.sort((a, b) => a.line - b.line)) io.stderr(`${post.label}:${warning.line}: warning: ${warning.message}`);
    for (const asset of assets) io.stdout(`${post.label}: asset ${asset.from} → ${asset.to}`);
    io.stdout(`${post.label}: ${options.dryRun ? 'would write' : 'written to'} ${notePath}${result.changes.length === 0 ? ' (no changes needed)' : ''}`);
    summary.imported++;
    summary.notes.push(notePath);
  });
  const failed = summary.failed > 0 ? `; ${summary.failed} not imported (see above)` : '';
  io.stdout(`${options.dryRun ? 'dry run: would import' : 'imported'} ${summary.imported} of ${summary.posts} post${summary.posts === 1 ? '' : 's'} into ${options.out}${failed}`);
  return summary;
}

/** Whether `path` (built from the post's `name`) stays inside `folder`, with \\ taken as a separator too. */
function isInside(folder: string, path: string, name: string): boolean {
  if (name.split(/[\\/]/).includes('..') || isAbsolute(name) || /^[A-Za-z]:/.test(name)) return false;
  const rel = relative(resolve(folder), resolve(path));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * Whether writing `path` stays inside `out` once symbolic links are followed (a note's asset folder
 * linked elsewhere would not): both are resolved through their nearest existing folder.
 */
function writesInside(out: string, path: string): boolean {
  const rel = relative(realNearest(out), realNearest(path));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** `path` with its longest existing prefix replaced by that prefix's real path. */
function realNearest(path: string): string {
  let existing = resolve(path);
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  return join(realpathSync(existing), relative(existing, resolve(path)));
}
