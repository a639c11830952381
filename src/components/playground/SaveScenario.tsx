// "保存为场景文件": in `astro dev` only, the author plays the run they want, names it, and the dev server
// writes it to content/scenarios/<protocol>/<name>.json (src/scenarios/record-endpoint.ts), then shows the
// lines that make it importable. In a build `import.meta.env.DEV` is false, so this renders nothing and the
// minifier drops the rest; the built site has no such endpoint either.
import { useEffect, useRef, useState } from 'preact/hooks';
import { joinBase, siteBase } from '../../base-path.ts';
import type { Scenario } from '../../paxos/sim/scenario.ts';
import { saveStrings } from '../../i18n/dev.ts';

interface Saved {
  path: string;
  lines: string[];
}

type Status =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; saved: Saved; replaced: boolean }
  | { kind: 'exists'; message: string }
  | { kind: 'error'; message: string };

interface Props {
  /** Called when the author saves, so the file holds the run as it is at that moment. */
  scenario: () => Scenario;
}

export function SaveScenario(props: Props) {
  return import.meta.env.DEV ? <SaveScenarioForm {...props} /> : null;
}

function SaveScenarioForm({ scenario }: Props) {
  const w = saveStrings();
  const [name, setName] = useState('');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  // When the file exists, the question is the next thing to answer: take the keyboard there.
  const replace = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (status.kind === 'exists') replace.current?.focus();
  }, [status.kind]);
  // Until the island runs, Enter in the field would submit the form as a plain page load: keep it shut.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  const save = async (overwrite: boolean): Promise<void> => {
    setStatus({ kind: 'saving' });
    try {
      const res = await fetch(joinBase(siteBase(), '__paxos/scenarios'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: name.trim(), scenario: scenario(), overwrite }),
      });
      const body = (await res.json()) as { error?: string; path?: string; lines?: string[]; replaced?: boolean };
      if (res.status === 409) setStatus({ kind: 'exists', message: w.exists(body.path) });
      else if (!res.ok) setStatus({ kind: 'error', message: body.error ?? `HTTP ${res.status}` });
      else setStatus({ kind: 'saved', saved: { path: body.path ?? '', lines: body.lines ?? [] }, replaced: body.replaced === true });
    } catch (err) {
      setStatus({ kind: 'error', message: w.failed((err as Error).message) });
    }
  };

  return (
    <form
      class="pg-save"
      data-action="save-scenario"
      onSubmit={(e) => {
        e.preventDefault();
        void save(false);
      }}
    >
      <label>
        {w.nameLabel}
        <input
          type="text"
          value={name}
          required
          maxLength={64}
          pattern="[a-z][a-z0-9]*(-[a-z0-9]+)*"
          placeholder="my-run"
          aria-describedby="pg-save-hint"
          onInput={(e) => setName((e.target as HTMLInputElement).value)}
        />
      </label>
      <button type="submit" disabled={!ready || status.kind === 'saving'}>
        {w.save}
      </button>
      <p id="pg-save-hint" class="pg-save-hint">
        {w.hint}
      </p>
      <div role="status" aria-live="polite">
        {status.kind === 'saved' && (
          <>
            <p>
              {w.saved(status.replaced, status.saved.path)}
            </p>
            <pre>{status.saved.lines.join('\n')}</pre>
          </>
        )}
        {status.kind === 'exists' && (
          <p>
            {status.message}{' '}
            <button type="button" ref={replace} onClick={() => void save(true)}>
              {w.replace}
            </button>
          </p>
        )}
        {status.kind === 'error' && <p class="pg-save-error">{status.message}</p>}
      </div>
    </form>
  );
}
