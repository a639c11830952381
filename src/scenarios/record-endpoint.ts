// The dev server's endpoint behind the playground's "保存为场景文件": POST a JSON body { name, scenario,
// overwrite? } to RECORD_PATH. It is installed by astro:server:setup, which only `astro dev` runs, so the
// built site has no such route. Only same-origin JSON requests are taken: a page from elsewhere cannot
// make the author's dev server write files (a cross-origin JSON POST needs a preflight nobody answers).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_RECORDING_BYTES, recordScenario } from './record.ts';

export const RECORD_PATH = '/__paxos/scenarios';

interface Logger {
  info(message: string): void;
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true; // not from a browser page (curl, tests)
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

export function recordEndpoint(root: string, logger: Logger) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const path = (req.url ?? '').split('?')[0];
    if (!path?.endsWith(RECORD_PATH)) return next();
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return reply(res, 405, { error: 'POST a JSON body { name, scenario, overwrite? }' });
    }
    if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) return reply(res, 415, { error: 'send application/json' });
    if (!sameOrigin(req)) return reply(res, 403, { error: 'only the dev server’s own pages may save scenarios' });
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_RECORDING_BYTES * 2) {
        if (!refused) reply(res, 413, { error: `the body is over ${MAX_RECORDING_BYTES * 2} bytes` });
        refused = true;
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return reply(res, 400, { error: 'the body is not JSON' });
      }
      if (typeof body !== 'object' || body === null) return reply(res, 400, { error: 'send { name, scenario, overwrite? }' });
      const result = recordScenario(root, body as { name: unknown; scenario: unknown; overwrite?: unknown });
      if (!result.ok) return reply(res, result.status, result);
      logger.info(`saved ${result.path}${result.replaced ? ' (replaced)' : ''}; to use it in notes, add to src/scenarios/:\n${result.lines.join('\n')}`);
      reply(res, 200, result);
    });
  };
}
