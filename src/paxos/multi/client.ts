// A key-value client. It sends each command (`client-request`) to the server it believes leads, keeps it
// until a server answers that it is applied, follows "not the leader" hints, and after
// `timing.proposerTimeout` without an answer sends everything unanswered to the next server. A command
// whose answer was lost may therefore be chosen twice; `set`/`del` are idempotent and `get` only reads,
// so the store ends the same either way.
import type { Input, StepResult } from '../core/protocol.ts';
import type { ClientState, MultiConfig, MultiMessage } from './types.ts';
import { CLIENT_RETRY, newEffects, result, type Effects } from './effects.ts';
import { serverIds } from './config.ts';

function armRetry(config: MultiConfig, fx: Effects): void {
  fx.timers.push({ op: 'set', timer: CLIENT_RETRY, delay: config.timing.proposerTimeout });
}

export function stepClient(s: ClientState, input: Input, config: MultiConfig): StepResult<ClientState> {
  const fx = newEffects();
  const servers = serverIds(config);
  switch (input.type) {
    case 'propose': {
      if (input.value === null) return result(s, fx); // a client has no use for a no-op
      fx.send.push({ kind: 'client-request', to: servers[s.target % servers.length] as string, value: input.value });
      if (s.outstanding.length === 0) armRetry(config, fx);
      return result({ ...s, outstanding: [...s.outstanding, input.value] }, fx);
    }
    case 'timeout': {
      if (input.timer !== CLIENT_RETRY || s.outstanding.length === 0) return result(s, fx);
      const target = (s.target + 1) % servers.length;
      for (const value of s.outstanding) fx.send.push({ kind: 'client-request', to: servers[target] as string, value });
      armRetry(config, fx);
      return result({ ...s, target }, fx);
    }
    case 'message': {
      // Only Multi servers send to a client, so its messages are the closed union (types.ts).
      const m = input.msg as MultiMessage;
      if (m.kind !== 'client-reply') return result(s, fx);
      const i = s.outstanding.indexOf(m.value);
      if (i < 0) return result(s, fx); // a duplicate answer, or for a command sent before a crash
      if (m.ok) {
        const outstanding = [...s.outstanding.slice(0, i), ...s.outstanding.slice(i + 1)];
        if (outstanding.length === 0) fx.timers.push({ op: 'cancel', timer: CLIENT_RETRY });
        const lastReply = `${m.value} → ${m.result ?? '—'}`;
        return result({ ...s, outstanding, completed: s.completed + 1, lastReply }, fx);
      }
      // "Not the leader": follow the hint at once; without one, wait for the retry timer.
      const hint = m.leader;
      const hinted = hint === undefined || hint === m.from ? -1 : servers.indexOf(hint);
      if (hint === undefined || hinted < 0) return result(s, fx);
      fx.send.push({ kind: 'client-request', to: hint, value: m.value });
      return result(hinted === s.target ? s : { ...s, target: hinted }, fx);
    }
    default:
      return result(s, fx);
  }
}
