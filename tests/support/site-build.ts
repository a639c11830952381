// Build an Astro site into its own temporary project root, so test files running in parallel never
// share .astro/, the content data store or dist/.
//
//   const site = await makeSite({ name: 'basic', notesFrom: 'tests/fixtures/site-basic/notes' });
//   const result = await buildSite(site);          // { code, stdout, stderr, output, dist }
//   await removeSite(site);
//
// The temporary root gets copies of the project's config and src/ (pages: only the site foundation's
// home and note routes, so half-finished pages elsewhere do not break fixture builds) and a symlink
// to the project's node_modules.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { ASTRO_BIN, PROJECT_ROOT } from './project.ts';

export interface SiteOptions {
  /** Label in the temp dir name. */
  name: string;
  /** A folder (relative to the project root, or absolute) whose files become content/notes/. */
  notesFrom?: string;
  /** Extra or replacement notes: path under content/notes → file text. */
  notes?: Record<string, string>;
  /** Copy every page of src/pages (the real site) instead of only the foundation's routes. */
  allPages?: boolean;
}

export interface Site {
  root: string;
  dist: string;
}

/** The foundation's routes: enough to render the home page and every note. */
const FOUNDATION_PAGES = ['index.astro', 'notes'];

/**
 * node_modules for a temp root: a real folder of symlinks to the project's packages. Astro and Vite
 * keep per-project state in node_modules/.astro (the content data store) and node_modules/.vite,
 * which must not be shared between builds running at the same time. The diagram cache is shared on
 * purpose (writes are atomic); set PAXOS_DIAGRAM_CACHE to give a build its own.
 */
function linkNodeModules(root: string): void {
  const source = join(PROJECT_ROOT, 'node_modules');
  const target = join(root, 'node_modules');
  mkdirSync(join(target, '.cache'), { recursive: true });
  for (const entry of readdirSync(source)) {
    if (entry === '.astro' || entry === '.vite' || entry === '.cache' || entry === '.package-lock.json') continue;
    symlinkSync(join(source, entry), join(target, entry));
  }
  const diagrams = join(source, '.cache', 'paxos-diagrams');
  mkdirSync(diagrams, { recursive: true });
  symlinkSync(diagrams, join(target, '.cache', 'paxos-diagrams'), 'dir');
}

export function makeSite(options: SiteOptions): Site {
  const base = join(tmpdir(), 'paxos-notes-sites');
  mkdirSync(base, { recursive: true });
  const root = mkdtempSync(join(base, `${options.name}-`));
  for (const file of ['astro.config.mjs', 'package.json', 'tsconfig.json']) {
    cpSync(join(PROJECT_ROOT, file), join(root, file));
  }
  cpSync(join(PROJECT_ROOT, 'public'), join(root, 'public'), { recursive: true });
  cpSync(join(PROJECT_ROOT, 'src'), join(root, 'src'), {
    recursive: true,
    filter: (src) => {
      const rel = relative(join(PROJECT_ROOT, 'src'), src).split(sep).join('/');
      if (options.allPages || !rel.startsWith('pages/')) return true;
      return FOUNDATION_PAGES.some((p) => rel === `pages/${p}` || rel.startsWith(`pages/${p}/`));
    },
  });
  linkNodeModules(root);
  // Shared content other than the notes (e.g. content/scenarios) comes along: notes may import it.
  for (const entry of existsSync(join(PROJECT_ROOT, 'content')) ? readdirSync(join(PROJECT_ROOT, 'content')) : []) {
    if (entry !== 'notes') cpSync(join(PROJECT_ROOT, 'content', entry), join(root, 'content', entry), { recursive: true });
  }
  const notesDir = join(root, 'content', 'notes');
  mkdirSync(notesDir, { recursive: true });
  if (options.notesFrom) {
    const from = options.notesFrom.startsWith('/') ? options.notesFrom : join(PROJECT_ROOT, options.notesFrom);
    cpSync(from, notesDir, { recursive: true });
  }
  for (const [path, text] of Object.entries(options.notes ?? {})) {
    const target = join(notesDir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  return { root, dist: join(root, 'dist') };
}

export interface BuildResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout + stderr, for matching messages wherever Astro printed them. */
  output: string;
  dist: string;
  /** Wall-clock seconds. */
  seconds: number;
  /** CPU seconds (user + system) of the build and everything it waited for, when `cpu` was asked for. */
  cpuSeconds?: number;
}

export interface BuildOptions {
  /** Extra environment (merged over process.env). */
  env?: Record<string, string | undefined>;
  /** 'build' (default) or e.g. 'sync'. */
  command?: string;
  /** Echo Astro's output to stderr as it comes (bench progress). */
  echo?: boolean;
  /** Also measure CPU time (runs the build under bash's `time`). */
  cpu?: boolean;
}

const CPU_MARK = '__paxos_build_cpu';

/** Run `astro build` in the site's root. Resolves (never rejects) with the exit code and output. */
export function buildSite(site: Site, options: BuildOptions = {}): Promise<BuildResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, ...options.env, FORCE_COLOR: '0', NO_COLOR: '1' };
    for (const [k, v] of Object.entries(options.env ?? {})) if (v === undefined) delete env[k];
    const args = [ASTRO_BIN, options.command ?? 'build', '--root', site.root];
    const [cmd, argv] = options.cpu
      ? ['bash', ['-c', `TIMEFORMAT='${CPU_MARK} %U %S'; time "$@"`, 'bash', process.execPath, ...args]]
      : [process.execPath, args];
    const child = spawn(cmd, argv as string[], {
      cwd: site.root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d;
      if (options.echo) process.stderr.write(d);
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
      if (options.echo) process.stderr.write(d);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const cpu = new RegExp(`${CPU_MARK} ([\\d.]+) ([\\d.]+)`).exec(stderr);
      resolve({
        ...(cpu ? { cpuSeconds: Number(cpu[1]) + Number(cpu[2]) } : {}),
        code: code ?? 1,
        stdout,
        stderr,
        output: stdout + stderr,
        dist: site.dist,
        seconds: (performance.now() - started) / 1000,
      });
    });
  });
}

export function removeSite(site: Site): void {
  rmSync(site.root, { recursive: true, force: true });
}

/** Every .html file under a dist/ folder (paths relative to it). */
export function htmlFiles(dist: string, dir = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(dist, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...htmlFiles(dist, rel));
    else if (entry.name.endsWith('.html')) out.push(rel);
  }
  return out.sort();
}
