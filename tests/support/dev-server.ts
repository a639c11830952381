// Run `astro dev` for a temp site (see site-build.ts) on a free port.
//
//   const dev = await startDev(site);   // dev.url = 'http://127.0.0.1:PORT/'
//   const res = await fetch(dev.url + 'notes/x/');
//   await dev.stop();
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ASTRO_BIN, PROJECT_ROOT } from './project.ts';
import type { Site } from './site-build.ts';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface DevServer {
  url: string;
  /** The astro process (its children, e.g. the diagrams' Chromium, are in its process group). */
  pid: number;
  output(): string;
  /** Whether the process is still running. */
  running(): boolean;
  stop(): Promise<void>;
}

export async function startDev(site: Site, env: Record<string, string> = {}, timeoutMs = 60_000): Promise<DevServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [ASTRO_BIN, 'dev', '--root', site.root, '--host', '127.0.0.1', '--port', String(port)], {
    cwd: site.root,
    env: { ...process.env, ...env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  let exited = false;
  child.stdout.on('data', (d: Buffer) => (output += d));
  child.stderr.on('data', (d: Buffer) => (output += d));
  child.on('exit', () => (exited = true));
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) throw new Error(`astro dev exited early:\n${output}`);
    try {
      await fetch(url);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`astro dev did not answer on ${url}:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return {
    url,
    pid: child.pid!,
    output: () => output,
    running: () => !exited,
    stop: async () => {
      if (exited) return;
      const done = new Promise<void>((r) => child.on('exit', () => r()));
      // The dev server and its children form their own process group (detached above).
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
      await Promise.race([done, new Promise((r) => setTimeout(r, 5000))]);
    },
  };
}

/**
 * A temp site's node_modules are symlinks into the project's, so Vite's dev server refuses (403) to send
 * the browser a package file it resolves there, and islands never hydrate. Tests that open a page with an
 * island in `astro dev` call this first: the site's config is wrapped to let Vite serve the project too.
 */
export function allowProjectFiles(site: Site): void {
  renameSync(join(site.root, 'astro.config.mjs'), join(site.root, 'astro.config.base.mjs'));
  writeFileSync(
    join(site.root, 'astro.config.mjs'),
    `import base from './astro.config.base.mjs';\n` +
      `const vite = base.vite ?? {};\n` +
      // The dev toolbar stays off: it loads a dozen more modules into every page and slows each reload.
      `export default { ...base, devToolbar: { enabled: false }, vite: { ...vite, server: { ...vite.server, fs: { ...vite.server?.fs, allow: [${JSON.stringify(site.root)}, ${JSON.stringify(PROJECT_ROOT)}] } } } };\n`,
  );
}
