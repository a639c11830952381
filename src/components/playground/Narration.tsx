// The narrator beside the picture: the caption of the step the run has reached, and 讲解模式's controls —
// back to the previous caption, autoplay (caption to caption, pausing on each for reading time), and skip
// ahead to the next. The reader sets the pace; the model (model.ts) knows where the captions are.
import { strings } from '../../i18n/figures.ts';
import type { CaptionHere } from './model.ts';

const P = strings().playground;
const W = P.tour;

export interface NarrationProps {
  readonly here: CaptionHere | null;
  readonly total: number;
  readonly touring: boolean;
  readonly toggleTour: () => void;
  readonly previous: () => void;
  readonly next: () => void;
  readonly hasPrevious: boolean;
  readonly hasNext: boolean;
  /** The reader acted by hand: the script (and its captions) no longer leads the run. */
  readonly takenOver: boolean;
}

export function Narration(props: NarrationProps) {
  const { here } = props;
  return (
    <aside class="pg-narration" aria-label={W.region}>
      <p class="pg-caption-meta">
        <span class="pg-caption-heading">{W.heading}</span>
        {here && <span class="pg-caption-at">{W.at(here.index + 1, props.total)}</span>}
      </p>
      <p class={`pg-caption${here?.fresh ? ' pg-caption-fresh' : ''}`} aria-live="polite" lang="zh-CN" data-caption={here ? String(here.caption.step) : ''}>
        {here ? here.caption.text : W.before(props.total)}
      </p>
      {props.takenOver ? <p class="pg-caption-done">{W.takenOver}</p> : here && !props.hasNext && <p class="pg-caption-done">{W.done}</p>}
      <div class="pg-tour" role="group" aria-label={W.region}>
        <button type="button" onClick={props.previous} disabled={!props.hasPrevious}>
          {W.previous}
        </button>
        <button type="button" class="pg-primary" onClick={props.toggleTour} aria-pressed={props.touring} disabled={!props.touring && !props.hasNext}>
          {props.touring ? W.pause : W.play}
        </button>
        <button type="button" onClick={props.next} disabled={!props.hasNext}>
          {W.next}
        </button>
      </div>
    </aside>
  );
}
