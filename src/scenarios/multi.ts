// The multi scenarios of content/scenarios/multi/, by name (file name in camelCase). Keep in step with the folder:
// tests/components/scenarios.test.ts fails when a file has no export here.
import { defineScenario } from './define.ts';
import catchUpJson from '../../content/scenarios/multi/catch-up.json' with { type: 'json' };
import holeNoopJson from '../../content/scenarios/multi/hole-noop.json' with { type: 'json' };
import lostPromiseJson from '../../content/scenarios/multi/lost-promise.json' with { type: 'json' };
import reconfigureJson from '../../content/scenarios/multi/reconfigure.json' with { type: 'json' };
import reconfigureImmediatelyShortestJson from '../../content/scenarios/multi/reconfigure-immediately-shortest.json' with { type: 'json' };
import prepareCoversSlotsJson from '../../content/scenarios/multi/prepare-covers-slots.json' with { type: 'json' };
import steadyJson from '../../content/scenarios/multi/steady.json' with { type: 'json' };
import takeoverHalfAcceptedJson from '../../content/scenarios/multi/takeover-half-accepted.json' with { type: 'json' };

export const catchUp = defineScenario('multi/catch-up', catchUpJson);
export const holeNoop = defineScenario('multi/hole-noop', holeNoopJson);
export const lostPromise = defineScenario('multi/lost-promise', lostPromiseJson);
export const reconfigure = defineScenario('multi/reconfigure', reconfigureJson);
export const reconfigureImmediatelyShortest = defineScenario('multi/reconfigure-immediately-shortest', reconfigureImmediatelyShortestJson);
export const prepareCoversSlots = defineScenario('multi/prepare-covers-slots', prepareCoversSlotsJson);
export const steady = defineScenario('multi/steady', steadyJson);
export const takeoverHalfAccepted = defineScenario('multi/takeover-half-accepted', takeoverHalfAcceptedJson);

/** Every multi scenario under its file name. */
export const multiScenarios = {
  'multi/catch-up': catchUp,
  'multi/hole-noop': holeNoop,
  'multi/lost-promise': lostPromise,
  'multi/prepare-covers-slots': prepareCoversSlots,
  'multi/reconfigure': reconfigure,
  'multi/reconfigure-immediately-shortest': reconfigureImmediatelyShortest,
  'multi/steady': steady,
  'multi/takeover-half-accepted': takeoverHalfAccepted,
} as const;
