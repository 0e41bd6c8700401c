/**
 * The ops API end to end on `npm start` in process: real handlers, real SDK clients, the local HTTP API
 * with its dev-token JWT check. Every JSON answer is validated against docs/ops-api.openapi.yaml, and the
 * routes of the manifest, the handler and the document are the same set.
 */
import { join } from 'node:path';
import { SlaBreached } from '../../events';
import { loadOrgConfig, escalationRecipients } from '../../infra/org-config';
import { DIGEST_PREVIEW_ROUTES, OPS_API_ROUTES } from '../../infra/wiring';
import { PATHS } from '../../local/paths';
import { readSecretsFile } from '../../local/secrets-manager';
import { listEmails } from '../../local/ses';
import type { LocalSystem } from '../../local/start';
import { openApi, operation, operations, responseSchema } from '../support/openapi';
import { corpusBytes, startTestSystem, tempDir, metaPoster, visitorPost } from './support';

const org = loadOrgConfig(PATHS.orgConfig);
const PAGE_ID = '1234567890321';
const VISITOR = '777000111'; // the author visitorPost() writes as
const LEAD = 'local-dev-token';
const OFFICER = 'local-officer-token';

interface Answer {
  status: number;
  contentType: string;
  text: string;
  json: unknown;
}

describe('ops API over the local HTTP API', () => {
  const dir = tempDir('ops-api');
  let system: LocalSystem;

  beforeAll(async () => {
    system = await startTestSystem(dir.path, {
      localConfigFile: join(dir.path, 'config.json'),
    });
  }, 30_000);

  afterAll(async () => {
    await system?.stop();
    dir.remove();
  });

  const post = (body: Buffer) => metaPoster(system)(body);

  /** Calls the API and checks the answer against the document's schema for that route and status. */
  async function call(routeKey: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
    const [method] = routeKey.split(' ') as [string];
    const response = await fetch(`${system.urls.api}${path}`, {
      method,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      ...(options.body !== undefined ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    const contentType = (response.headers.get('content-type') ?? '').split(';')[0]!;
    const json = contentType === 'application/json' ? (JSON.parse(text) as unknown) : undefined;
    if (contentType === 'application/json') {
      const result = responseSchema(routeKey, response.status).safeParse(json);
      if (!result.success) throw new Error(`${routeKey} ${response.status} does not match docs/ops-api.openapi.yaml: ${JSON.stringify(result.error.issues)}\n${text}`);
    } else {
      expect(Object.keys((operation(routeKey).responses as Record<string, { content?: Record<string, unknown> }>)[String(response.status)]?.content ?? {})).toContain(contentType);
    }
    return { status: response.status, contentType, text, json };
  }
  const body = <T>(answer: Answer) => answer.json as T;
  const enc = encodeURIComponent;

  describe('contract', () => {
    it('the manifest, the handlers and the OpenAPI document have the same routes', async () => {
      const { OPS_ROUTES } = await import('../../functions/handlers/ops-api');
      const { DIGEST_ROUTES } = await import('../../functions/handlers/preview-digest');
      const keys = (routes: typeof OPS_API_ROUTES) => routes.map((route) => `${route.method} ${route.path}`).sort();
      expect(Object.keys(OPS_ROUTES).sort()).toEqual(keys(OPS_API_ROUTES));
      expect(Object.keys(DIGEST_ROUTES).sort()).toEqual(keys(DIGEST_PREVIEW_ROUTES));
      // The document describes the whole JWT API, whichever function serves a route.
      expect(operations().sort()).toEqual(keys([...OPS_API_ROUTES, ...DIGEST_PREVIEW_ROUTES]));
    });

    it('documents the bearer JWT on every operation, and a 401 for each', () => {
      expect(openApi.components.securitySchemes.bearerJwt).toEqual({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
      expect(openApi.security).toEqual([{ bearerJwt: [] }]);
      for (const routeKey of operations()) {
        expect(operation(routeKey).security).toBeUndefined();
        expect(Object.keys(operation(routeKey).responses as object)).toContain('401');
      }
    });
  });

  it('refuses every ops route without a valid token (401, the handler never runs), while webhooks stay open', async () => {
    const paths: Record<string, string> = {
      '/interactions/{id}': '/interactions/facebook%3A1',
      '/authors/{platform}/{id}': '/authors/facebook/1',
    };
    for (const route of OPS_API_ROUTES) {
      const path = Object.entries(paths).reduce((p, [template, real]) => p.replace(template, real), route.path.replace('/interactions/{id}/', '/interactions/facebook%3A1/'));
      for (const token of [undefined, 'not-a-dev-token']) {
        const answer = await call(`${route.method} ${route.path}`, path, { token, ...(route.method === 'POST' ? { body: {} } : {}) });
        expect({ route: route.path, status: answer.status, json: answer.json }).toEqual({ route: route.path, status: 401, json: { message: 'Unauthorized' } });
      }
    }
    const secret = readSecretsFile(system.secretsFile).secrets[org.secrets.meta] as { verifyToken: string };
    const handshake = await fetch(`${system.urls.webhook}?hub.mode=subscribe&hub.challenge=42&hub.verify_token=${secret.verifyToken}`);
    expect(handshake.status).toBe(200);
  });

  it('works an interaction through the queue: list, detail, assign, override, reply, close, with its audit trail', async () => {
    await post(visitorPost(`${PAGE_ID}_6060001`, 'We waited 6 hours in A&E and nobody told us anything'));
    const id = `facebook:${PAGE_ID}_6060001`;
    const path = `/interactions/${enc(id)}`;

    const queue = body<{ items: Array<{ id: string; status: string }> }>(await call('GET /interactions', '/interactions', { token: OFFICER }));
    expect(queue.items).toContainEqual(expect.objectContaining({ id, status: 'assessed' }));

    const detail = await call('GET /interactions/{id}', path, { token: OFFICER });
    expect(detail.json).toMatchObject({ id, text: 'We waited 6 hours in A&E and nobody told us anything', author: { id: VISITOR }, category: 'complaint', needsReply: true });

    expect(body(await call('POST /interactions/{id}/assign', `${path}/assign`, { token: OFFICER, body: { team: 'comms', assignee: 'Sam' } }))).toMatchObject({
      outcome: 'written',
      interaction: { status: 'assigned', ownerTeam: 'comms', assignee: 'Sam' },
    });

    const noReason = await call('POST /interactions/{id}/override', `${path}/override`, { token: OFFICER, body: { priority: 'P1' } });
    expect(noReason.status).toBe(400);
    expect(body<{ fields: string[] }>(noReason).fields).toEqual(['body.reason']);
    expect(body(await call('POST /interactions/{id}/override', `${path}/override`, { token: OFFICER, body: { priority: 'P1', reason: 'names a nurse' } }))).toMatchObject({
      outcome: 'written',
      interaction: { priority: 'P1', overridden: true },
    });

    const reply = () => call('POST /interactions/{id}/reply', `${path}/reply`, { token: OFFICER, body: { visibility: 'public', text: 'Sorry to hear this, please DM us' }, headers: { 'idempotency-key': 'reply-6060001' } });
    expect(body(await reply())).toMatchObject({ outcome: 'written', interaction: { status: 'replied', replyVisibility: 'public', firstResponseAt: expect.any(String) } });
    expect(body(await reply())).toMatchObject({ outcome: 'duplicate' });

    expect(body(await call('POST /interactions/{id}/close', `${path}/close`, { token: OFFICER }))).toMatchObject({ outcome: 'written', interaction: { status: 'closed' } });
    expect(body(await call('POST /interactions/{id}/close', `${path}/close`, { token: OFFICER, body: { reason: 'again' } }))).toMatchObject({ outcome: 'unchanged' });
    expect((await call('POST /interactions/{id}/reply', `${path}/reply`, { token: OFFICER, body: { visibility: 'private' } })).status).toBe(409);

    const trail = body<{ audit: Array<{ kind: string; actor: string; why?: string }>; replies: unknown[] }>(await call('GET /interactions/{id}', path, { token: LEAD }));
    expect(trail.audit.map((entry) => entry.kind)).toEqual(['received', 'assessed', 'assigned', 'overridden', 'replied', 'closed']);
    expect(trail.audit.slice(2).every((entry) => entry.actor === 'user:duty.officer@example.nhs.uk')).toBe(true);
    expect(trail.audit[3]).toMatchObject({ why: 'names a nurse' });
    expect(trail.replies).toHaveLength(1);

    const closed = body<{ items: Array<{ id: string }> }>(await call('GET /interactions', '/interactions?status=closed', { token: OFFICER }));
    expect(closed.items.map((item) => item.id)).toContain(id);
  });

  it('answers 404 for an unknown interaction and 400 naming the field', async () => {
    expect((await call('GET /interactions/{id}', '/interactions/facebook%3Anope', { token: OFFICER })).status).toBe(404);
    expect((await call('POST /interactions/{id}/close', '/interactions/facebook%3Anope/close', { token: OFFICER })).status).toBe(404);
    const bad = await call('GET /interactions', '/interactions?status=pending&colour=red', { token: OFFICER });
    expect(bad.status).toBe(400);
    expect(body<{ fields: string[] }>(bad).fields).toEqual(['query.status', 'query.colour']);
    const notJson = await call('POST /interactions/{id}/assign', '/interactions/facebook%3A1/assign', { token: OFFICER, body: '{oops' });
    expect(body<{ fields: string[] }>(notJson).fields).toEqual(['body']);
  });

  it('stops the SLA clock when intake sees the trust’s own reply on the platform', async () => {
    await post(visitorPost(`${PAGE_ID}_6060002`, 'Where do I park for the maternity unit?'));
    const comment = JSON.parse(corpusBytes('facebook-feed-comment-add.json').toString('utf8'));
    Object.assign(comment.entry[0].changes[0].value, {
      comment_id: '6060002_1',
      post_id: `${PAGE_ID}_6060002`,
      parent_id: `${PAGE_ID}_6060002`,
      created_time: Math.floor(Date.now() / 1000),
    });
    await post(Buffer.from(JSON.stringify(comment)));
    const detail = body<{ status: string; firstResponseBy: string; replyVisibility: string; audit: Array<{ kind: string; actor: string }> }>(
      await call('GET /interactions/{id}', `/interactions/${enc(`facebook:${PAGE_ID}_6060002`)}`, { token: OFFICER }),
    );
    expect(detail).toMatchObject({ status: 'replied', firstResponseBy: 'system:intake', replyVisibility: 'public' });
    expect(detail.audit.filter((entry) => entry.kind === 'replied')).toEqual([expect.objectContaining({ actor: 'system:intake' })]);
  });

  it('shows the change programmes the decision tagged in the detail’s assessment, never its terms', async () => {
    await post(visitorPost(`${PAGE_ID}_6060004`, 'Is it true the A&E is closing next year?'));
    const detail = body<{ programmes: string[]; assessment: Record<string, unknown> }>(
      await call('GET /interactions/{id}', `/interactions/${enc(`facebook:${PAGE_ID}_6060004`)}`, { token: OFFICER }),
    );
    expect(detail.programmes).toEqual(['services-reconfiguration-2027']);
    expect(detail.assessment.programmes).toEqual([{ id: 'services-reconfiguration-2027', keyMessages: [], claims: ['a-and-e-closing'] }]);
    expect(detail.assessment).not.toHaveProperty('terms');
  });

  it('finds it past due, publishes SlaBreached once and emails the owner team (local SES)', async () => {
    await post(visitorPost(`${PAGE_ID}_6060003`, 'Nobody has called me back about my complaint, really disappointed'));
    const id = `facebook:${PAGE_ID}_6060003`;
    const item = body<{ slaDueAt: string; ownerTeam: string }>(await call('GET /interactions/{id}', `/interactions/${enc(id)}`, { token: OFFICER }));
    const at = new Date(Date.parse(item.slaDueAt) + 10 * 60_000).toISOString();
    const first = (await system.invokeScheduled('watch-sla', { trigger: 'schedule', at })) as { notified: Array<{ interactionId: string; level: number }> };
    expect(first.notified).toContainEqual({ interactionId: id, level: 1 });
    const again = (await system.invokeScheduled('watch-sla', { trigger: 'schedule', at })) as { notified: unknown[] };
    expect(again.notified).toEqual([]);
    await system.bus.idle();

    const breaches = system.bus.archived().filter((event) => event['detail-type'] === SlaBreached.detailType && (event.detail as { data: { interactionId: string } }).data.interactionId === id);
    expect(breaches).toHaveLength(1);
    expect(SlaBreached.detailSchema.parse(breaches[0]!.detail).data).toMatchObject({ level: 1, overdueMinutes: 10, ownerTeam: item.ownerTeam });
    const recipients = escalationRecipients(org);
    const email = (await listEmails(system.urls.ses)).find((sent) => sent.subject.startsWith('[SLA breached]') && (sent.body.text ?? '').includes(id));
    expect(email?.destination.to).toEqual(recipients[item.ownerTeam] ?? recipients.default);
    expect(email?.body.text).not.toContain('disappointed');
    expect(body(await call('GET /interactions/{id}', `/interactions/${enc(id)}`, { token: OFFICER }))).toMatchObject({ slaBreachLevel: 1 });
    expect(await system.invokeScheduled('expire-content')).toEqual({ expired: [] });
  });

  it('exports CSV, with message text only for comms-leads', async () => {
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const plain = await call('GET /export', `/export?from=${enc(from)}&to=${enc(to)}`, { token: OFFICER });
    expect(plain).toMatchObject({ status: 200, contentType: 'text/csv' });
    expect(plain.text.split('\r\n')[0]).toMatch(/^id,platform,channel,ownAccount,receivedAt,status/);
    expect(plain.text).toContain(`facebook:${PAGE_ID}_6060001`);
    expect(plain.text).not.toContain('waited');
    expect((await call('GET /export', `/export?from=${enc(from)}&to=${enc(to)}&includeText=true`, { token: OFFICER })).status).toBe(403);
    const withText = await call('GET /export', `/export?from=${enc(from)}&to=${enc(to)}&includeText=true`, { token: LEAD });
    expect(withText.text).toContain('We waited 6 hours in A&E');
    expect((await call('GET /export', '/export?from=2026-01-01', { token: LEAD })).status).toBe(400);
  });

  it('subject access and erasure, for information-governance only', async () => {
    const path = `/authors/facebook/${VISITOR}`;
    expect((await call('GET /authors/{platform}/{id}', path, { token: OFFICER })).status).toBe(403);
    expect((await call('DELETE /authors/{platform}/{id}', path, { token: OFFICER })).status).toBe(403);
    expect((await call('GET /authors/{platform}/{id}', '/authors/myspace/1', { token: LEAD })).status).toBe(400);

    const report = body<{ count: number; interactions: Array<{ text: string }> }>(await call('GET /authors/{platform}/{id}', path, { token: LEAD }));
    expect(report.count).toBeGreaterThanOrEqual(3);
    expect(report.interactions.map((interaction) => interaction.text)).toContain('Where do I park for the maternity unit?');

    const erased = body<{ erased: number; byCategory: Record<string, number> }>(await call('DELETE /authors/{platform}/{id}', `${path}?reason=${enc('SAR ref 17')}`, { token: LEAD }));
    expect(erased.erased).toBe(report.count);
    expect((await call('GET /authors/{platform}/{id}', path, { token: LEAD })).status).toBe(404);
    const after = body<{ text: string; author: object; erased: boolean; audit: Array<{ kind: string; why?: string }> }>(
      await call('GET /interactions/{id}', `/interactions/${enc(`facebook:${PAGE_ID}_6060002`)}`, { token: LEAD }),
    );
    expect(after).toMatchObject({ text: '', author: {}, erased: true });
    expect(after.audit.at(-1)).toMatchObject({ kind: 'erased', why: 'SAR ref 17' });
    expect(system.bus.deadLetters()).toEqual([]);
  });
});
