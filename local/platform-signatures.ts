/**
 * Signs a body the way each platform does, for the local demo, tests and the webhook conformance run
 * (the verifiers live in functions/core/webhooks/*-auth.ts and meta.ts; this is the sender's side).
 * `secret` is that platform's secret as stored (`{"appSecret"}`, `{"consumerSecret"}`, ...).
 */
import { createHmac } from 'node:crypto';
import { metaSignature } from './meta-signature';

export type WebhookPath = 'facebook' | 'messenger' | 'instagram' | 'threads' | 'x' | 'linkedin' | 'tiktok' | 'youtube';

/** Which secret (config/org.yaml `secrets`) each webhook path signs with. */
export const SECRET_OF: Readonly<Record<WebhookPath, 'meta' | 'x' | 'linkedin' | 'tiktok' | 'youtube'>> = {
  facebook: 'meta',
  messenger: 'meta',
  instagram: 'meta',
  threads: 'meta',
  x: 'x',
  linkedin: 'linkedin',
  tiktok: 'tiktok',
  youtube: 'youtube',
};

export function isWebhookPath(value: string): value is WebhookPath {
  return Object.hasOwn(SECRET_OF, value);
}

/** The headers a genuine delivery of `body` to `/webhooks/<path>` carries. `now` is TikTok's `t`. */
export function signedHeaders(path: WebhookPath, body: Buffer, secret: Record<string, unknown>, now: Date = new Date()): Record<string, string> {
  const value = (key: string) => {
    const found = secret[key];
    if (typeof found !== 'string' || found === '') throw new Error(`the ${SECRET_OF[path]} secret has no "${key}"`);
    return found;
  };
  const hmac = (algorithm: string, key: string, data: Buffer) => createHmac(algorithm, key).update(data);
  const json = { 'content-type': 'application/json' };
  switch (path) {
    case 'facebook':
    case 'messenger':
      return { ...json, 'x-hub-signature-256': metaSignature(value('appSecret'), body) };
    case 'instagram':
      return { ...json, 'x-hub-signature-256': metaSignature(typeof secret.instagramAppSecret === 'string' ? secret.instagramAppSecret : value('appSecret'), body) };
    case 'threads':
      return { ...json, 'x-hub-signature-256': metaSignature(typeof secret.threadsAppSecret === 'string' ? secret.threadsAppSecret : value('appSecret'), body) };
    case 'x':
      return { ...json, 'x-twitter-webhooks-signature': `sha256=${hmac('sha256', value('consumerSecret'), body).digest('base64')}` };
    case 'linkedin':
      // LinkedIn's documented construction: hex HMAC-SHA256 over "hmacsha256=" + body.
      return { ...json, 'x-li-signature': hmac('sha256', value('clientSecret'), Buffer.concat([Buffer.from('hmacsha256='), body])).digest('hex') };
    case 'tiktok': {
      const t = String(Math.floor(now.getTime() / 1000));
      const s = hmac('sha256', value('clientSecret'), Buffer.concat([Buffer.from(`${t}.`), body])).digest('hex');
      return { ...json, 'tiktok-signature': `t=${t},s=${s}` };
    }
    case 'youtube':
      return { 'content-type': 'application/atom+xml', 'x-hub-signature': `sha1=${hmac('sha1', value('hubSecret'), body).digest('hex')}` };
  }
}
