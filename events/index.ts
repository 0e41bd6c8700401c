export * from './define-event';
export * from './interaction';
export * from './assessment';
export { InteractionReceived } from './interaction-received';
export { InteractionAssessed } from './interaction-assessed';
export { WeeklyDigestSent } from './weekly-digest-sent';
export { DeliveryQuarantined } from './delivery-quarantined';
export { EscalationRaised } from './escalation-raised';
export { InteractionEdited } from './interaction-edited';
export { InteractionReassessed } from './interaction-reassessed';
export { InteractionDeleted } from './interaction-deleted';
export { ConnectorHealthChanged, connectorStatusSchema, type ConnectorStatus } from './connector-health-changed';
export { SlaBreached } from './sla-breached';
export { AudienceChanged, audienceChangeSchema, type AudienceChange } from './audience-changed';
export { SpikeDetected, spikeSeriesSchema, type SpikeSeries } from './spike-detected';

import { DeliveryQuarantined } from './delivery-quarantined';
import { EscalationRaised } from './escalation-raised';
import { InteractionAssessed } from './interaction-assessed';
import { InteractionReceived } from './interaction-received';
import { WeeklyDigestSent } from './weekly-digest-sent';
import { InteractionEdited } from './interaction-edited';
import { InteractionReassessed } from './interaction-reassessed';
import { InteractionDeleted } from './interaction-deleted';
import { ConnectorHealthChanged } from './connector-health-changed';
import { SlaBreached } from './sla-breached';
import { AudienceChanged } from './audience-changed';
import { SpikeDetected } from './spike-detected';

/** Every contract, for schema snapshots and the local bus's validation. */
export const ALL_EVENTS = [
  InteractionReceived,
  InteractionAssessed,
  WeeklyDigestSent,
  DeliveryQuarantined,
  EscalationRaised,
  InteractionEdited,
  InteractionReassessed,
  InteractionDeleted,
  ConnectorHealthChanged,
  SlaBreached,
  AudienceChanged,
  SpikeDetected,
] as const;
