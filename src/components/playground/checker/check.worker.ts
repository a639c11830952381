// The checker panel's worker: runs one engine-mode search off the main thread, posts its progress (about
// once a second, from the checker's own onProgress) and its result, or the scope's complaint. Cancelling is
// terminating the worker; the page then starts a fresh one, so nothing here needs to listen for a stop.
import { checkEngine, type CheckResult } from '../../../paxos/check/model-check.ts';
import type { SearchProgress } from '../../../paxos/check/limits.ts';
import type { ScopeOptions } from '../../../paxos/check/scopes.ts';

export interface CheckRequest {
  readonly options: ScopeOptions;
  readonly maxStates: number;
}

export type CheckReply =
  | { readonly type: 'progress'; readonly progress: SearchProgress }
  | { readonly type: 'result'; readonly result: CheckResult }
  | { readonly type: 'error'; readonly message: string };

const post = (reply: CheckReply): void => (self as unknown as { postMessage(m: CheckReply): void }).postMessage(reply);

self.addEventListener('message', (event: MessageEvent<CheckRequest>) => {
  const { options, maxStates } = event.data;
  try {
    const result = checkEngine(options, { maxStates, onProgress: (progress) => post({ type: 'progress', progress }) });
    post({ type: 'result', result });
  } catch (err) {
    post({ type: 'error', message: (err as Error).message ?? String(err) });
  }
});
