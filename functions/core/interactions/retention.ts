import { z } from 'zod';
import { platformSchema } from '../../../events';

/**
 * How long the log keeps what, from config/org.yaml `retention` (validated there and at cold start).
 *   days                    the interaction record (its message text included), by category; `default` for the rest.
 *                           DynamoDB deletes the item after that (TTL `expiresAt`).
 *   contentHoursByPlatform  platform terms that cut message text and identifiers sooner (LinkedIn: members'
 *                           social activity at most 48 hours); the anonymised record stays for `days`.
 *   auditDays               audit items outlive the messages: at least the longest of `days`.
 */
export const retentionPolicySchema = z
  .object({
    days: z
      .record(z.string().min(1), z.number().int().positive())
      .refine((days) => 'default' in days, 'must have a "default" for categories without their own'),
    contentHoursByPlatform: z.partialRecord(platformSchema, z.number().positive()).default({}),
    auditDays: z.number().int().positive(),
  })
  .refine((policy) => policy.auditDays >= Math.max(...Object.values(policy.days)), {
    path: ['auditDays'],
    message: 'must be at least the longest of retention.days: audit items are kept longer than the messages',
  });
export type RetentionPolicy = z.infer<typeof retentionPolicySchema>;

/** The defaults when config/org.yaml has no `retention`: confirm them with the trust's IG lead. */
export const DEFAULT_RETENTION: RetentionPolicy = {
  days: { default: 730 },
  contentHoursByPlatform: { linkedin: 48 },
  auditDays: 3650,
};

const DAY_MS = 86_400_000;

/** Epoch seconds (DynamoDB TTL) when the record of an interaction received at `receivedAt` expires. */
export function recordExpiresAt(policy: RetentionPolicy, receivedAt: string, category: string | undefined): number {
  const days = (category !== undefined ? policy.days[category] : undefined) ?? policy.days.default ?? DEFAULT_RETENTION.days.default!;
  return epochSeconds(Date.parse(receivedAt) + days * DAY_MS);
}

/** Epoch seconds (DynamoDB TTL) when an audit item written at `at` expires. */
export function auditExpiresAt(policy: RetentionPolicy, at: string): number {
  return epochSeconds(Date.parse(at) + policy.auditDays * DAY_MS);
}

/**
 * When the platform's terms require the message text and identifiers gone (ISO instant), or undefined
 * when the platform sets no limit shorter than the record's own retention.
 */
export function contentExpiresAt(policy: RetentionPolicy, platform: string, receivedAt: string): string | undefined {
  const hours = policy.contentHoursByPlatform[platform as keyof RetentionPolicy['contentHoursByPlatform']];
  return hours === undefined ? undefined : new Date(Date.parse(receivedAt) + hours * 3_600_000).toISOString();
}

function epochSeconds(ms: number): number {
  if (Number.isNaN(ms)) throw new RangeError('retention: not an ISO instant');
  return Math.floor(ms / 1000);
}
