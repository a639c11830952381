// The playground island (`<PaxosPlayground client:visible scenario={…} />`): the engine running in the
// reader's browser. The model lives in run.ts (a Simulation with a timeline of checkpoints), the drawing in
// diagram.ts + SequenceSvg.tsx; this file is controls and tables. Everything a link or a scenario carries
// is rendered as text by Preact (never as HTML).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Scenario, Step } from '../../paxos/sim/scenario.ts';
import { formatBallot } from '../../paxos/core/ballot.ts';
import { formatValue, messageLabel } from '../../paxos/render/labels.ts';
import { describeFlight } from '../../paxos/sim/simulation.ts';
import { decodeRunLink, encodeRunLink, type RunLink } from '../../playground-link/codec.ts';
import { describeOutcome, describeViolation } from '../paxos/outcome.ts';
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
  /** Read the run from the page's `#run=` link and keep the link up to date (the standalone page). */
  link?: boolean;
  /** Message kinds left out of the live diagram, e.g. ['heartbeat']. */
  hideKinds?: string[];
}

const SPEEDS = [0.5, 1, 2, 4] as const;

function playgroundUrl(fragment: string): string {
  const base = import.meta.env.BASE_URL ?? '/';
  return new URL(`${base.endsWith('/') ? base : `${base}/`}playground/#${fragment}`, location.href).href;
}

function stepText(s: Step | null): string {
  if (!s) return '开始';
  switch (s.type) {
    case 'propose':
      return `${s.node} 提议 ${formatValue(s.value)}`;
    case 'deliver':
    case 'drop':
    case 'duplicate': {
      const verb = s.type === 'deliver' ? '投递' : s.type === 'drop' ? '丢弃' : '复制';
      const m = s.match;
      return `${verb}${m.id !== undefined ? ` #${m.id}` : ''}${m.kind ? ` ${m.kind}` : ''}${m.from ? ` ${m.from}` : ''}${m.to ? `→${m.to}` : ''}`;
    }
    case 'crash':
      return `${s.node} 崩溃`;
    case 'recover':
      return `${s.node} 恢复`;
    case 'timeout':
      return `${s.node} 的计时器${s.timer ? ` ${s.timer}` : ''}到期`;
    case 'tick':
      return '下一个事件';
    case 'run':
      return s.until === 'quiet' ? '运行到安静' : `运行到 t=${s.until}`;
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
  const presets = useMemo(() => {
    // Props arrive serialized, so the scenario is told apart from the presets by content.
    const same = JSON.stringify(props.scenario);
    const list: [string, Scenario][] = [];
    for (const [label, s] of Object.entries(props.presets ?? {})) list.push([label, JSON.stringify(s) === same ? props.scenario : s]);
    if (!list.some(([, s]) => s === props.scenario)) list.unshift([props.scenario.title ?? '本节场景', props.scenario]);
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
        setLinkError(`链接里的操作无法重放（${(err as Error).message}）。下面是默认场景。`);
      }
    } else if (decoded.message) {
      setLinkError(`${decoded.message}下面是默认场景。`);
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
      setNotice(run.forked ? '你在过去动了手：从这一刻起分出了新的未来（后面的旧步骤已丢弃）。' : run.scriptError);
    } catch (err) {
      setNotice(`做不到：${(err as Error).message}`);
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
  const trace = run.trace();
  const outcome = describeOutcome(trace);
  const script = run.scriptIndex;
  const mutant = run.scenario.mutant;
  const labelOpts = { slots, lang: 'zh' as const };
  // Who can be asked to propose: clients where the protocol has them, else proposers; only running ones.
  const clients = nodes.filter((n) => n.info.roles.includes('client'));
  const proposers = (clients.length > 0 ? clients : nodes.filter((n) => n.info.roles.includes('proposer'))).filter((n) => n.up).map((n) => n.info.id);

  return (
    <section class="pg" aria-label={props.caption ?? 'Paxos 演练场'}>
      {props.caption && <h3 class="pg-title">{props.caption}</h3>}
      {run.scenario.description && (
        <details class="pg-about">
          <summary>{`场景说明：${run.scenario.title ?? run.scenario.protocol}`}</summary>
          <p>{run.scenario.description}</p>
        </details>
      )}
      {linkError && (
        <p class="pg-link-error" role="alert">
          {linkError}
        </p>
      )}
      <div class="pg-toolbar" role="group" aria-label="运行控制">
        <button type="button" class="pg-primary" onClick={() => setPlaying(!playing)} aria-pressed={playing} disabled={!playing && !run.canAdvance()}>
          {playing ? '⏸ 暂停' : '▶ 播放'}
        </button>
        <button type="button" class="pg-step" onClick={() => next()} disabled={!run.canAdvance()}>
          下一步
        </button>
        <label class="pg-speed">
          速度
          <select value={String(speed)} onChange={(e) => setSpeed(Number((e.target as HTMLSelectElement).value))}>
            {SPEEDS.map((s) => (
              <option value={String(s)}>{`${s}×`}</option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => guard(() => run.seek(run.position - 1))} disabled={run.position === 0} aria-label="后退一步">
          ◀ 后退
        </button>
        <button type="button" onClick={() => guard(() => run.seek(run.position + 1))} disabled={run.position >= run.length} aria-label="前进一步">
          前进 ▶
        </button>
        <button type="button" onClick={() => guard(() => run.runScript())} disabled={!run.scriptActive}>
          走完脚本
        </button>
        <button type="button" onClick={() => start(run.scenario)}>
          重来
        </button>
      </div>
      <div class="pg-seek">
        <label>
          <span class="pg-seek-label">{`位置 ${run.position} / ${run.length}`}</span>
          <input
            type="range"
            min={0}
            max={run.length}
            value={run.position}
            aria-valuetext={`第 ${run.position} 步，共 ${run.length} 步`}
            onInput={(e) => guard(() => run.seek(Number((e.target as HTMLInputElement).value)))}
          />
        </label>
        <span class="pg-clock">{`t = ${run.sim.time}`}</span>
        <span class="pg-script">
          {script === null ? '脚本：已由你接管' : !run.scriptActive ? '脚本：已走完' : `脚本：第 ${script + 1} / ${run.scriptLength} 步`}
        </span>
      </div>
      <div class="pg-settings">
        {presets.length > 1 && (
          <label>
            场景
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
          {`换个种子（现在 ${run.scenario.seed ?? 1}）`}
        </button>
        <label class="pg-check">
          <input type="checkbox" checked={run.scenario.nack ?? true} onChange={() => start({ ...run.scenario, nack: !(run.scenario.nack ?? true) })} />
          nack
        </label>
      </div>

      <p class={`pg-safety ${violation ? 'pg-unsafe' : 'pg-safe'}`} role="status">
        {violation
          ? `✕ 安全性被破坏：${describeViolation(violation)}`
          : mutant
            ? `✓ 到目前为止安全（变体 ${mutant}：规则被故意改坏，继续操作可能出事）`
            : '✓ 到目前为止安全：七条安全性质全部成立'}
      </p>
      <p class="pg-outcome">{outcome.text}</p>
      <p class="pg-live" aria-live="polite">
        {notice || `第 ${run.position} 步：${stepText(run.lastApplied())}`}
      </p>

      <div class="pg-diagram" ref={diagramBox} tabIndex={0} aria-label="时序图（可滚动）">
        <div class="pg-seq-sticky">
          <SequenceHead layout={layout} />
        </div>
        <SequenceSvg layout={layout} latest={latest} offending={violation ? { seq: violation.seq, msgId: 'msg' in violation.event ? violation.event.msg.id : undefined } : null} />
      </div>

      <div class="pg-panels">
        <div class="pg-panel">
          <h4>{`在途消息（${flights.length}）`}</h4>
          {flights.length === 0 ? (
            <p class="pg-empty">没有在途消息</p>
          ) : (
            <ul class="pg-flights">
              {flights.map((f) => {
                const what = `${describeFlight(f)}：${messageLabel(f.msg, labelOpts)}`;
                const match = { id: f.msg.id, copy: f.copy };
                return (
                  <li key={`${f.msg.id}.${f.copy}`}>
                    <span class="pg-flight-label">{`${f.msg.from}→${f.msg.to} ${messageLabel(f.msg, labelOpts)}${f.copy > 0 ? ` (副本 ${f.copy})` : ''}`}</span>
                    <span class="pg-flight-actions">
                      <button type="button" aria-label={`投递 ${what}`} onClick={() => guard(() => run.act({ type: 'deliver', match }))}>
                        投递
                      </button>
                      <button type="button" aria-label={`丢弃 ${what}`} onClick={() => guard(() => run.act({ type: 'drop', match }))}>
                        丢弃
                      </button>
                      <button type="button" aria-label={`复制 ${what}`} onClick={() => guard(() => run.act({ type: 'duplicate', match }))}>
                        复制
                      </button>
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
        <div class="pg-panel pg-panel-wide">
          <h4>节点状态</h4>
          <div class="pg-table-box">
            <table class="pg-table">
              <thead>
                <tr>
                  <th scope="col">节点</th>
                  <th scope="col">promised</th>
                  <th scope="col">已接受</th>
                  <th scope="col">已选定</th>
                  <th scope="col">其他</th>
                  <th scope="col">操作</th>
                </tr>
              </thead>
              <tbody>
                {nodes.map((n) => (
                  <tr key={n.info.id} class={n.up ? '' : 'pg-down'} data-node={n.info.id}>
                    <th scope="row">
                      {n.info.id}
                      <span class="pg-roles">{n.info.roles.join('+')}</span>
                      {!n.up && <span class="pg-badge">崩溃</span>}
                    </th>
                    <td class="pg-promised" data-label="promised">{n.view.promised ? formatBallot(n.view.promised) : '—'}</td>
                    <td class="pg-accepted" data-label="已接受">
                      {n.view.accepted.length === 0 ? '—' : n.view.accepted.map((a) => `${slots ? `s${a.slot}: ` : ''}${formatBallot(a.ballot)}=${formatValue(a.value)}`).join('，')}
                    </td>
                    <td class="pg-chosen" data-label="已选定">{n.view.chosen.length === 0 ? '—' : n.view.chosen.map((c) => `${slots ? `s${c.slot}: ` : ''}${formatValue(c.value)}`).join('，')}</td>
                    <td class="pg-extra" data-label="其他">
                      {Object.entries(n.view.extra)
                        .map(([k, v]) => `${k}=${v}`)
                        .join(' · ') || '—'}
                    </td>
                    <td class="pg-node-actions" data-label="操作">
                      {n.up ? (
                        <button type="button" aria-label={`让 ${n.info.id} 崩溃`} onClick={() => guard(() => run.act({ type: 'crash', node: n.info.id }))}>
                          崩溃
                        </button>
                      ) : (
                        <button type="button" aria-label={`让 ${n.info.id} 恢复`} onClick={() => guard(() => run.act({ type: 'recover', node: n.info.id }))}>
                          恢复
                        </button>
                      )}
                      {n.timers.map((t) => (
                        <button key={t.timer} type="button" aria-label={`让 ${n.info.id} 的计时器 ${t.timer} 立即到期`} onClick={() => guard(() => run.act({ type: 'timeout', node: n.info.id, timer: t.timer }))}>
                          {`触发 ${t.timer}`}
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
            让
            <select value={proposers.includes(proposer) ? proposer : proposers[0]} onChange={(e) => setProposer((e.target as HTMLSelectElement).value)}>
              {proposers.map((id) => (
                <option value={id}>{id}</option>
              ))}
            </select>
          </label>
          <label>
            提议值
            <input type="text" maxLength={40} value={value} placeholder={`v${events.filter((x) => x.type === 'propose').length + 1}`} onInput={(e) => setValue((e.target as HTMLInputElement).value)} />
          </label>
          <button type="submit">提议</button>
        </form>
      )}

      <div class="pg-share">
        <button
          type="button"
          onClick={() => {
            const url = playgroundUrl(fragment());
            setShared(url);
            void copyText(url).then((ok) => setNotice(ok ? '分享链接已复制。' : '分享链接在下面，手动复制即可。'));
          }}
        >
          复制分享链接
        </button>
        <button
          type="button"
          onClick={() => {
            const json = `${JSON.stringify(run.exportScenario(), null, 2)}\n`;
            setExported(json);
            void copyText(json).then((ok) => setNotice(ok ? '场景 JSON 已复制：存成文件后用 paxos simulate --scenario 重放。' : '场景 JSON 在下面。'));
          }}
        >
          复制为场景
        </button>
        {shared && (
          <label class="pg-out">
            分享链接
            <input type="text" readOnly value={shared} onFocus={(e) => (e.target as HTMLInputElement).select()} />
          </label>
        )}
        {exported && (
          <label class="pg-out">
            场景 JSON（npm run --silent paxos -- simulate --scenario 文件.json）
            <textarea readOnly rows={8} value={exported} />
          </label>
        )}
      </div>
    </section>
  );
}
