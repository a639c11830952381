// The state table: every node's promised ballot, accepted entries, chosen values and protocol state, with
// crash / recover and its timers. On narrow screens each row becomes a small labelled card (playground.css).
import type { Step } from '../../paxos/sim/scenario.ts';
import { formatBallot } from '../../paxos/core/ballot.ts';
import { formatValue } from '../../paxos/render/labels.ts';
import { strings } from '../../i18n/figures.ts';
import type { NodeRow } from './run.ts';
import { extraText, MEMBERSHIP_KEYS, membershipLines, roleNames, timerName } from './words.ts';

const P = strings().playground;

export function NodeTable({ nodes, slots, act, Heading }: { nodes: readonly NodeRow[]; slots: boolean; act: (step: Step) => void; Heading: 'h2' | 'h3' | 'h4' }) {
  // Multi with reconfiguration: a column for what each server believes the membership is.
  const members = nodes.some((n) => n.view.extra['members'] !== undefined);
  return (
    <div class="pg-panel pg-panel-wide">
      <Heading>{P.nodes}</Heading>
      <div class="pg-table-box">
        <table class="pg-table">
          <thead>
            <tr>
              <th scope="col">{P.colNode}</th>
              <th scope="col">{P.colPromised}</th>
              <th scope="col">{P.colAccepted}</th>
              <th scope="col">{P.colChosen}</th>
              {members && <th scope="col">{P.colMembers}</th>}
              <th scope="col">{P.colExtra}</th>
              <th scope="col">{P.colActions}</th>
            </tr>
          </thead>
          <tbody>
            {nodes.map((n) => (
              <tr key={n.info.id} class={n.up ? '' : 'pg-down'} data-node={n.info.id}>
                <th scope="row">
                  {n.info.id}
                  <span class="pg-roles">{roleNames(n.info.roles)}</span>
                  {!n.up && <span class="pg-badge">{P.crashed}</span>}
                </th>
                <td class="pg-promised" data-label={P.colPromised}>{n.view.promised ? formatBallot(n.view.promised) : '—'}</td>
                <td class="pg-accepted" data-label={P.colAccepted}>
                  {n.view.accepted.length === 0 ? '—' : n.view.accepted.map((a) => <span class="pg-entry">{`${slots ? `s${a.slot}: ` : ''}${formatBallot(a.ballot)}=${formatValue(a.value)}`}</span>)}
                </td>
                <td class="pg-chosen" data-label={P.colChosen}>{n.view.chosen.length === 0 ? '—' : n.view.chosen.map((c) => <span class="pg-entry">{`${slots ? `s${c.slot}: ` : ''}${formatValue(c.value)}`}</span>)}</td>
                {members && (
                  <td class="pg-members" data-label={P.colMembers}>
                    {membershipLines(n.view.extra).map((line) => <span class="pg-entry">{line}</span>)}
                    {n.view.extra['members'] === undefined && '—'}
                  </td>
                )}
                <td class="pg-extra" data-label={P.colExtra}>
                  {Object.entries(n.view.extra)
                    .filter(([k]) => !MEMBERSHIP_KEYS.includes(k))
                    .map(([k, v]) => extraText(k, v))
                    .join(' · ') || '—'}
                </td>
                <td class="pg-node-actions" data-label={P.colActions}>
                  {n.up ? (
                    <button type="button" aria-label={P.crashLabel(n.info.id)} onClick={() => act({ type: 'crash', node: n.info.id })}>
                      {P.crash}
                    </button>
                  ) : (
                    <button type="button" aria-label={P.recoverLabel(n.info.id)} onClick={() => act({ type: 'recover', node: n.info.id })}>
                      {P.recover}
                    </button>
                  )}
                  {n.timers.map((t) => (
                    <button key={t.timer} type="button" aria-label={P.fireLabel(n.info.id, timerName(t.timer))} onClick={() => act({ type: 'timeout', node: n.info.id, timer: t.timer })}>
                      {P.fire(timerName(t.timer))}
                    </button>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
