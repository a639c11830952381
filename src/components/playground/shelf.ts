// The protocols this page has loaded. In the reader's browser it starts empty and each playground loads the
// one protocol its scenario runs. On the server (the build, `astro dev`) every protocol is at hand, so the
// island's HTML is rendered in full; `import.meta.env.SSR` is false in the browser bundle, where the
// branch and the registry it would import are dropped.
import { ProtocolShelf } from '../../paxos/load-protocol.ts';

export const shelf = new ProtocolShelf(import.meta.env.SSR ? Object.values((await import('../../paxos/registry.ts')).protocols) : []);
