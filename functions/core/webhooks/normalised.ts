import type { AudienceChanged, DataOf, Interaction, InteractionDeleted, InteractionEdited, ConnectorHealthChanged } from '../../../events';

export type InteractionEdit = DataOf<typeof InteractionEdited>;
export type InteractionDeletion = DataOf<typeof InteractionDeleted>;
export type ConnectorHealthSignal = DataOf<typeof ConnectorHealthChanged>;
/** Someone followed or unfollowed the trust's account: counts only, no follower identity. */
export type AudienceSignal = DataOf<typeof AudienceChanged>;

/**
 * What one verified delivery turned into. New interactions (inbound, or the trust's own flagged
 * `ownAccount`), edits and deletions of earlier ones, connector-health signals, audience changes (follows
 * and unfollows of the trust's account, counts only); everything else is
 * `ignored` with a reason (receipts, typing, likes...), never silently dropped.
 */
export interface NormalisedDelivery {
  interactions: Interaction[];
  edits: InteractionEdit[];
  deletions: InteractionDeletion[];
  health: ConnectorHealthSignal[];
  audience: AudienceSignal[];
  ignored: Array<{ reason: string }>;
}

export function emptyDelivery(): NormalisedDelivery {
  return { interactions: [], edits: [], deletions: [], health: [], audience: [], ignored: [] };
}

/** Appends `from` into `into` (normalisers build a delivery from per-entry parts). */
export function mergeInto(into: NormalisedDelivery, from: NormalisedDelivery): NormalisedDelivery {
  into.interactions.push(...from.interactions);
  into.edits.push(...from.edits);
  into.deletions.push(...from.deletions);
  into.health.push(...from.health);
  into.audience.push(...from.audience);
  into.ignored.push(...from.ignored);
  return into;
}

/** One item of a delivery, as a per-item reader returns it. */
export type NormalisedItem =
  | { kind: 'interaction'; interaction: Interaction }
  | { kind: 'edit'; edit: InteractionEdit }
  | { kind: 'deletion'; deletion: InteractionDeletion }
  | { kind: 'health'; signal: ConnectorHealthSignal }
  | { kind: 'audience'; change: AudienceSignal }
  | { kind: 'ignored'; reason: string };

export const ignore = (reason: string): NormalisedItem => ({ kind: 'ignored', reason });

export function addItem(delivery: NormalisedDelivery, item: NormalisedItem): void {
  switch (item.kind) {
    case 'interaction':
      delivery.interactions.push(item.interaction);
      break;
    case 'edit':
      delivery.edits.push(item.edit);
      break;
    case 'deletion':
      delivery.deletions.push(item.deletion);
      break;
    case 'health':
      delivery.health.push(item.signal);
      break;
    case 'audience':
      delivery.audience.push(item.change);
      break;
    case 'ignored':
      delivery.ignored.push({ reason: item.reason });
      break;
  }
}

/** A reason for a shape we did not expect: names the shape, never the content (it may hold personal data). */
export function describeShape(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * A payload value echoed in an ignore reason (a field, item, verb or event name). Reasons are logged,
 * so only identifier-like tokens are repeated; anything else (which could be someone's words) is not.
 */
export function tokenOf(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(none)';
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  return typeof text === 'string' && /^[A-Za-z0-9_.:-]{1,64}$/.test(text) ? text : '(unrecognised)';
}
