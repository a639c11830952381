// The playground island (`<PaxosPlayground client:visible scenario={…} />`): the engine running in the
// reader's browser. One model (model.ts over run.ts: a Simulation with a timeline of checkpoints, and the
// scenario's narration) and views that read it and call its actions: the network picture (NetworkView),
// the sequence diagram (diagram.ts + SequenceSvg), the narrator (Narration), the timeline (Timeline), the
// message list and the state table. This file puts them together and keeps what is the page's alone:
// playing or not, the speed, the last notice, the share link. Everything a link or a scenario carries is
// rendered as text by Preact (never as HTML).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { siteBase } from '../../base-path.ts';
import { playgroundHref } from '../../figures/playground-link/href.ts';
import type { Scenario, Step } from '../../paxos/sim/scenario.ts';
import { describeOutcome, presentViolation } from '../../figures/outcome.ts';
import { strings } from '../../i18n/figures.ts';
import { layoutDiagram } from './diagram.ts';
import { FlightList } from './FlightList.tsx';
import { PlaygroundModel, type Outcome } from './model.ts';
import { resolveOnPage, shelf } from './shelf.ts';
import { Narration } from './Narration.tsx';
import { NetworkView } from './NetworkView.tsx';
import { NodeTable } from './NodeTable.tsx';
import { SaveScenario } from './SaveScenario.tsx';
import { SequenceHead, SequenceSvg } from './SequenceSvg.tsx';
import { Timeline } from './Timeline.tsx';
import { CheckerOpener } from './checker/CheckerOpener.tsx';
import { stepText } from './words.ts';
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

const T = strings();
const P = T.playground;

function playgroundUrl(fragment: string): string {
  return new URL(playgroundHref(siteBase(), fragment), location.href).href;
}

function copyText(text: string): Promise<boolean> {
  if (!navigator.clipboard) return Promise.resolve(false);
  return navigator.clipboard.writeText(text).then(
    () => true,
    () => false,
  );
}

/** What the live line says after an action: a refusal, a fork, the script's complaint, or nothing. */
function noticeOf(o: Outcome): string {
  if (o.refused) return P.cannot(o.refused);
  if (o.forked) return P.forked;
  return o.scriptError;
}

/** The share-link codec loads when a link is read or written, not with the island: most readers never share. */
const linkCodec = () => import('../../figures/playground-link/codec.ts');

/** How long autoplay rests on a caption at speed 1×: time to read it. */
const readingMs = (text: string): number => 1600 + 110 * [...text].length;
/** One step of the player at speed 1×. */
const STEP_MS = 700;

/**
 * The island. The page downloads only the protocol its scenario runs (another one loads when the reader
 * switches to it): until it is here, the placeholder keeps the server's markup on screen untouched (Preact
 * leaves an element with dangerouslySetInnerHTML alone while hydrating), then the live playground replaces
 * it with the same markup, now working. The server renders with every protocol at hand (shelf.ts).
 */
export default function PaxosPlayground(props: PaxosPlaygroundProps) {
  const name = props.scenario.protocol;
  // The browser trusts the scenarios it is given (shelf.ts), so the server checks the presets too: a bad one
  // fails the build here, naming its field, instead of breaking the page when a reader picks it.
  if (import.meta.env.SSR) Object.values(props.presets ?? {}).forEach((s) => resolveOnPage(s));
  const [model, setModel] = useState(() => (shelf.has(name) ? new PlaygroundModel(props.scenario, resolveOnPage) : null));
  useEffect(() => {
    if (model) return;
    void shelf.load(name).then(() => setModel(new PlaygroundModel(props.scenario, resolveOnPage)));
  }, []);
  if (!model) return <section class="pg" aria-label={props.caption ?? P.region} aria-busy="true" dangerouslySetInnerHTML={{ __html: '' }} />;
  return <Playground {...props} model={model} />;
}

function Playground(props: PaxosPlaygroundProps & { model: PlaygroundModel }) {
  const model = props.model;
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
  const [, setVersion] = useState(0);
  /** The player: stepping at the chosen speed ('run'), walking from caption to caption ('tour'), or still. */
  const [playing, setPlaying] = useState<'run' | 'tour' | null>(null);
  const [speed, setSpeed] = useState<number>(1);
  const [notice, setNotice] = useState('');
  const [linkError, setLinkError] = useState('');
  const [exported, setExported] = useState('');
  const [shared, setShared] = useState('');
  const [proposer, setProposer] = useState('');
  const [value, setValue] = useState('');
  const diagramBox = useRef<HTMLDivElement>(null);
  const run = model.run;

  const fragment = (): Promise<string> => linkCodec().then(({ encodeRunLink }) => encodeRunLink({ scenario: model.run.scenario, commands: model.run.commands(), position: model.run.position }));

  // Every action of the model redraws the views, says what happened, and keeps the page's link current.
  useEffect(
    () =>
      model.subscribe((o) => {
        setNotice(noticeOf(o));
        setExported('');
        setShared('');
        if (props.link && o.moved) void fragment().then((f) => history.replaceState(null, '', `#${f}`));
        setVersion((v) => v + 1);
      }),
    [],
  );

  // The standalone page opens the run in its link; a broken link leaves the default scenario and says why.
  useEffect(() => {
    if (!props.link || location.hash.length <= 1) return;
    void linkCodec().then(async ({ decodeRunLink }) => {
      let decoded = decodeRunLink(location.hash, shelf.lookup);
      // A link to a run of another protocol: load that one, then read the link again.
      if (!decoded.ok && 'missing' in decoded) {
        await shelf.load(decoded.missing);
        decoded = decodeRunLink(location.hash, shelf.lookup);
      }
      if (decoded.ok) {
        const o = model.openLink(decoded.run);
        if (o.refused) setLinkError(P.linkReplayFailed(o.refused));
      } else if (decoded.message) {
        setLinkError(`${decoded.message}${P.linkDefault}`);
      }
    });
  }, []);

  /** A fresh run; a scenario of a protocol this page has not loaded yet starts once it has. */
  const start = (scenario: Scenario): void => {
    setPlaying(null);
    if (shelf.has(scenario.protocol)) model.start(scenario);
    else void shelf.load(scenario.protocol).then(() => model.start(scenario));
  };
  const act = (step: Step): Outcome => model.act(step);

  useEffect(() => {
    if (playing !== 'run') return;
    const timer = setInterval(() => {
      if (!model.step().moved) setPlaying(null);
    }, STEP_MS / speed);
    return () => clearInterval(timer);
  }, [playing, speed, run]);

  // 讲解模式's autoplay: one command at a time toward the next caption, resting on each caption to read it.
  useEffect(() => {
    if (playing !== 'tour') return;
    let timer = 0;
    const walk = (): void => {
      const o = model.stepTowardCaption();
      if (!o.moved) {
        setPlaying(null);
        return;
      }
      const here = model.captionHere();
      timer = window.setTimeout(walk, (o.reached && here ? readingMs(here.caption.text) : STEP_MS) / speed);
      if (o.reached && !model.hasNextCaption()) {
        window.clearTimeout(timer);
        setPlaying(null);
      }
    };
    timer = window.setTimeout(walk, STEP_MS / speed / 2);
    return () => window.clearTimeout(timer);
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
  // Red from the first broken property on; once agreement itself breaks, that is what the banner names (it
  // is what the safety of consensus means), with the earlier rule break said beneath it.
  const firstBroken = run.violation();
  const violation = run.agreementViolation() ?? firstBroken;
  const violationText = violation ? presentViolation(violation, slots) : null;
  const earlierText = firstBroken && violation && firstBroken !== violation ? presentViolation(firstBroken, slots) : null;
  const outcome = describeOutcome(run.trace());
  const mutant = run.scenario.mutant;
  const captions = model.captions();
  // At the end of the timeline with nothing left to do: say why (quiet, or the rest lies past maxTime).
  const stopText = run.position === run.length && !run.canAdvance() ? (flights.length === 0 && run.sim.timers().length === 0 ? P.stop.quiet : P.stop['max-time'](run.sim.resolved.maxTime)) : '';
  // Who can be asked to propose: clients where the protocol has them, else proposers; only running ones.
  const clients = nodes.filter((n) => n.info.roles.includes('client'));
  const proposers = (clients.length > 0 ? clients : nodes.filter((n) => n.info.roles.includes('proposer'))).filter((n) => n.up).map((n) => n.info.id);
  const nextValue = `v${events.filter((x) => x.type === 'propose').length + 1}`;
  const current = presets.findIndex(([, s]) => s === run.scenario);

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
          {earlierText && <p class="pg-violation-earlier">{P.brokenEarlier(earlierText.heading, earlierText.event)}</p>}
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

      <div class="pg-stage">
        <div class="pg-stage-net">
          <NetworkView run={run} speed={speed} act={act} proposers={proposers} nextValue={nextValue} hideKinds={props.hideKinds} />
          {captions.length > 0 && (
            <Narration
              here={model.captionHere()}
              total={captions.length}
              touring={playing === 'tour'}
              toggleTour={() => setPlaying(playing === 'tour' ? null : 'tour')}
              previous={() => {
                setPlaying(null);
                model.previousCaption();
              }}
              next={() => {
                setPlaying(null);
                model.nextCaption();
              }}
              hasPrevious={model.hasPreviousCaption()}
              hasNext={model.hasNextCaption()}
              takenOver={run.scriptIndex === null}
            />
          )}
        </div>
        <div class="pg-diagram" ref={diagramBox} tabIndex={0} aria-label={P.diagram}>
          <div class="pg-seq-sticky">
            <SequenceHead layout={layout} />
          </div>
          <SequenceSvg layout={layout} latest={latest} offending={violation ? { seq: violation.seq, msgId: 'msg' in violation.event ? violation.event.msg.id : undefined } : null} />
        </div>
      </div>

      <Timeline
        run={run}
        playing={playing === 'run'}
        togglePlay={() => setPlaying(playing === 'run' ? null : 'run')}
        speed={speed}
        setSpeed={setSpeed}
        step={() => model.step()}
        seek={(p) => model.seek(p)}
        runScript={() => model.runScript()}
        restart={() => start(run.scenario)}
        captions={captions.length > 0 ? model.captionPositions() : []}
      />
      <div class="pg-settings">
        {presets.length > 1 && (
          <label>
            {P.scenario}
            <select
              value={current >= 0 ? String(current) : 'own'}
              onChange={(e) => {
                const p = presets[Number((e.target as HTMLSelectElement).value)];
                if (p) start(p[1]);
              }}
            >
              {/* A run that is none of the presets (a counterexample, a link, another seed) is named as itself. */}
              {current < 0 && (
                <option value="own" disabled>
                  {run.scenario.title ?? P.thisScenario}
                </option>
              )}
              {presets.map(([label], i) => (
                <option value={String(i)}>{label}</option>
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

      <div class="pg-panels">
        <FlightList flights={flights} slots={slots} act={act} Heading={Panel} />
        <NodeTable nodes={nodes} slots={slots} act={act} Heading={Panel} />
      </div>

      {proposers.length > 0 && (
        <form
          class="pg-propose"
          onSubmit={(e) => {
            e.preventDefault();
            const node = proposers.includes(proposer) ? proposer : proposers[0]!;
            act({ type: 'propose', node, value: value.trim() || nextValue });
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
            <input type="text" maxLength={40} value={value} placeholder={nextValue} onInput={(e) => setValue((e.target as HTMLInputElement).value)} />
          </label>
          <button type="submit">{P.propose}</button>
        </form>
      )}

      <div class="pg-share">
        <button
          type="button"
          onClick={() => {
            void fragment().then((f) => {
              const url = playgroundUrl(f);
              setShared(url);
              return copyText(url).then((ok) => setNotice(ok ? P.shareCopied : P.shareManual));
            });
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
      <SaveScenario scenario={() => model.run.exportScenario()} />
      <CheckerOpener protocol={run.scenario.protocol} load={start} Heading={Panel} />
    </section>
  );
}
