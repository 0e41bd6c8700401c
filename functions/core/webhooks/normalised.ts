import type { Interaction } from '../../../events';

/** What one verified delivery turned into. Everything not turned into an interaction says why. */
export interface NormalisedDelivery {
  interactions: Interaction[];
  ignored: Array<{ reason: string }>;
}
