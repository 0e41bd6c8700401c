export * from './define-event';
export * from './interaction';
export * from './assessment';
export { InteractionReceived } from './interaction-received';
export { InteractionAssessed } from './interaction-assessed';
export { WeeklyDigestSent } from './weekly-digest-sent';
export { DeliveryQuarantined } from './delivery-quarantined';

import { DeliveryQuarantined } from './delivery-quarantined';
import { InteractionAssessed } from './interaction-assessed';
import { InteractionReceived } from './interaction-received';
import { WeeklyDigestSent } from './weekly-digest-sent';

/** Every contract, for schema snapshots and the local bus's validation. */
export const ALL_EVENTS = [InteractionReceived, InteractionAssessed, WeeklyDigestSent, DeliveryQuarantined] as const;
