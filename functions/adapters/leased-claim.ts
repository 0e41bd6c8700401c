import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The at-most-once notice claim that notify-owner and notify-spike share. An item is claimed when it is
 * new, or still `pending` and either held by this `owner` (a retry, redrive or replay of the same delivery)
 * or past its lease (its holder died). Otherwise `claimed: false` with the item as it is (read consistently).
 */
export async function claimLeased<T>(
  client: DynamoDBDocumentClient,
  tableName: string,
  key: Record<string, string>,
  claim: {
    owner: string;
    now: string;
    leaseUntil: string;
    /** The item's own attributes, as SET clauses (`entity = :entity, ...`), with their names and values. */
    set: string;
    names?: Record<string, string>;
    values: Record<string, unknown>;
  },
): Promise<{ claimed: boolean; item: T }> {
  try {
    const { Attributes } = await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: `SET ${claim.set}, #status = :pending, #owner = :owner, claimedAt = :now, leaseUntil = :lease ADD attempts :one`,
        ConditionExpression: 'attribute_not_exists(pk) OR (#status = :pending AND (#owner = :owner OR leaseUntil < :now))',
        ExpressionAttributeNames: { ...claim.names, '#status': 'status', '#owner': 'owner' },
        ExpressionAttributeValues: { ...claim.values, ':pending': 'pending', ':owner': claim.owner, ':now': claim.now, ':lease': claim.leaseUntil, ':one': 1 },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { claimed: true, item: Attributes as T };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    if (!Item) throw error;
    return { claimed: false, item: Item as T };
  }
}

/**
 * Writes progress while `owner` still holds the claim. If another delivery took it over (ours was past its
 * lease), theirs is the claim now: ours went out too, and nothing is overwritten.
 */
export async function settleLeased(
  client: DynamoDBDocumentClient,
  tableName: string,
  key: Record<string, string>,
  owner: string,
  update: string,
  values: Record<string, unknown>,
): Promise<void> {
  try {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: update,
        ConditionExpression: '#owner = :owner AND #status = :pending',
        ExpressionAttributeNames: { '#owner': 'owner', '#status': 'status' },
        ExpressionAttributeValues: { ...values, ':owner': owner, ':pending': 'pending' },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}
