import { z } from 'zod';
import { defineEvent, SOURCES } from './define-event';
import { platformSchema } from './interaction';

/**
 * A delivery whose signature verified but whose body intake could not turn into interactions.
 * It is kept (the bus archive holds it) and reported, never dropped.
 */
export const DeliveryQuarantined = defineEvent({
  source: SOURCES.intake,
  detailType: 'DeliveryQuarantined',
  schemaVersion: 1,
  data: z.object({
    platform: platformSchema,
    reason: z.string().min(1),
    receivedAt: z.iso.datetime({ offset: true }),
    bodySha256: z.string().regex(/^[0-9a-f]{64}$/),
    /** The raw body, base64, cut to fit the bus entry limit; `truncated` says when it was cut. */
    bodyBase64: z.string(),
    truncated: z.boolean(),
    /** Where the whole raw delivery is archived (raw-delivery bucket key), for replay. */
    archiveKey: z.string().min(1).optional(),
  }),
});
