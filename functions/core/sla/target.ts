import { z } from 'zod';

/**
 * How long the trust has to act on an interaction. The response matrix names one per rule;
 * the clock in `clock.ts` turns it into a due instant.
 */
export const slaTargetSchema = z.discriminatedUnion('kind', [
  /** Elapsed minutes. `allDay: true` runs 24/7 (P0); otherwise only monitored minutes count. */
  z.strictObject({
    kind: z.literal('minutes'),
    value: z.number().int().positive(),
    allDay: z.boolean().default(false),
  }),
  /** Monitored hours, e.g. 1 = one hour of the monitored day (Fri 16:30 -> Mon 09:30). */
  z.strictObject({ kind: z.literal('workingHours'), value: z.number().positive() }),
  /**
   * The close of a working day: 0 = the day the interaction is first seen in monitored hours,
   * 1 = the working day after that, and so on.
   */
  z.strictObject({ kind: z.literal('endOfWorkingDay'), offsetDays: z.number().int().min(0) }),
  /** Whole monitored days, e.g. 2 = the same time of day two working days later. */
  z.strictObject({ kind: z.literal('workingDays'), value: z.number().int().positive() }),
  /** Monitor only: no clock. */
  z.strictObject({ kind: z.literal('none') }),
]);

export type SlaTarget = z.infer<typeof slaTargetSchema>;
