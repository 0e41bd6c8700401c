/**
 * A tiny local Secrets Manager: `GetSecretValue` over AWS JSON 1.1, serving the secrets in
 * local/secrets.json. The file is read on every call; handlers cache secrets for a few minutes, as
 * they do in Lambda.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import { closeServer, listen } from './http-util';
import { AwsJsonError, createAwsJsonServer } from './aws-json';
import type { LocalLogger } from './log';
import { LOCAL_ACCOUNT_ID } from './account';

export interface SecretsFile {
  secrets: Record<string, unknown>;
}

/** Creates the git-ignored secrets file from the committed example on first start. */
export function ensureSecretsFile(file: string, exampleFile: string): { created: boolean } {
  if (existsSync(file)) return { created: false };
  copyFileSync(exampleFile, file);
  return { created: true };
}

export function readSecretsFile(file: string): SecretsFile {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const secrets = (parsed as Partial<SecretsFile> | null)?.secrets;
  if (typeof secrets !== 'object' || secrets === null || Array.isArray(secrets)) {
    throw new Error(`${file} must hold {"secrets": {"<secret name>": <value>}}`);
  }
  return { secrets: secrets as Record<string, unknown> };
}

export interface LocalSecretsManager {
  url: string;
  file: string;
  close(): Promise<void>;
}

export async function startSecretsManager(options: {
  file: string;
  region: string;
  port?: number;
  log: LocalLogger;
}): Promise<LocalSecretsManager> {
  const { file, region, log } = options;
  const server: Server = createAwsJsonServer(
    'secretsmanager',
    { GetSecretValue: (input) => getSecretValue(file, region, input) },
    log,
  );
  const url = await listen(server, options.port);
  return { url, file, close: () => closeServer(server) };
}

function getSecretValue(file: string, region: string, input: Record<string, unknown>) {
  const secretId = input.SecretId;
  if (typeof secretId !== 'string' || secretId === '') {
    throw new AwsJsonError('InvalidParameterException', 'SecretId is required');
  }
  const { secrets } = readSecretsFile(file);
  const name = secretNameOf(secretId, region);
  if (!(name in secrets)) {
    throw new AwsJsonError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
  }
  const value = secrets[name];
  const secretString = typeof value === 'string' ? value : JSON.stringify(value);
  return {
    ARN: secretArn(name, region),
    Name: name,
    SecretString: secretString,
    VersionId: uuidFrom(secretString),
    VersionStages: ['AWSCURRENT'],
    // AWS JSON protocol timestamps are epoch seconds.
    CreatedDate: Math.floor(statSync(file).mtimeMs / 1000),
  };
}

export function secretArn(name: string, region: string): string {
  const suffix = createHash('sha256').update(name).digest('base64url').slice(0, 6);
  return `arn:aws:secretsmanager:${region}:${LOCAL_ACCOUNT_ID}:secret:${name}-${suffix}`;
}

/** SecretId may be the name, the full ARN or a partial ARN (without the 6-character suffix). */
function secretNameOf(secretId: string, region: string): string {
  const marker = ':secret:';
  if (!secretId.startsWith('arn:') || !secretId.includes(marker)) return secretId;
  const tail = secretId.slice(secretId.indexOf(marker) + marker.length);
  const withoutSuffix = tail.replace(/-[A-Za-z0-9_-]{6}$/, '');
  return secretArn(withoutSuffix, region) === secretId ? withoutSuffix : tail;
}

function uuidFrom(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
