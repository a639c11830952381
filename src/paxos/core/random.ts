// Seeded random numbers. The simulator owns the only generator of a run, so one seed gives one trace in
// Node and in the browser alike: integer arithmetic only (Math.imul), no Math.random, no platform state.

/** State of a mulberry32 generator: a single 32-bit integer, so a checkpoint is just a number. */
export type RandomState = number;

export function seedRandom(seed: number): RandomState {
  // Mix the seed so that small neighbouring seeds (1, 2, 3 …) start far apart.
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Next float in [0, 1) and the new state. */
export function nextFloat(state: RandomState): [number, RandomState] {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [((t ^ (t >>> 14)) >>> 0) / 4294967296, next];
}

/** A mutable wrapper for code that draws many numbers in a row (the simulator). */
export class Random {
  state: RandomState;
  constructor(seed: number) {
    this.state = seedRandom(seed);
  }
  float(): number {
    const [x, s] = nextFloat(this.state);
    this.state = s;
    return x;
  }
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }
  chance(p: number): boolean {
    return p > 0 && this.float() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Random.pick: no items');
    return items[this.int(0, items.length - 1)] as T;
  }
}
