import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';

/**
 * SDK clients with default configuration: region and credentials from the Lambda environment,
 * endpoints from the standard AWS_ENDPOINT_URL_<SERVICE> variables (how `npm start` points
 * them at dynalite, the local bus, local SES and the local secrets store). Created lazily so a
 * handler only builds the clients it uses.
 */
let dynamo: DynamoDBDocumentClient | undefined;
let events: EventBridgeClient | undefined;
let secrets: SecretsManagerClient | undefined;
let ses: SESv2Client | undefined;

export const clients = {
  dynamo: () =>
    (dynamo ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
      marshallOptions: { removeUndefinedValues: true },
    })),
  events: () => (events ??= new EventBridgeClient({})),
  secrets: () => (secrets ??= new SecretsManagerClient({})),
  ses: () => (ses ??= new SESv2Client({})),
};
