// The one set of limits for a scenario, whatever way it enters — a share link, a scenario file, a ```paxos
// fence, the flags of `paxos simulate` — and whatever protocol it runs. resolveScenario enforces the sizes
// (at the top level and inside `options`), the Simulation enforces the replay budget while it runs, and
// the CLI's flags and the link decoder take their bounds from here, so no entry can ask for more.
//
// Why these numbers: the playground and the diagrams draw one row per node, and a reader's tab replays a
// link; everything below draws legibly and replays in well under a second on a phone. The notes use at most
// 5 acceptors; the DST tests at most 7.
export const SCENARIO_LIMITS = {
  /** Acceptors (Multi-Paxos: servers), for every protocol. */
  acceptors: 9,
  proposers: 5,
  clients: 5,
  /** Fast Paxos's dedicated learners (`options.learners`). */
  learners: 5,
  /** Values each proposing node is asked for by the workload. */
  proposals: 20,
  /** Random crashes (`faults.crashes: K`) or listed ones. */
  crashes: 20,
  /** Random partitions (`network.partitions: K`) or listed ones. */
  partitions: 20,
  /** Script steps in a scenario, and commands in a share link. */
  steps: 5_000,
  /** Simulated time a run may reach. */
  maxTime: 100_000,
  /** Events a run may record: the default and the most a scenario may ask for. */
  maxEvents: 20_000,
  /** Copies of messages on the network at once (a duplicate step adds one per copy). */
  inFlight: 2_000,
} as const;

export type LimitedField = keyof typeof SCENARIO_LIMITS;

