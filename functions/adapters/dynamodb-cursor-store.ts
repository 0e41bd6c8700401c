import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CursorConflictError, type CursorStore, type StoredCursor } from '../core/ports';

/**
 * A pull connector's cursor, in the interaction-log table: `pk=CONNECTOR#<name>`, `sk=CURSOR`,
 * `{cursor, version, updatedAt}`. It has no week-index keys, so the digest never sees it.
 * Each write is conditional on the version read, so two overlapping runs cannot both advance it
 * (the second gets CursorConflictError and stops; the items it published are deduplicated by id).
 */
export class DynamoDbCursorStore<C> implements CursorStore<C> {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly connector: string,
  ) {}

  private get key() {
    return { pk: `CONNECTOR#${this.connector}`, sk: 'CURSOR' };
  }

  async read(): Promise<StoredCursor<C> | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: this.key, ConsistentRead: true }));
    if (!Item || typeof Item.version !== 'number') return undefined;
    return { cursor: Item.cursor as C, version: Item.version };
  }

  async write(cursor: C, version: number | undefined, at: string): Promise<number> {
    const next = (version ?? 0) + 1;
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...this.key, entity: 'connector-cursor', connector: this.connector, cursor, version: next, updatedAt: at },
          ...(version === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: '#version = :version', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':version': version } }),
        }),
      );
      return next;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new CursorConflictError(`the ${this.connector} cursor moved since version ${version ?? 'none'}`);
      }
      throw error;
    }
  }
}
