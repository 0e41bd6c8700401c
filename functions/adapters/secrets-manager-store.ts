import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SecretStore } from '../core/ports';

/** Reads JSON secrets, caching each for a few minutes so a warm function does not call on every request. */
export class SecretsManagerStore implements SecretStore {
  private readonly cache = new Map<string, { value: Record<string, unknown>; expires: number }>();

  constructor(
    private readonly client: SecretsManagerClient,
    private readonly ttlMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async getJson(secretId: string): Promise<Record<string, unknown>> {
    const cached = this.cache.get(secretId);
    if (cached && cached.expires > this.now()) return cached.value;
    const result = await this.client.send(new GetSecretValueCommand({ SecretId: secretId }));
    const value: unknown = JSON.parse(result.SecretString ?? 'null');
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new Error(`secret ${secretId} is not a JSON object`);
    }
    this.cache.set(secretId, { value: value as Record<string, unknown>, expires: this.now() + this.ttlMs });
    return value as Record<string, unknown>;
  }
}
