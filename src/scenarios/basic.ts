// The basic scenarios of content/scenarios/basic/, by name (file name in camelCase). Keep in step with the folder:
// tests/components/scenarios.test.ts fails when a file has no export here.
import { defineScenario } from './define.ts';
import duellingJson from '../../content/scenarios/basic/duelling.json' with { type: 'json' };
import duellingBackoffJson from '../../content/scenarios/basic/duelling-backoff.json' with { type: 'json' };
import flexibleQuorumsJson from '../../content/scenarios/basic/flexible-quorums.json' with { type: 'json' };
import lossRetryJson from '../../content/scenarios/basic/loss-retry.json' with { type: 'json' };
import majorityCrashJson from '../../content/scenarios/basic/majority-crash.json' with { type: 'json' };
import minorityCrashJson from '../../content/scenarios/basic/minority-crash.json' with { type: 'json' };
import nackPreemptedJson from '../../content/scenarios/basic/nack-preempted.json' with { type: 'json' };
import preemptedJson from '../../content/scenarios/basic/preempted.json' with { type: 'json' };
import reusedBallotJson from '../../content/scenarios/basic/reused-ballot.json' with { type: 'json' };
import smoothJson from '../../content/scenarios/basic/smooth.json' with { type: 'json' };
import timeoutPreemptedJson from '../../content/scenarios/basic/timeout-preempted.json' with { type: 'json' };
import valueAdoptionJson from '../../content/scenarios/basic/value-adoption.json' with { type: 'json' };

export const duelling = defineScenario('basic/duelling', duellingJson);
export const duellingBackoff = defineScenario('basic/duelling-backoff', duellingBackoffJson);
export const flexibleQuorums = defineScenario('basic/flexible-quorums', flexibleQuorumsJson);
export const lossRetry = defineScenario('basic/loss-retry', lossRetryJson);
export const majorityCrash = defineScenario('basic/majority-crash', majorityCrashJson);
export const minorityCrash = defineScenario('basic/minority-crash', minorityCrashJson);
export const nackPreempted = defineScenario('basic/nack-preempted', nackPreemptedJson);
export const preempted = defineScenario('basic/preempted', preemptedJson);
export const reusedBallot = defineScenario('basic/reused-ballot', reusedBallotJson);
export const smooth = defineScenario('basic/smooth', smoothJson);
export const timeoutPreempted = defineScenario('basic/timeout-preempted', timeoutPreemptedJson);
export const valueAdoption = defineScenario('basic/value-adoption', valueAdoptionJson);

/** Every basic scenario under its file name. */
export const basicScenarios = {
  'basic/duelling': duelling,
  'basic/duelling-backoff': duellingBackoff,
  'basic/flexible-quorums': flexibleQuorums,
  'basic/loss-retry': lossRetry,
  'basic/majority-crash': majorityCrash,
  'basic/minority-crash': minorityCrash,
  'basic/nack-preempted': nackPreempted,
  'basic/preempted': preempted,
  'basic/reused-ballot': reusedBallot,
  'basic/smooth': smooth,
  'basic/timeout-preempted': timeoutPreempted,
  'basic/value-adoption': valueAdoption,
} as const;
