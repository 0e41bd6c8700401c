/**
 * Hostile input through the real local HTTP path (payload 2.0 events, the deployed ingest-webhook, the
 * local bus, the log): a corpus of known attacks and fast-check's arbitrary bodies, headers and paths.
 * Every answer is a clear 4xx, or a 200 with the raw bytes archived (and reported when unreadable);
 * never a 5xx, never an event from a body whose signature is not genuine, never a dead letter.
 */
import fc from 'fast-check';
import { signedHeaders, type WebhookPath } from '../../local/platform-signatures';
import { startHarness, type Harness } from '../../local/reliability/support';

const PATHS: WebhookPath[] = ['facebook', 'messenger', 'instagram', 'threads', 'x', 'linkedin', 'tiktok', 'youtube'];
const SIGNATURE_HEADERS = ['x-hub-signature-256', 'x-twitter-webhooks-signature', 'x-li-signature', 'tiktok-signature', 'x-hub-signature'];

let harness: Harness;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  harness = await startHarness();
}, 30_000);

afterAll(async () => {
  await harness?.stop();
  process.off('unhandledRejection', onUnhandled);
});

interface Outcome {
  status: number;
  events: string[];
  archived: number;
  body: string;
}

/** One request, then what it caused: events on the bus and raw deliveries archived. */
async function request(path: string, body: Buffer | string, headers: Record<string, string>, method = 'POST'): Promise<Outcome> {
  const { system } = harness;
  const before = { events: system.bus.archived().length, raw: system.rawDeliveries.keys().length };
  const response = await fetch(`${system.urls.api}${path}`, { method, headers, ...(method === 'GET' ? {} : { body }) });
  const text = await response.text();
  await system.bus.idle();
  return {
    status: response.status,
    events: system.bus.archived().slice(before.events).map((event) => event['detail-type']),
    archived: system.rawDeliveries.keys().length - before.raw,
    body: text,
  };
}

const signed = (path: WebhookPath, body: Buffer, now?: Date) => signedHeaders(path, body, harness.secretOf(path), now);

/** Refused with a 4xx: nothing archived, nothing published. */
function expectRefused(outcome: Outcome, status?: number): void {
  expect({ status: status ?? (outcome.status >= 400 && outcome.status < 500 ? 'a 4xx' : outcome.status), events: outcome.events, archived: outcome.archived }).toEqual({
    status: status ?? 'a 4xx',
    events: [],
    archived: 0,
  });
}

/** Accepted as genuine: answered 200 and the exact bytes archived; unreadable content is reported. */
function expectArchived(outcome: Outcome): void {
  expect(outcome.status).toBe(200);
  expect(outcome.archived).toBe(1);
  const answer = JSON.parse(outcome.body) as { quarantined: boolean };
  if (answer.quarantined) expect(outcome.events).toContain('DeliveryQuarantined');
}

const visitorPost = (extra: Record<string, unknown> = {}, value: Record<string, unknown> = {}) =>
  Buffer.from(
    JSON.stringify({
      object: 'page',
      entry: [{ id: '1234567890321', time: 1764150000, changes: [{ field: 'feed', value: { item: 'post', verb: 'add', post_id: `1234567890321_${Date.now()}${Math.random().toString().slice(2, 8)}`, from: { id: '42', name: 'A visitor' }, message: 'Is the car park open?', ...value } }] }],
      ...extra,
    }),
  );

describe('a corpus of hostile inputs', () => {
  it('refuses a body over 1 MiB with 413 before reading it, signed or not', async () => {
    const huge = Buffer.alloc(1024 * 1024 + 1, 0x20);
    expectRefused(await request('/webhooks/x', huge, signed('x', huge)), 413);
    expectRefused(await request('/webhooks/facebook', huge, { 'content-type': 'application/json' }), 413);
  });

  it('quarantines a genuine but absurdly deep body (200 000 levels) instead of crashing', async () => {
    const deep = Buffer.from(`${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    expectArchived(await request('/webhooks/facebook', deep, signed('facebook', deep)));
    const deepObject = Buffer.from(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`);
    expectArchived(await request('/webhooks/x', deepObject, signed('x', deepObject)));
    expectRefused(await request('/webhooks/facebook', deep, { 'content-type': 'application/json' }), 401);
  });

  it('archives and reports genuine bytes that are not valid UTF-8; refuses them unsigned', async () => {
    const invalid = Buffer.concat([Buffer.from('{"object":"page","entry":[{"id":"1","changes":[{"value":{"message":"'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('"}}]}]}')]);
    const outcome = await request('/webhooks/facebook', invalid, signed('facebook', invalid));
    expectArchived(outcome);
    expectRefused(await request('/webhooks/facebook', invalid, { 'content-type': 'application/json', 'x-hub-signature-256': 'sha256=00' }), 401);
  });

  it('never lets prototype-pollution keys reach Object.prototype, and still logs the genuine item', async () => {
    const polluted = Buffer.from(
      visitorPost({}, {}).toString('utf8').replace('{"object":"page",', '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"object":"page",').replace('"item":"post",', '"__proto__":{"isAdmin":true},"item":"post",'),
    );
    const outcome = await request('/webhooks/facebook', polluted, signed('facebook', polluted));
    expectArchived(outcome);
    expect(outcome.events).toContain('InteractionReceived');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(harness.system.bus.deadLetters()).toEqual([]);
  });

  it.each(['text/plain', 'application/octet-stream', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', ''])(
    'treats content type %j as no credential: genuine bytes are read, unsigned are refused',
    async (contentType) => {
      const body = visitorPost();
      const headers = { ...signed('facebook', body), 'content-type': contentType };
      expectArchived(await request('/webhooks/facebook', body, headers));
      expectRefused(await request('/webhooks/facebook', body, { 'content-type': contentType }), 401);
    },
  );

  it.each([
    ['an hour old', -3600],
    ['six minutes old', -360],
    ['an hour in the future', 3600],
    ['the epoch', Number.NEGATIVE_INFINITY],
  ])('refuses a replayed TikTok delivery signed %s', async (_label, offsetSeconds) => {
    const body = Buffer.from('{"client_key":"local","event":"authorization.removed","create_time":1764150000,"user_openid":"act.1","content":"{\\"reason\\":1}"}');
    const at = Number.isFinite(offsetSeconds) ? new Date(Date.now() + offsetSeconds * 1000) : new Date(0);
    expectRefused(await request('/webhooks/tiktok', body, signed('tiktok', body, at)), 401);
  });

  it.each<[string, (body: Buffer) => Record<string, string>]>([
    ['signed with another secret', (body) => signedHeaders('facebook', body, { appSecret: 'not-the-secret' })],
    ['the signature of another body', () => signed('facebook', Buffer.from('{"object":"page","entry":[]}'))],
    ['a truncated signature', (body) => ({ ...signed('facebook', body), 'x-hub-signature-256': signed('facebook', body)['x-hub-signature-256']!.slice(0, 40) })],
    ['an empty signature header', () => ({ 'content-type': 'application/json', 'x-hub-signature-256': '' })],
    ['no signature header', () => ({ 'content-type': 'application/json' })],
    ['a SHA-1 signature where SHA-256 is required', (body) => ({ 'content-type': 'application/json', 'x-hub-signature-256': signedHeaders('youtube', body, { hubSecret: 'local-demo-app-secret' })['x-hub-signature']! })],
    ['X\'s signature on the Facebook path', (body) => signed('x', body)],
    ['two signature headers, one genuine', (body) => ({ ...signed('facebook', body), 'x-hub-signature-256': `sha256=${'0'.repeat(64)}, ${signed('facebook', body)['x-hub-signature-256']}` })],
  ])('refuses a forged Facebook delivery: %s', async (_label, headersFor) => {
    const body = visitorPost();
    expectRefused(await request('/webhooks/facebook', body, headersFor(body)), 401);
  });

  it('answers odd paths and methods with 404, and a bad handshake with a 4xx', async () => {
    const body = visitorPost();
    expectRefused(await request('/webhooks/myspace', body, signed('facebook', body)), 404);
    expectRefused(await request('/webhooks/..%2F..%2Fetc%2Fpasswd', body, signed('facebook', body)), 404);
    expectRefused(await request('/webhooks/facebook', body, signed('facebook', body), 'PUT'), 404);
    expectRefused(await request('/webhooks/facebook?hub.mode=subscribe&hub.challenge=1&hub.verify_token=guess', '', {}, 'GET'));
    expectRefused(await request('/webhooks/tiktok', '', {}, 'GET'));
  });

  it('handles genuine empty, scalar and enormous-text bodies without a 5xx', async () => {
    for (const raw of ['', 'null', '[]', '"text"', '1e309', '{"object":"page","entry":null}']) {
      const body = Buffer.from(raw);
      const outcome = await request('/webhooks/facebook', body, signed('facebook', body));
      expect({ raw, status: outcome.status < 500 }).toEqual({ raw, status: true });
      if (outcome.status === 200) expectArchived(outcome);
      else expectRefused(outcome);
    }
    const longText = visitorPost({}, { message: 'A&E '.repeat(200_000) });
    expectArchived(await request('/webhooks/facebook', longText, signed('facebook', longText)));
    expect(harness.system.bus.deadLetters()).toEqual([]);
  });
});

describe('fast-check: arbitrary input over HTTP', () => {
  const jsonLike = fc.oneof(
    fc.json({ maxDepth: 6 }),
    fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
    fc.string({ unit: 'binary', maxLength: 500 }),
    fc.constantFrom('{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}', '{"object":"page","entry":[{"changes":[{"value":{"__proto__":null}}]}]}'),
  );
  const path = fc.constantFrom(...PATHS);
  const contentType = fc.constantFrom('application/json', 'text/plain', 'application/octet-stream', 'application/atom+xml', '');

  it('never answers 5xx and never publishes from an unsigned or forged body', async () => {
    await fc.assert(
      fc.asyncProperty(path, jsonLike, contentType, fc.option(fc.constantFrom(...SIGNATURE_HEADERS)), fc.string({ maxLength: 80 }), async (platform, raw, type, header, value) => {
        const headers: Record<string, string> = { 'content-type': type };
        if (header) headers[header] = value.replace(/[^\x20-\x7e]/g, '');
        const outcome = await request(`/webhooks/${platform}`, Buffer.from(raw, 'utf8'), headers);
        expectRefused(outcome);
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it('answers every genuinely signed body with 200 (archived, reported when unreadable) or a 4xx, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(path, jsonLike, async (platform, raw) => {
        const body = Buffer.from(raw, 'utf8');
        const outcome = await request(`/webhooks/${platform}`, body, signed(platform, body));
        if (outcome.status === 200) expectArchived(outcome);
        else expectRefused(outcome);
      }),
      { numRuns: 150 },
    );
    expect(harness.system.bus.deadLetters()).toEqual([]);
  }, 60_000);

  it('left the process without unhandled rejections and the API still answering', async () => {
    expect(unhandled).toEqual([]);
    const body = visitorPost();
    expectArchived(await request('/webhooks/facebook', body, signed('facebook', body)));
  });
});
