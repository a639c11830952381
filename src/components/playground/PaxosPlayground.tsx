// The playground island (`<PaxosPlayground client:visible scenario={…} />`): the engine running in the
// reader's browser. The model lives in run.ts (a Simulation with a timeline of checkpoints), the drawing in
// diagram.ts + SequenceSvg.tsx; this file is controls and tables. Everything a link or a scenario carries
// is rendered as text by Preact (never as HTML).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Scenario, Step } from '../../paxos/sim/scenario.ts';
import { formatBallot } from '../../paxos/core/ballot.ts';
import { formatValue, messageLabel } from '../../paxos/render/labels.ts';
import { decodeRunLink, encodeRunLink, type RunLink } from '../../playground-link/codec.ts';
import { describeOutcome, presentViolation } from '../paxos/outcome.ts';
import { strings } from '../paxos/strings.ts';
import { layoutDiagram } from './diagram.ts';
import { PlaygroundRun } from './run.ts';
import { SequenceHead, SequenceSvg } from './SequenceSvg.tsx';
import './playground.css';

export interface PaxosPlaygroundProps {
  /** The scenario the playground starts with. */
  scenario: Scenario;
  /** Other scenarios the reader can switch to, by label (the scenario itself is always the first choice). */
  presets?: Record<string, Scenario>;
  /** A heading above the controls. */
  caption?: string;
  /** Level of that heading (its panels get the next level, or this one without a caption), so the page's outline never skips one:
   *  3 inside a note's section (the default), 2 on a page whose only heading above is the h1. */
  headingLevel?: 2 | 3;
  /** Read the run from the page's `#run=` link and keep the link up to date (the standalone page). */
  link?: boolean;
  /** Message kinds left out of the live diagram, e.g. ['heartbeat']. */
  hideKinds?: string[];
}

const SPEEDS = [0.5, 1, 2, 4] as const;

const T = strings();
const P = T.playground;

const timerName = (t: string): string => T.timer[t] ?? t;
const roleNames = (roles: readonly string[]): string => roles.map((r) => T.role[r] ?? r).join('、');

/** One `extra` entry of a node view, in words (keys and enumerated values translated, the rest as is). */
function extraText(key: string, value: string): string {
  const v = key === 'lease' ? value.replace(' until ', P.leaseUntil) : key === 'ballot' ? value.replace(' (fast)', P.fastBallot) : (T.extraValue[value] ?? value);
  return `${T.extraKey[key] ?? key}=${v}`;
}

function playgroundUrl(fragment: string): string {
  const base = import.meta.env.BASE_URL ?? '/';
  return new URL(`${base.endsWith('/') ? base : `${base}/`}playground/#${fragment}`, location.href).href;
}

function stepText(s: Step | null): string {
  const w = P.steps;
  if (!s) return w.start;
  switch (s.type) {
    case 'propose':
      return w.propose(s.node, formatValue(s.value));
    case 'deliver':
    case 'drop':
    case 'duplicate': {
      const verb = w[s.type];
      const m = s.match;
      return `${verb}${m.id !== undefined ? ` #${m.id}` : ''}${m.kind ? ` ${m.kind}` : ''}${m.from ? ` ${m.from}` : ''}${m.to ? `→${m.to}` : ''}`;
    }
    case 'crash':
      return w.crash(s.node);
    case 'recover':
      return w.recover(s.node);
    case 'timeout':
      return w.timeout(s.node, s.timer ? timerName(s.timer) : undefined);
    case 'tick':
      return w.tick;
    case 'run':
      return s.until === 'quiet' ? w.runQuiet : w.runUntil(s.until);
  }
}

function copyText(text: string): Promise<boolean> {
  if (!navigator.clipboard) return Promise.resolve(false);
  return navigator.clipboard.writeText(text).then(
    () => true,
    () => false,
  );
}

export default function PaxosPlayground(props: PaxosPlaygroundProps) {
  const level = props.headingLevel ?? 3;
  const Title = `h${level}` as 'h2' | 'h3';
  // Without a title the panels take the title's level themselves, so a note's h2 is never followed by an h4.
  const Panel = `h${props.caption ? level + 1 : level}` as 'h2' | 'h3' | 'h4';
  const presets = useMemo(() => {
    // Props arrive serialized, so the scenario is told apart from the presets by content.
    const same = JSON.stringify(props.scenario);
    const list: [string, Scenario][] = [];
    for (const [label, s] of Object.entries(props.presets ?? {})) list.push([label, JSON.stringify(s) === same ? props.scenario : s]);
    if (!list.some(([, s]) => s === props.scenario)) list.unshift([props.scenario.title ?? P.thisScenario, props.scenario]);
    return list;
  }, [props.scenario, props.presets]);
  const [run, setRun] = useState(() => new PlaygroundRun(props.scenario));
  const [, setVersion] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<number>(1);
  const [notice, setNotice] = useState('');
  const [linkError, setLinkError] = useState('');
  const [exported, setExported] = useState('');
  const [shared, setShared] = useState('');
  const [proposer, setProposer] = useState('');
  const [value, setValue] = useState('');
  const diagramBox = useRef<HTMLDivElement>(null);
  const refresh = (): void => setVersion((v) => v + 1);

  const start = (scenario: Scenario): PlaygroundRun => {
    const r = new PlaygroundRun(scenario);
    setRun(r);
    setPlaying(false);
    setExported('');
    setShared('');
    setNotice('');
    return r;
  };

  const restoreLink = (link: RunLink): void => {
    const r = new PlaygroundRun(link.scenario);
    for (const c of link.commands) r.replay(c);
    r.seek(link.position);
    setRun(r);
  };

  // The standalone page opens the run in its link; a broken link leaves the default scenario and says why.
  useEffect(() => {
    if (!props.link) return;
    const decoded = decodeRunLink(location.hash);
    if (decoded.ok) {
      try {
        restoreLink(decoded.run);
      } catch (err) {
        setLinkError(P.linkReplayFailed((err as Error).message));
      }
    } else if (decoded.message) {
      setLinkError(`${decoded.message}${P.linkDefault}`);
    }
  }, []);

  const fragment = (): string => encodeRunLink({ scenario: run.scenario, commands: run.commands(), position: run.position });

  const after = (): void => {
    setExported('');
    setShared('');
    if (props.link) history.replaceState(null, '', `#${fragment()}`);
    refresh();
  };

  const guard = (f: () => void): void => {
    try {
      run.scriptError = '';
      f();
      setNotice(run.forked ? P.forked : run.scriptError);
    } catch (err) {
      setNotice(P.cannot((err as Error).message));
    }
    after();
  };

  const next = (): boolean => {
    let moved = false;
    guard(() => {
      moved = run.next();
    });
    return moved;
  };

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      if (!next()) setPlaying(false);
    }, 700 / speed);
    return () => clearInterval(timer);
  }, [playing, speed, run]);

  // Keep the newest rows in view.
  useEffect(() => {
    const box = diagramBox.current;
    if (box) box.scrollTop = box.scrollHeight;
  });

  const events = run.events();
  const flights = run.inFlight();
  const nodes = run.nodes();
  const slots = run.scenario.protocol === 'multi';
  const layout = layoutDiagram(run.sim.nodes, events, flights, { slots, ...(props.hideKinds ? { hideKinds: props.hideKinds } : {}) });
  const latest = events.length > 0 ? events[events.length - 1]!.seq : -1;
  const violation = run.violation();
  const violationText = violation ? presentViolation(violation, run.scenario.protocol === 'multi') : null;
  const trace = run.trace();
  const outcome = describeOutcome(trace);
  const script = run.scriptIndex;
  const mutant = run.scenario.mutant;
  const labelOpts = { slots, lang: 'zh' as const };
  // At the end of the timeline with nothing left to do: say why (quiet, or the rest lies past maxTime).
  const stopText = run.position === run.length && !run.canAdvance() ? (flights.length === 0 && run.sim.timers().length === 0 ? P.stop.quiet : P.stop['max-time'](run.sim.resolved.maxTime)) : '';
  // Who can be asked to propose: clients where the protocol has them, else proposers; only running ones.
  const clients = nodes.filter((n) => n.info.roles.includes('client'));
  const proposers = (clients.length > 0 ? clients : nodes.filter((n) => n.info.roles.includes('proposer'))).filter((n) => n.up).map((n) => n.info.id);

  return (
    <section class="pg" aria-label={props.caption ?? P.region}>
      {props.caption && <Title class="pg-title">{props.caption}</Title>}
      {run.scenario.description && (
        <details class="pg-about">
          <summary>{P.about(run.scenario.title ?? run.scenario.protocol)}</summary>
          <p>{run.scenario.description}</p>
        </details>
      )}
      {linkError && (
        <p class="pg-link-error" role="alert">
          {linkError}
        </p>
      )}
      <div class="pg-toolbar" role="group" aria-label={P.controls}>
        <button type="button" class="pg-primary" onClick={() => setPlaying(!playing)} aria-pressed={playing} disabled={!playing && !run.canAdvance()}>
          {playing ? P.pause : P.play}
        </button>
        <button type="button" class="pg-step" onClick={() => next()} disabled={!run.canAdvance()}>
          {P.step}
        </button>
        <label class="pg-speed">
          {P.speed}
          <select value={String(speed)} onChange={(e) => setSpeed(Number((e.target as HTMLSelectElement).value))}>
            {SPEEDS.map((s) => (
              <option value={String(s)}>{`${s}×`}</option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => guard(() => run.seek(run.position - 1))} disabled={run.position === 0} aria-label={P.backLabel}>
          {P.back}
        </button>
        <button type="button" onClick={() => guard(() => run.seek(run.position + 1))} disabled={run.position >= run.length} aria-label={P.forwardLabel}>
          {P.forward}
        </button>
        <button type="button" onClick={() => guard(() => run.runScript())} disabled={!run.scriptActive}>
          {P.runScript}
        </button>
        <button type="button" onClick={() => start(run.scenario)}>
          {P.restart}
        </button>
      </div>
      <div class="pg-seek">
        <label>
          <span class="pg-seek-label">{P.position(run.position, run.length)}</span>
          <input
            type="range"
            min={0}
            max={run.length}
            value={run.position}
            aria-valuetext={P.positionText(run.position, run.length)}
            onInput={(e) => guard(() => run.seek(Number((e.target as HTMLInputElement).value)))}
          />
        </label>
        <span class="pg-clock">{`t = ${run.sim.time}`}</span>
        <span class="pg-script">
          {script === null ? P.scriptTaken : !run.scriptActive ? P.scriptDone : P.scriptAt(script + 1, run.scriptLength)}
        </span>
      </div>
      <div class="pg-settings">
        {presets.length > 1 && (
          <label>
            {P.scenario}
            <select
              onChange={(e) => {
                const p = presets[Number((e.target as HTMLSelectElement).value)];
                if (p) start(p[1]);
              }}
            >
              {presets.map(([label, s], i) => (
                <option value={String(i)} selected={s === run.scenario}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" onClick={() => start({ ...run.scenario, seed: (run.scenario.seed ?? 1) + 1 })}>
          {P.newSeed(run.scenario.seed ?? 1)}
        </button>
        <label class="pg-check" title={P.nackHint}>
          <input type="checkbox" checked={run.scenario.nack ?? true} onChange={() => start({ ...run.scenario, nack: !(run.scenario.nack ?? true) })} />
          {P.nack}
        </label>
      </div>

      <p class={`pg-safety ${violation ? 'pg-unsafe' : 'pg-safe'}`} role="status">
        {violationText ? P.unsafeHeading(violationText.heading) : mutant ? P.safeMutant(mutant) : P.safe}
      </p>
      {violationText && (
        <div class="pg-violation">
          <p>{violationText.explain}</p>
          <p>
            <strong>{`${violationText.event}。`}</strong>
            {P.violationIntro}
          </p>
          <details>
            <summary>{T.checkerOriginal}</summary>
            <p lang="en">{violationText.detail}</p>
          </details>
        </div>
      )}
      <p class="pg-outcome">{outcome.text}</p>
      <p class="pg-live" aria-live="polite">
        {notice || P.stepAt(run.position, stepText(run.lastApplied()))}
        {stopText && <span class="pg-stop">{stopText}</span>}
      </p>

      <div class="pg-diagram" ref={diagramBox} tabIndex={0} aria-label={P.diagram}>
        <div class="pg-seq-sticky">
          <SequenceHead layout={layout} />
        </div>
        <SequenceSvg layout={layout} latest={latest} offending={violation ? { seq: violation.seq, msgId: 'msg' in violation.event ? violation.event.msg.id : undefined } : null} />
      </div>

      <div class="pg-panels">
        <div class="pg-panel">
          <Panel>{P.inFlight(flights.length)}</Panel>
          {flights.length === 0 ? (
            <p class="pg-empty">{P.noFlights}</p>
          ) : (
            <ul class="pg-flights">
              {flights.map((f) => {
                const what = `${P.flight(f.msg.id, f.copy, f.msg.kind, f.msg.from, f.msg.to)}：${messageLabel(f.msg, labelOpts)}`;
                const match = { id: f.msg.id, copy: f.copy };
                return (
                  <li key={`${f.msg.id}.${f.copy}`}>
                    <span class="pg-flight-label">{`${f.msg.from}→${f.msg.to} ${messageLabel(f.msg, labelOpts)}${f.copy > 0 ? P.copy(f.copy) : ''}`}</span>
                    <span class="pg-flight-actions">
                      <button type="button" aria-label={`${P.deliver} ${what}`} onClick={() => guard(() => run.act({ type: 'deliver', match }))}>
                        {P.deliver}
                      </button>
                      <button type="button" aria-label={`${P.drop} ${what}`} onClick={() => guard(() => run.act({ type: 'drop', match }))}>
                        {P.drop}
                      </button>
                      <button type="button" aria-label={`${P.duplicate} ${what}`} onClick={() => guard(() => run.act({ type: 'duplicate', match }))}>
                        {P.duplicate}
                      </button>
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
        <div class="pg-panel pg-panel-wide">
          <Panel>{P.nodes}</Panel>
          <div class="pg-table-box">
            <table class="pg-table">
              <thead>
                <tr>
                  <th scope="col">{P.colNode}</th>
                  <th scope="col">{P.colPromised}</th>
                  <th scope="col">{P.colAccepted}</th>
                  <th scope="col">{P.colChosen}</th>
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
                    <td class="pg-extra" data-label={P.colExtra}>
                      {Object.entries(n.view.extra)
                        .map(([k, v]) => extraText(k, v))
                        .join(' · ') || '—'}
                    </td>
                    <td class="pg-node-actions" data-label={P.colActions}>
                      {n.up ? (
                        <button type="button" aria-label={P.crashLabel(n.info.id)} onClick={() => guard(() => run.act({ type: 'crash', node: n.info.id }))}>
                          {P.crash}
                        </button>
                      ) : (
                        <button type="button" aria-label={P.recoverLabel(n.info.id)} onClick={() => guard(() => run.act({ type: 'recover', node: n.info.id }))}>
                          {P.recover}
                        </button>
                      )}
                      {n.timers.map((t) => (
                        <button key={t.timer} type="button" aria-label={P.fireLabel(n.info.id, timerName(t.timer))} onClick={() => guard(() => run.act({ type: 'timeout', node: n.info.id, timer: t.timer }))}>
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
      </div>

      {proposers.length > 0 && (
        <form
          class="pg-propose"
          onSubmit={(e) => {
            e.preventDefault();
            const node = proposers.includes(proposer) ? proposer : proposers[0]!;
            const v = value.trim() || `v${events.filter((x) => x.type === 'propose').length + 1}`;
            guard(() => run.act({ type: 'propose', node, value: v }));
            setValue('');
          }}
        >
          <label>
            {P.proposeAs}
            <select value={proposers.includes(proposer) ? proposer : proposers[0]} onChange={(e) => setProposer((e.target as HTMLSelectElement).value)}>
              {proposers.map((id) => (
                <option value={id}>{id}</option>
              ))}
            </select>
          </label>
          <label>
            {P.proposeValue}
            <input type="text" maxLength={40} value={value} placeholder={`v${events.filter((x) => x.type === 'propose').length + 1}`} onInput={(e) => setValue((e.target as HTMLInputElement).value)} />
          </label>
          <button type="submit">{P.propose}</button>
        </form>
      )}

      <div class="pg-share">
        <button
          type="button"
          onClick={() => {
            const url = playgroundUrl(fragment());
            setShared(url);
            void copyText(url).then((ok) => setNotice(ok ? P.shareCopied : P.shareManual));
          }}
        >
          {P.share}
        </button>
        <button
          type="button"
          onClick={() => {
            const json = `${JSON.stringify(run.exportScenario(), null, 2)}\n`;
            setExported(json);
            void copyText(json).then((ok) => setNotice(ok ? P.exportCopied : P.exportManual));
          }}
        >
          {P.exportScenario}
        </button>
        {shared && (
          <label class="pg-out">
            {P.shareLink}
            <input type="text" readOnly value={shared} onFocus={(e) => (e.target as HTMLInputElement).select()} />
          </label>
        )}
        {exported && (
          <label class="pg-out">
            {P.exportLabel}
            <textarea readOnly rows={8} value={exported} />
          </label>
        )}
      </div>
    </section>
  );
}
