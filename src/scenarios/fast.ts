// The fast scenarios of content/scenarios/fast/, by name (file name in camelCase). Keep in step with the folder:
// tests/components/scenarios.test.ts fails when a file has no export here.
import { defineScenario } from './define.ts';
import chosenInFastRoundJson from '../../content/scenarios/fast/chosen-in-fast-round.json' with { type: 'json' };
import classicVsFastJson from '../../content/scenarios/fast/classic-vs-fast.json' with { type: 'json' };
import collisionRecoveryJson from '../../content/scenarios/fast/collision-recovery.json' with { type: 'json' };
import coordinatedRecoveryJson from '../../content/scenarios/fast/coordinated-recovery.json' with { type: 'json' };
import fastNoConflictJson from '../../content/scenarios/fast/fast-no-conflict.json' with { type: 'json' };
import smallFastQuorumJson from '../../content/scenarios/fast/small-fast-quorum.json' with { type: 'json' };
import uncoordinatedRecoveryJson from '../../content/scenarios/fast/uncoordinated-recovery.json' with { type: 'json' };

export const chosenInFastRound = defineScenario('fast/chosen-in-fast-round', chosenInFastRoundJson);
export const classicVsFast = defineScenario('fast/classic-vs-fast', classicVsFastJson);
export const collisionRecovery = defineScenario('fast/collision-recovery', collisionRecoveryJson);
export const coordinatedRecovery = defineScenario('fast/coordinated-recovery', coordinatedRecoveryJson);
export const fastNoConflict = defineScenario('fast/fast-no-conflict', fastNoConflictJson);
export const smallFastQuorum = defineScenario('fast/small-fast-quorum', smallFastQuorumJson);
export const uncoordinatedRecovery = defineScenario('fast/uncoordinated-recovery', uncoordinatedRecoveryJson);

/** Every fast scenario under its file name. */
export const fastScenarios = {
  'fast/chosen-in-fast-round': chosenInFastRound,
  'fast/classic-vs-fast': classicVsFast,
  'fast/collision-recovery': collisionRecovery,
  'fast/coordinated-recovery': coordinatedRecovery,
  'fast/fast-no-conflict': fastNoConflict,
  'fast/small-fast-quorum': smallFastQuorum,
  'fast/uncoordinated-recovery': uncoordinatedRecovery,
} as const;
