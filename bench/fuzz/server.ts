// Hostile requests against the site's static server (scripts/static-server.ts), started as its own
// process on a tiny site so that a crash shows as a dead server rather than a dead bench. A request is
// handled when the server answers it with a status a static host may give (200, 301, 400, 404, 405,
// 431 …), never a 5xx, never a file from outside the served folder, never the page to a method it does
// not serve — and is still answering afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Random } from '../../src/paxos/core/random.ts';
import type { FuzzClass } from './class.ts';

const SERVER_SCRIPT = fileURLToPath(new URL('../../scripts/static-server.ts', import.meta.url));
const BASE = '/site/';
/** Written next to the served folder: no answer may ever contain it. */
const SECRET = 'secret-outside-the-served-folder';

export interface HostileRequest {
  method: string;
  target: string;
  headers: string[];
}

const METHODS = ['GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'PROPFIND', 'CONNECT', 'get', 'BREW'];
const PIECES = [
  '/', '//', '///', '/\\', '\\', '/site', '/site/', '/site/a/', '/site/a', '/site/index.html', '/site/style.css',
  '..', '/..', '/../', '/site/../', '/site/../secret.txt', '/site/%2e%2e/secret.txt', '/site/%2e%2e%2fsecret.txt',
  '/site/..%5csecret.txt', '/site/..%2f..%2f..%2fetc%2fpasswd', '/site/%c0%ae%c0%ae/secret.txt', '%00', '%', '%zz', '%ff',
  '?', '?x=1', '#', '#frag', 'a', '.', '*', 'http://[::1', 'http://x', 'http://x/site/', 'https://', 'file:///etc/passwd',
  '@', ':', ';', '~', '%u002e', '%252e%252e',
];

/** The request for `seed`: one to four pieces, sometimes a long run, sometimes gzip or odd headers. */
export function hostileRequest(seed: number): HostileRequest {
  const random = new Random(seed);
  const method = random.pick(METHODS);
  let target = '';
  const pieces = random.int(1, 4);
  for (let i = 0; i < pieces; i++) target += random.pick(PIECES);
  if (random.chance(0.05)) target += 'a'.repeat(random.int(100, 9000));
  const headers: string[] = [];
  if (random.chance(0.5)) headers.push('Accept-Encoding: gzip, deflate');
  if (random.chance(0.1)) headers.push(`Range: bytes=${random.int(-5, 50)}-${random.int(-5, 50)}`);
  if (random.chance(0.05)) headers.push(`X-Long: ${'b'.repeat(random.int(1000, 20000))}`);
  return { method, target, headers };
}

export function describeRequest(request: HostileRequest): string {
  const target = request.target.length > 80 ? `${request.target.slice(0, 80)}…(${request.target.length} chars)` : request.target;
  return `${request.method} ${JSON.stringify(target)}${request.headers.length ? ` + ${request.headers.map((h) => h.split(':')[0]).join(', ')}` : ''}`;
}

export interface RawResponse {
  status: number;
  headers: Map<string, string>;
  body: string;
}

/** Sends a request byte for byte as given (fetch would normalise the target) and reads the answer. */
export function sendRaw(port: number, request: HostileRequest, timeoutMs = 5000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('latin1');
      const head = text.split('\r\n\r\n', 1)[0] ?? '';
      const [statusLine = '', ...lines] = head.split('\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
      if (!Number.isInteger(status)) {
        reject(new Error(`no HTTP answer (got ${JSON.stringify(text.slice(0, 60))})`));
        return;
      }
      const headers = new Map<string, string>();
      for (const line of lines) {
        const colon = line.indexOf(':');
        if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
      }
      resolve({ status, headers, body: text.slice(head.length + 4) });
    });
    socket.write(`${request.method} ${request.target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${request.headers.map((h) => `${h}\r\n`).join('')}\r\n`);
  });
}

export interface ServerProcess {
  port: number;
  child: ChildProcess;
  /** Why the server exited, once it has. */
  exited(): string | undefined;
  stop(): void;
}

/** A tiny built site (index, 404, a sub-page, a stylesheet) with a secret file just outside it. */
export function makeTinySite(): { dir: string; remove(): void } {
  const top = mkdtempSync(join(tmpdir(), 'fuzz-server-'));
  const dir = join(top, 'dist');
  mkdirSync(join(dir, 'a'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>home</title>home');
  writeFileSync(join(dir, '404.html'), '<!doctype html><title>404</title>not here');
  writeFileSync(join(dir, 'a', 'index.html'), '<!doctype html><title>a</title>page a');
  writeFileSync(join(dir, 'style.css'), 'body { color: black }');
  writeFileSync(join(top, 'secret.txt'), SECRET);
  return { dir, remove: () => rmSync(top, { recursive: true, force: true }) };
}

/** Starts scripts/static-server.ts on `dir` in a child process, on a free port. */
export function startServerProcess(dir: string): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SERVER_SCRIPT, dir, '--base', BASE, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let exit: string | undefined;
    let output = '';
    child.stderr.on('data', (d: Buffer) => {
      output += d;
    });
    child.stdout.on('data', (d: Buffer) => {
      output += d;
      const port = /127\.0\.0\.1:(\d+)\//.exec(output)?.[1];
      if (port !== undefined) resolve({ port: Number(port), child, exited: () => exit, stop: () => child.kill() });
    });
    child.on('exit', (code, signal) => {
      exit = `the server exited (${signal ?? `code ${code}`}): ${output.trim().split('\n').slice(-3).join(' | ')}`;
      reject(new Error(exit));
    });
  });
}

/** Why `response` to `request` is wrong, or undefined when the server handled it. */
export function judgeResponse(request: HostileRequest, response: RawResponse): string | undefined {
  if (response.status >= 500) return `answered ${response.status}`;
  if (response.body.includes(SECRET)) return 'served a file from outside the served folder';
  const known = request.method === 'GET' || request.method === 'HEAD';
  // Node's own parser answers a malformed request line (400) or oversized headers (431) first.
  if (!known && ![400, 405, 431].includes(response.status)) return `answered ${request.method} with ${response.status}, not 405`;
  if (response.status === 405 && response.headers.get('allow') !== 'GET, HEAD') return `405 without "Allow: GET, HEAD" (got ${response.headers.get('allow')})`;
  if (![200, 301, 400, 404, 405, 431].includes(response.status)) return `unexpected status ${response.status}`;
  return undefined;
}

let site: { dir: string; remove(): void } | undefined;
let running: Promise<ServerProcess> | undefined;
let current: ServerProcess | undefined;

async function server(): Promise<ServerProcess> {
  if (site === undefined) {
    const made = makeTinySite();
    site = made;
    process.on('exit', () => {
      current?.stop();
      made.remove();
    });
  }
  running ??= startServerProcess(site.dir).then((s) => {
    current = s;
    s.child.unref();
    for (const stream of [s.child.stdout, s.child.stderr]) (stream as unknown as { unref?: () => void } | null)?.unref?.();
    return s;
  });
  return running;
}

/** Sends the request for `seed`, judges the answer, then checks the server still serves its home page. */
export async function attemptRequest(seed: number): Promise<void> {
  const live = await server();
  const request = hostileRequest(seed);
  const fail = (why: string): never => {
    // A dead server is restarted for the next seed, so one crash is counted once.
    if (live.exited() !== undefined) running = undefined;
    throw new Error(`seed ${seed}: ${describeRequest(request)}: ${why}`);
  };
  let response: RawResponse;
  try {
    response = await sendRaw(live.port, request);
  } catch (error) {
    return fail(live.exited() ?? (error as Error).message);
  }
  const wrong = judgeResponse(request, response);
  if (wrong !== undefined) fail(wrong);
  try {
    const home = await sendRaw(live.port, { method: 'GET', target: BASE, headers: [] });
    if (home.status !== 200) fail(`afterwards the home page answers ${home.status}`);
  } catch (error) {
    fail(`afterwards the server no longer answers: ${live.exited() ?? (error as Error).message}`);
  }
}

export const fuzzClasses: FuzzClass[] = [
  {
    name: 'static server request',
    attempt: attemptRequest,
    describe: (seed) => describeRequest(hostileRequest(seed)),
  },
];
