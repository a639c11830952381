// The timeline under the picture: play / pause / speed, step, back and forward, the script and restart
// buttons, and the position slider with one tick per command (script steps, the network's own events, the
// reader's actions, and the captions of a narrated run). Seeking back and acting forks, as before: that is
// the model's business (run.ts); this is only its controls.
import { strings } from '../../i18n/figures.ts';
import type { PlaygroundRun } from './run.ts';

const P = strings().playground;

export const SPEEDS = [0.5, 1, 2, 4] as const;

export interface TimelineProps {
  readonly run: PlaygroundRun;
  readonly playing: boolean;
  readonly togglePlay: () => void;
  readonly speed: number;
  readonly setSpeed: (speed: number) => void;
  readonly step: () => void;
  readonly seek: (position: number) => void;
  readonly runScript: () => void;
  readonly restart: () => void;
  /** Positions where a caption is reached (marked on the timeline). */
  readonly captions: readonly number[];
}

export function Timeline(props: TimelineProps) {
  const { run } = props;
  const script = run.scriptIndex;
  const commands = run.commands();
  const captions = new Set(props.captions);
  const n = run.length;
  return (
    <div class="pg-timeline" role="group" aria-label={P.timeline}>
      <div class="pg-toolbar" role="group" aria-label={P.controls}>
        <button type="button" class="pg-primary" onClick={props.togglePlay} aria-pressed={props.playing} disabled={!props.playing && !run.canAdvance()}>
          {props.playing ? P.pause : P.play}
        </button>
        <button type="button" class="pg-step" onClick={props.step} disabled={!run.canAdvance()}>
          {P.step}
        </button>
        <label class="pg-speed">
          {P.speed}
          <select value={String(props.speed)} onChange={(e) => props.setSpeed(Number((e.target as HTMLSelectElement).value))}>
            {SPEEDS.map((s) => (
              <option value={String(s)}>{`${s}×`}</option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => props.seek(run.position - 1)} disabled={run.position === 0} aria-label={P.backLabel}>
          {P.back}
        </button>
        <button type="button" onClick={() => props.seek(run.position + 1)} disabled={run.position >= n} aria-label={P.forwardLabel}>
          {P.forward}
        </button>
        <button type="button" onClick={props.runScript} disabled={!run.scriptActive}>
          {P.runScript}
        </button>
        <button type="button" onClick={props.restart}>
          {P.restart}
        </button>
      </div>
      <div class="pg-seek">
        <label>
          <span class="pg-seek-label">{P.position(run.position, n)}</span>
          <span class="pg-track">
            <input type="range" min={0} max={n} value={run.position} aria-valuetext={P.positionText(run.position, n)} onInput={(e) => props.seek(Number((e.target as HTMLInputElement).value))} />
            {n > 0 && (
              <svg class="pg-ticks" viewBox={`0 0 ${n} 10`} preserveAspectRatio="none" aria-hidden="true">
                {commands.map((c, i) => {
                  const p = i + 1;
                  const kind = c.type === 'act' ? 'act' : run.stepAt(p) !== null ? 'script' : 'net';
                  return <line key={p} class={`pg-tick pg-tick-${kind}${captions.has(p) ? ' pg-tick-caption' : ''}${p <= run.position ? ' pg-tick-past' : ''}`} x1={p} x2={p} y1={captions.has(p) ? 0 : 3} y2={10} vector-effect="non-scaling-stroke" />;
                })}
              </svg>
            )}
          </span>
        </label>
        <span class="pg-clock">{`t = ${run.sim.time}`}</span>
        <span class="pg-script">{script === null ? P.scriptTaken : !run.scriptActive ? P.scriptDone : P.scriptAt(script + 1, run.scriptLength)}</span>
      </div>
    </div>
  );
}
