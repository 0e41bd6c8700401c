import { z } from 'zod';

/**
 * One place that turns an event's name and data schema into everything producers, consumers,
 * infra rules and the local bus need. Nothing else restates a source or a detail-type.
 */
export const metadataSchema = z.object({
  schemaVersion: z.number().int().positive(),
  /** Same logical fact => same key, so consumers can de-duplicate redeliveries. */
  idempotencyKey: z.string().min(1),
  /**
   * Shared by every event one platform delivery (or one schedule run) causes; a new delivery of
   * the same item gets a new one. Consumers use it to tell a retry from a duplicate.
   */
  correlationId: z.string().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
});
export type EventMetadata = z.infer<typeof metadataSchema>;

export interface EventPattern {
  source: string[];
  'detail-type': string[];
  detail: { metadata: { schemaVersion: number[] } };
}

export interface EventContract<D extends z.ZodType> {
  readonly source: string;
  readonly detailType: string;
  readonly schemaVersion: number;
  readonly dataSchema: D;
  readonly detailSchema: z.ZodObject<{ metadata: typeof metadataSchema; data: D }>;
  /** The rule pattern the stack deploys and the local bus routes with. */
  readonly pattern: EventPattern;
}

export type DetailOf<C> = C extends EventContract<infer D> ? { metadata: EventMetadata; data: z.infer<D> } : never;
export type DataOf<C> = C extends EventContract<infer D> ? z.infer<D> : never;

export function defineEvent<D extends z.ZodType>(spec: {
  source: string;
  detailType: string;
  schemaVersion: number;
  data: D;
}): EventContract<D> {
  return {
    source: spec.source,
    detailType: spec.detailType,
    schemaVersion: spec.schemaVersion,
    dataSchema: spec.data,
    detailSchema: z.object({ metadata: metadataSchema, data: spec.data }),
    pattern: {
      source: [spec.source],
      'detail-type': [spec.detailType],
      detail: { metadata: { schemaVersion: [spec.schemaVersion] } },
    },
  };
}

/** The sources, one per producing service. */
export const SOURCES = {
  intake: 'nhs-social.intake',
  matrix: 'nhs-social.response-matrix',
  digest: 'nhs-social.digest',
  slaWatch: 'nhs-social.sla-watch',
  spikes: 'nhs-social.spikes',
  ops: 'nhs-social.ops',
} as const;
