// What bounds a search and how it reports on itself while it runs. Shared by the specification mode and
// the engine mode. Hitting a bound makes the result "incomplete": a search that stopped early has proved
// nothing, so it must never be reported as safe.

export interface SearchLimits {
  /** Stop (incomplete) once this many distinct states are stored. */
  readonly maxStates?: number;
  /** Stop (incomplete) after this many milliseconds of wall-clock time. */
  readonly timeoutMs?: number;
  /** Called about once a second while the search runs (the CLI prints it on stderr). */
  readonly onProgress?: (progress: SearchProgress) => void;
}

export interface SearchProgress {
  readonly states: number;
  readonly transitions: number;
  /** Breadth-first level being expanded (the initial states are level 1). */
  readonly depth: number;
  readonly ms: number;
  /** Distinct states found per second so far. */
  readonly rate: number;
}

export type StopReason = 'max-states' | 'timeout';

/** Wall-clock milliseconds; `performance` exists in Node and in browsers alike. */
export const clockMs = (): number => performance.now();

/** Checks the bounds every `every` calls so the hot loop pays almost nothing for them. */
export class LimitWatch {
  private readonly start = clockMs();
  private lastReport = this.start;
  private calls = 0;
  private readonly limits: SearchLimits;
  constructor(limits: SearchLimits) {
    this.limits = limits;
  }
  elapsed(): number {
    return clockMs() - this.start;
  }
  /** Returns why to stop, or undefined to go on. `states` is checked exactly; time every 256 calls. */
  check(states: number, transitions: number, depth: number): StopReason | undefined {
    if (this.limits.maxStates !== undefined && states > this.limits.maxStates) return 'max-states';
    if ((++this.calls & 255) !== 0) return undefined;
    const now = clockMs();
    if (this.limits.timeoutMs !== undefined && now - this.start > this.limits.timeoutMs) return 'timeout';
    if (this.limits.onProgress && now - this.lastReport >= 1000) {
      this.lastReport = now;
      const ms = now - this.start;
      this.limits.onProgress({ states, transitions, depth, ms: Math.round(ms), rate: Math.round((states * 1000) / ms) });
    }
    return undefined;
  }
}
