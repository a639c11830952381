// The protocols this page has loaded, and how the island resolves a scenario. In the reader's browser the
// shelf starts empty and each playground loads the one protocol its scenario runs. On the server (the build,
// `astro dev`) every protocol is at hand, so the island's HTML is rendered in full; `import.meta.env.SSR` is
// false in the browser bundle, where the branch and what it would import are dropped.
//
// The server also checks every scenario the island is given (a bad prop fails the build, naming the field),
// so the browser resolves them without the checks (resolve.ts says why that is safe); a share link is checked
// by its codec before it gets here.
import { ProtocolShelf } from '../../paxos/load-protocol.ts';
import { completeScenario, type ScenarioResolver } from '../../paxos/sim/resolve.ts';

const server = import.meta.env.SSR
  ? { registry: await import('../../paxos/registry.ts'), validate: await import('../../paxos/sim/validate.ts') }
  : null;

export const shelf = new ProtocolShelf(server ? Object.values(server.registry.protocols) : []);

export const resolveOnPage: ScenarioResolver = server
  ? (s) => server.validate.resolveScenario(s, shelf.lookup)
  : (s) => completeScenario(s, shelf.lookup);
