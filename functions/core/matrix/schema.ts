import { IANAZone } from 'luxon';
import { z } from 'zod';
import { prioritySchema, publicReplySchema } from '../../../events';
import { isHhMm } from '../sla/calendar';
import { slaTargetSchema } from '../sla/target';
import { DETECTOR_NAMES } from './detectors';

/**
 * The response matrix as a trust edits it (config/response-matrix.yaml). Objects are strict so a
 * misspelt setting fails the deploy instead of being silently ignored.
 */

/** Who an interaction came from, which decides the rules that may judge it. */
export const AUDIENCES = ['others', 'own-account', 'deleted'] as const;
export const audienceSchema = z.enum(AUDIENCES);
export type Audience = z.infer<typeof audienceSchema>;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const text = z.string().trim().min(1, 'must not be empty');

const phrase = z
  .string()
  .trim()
  .refine((value) => /[\p{L}\p{N}]/u.test(value), 'must contain at least one letter or digit');

const pattern = z.string().superRefine((source, ctx) => {
  let regex: RegExp;
  try {
    regex = new RegExp(source, 'iu');
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `is not a valid regular expression (${(error as Error).message})` });
    return;
  }
  if (regex.test('')) {
    ctx.addIssue({ code: 'custom', message: 'matches empty text, so it would fire on every message' });
  }
});

const timeOfDay = z.string().refine(isHhMm, 'must be a time of day as "HH:mm" in quotes, e.g. "09:00"');

export const clockSchema = z
  .strictObject({
    timeZone: z.string().refine((zone) => IANAZone.isValidZone(zone), 'must be an IANA time zone, e.g. Europe/London'),
    monitoredHours: z.strictObject({
      days: z.array(z.enum(WEEKDAYS)).min(1, 'must list at least one day'),
      start: timeOfDay,
      end: timeOfDay,
    }),
    bankHolidays: z.enum(['england-and-wales', 'none']),
  })
  .refine((clock) => clock.monitoredHours.end > clock.monitoredHours.start, {
    path: ['monitoredHours', 'end'],
    message: 'must be later than monitoredHours.start',
  });
export type MatrixClock = z.infer<typeof clockSchema>;

export const ruleSignalsSchema = z.strictObject({
  phrases: z.array(phrase).default([]),
  patterns: z.array(pattern).default([]),
  detectors: z.array(z.enum(DETECTOR_NAMES)).default([]),
});
export type RuleSignals = z.infer<typeof ruleSignalsSchema>;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slug = (example: string) => z.string().regex(SLUG, `must be lower-case words joined by dashes, e.g. ${example}`);

export const matrixRuleSchema = z.strictObject({
  id: slug('complaint-about-care'),
  category: slug('complaint'),
  priority: prioritySchema,
  action: text,
  owner: text,
  publicReply: publicReplySchema,
  sla: slaTargetSchema,
  appliesTo: z.array(audienceSchema).min(1, 'must list at least one of others, own-account, deleted').default(['others']),
  signals: ruleSignalsSchema.optional(),
  unless: z.array(phrase).default([]),
  default: z.boolean().default(false),
  /** Suggested wording: the public reply, or the private message when publicReply is no / private-only. */
  replyTemplate: text.optional(),
});
export type MatrixRule = z.infer<typeof matrixRuleSchema>;

export const responseMatrixSchema = z
  .strictObject({
    version: z.string().trim().min(1, 'must not be empty'),
    name: text,
    clock: clockSchema,
    rules: z.array(matrixRuleSchema).min(1, 'must list at least one rule'),
  })
  .superRefine((matrix, ctx) => {
    checkEachRule(matrix.rules, ctx);
    checkOneDefaultPerAudience(matrix.rules, ctx);
  });

export type ResponseMatrix = z.infer<typeof responseMatrixSchema>;

type RefinementContext = z.core.$RefinementCtx<unknown>;

function checkEachRule(rules: readonly MatrixRule[], ctx: RefinementContext): void {
  const seen = new Set<string>();
  rules.forEach((rule, i) => {
    const problem = (message: string, ...path: PropertyKey[]) =>
      ctx.addIssue({ code: 'custom', path: ['rules', i, ...path], message });
    if (seen.has(rule.id)) problem(`"${rule.id}" is used by an earlier rule`, 'id');
    seen.add(rule.id);
    const { phrases = [], patterns = [], detectors = [] } = rule.signals ?? {};
    const signalCount = phrases.length + patterns.length + detectors.length;
    if (rule.default && signalCount > 0) {
      problem('must be left out on a default rule (it fires when nothing else does)', 'signals');
    }
    if (!rule.default && signalCount === 0) {
      problem('has no signals, so it can never fire (add signals, or mark it default: true)');
    }
  });
}

/** The fallback rules: what guarantees that every interaction gets a decision. */
function checkOneDefaultPerAudience(rules: readonly MatrixRule[], ctx: RefinementContext): void {
  for (const audience of AUDIENCES) {
    const defaults = rules.flatMap((rule, i) => (rule.default && rule.appliesTo.includes(audience) ? [i] : []));
    if (defaults.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['rules'],
        message: `needs a rule with default: true that applies to ${audience}, so every interaction gets a decision`,
      });
    }
    for (const extra of defaults.slice(1)) {
      ctx.addIssue({
        code: 'custom',
        path: ['rules', extra, 'default'],
        message: `is a second default rule for ${audience}; keep one`,
      });
    }
  }
}
