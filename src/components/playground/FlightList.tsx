// The messages in flight as a list, three buttons each: the text twin of the network picture, for readers
// who would rather read than look, and for screen readers that walk lists more easily than pictures.
import type { Step } from '../../paxos/sim/scenario.ts';
import type { Flight } from '../../paxos/sim/simulation.ts';
import { messageLabel } from '../../paxos/render/labels.ts';
import { strings } from '../../i18n/figures.ts';

const P = strings().playground;

export function FlightList({ flights, slots, act, Heading }: { flights: readonly Flight[]; slots: boolean; act: (step: Step) => void; Heading: 'h2' | 'h3' | 'h4' }) {
  const labelOpts = { slots, lang: 'zh' as const };
  return (
    <div class="pg-panel">
      <Heading>{P.inFlight(flights.length)}</Heading>
      {flights.length === 0 ? (
        <p class="pg-empty">{P.noFlights}</p>
      ) : (
        <ul class="pg-flights">
          {flights.map((f) => {
            const what = `${P.flight(f.msg.id, f.copy, f.msg.kind, f.msg.from, f.msg.to)}：${messageLabel(f.msg, labelOpts)}`;
            const match = { id: f.msg.id, copy: f.copy };
            return (
              <li key={`${f.msg.id}.${f.copy}`} data-list-flight={`${f.msg.id}.${f.copy}`}>
                <span class="pg-flight-label">{`${f.msg.from}→${f.msg.to} ${messageLabel(f.msg, labelOpts)}${f.copy > 0 ? P.copy(f.copy) : ''}`}</span>
                <span class="pg-flight-actions">
                  {(['deliver', 'drop', 'duplicate'] as const).map((type) => (
                    <button key={type} type="button" aria-label={`${P[type]} ${what}`} onClick={() => act({ type, match })}>
                      {P[type]}
                    </button>
                  ))}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
