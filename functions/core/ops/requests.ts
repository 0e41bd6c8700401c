import { DateTime } from 'luxon';
import { z } from 'zod';
import { platformSchema, prioritySchema } from '../../../events';
import { ValidationError } from '../interactions/errors';
import { INTERACTION_STATUSES } from '../interactions/record';

/**
 * The ops API's inputs, validated by schema: unknown parameters are refused, and every problem names
 * its field (`query.status`, `body.reason`, `path.id`) in the 400 answer. docs/ops-api.openapi.yaml
 * describes the same shapes; test/integration/ops-api-contract.test.ts holds the two together.
 */

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/u, 'must be lower-case words joined by dashes');
/** An ISO instant with its offset, or a date (midnight in the trust's time zone). */
const timeParam = z.union([z.iso.datetime({ offset: true }), z.iso.date()], { error: 'must be an ISO date-time (2026-11-24T09:00:00Z) or a date (2026-11-24)' });

export const LIST_STATUSES = ['open', ...INTERACTION_STATUSES, 'all'] as const;

export const listQuerySchema = z.strictObject({
  status: z.enum(LIST_STATUSES).default('open'),
  owner: slug.optional(),
  priority: prioritySchema.optional(),
  platform: platformSchema.optional(),
  category: slug.optional(),
  /** A change programme id of the response matrix (the decision's `assessment.programmes`). */
  programme: slug.optional(),
  from: timeParam.optional(),
  to: timeParam.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().min(1).max(4000).optional(),
});

export const idSchema = z.string().min(3).max(300);

export const assignBodySchema = z
  .strictObject({
    /** A team id of the response matrix. */
    team: slug.optional(),
    /** A person in the team (free text: a name or an email address). */
    assignee: z.string().trim().min(1).max(200).optional(),
  })
  .refine((body) => body.team !== undefined || body.assignee !== undefined, { path: ['team'], message: 'give a team, an assignee or both' });

export const replyBodySchema = z.strictObject({
  visibility: z.enum(['public', 'private']),
  /** What was sent (optional); stored redacted of personal data, removed with the message on erasure. */
  text: z.string().max(10_000).optional(),
  /** When it was sent; default now. */
  at: z.iso.datetime({ offset: true }).optional(),
});

export const overrideBodySchema = z
  .strictObject({
    category: slug.optional(),
    priority: prioritySchema.optional(),
    reason: z.string().trim().min(3, 'a reason is required (at least 3 characters)').max(2000),
  })
  .refine((body) => body.category !== undefined || body.priority !== undefined, {
    path: ['category'],
    message: 'give a new category, a new priority or both',
  });

export const closeBodySchema = z.strictObject({ reason: z.string().trim().min(1).max(2000).optional() });

export const exportQuerySchema = z.strictObject({
  from: timeParam,
  to: timeParam,
  /** Message text in the CSV: only when asked, and only for the comms-leads group. */
  includeText: z.enum(['true', 'false']).default('false'),
});

export const authorPathSchema = z.object({ platform: platformSchema, id: z.string().min(1).max(300) });

export const eraseQuerySchema = z.strictObject({ reason: z.string().trim().min(1).max(2000).optional() });

/** Switching major-incident mode on (functions/core/incidents/operations.ts). No personal data in any field. */
export const incidentStartBodySchema = z.strictObject({
  /** What officers and the board see, e.g. "Power outage at the General". */
  name: z.string().trim().min(3, 'a name is required (at least 3 characters)').max(200),
  /** The suggested reply while the mode is on; default: the matrix's `incidentMode.holdingLine`. */
  holdingLine: z.string().trim().min(10, 'a holding line needs at least 10 characters').max(1000).optional(),
  reason: z.string().trim().min(3, 'a reason needs at least 3 characters').max(2000).optional(),
  /** The SpikeDetected `data.id` that suggested it. */
  spikeId: z.string().trim().min(1).max(300).optional(),
});

export const incidentEndBodySchema = z.strictObject({ reason: z.string().trim().min(3, 'a reason needs at least 3 characters').max(2000).optional() });

/** Parses one part of the request; a problem becomes a ValidationError naming each field at fault. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: 'query' | 'body' | 'path'): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: [where, ...issue.path, key].join('.'), message: where === 'body' ? 'is not a known field' : 'is not a known parameter' }));
    }
    const field = [where, ...issue.path.map(String)].join('.');
    return [{ field, message: issue.message }];
  });
  throw new ValidationError(problems.map((p) => `${p.field}: ${p.message}`).join('; '), [...new Set(problems.map((p) => p.field))]);
}

/** The request body as JSON (absent = `{}`); anything else is a 400 on `body`. */
export function jsonBody(body: string | undefined, isBase64Encoded = false): unknown {
  if (body === undefined || body === '') return {};
  const text = isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ValidationError('body: must be a JSON object', ['body']);
  }
}

/** A date means midnight in the trust's zone; an instant is kept as given (normalised to UTC). */
export function toInstant(value: string, timeZone: string): string {
  const parsed = value.length === 10 ? DateTime.fromISO(value, { zone: timeZone }).startOf('day') : DateTime.fromISO(value, { setZone: true });
  return parsed.toUTC().toISO()!;
}

/** from < to, and at most `maxDays` apart. */
export function checkRange(from: string, to: string, maxDays: number): void {
  if (Date.parse(from) >= Date.parse(to)) throw new ValidationError('query.to: must be after query.from', ['query.to']);
  if (Date.parse(to) - Date.parse(from) > maxDays * 86_400_000) {
    throw new ValidationError(`query.from: the range may cover ${maxDays} days at most`, ['query.from', 'query.to']);
  }
}
