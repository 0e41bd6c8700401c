/**
 * The interaction log's single-table design, as plain data: the stateful stack and the local
 * runtime both build the table from this, so dynalite holds exactly the keys AWS will.
 * Access patterns and item shapes: docs/ARCHITECTURE.md#interaction-log.
 *
 * Base-table items beside the interactions (no index keys), among them major-incident mode
 * (functions/adapters/dynamodb-incident-mode.ts): `pk=INCIDENT` with `sk=CURRENT` (the incident in
 * force, written with attribute_not_exists), `sk=HISTORY#<startedAt>` (one per incident: a Query on
 * `sk BETWEEN HISTORY# AND HISTORY#<to>` finds those overlapping a period) and
 * `sk=AUDIT#<at>#incident-started|incident-ended#<incidentId>` (who switched it, and why).
 * Spike detection (functions/adapters/dynamodb-spike-store.ts), UTC-day partitions so one Query returns
 * a window's buckets of every series: `pk=SPIKECOUNT#<yyyy-mm-dd>` `sk=<bucket start>#<kind>:<key>`
 * (count, counted-id hashes, `t:<term>` counts; TTL lookbackDays + 7), `pk=SPIKECOUNT#SINCE sk=SINCE`
 * (first bucket counted), `pk=SPIKE#<yyyy-mm-dd>` `sk=REC#<window start>#<kind>:<key>` (a spike, claimed
 * once; the digest's SpikeLog) and `sk=NOTICE#<spikeId>` (its owner email, pending -> sent).
 */
export const TABLE_DESIGN = {
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'expiresAt',
  globalSecondaryIndexes: [
    /** By ISO week (Europe/London) of receipt: the digest queries one week, never scans. */
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /** Open items by SLA due time (sparse: keys removed on reply or close): the queue and the SLA watch. */
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    /** By owner team, in time of receipt: a team's items whatever their status. */
    { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    /** By author, AUTHOR#<platform>#<authorId> (sparse: removed on erasure): subject access and erasure. */
    { indexName: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
    /** By the time a platform's terms require the text gone (sparse: LinkedIn items until purged). */
    { indexName: 'gsi5', partitionKey: 'gsi5pk', sortKey: 'gsi5sk' },
  ],
} as const;
