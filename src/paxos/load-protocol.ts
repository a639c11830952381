// Loading one protocol on demand, for the reader's browser: a page whose playground runs Basic Paxos should
// not download Fast and Multi-Paxos too (each is its own chunk). Node-side code uses registry.ts instead.
import type { ProtocolName } from './core/trace.ts';
import type { AnyProtocol, ProtocolLookup } from './registry.ts';

const loaders: Readonly<Record<ProtocolName, () => Promise<AnyProtocol>>> = {
  basic: () => import('./basic/index.ts').then((m) => m.basicPaxos),
  multi: () => import('./multi/index.ts').then((m) => m.multiPaxos),
  fast: () => import('./fast/index.ts').then((m) => m.fastPaxos),
};

/** Protocols loaded so far, by name. */
export class ProtocolShelf {
  private readonly loaded = new Map<ProtocolName, AnyProtocol>();

  constructor(ready: readonly AnyProtocol[] = []) {
    for (const p of ready) this.loaded.set(p.name, p);
  }

  /** The lookup to hand to resolveScenario / Simulation: only what is already loaded. */
  readonly lookup: ProtocolLookup = (name) => this.loaded.get(name);

  has(name: ProtocolName): boolean {
    return this.loaded.has(name);
  }

  /** Loads `name`; once loaded, later calls answer from the shelf (the module system keeps a second import from fetching again). */
  async load(name: ProtocolName): Promise<AnyProtocol> {
    const have = this.loaded.get(name);
    if (have) return have;
    const loader = loaders[name];
    if (!loader) throw new Error(`no protocol named "${String(name)}"`);
    const protocol = await loader();
    this.loaded.set(name, protocol);
    return protocol;
  }
}
