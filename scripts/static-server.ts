// A tiny static file server for the built site, used by the browser tests and the Lighthouse bench.
// It serves dist/ under a base path (like GitHub Pages serves a project site under /<repo>/), maps
// /dir/ to /dir/index.html, answers 404 with the site's 404.html, gzips text as every static host
// and CDN does (Lighthouse's simulated network counts the bytes sent), and never caches. Only GET and
// HEAD are served (others: 405 with Allow); a malformed request target gets 400, never a crash.
// CLI: node scripts/static-server.ts [dist] [--base /notes-site/] [--port 4321]

import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { createGzip } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
};

export interface StaticServer {
  /** Origin + base, e.g. http://127.0.0.1:41234/notes-site/ */
  url: string;
  origin: string;
  port: number;
  close(): Promise<void>;
}

function normaliseBase(base: string): string {
  const inner = base.replace(/^\/+|\/+$/g, '');
  return inner ? `/${inner}/` : '/';
}

/** Maps a request path under the base to a file in root, or undefined. */
export function resolveFile(root: string, base: string, pathname: string): string | undefined {
  if (!pathname.startsWith(base) && `${pathname}/` !== base) return undefined;
  let rel: string;
  try {
    rel = decodeURIComponent(pathname.slice(base.length));
  } catch {
    return undefined;
  }
  const full = normalize(join(root, rel));
  if (full !== root && !full.startsWith(root + sep)) return undefined;
  if (existsSync(full) && statSync(full).isFile()) return full;
  const index = join(full, 'index.html');
  if (existsSync(index)) return index;
  const html = `${full}.html`;
  if (existsSync(html)) return html;
  return undefined;
}

/** Methods a static host answers; anything else gets 405 with this list in `Allow`. */
const ALLOWED_METHODS = 'GET, HEAD';

/**
 * The path of a request target, or undefined when it is not one a static host could serve. Node
 * passes the target as sent, so `//`, `/\` and `http://[::1` arrive here; none of them may throw.
 */
export function requestPath(target: string): string | undefined {
  if (target.startsWith('/')) return target.split(/[?#]/, 1)[0];
  // The absolute form (`GET http://host/path`) is legal HTTP/1.1; anything else is not a path.
  try {
    return new URL(target).pathname;
  } catch {
    return undefined;
  }
}

export async function serveStatic(dir: string, options: { base?: string; port?: number } = {}): Promise<StaticServer> {
  const root = resolve(dir);
  const base = normaliseBase(options.base ?? '/');
  const respond = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: ALLOWED_METHODS, 'Content-Type': 'text/plain' }).end('method not allowed');
      return;
    }
    const pathname = requestPath(req.url ?? '/');
    if (pathname === undefined) {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('bad request target');
      return;
    }
    if (pathname === base.slice(0, -1)) {
      res.writeHead(301, { Location: base }).end();
      return;
    }
    const file = resolveFile(root, base, pathname);
    const notFound = join(root, '404.html');
    const path = file ?? (existsSync(notFound) ? notFound : undefined);
    if (!path) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const type = TYPES[extname(path)] ?? 'application/octet-stream';
    const gzip = /^(text\/|application\/(json|xml)|image\/svg)/.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    res.writeHead(file ? 200 : 404, {
      'Content-Type': type,
      'Cache-Control': 'no-store',
      Vary: 'Accept-Encoding',
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    // A file that vanishes or cannot be read mid-response ends that response, not the server.
    const stream = createReadStream(path).on('error', () => res.destroy());
    if (gzip) stream.pipe(createGzip()).pipe(res);
    else stream.pipe(res);
  };
  const server: Server = createServer((req, res) => {
    try {
      respond(req, res);
    } catch (error) {
      // One bad request must never stop the server: answer it with 500 and keep serving.
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`internal error: ${(error as Error).message}`);
    }
  });
  // CONNECT never reaches the request handler; without this Node drops the connection unanswered.
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => {
    socket.end(`HTTP/1.1 405 Method Not Allowed\r\nAllow: ${ALLOWED_METHODS}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
  });
  await new Promise<void>((ok) => server.listen(options.port ?? 0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: origin + base,
    origin,
    port,
    // Browsers keep connections alive; close them too, or close() waits for their idle timeout.
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const flag = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const dir = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? 'dist';
  const server = await serveStatic(dir, { base: flag('--base') ?? '/', port: Number(flag('--port') ?? 4321) });
  console.log(`serving ${dir} at ${server.url}`);
}
