import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';

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
let s3: S3Client | undefined;
let sns: SNSClient | undefined;

export const clients = {
  dynamo: () =>
    (dynamo ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
      marshallOptions: { removeUndefinedValues: true },
    })),
  events: () => (events ??= new EventBridgeClient({})),
  secrets: () => (secrets ??= new SecretsManagerClient({})),
  ses: () => (ses ??= new SESv2Client({})),
  sns: () => (sns ??= new SNSClient({})),
  // Path-style addressing when an endpoint override is set: a local S3 stand-in on 127.0.0.1 has no
  // per-bucket host names. In AWS (no override) the SDK's default virtual-hosted style is used.
  s3: () => (s3 ??= new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL) })),
};
