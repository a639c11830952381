// The playground's one hook into the model checker: a button that, on first press, loads the checker panel
// (and with it the checker's code and styles) — nothing of the checker ships with the island itself.
import type { ComponentType } from 'preact';
import { useState } from 'preact/hooks';
import type { CheckerPanelProps } from './CheckerPanel.tsx';
import { strings } from '../../../i18n/figures.ts';

const P = strings().playground;

export function CheckerOpener(props: CheckerPanelProps) {
  const [Panel, setPanel] = useState<ComponentType<CheckerPanelProps> | null>(null);
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState('');
  const toggle = (): void => {
    setOpen(!open);
    if (Panel) return;
    import('./CheckerPanel.tsx').then(
      (m) => setPanel(() => m.CheckerPanel),
      (err: Error) => setFailed(P.checkerLoadFailed(err.message)),
    );
  };
  return (
    <div class="pg-checker">
      <button type="button" class="pg-checker-open" aria-expanded={open} data-action="open-checker" onClick={toggle}>
        {P.openChecker}
      </button>
      {failed && <p role="alert">{failed}</p>}
      {open && Panel && <Panel key={props.protocol} {...props} />}
    </div>
  );
}
