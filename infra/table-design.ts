/**
 * The interaction log's single-table design, as plain data: the stateful stack and the local
 * runtime both build the table from this, so dynalite holds exactly the keys AWS will.
 * Access patterns and item shapes: docs/ARCHITECTURE.md#interaction-log.
 */
export const TABLE_DESIGN = {
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'expiresAt',
  globalSecondaryIndexes: [
    /** By ISO week (Europe/London) of receipt: the digest queries one week, never scans. */
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  ],
} as const;
