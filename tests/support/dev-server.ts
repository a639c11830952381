// Run `astro dev` for a temp site (see site-build.ts) on a free port.
//
//   const dev = await startDev(site);   // dev.url = 'http://127.0.0.1:PORT/'
//   const res = await fetch(dev.url + 'notes/x/');
//   await dev.stop();
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { ASTRO_BIN } from './project.ts';
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
