// Serve a built dist/ folder on a free localhost port for the browser tests and benches: the site's own
// static server (scripts/static-server.ts) at the root path, so tests see what the Lighthouse bench and a
// real host see (index.html for directories, 404.html, gzip).
//
//   const server = await serveDist(dist);   // server.url = 'http://127.0.0.1:PORT/'
//   ...; await server.close();
import { serveStatic, type StaticServer } from '../../scripts/static-server.ts';

export type DistServer = StaticServer;

export function serveDist(dist: string): Promise<DistServer> {
  return serveStatic(dist);
}
