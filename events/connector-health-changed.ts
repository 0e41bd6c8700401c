import { z } from 'zod';
import { defineEvent, SOURCES } from './define-event';
import { platformSchema } from './interaction';

export const connectorStatusSchema = z.enum([
  /** The account holder or the platform withdrew our app's authorisation: deliveries stop. */
  'authorisation_revoked',
  /** The platform refused our credentials (e.g. a Care Opinion subscription key that no longer works). */
  'credentials_rejected',
]);
export type ConnectorStatus = z.infer<typeof connectorStatusSchema>;

/**
 * A platform connection stopped working: an operator must act (re-authorise, replace a key) or the
 * trust stops hearing from that platform. Raised from webhooks (X `oauth.revoke` / `user_event.revoke`,
 * TikTok `authorization.removed`) and from pull connectors (credentials refused).
 */
export const ConnectorHealthChanged = defineEvent({
  source: SOURCES.intake,
  detailType: 'ConnectorHealthChanged',
  schemaVersion: 1,
  data: z.object({
    platform: platformSchema,
    status: connectorStatusSchema,
    /** The platform's own name for what happened, e.g. `oauth.revoke`, `authorization.removed`. */
    signal: z.string().min(1),
    /** The account concerned, when the platform says (ids only, no names). */
    accountId: z.string().min(1).optional(),
    appId: z.string().min(1).optional(),
    occurredAt: z.iso.datetime({ offset: true }),
    detectedAt: z.iso.datetime({ offset: true }),
  }),
});
