import { z } from 'zod';

/**
 * Spike detection settings (response-matrix.yaml `spikes`). A window is a spike when its count reaches
 * every one of: `minCount`, `minRatio` × the baseline's mean, and mean + `sensitivity` standard
 * deviations, where the baseline is the same time of day on earlier comparable days (working days
 * against working days, weekends and bank holidays against those) within `lookbackDays`.
 */
export const spikeSettingsSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Length of the window compared, in minutes (a multiple of bucketMinutes). */
  windowMinutes: z.number().int().min(15).max(360).default(60),
  /** Counting granularity, in minutes. */
  bucketMinutes: z.number().int().min(5).max(60).default(15),
  /** How far back the baseline looks, in days. */
  lookbackDays: z.number().int().min(7).max(56).default(28),
  /** Fewer comparable earlier windows than this: no alert yet (not enough history to judge). */
  minBaselineWindows: z.number().int().min(1).max(40).default(4),
  minCount: z.number().int().min(1).default(10),
  minRatio: z.number().min(1).default(3),
  /** Standard deviations above the baseline mean (Poisson floor on the variance). */
  sensitivity: z.number().min(0).default(4),
  /** After an alert, the same series stays quiet this long. */
  cooldownMinutes: z.number().int().min(0).default(180),
  /** Ratio at or above which the alert suggests switching on major-incident mode. */
  suggestIncidentRatio: z.number().min(1).default(8),
  /**
   * The matrix team emailed about overall and category spikes (programme spikes go to the programme's
   * owner). Absent: the team `comms-lead`, or else the first team listed (see spikeOwner).
   */
  owner: z.string().trim().min(1).optional(),
  /** Which series are watched. */
  series: z
    .strictObject({
      overall: z.boolean().default(true),
      programmes: z.boolean().default(true),
      /** Matrix categories watched on their own (`all`, or a list). */
      categories: z.union([z.literal('all'), z.array(z.string().trim().min(1))]).default('all'),
    })
    .default({ overall: true, programmes: true, categories: 'all' }),
});
export type SpikeSettings = z.infer<typeof spikeSettingsSchema>;

/** The team told about overall and category spikes. */
export function spikeOwner(settings: SpikeSettings, teamIds: readonly string[]): string {
  return settings.owner ?? (teamIds.includes('comms-lead') ? 'comms-lead' : teamIds[0]!);
}
