import { z } from 'zod';
import { defineEvent, SOURCES } from './define-event';

/** What a spike was counted over: everything, one change programme, or one matrix category. */
export const spikeSeriesSchema = z.object({
  kind: z.enum(['overall', 'programme', 'category']),
  /** `all` for overall; the programme's or category's id otherwise. */
  key: z.string().min(1),
  /** Plain-English name for the email and the digest. */
  label: z.string().min(1),
});
export type SpikeSeries = z.infer<typeof spikeSeriesSchema>;

/**
 * Inbound interactions in the latest window ran far above what is usual for that time of day and kind
 * of day (working day or not). Published at most once per series per cooldown; the owner team is
 * emailed with it. Counts and common words only: no message text, no author.
 */
export const SpikeDetected = defineEvent({
  source: SOURCES.spikes,
  detailType: 'SpikeDetected',
  schemaVersion: 1,
  data: z.object({
    /** `<series kind>:<key>:<window start>`: the same spike always has the same id. */
    spikeId: z.string().min(1),
    series: spikeSeriesSchema,
    windowStart: z.iso.datetime({ offset: true }),
    windowEnd: z.iso.datetime({ offset: true }),
    /** Interactions counted in the window. */
    count: z.number().int().nonnegative(),
    /** What the baseline expected in a window like it (mean of the same time on comparable days). */
    expected: z.number().nonnegative(),
    /** The count that had to be reached to call it a spike. */
    threshold: z.number().nonnegative(),
    /** Comparable earlier windows the baseline was drawn from. */
    baselineWindows: z.number().int().nonnegative(),
    /** The most common words in the window (each seen in several interactions), most frequent first. */
    topTerms: z.array(z.string().min(1)),
    /** The matrix team told about it. */
    ownerTeam: z.string().min(1),
    /** The spike is large enough that switching on major-incident mode is worth considering. */
    suggestIncidentMode: z.boolean(),
    detectedAt: z.iso.datetime({ offset: true }),
  }),
});
