/**
 * The console's routes end to end on the local system: GET /matrix, GET /interactions with the programme
 * filter and the owner-team counts, GET /digests and GET /digests/{week}, through the local HTTP API with
 * its dev-token check. Every JSON answer is validated against docs/ops-api.openapi.yaml.
 */
import { join } from 'node:path';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { parseMatrix } from '../../functions/core/matrix/load';
import { isoWeekOf, previousWeek } from '../../functions/core/time/iso-week';
import { loadOrgConfig } from '../../infra/org-config';
import { DIGEST_PREVIEW_ROUTES } from '../../infra/wiring';
import { PATHS } from '../../local/paths';
import { listEmails } from '../../local/ses';
import type { LocalSystem } from '../../local/start';
import { readFileSync } from 'node:fs';
import { responseSchema } from '../support/openapi';
import { startTestSystem, tableClient, tempDir, metaPoster, visitorPost } from './support';

const org = loadOrgConfig(PATHS.orgConfig);
const matrix = parseMatrix(readFileSync(PATHS.responseMatrix, 'utf8'));
const PAGE_ID = '1234567890321';
const OFFICER = 'local-officer-token';

describe('the console API over the local HTTP API', () => {
  const dir = tempDir('console-api');
  let system: LocalSystem;

  beforeAll(async () => {
    system = await startTestSystem(dir.path, { localConfigFile: join(dir.path, 'config.json') });
  }, 30_000);

  afterAll(async () => {
    await system?.stop();
    dir.remove();
  });

  const post = (body: Buffer) => metaPoster(system)(body);

  /** GET with the officer token (or the given one); a JSON answer is checked against the document. */
  async function get<T>(routeKey: string, path: string, token: string | null = OFFICER): Promise<{ status: number; json: T }> {
    const response = await fetch(`${system.urls.api}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const json = (await response.json()) as T;
    const result = responseSchema(routeKey, response.status).safeParse(json);
    if (!result.success) throw new Error(`${routeKey} ${response.status} does not match docs/ops-api.openapi.yaml: ${JSON.stringify(result.error.issues)}`);
    return { status: response.status, json };
  }

  it('answers 401 without a valid token, and never runs the handler', async () => {
    for (const [routeKey, path] of [
      ['GET /matrix', '/matrix'],
      ['GET /digests', '/digests'],
      ['GET /digests/{week}', '/digests/2026-W47'],
      ['GET /interactions', '/interactions?programme=future-hospitals'],
    ] as const) {
      for (const token of [null, 'not-a-dev-token']) {
        const answer = await get(routeKey, path, token);
        expect({ path, status: answer.status, json: answer.json }).toEqual({ path, status: 401, json: { message: 'Unauthorized' } });
      }
    }
    expect(DIGEST_PREVIEW_ROUTES.every((route) => route.auth === 'jwt')).toBe(true);
  });

  it('GET /matrix: the matrix in force, every rule, SLAs in words, no signal phrases', async () => {
    const { status, json } = await get<{ version: string; rules: Array<{ id: string; sla: string; ownerName: string }> }>('GET /matrix', '/matrix');
    expect(status).toBe(200);
    expect(json.version).toBe(matrix.version);
    expect(json.rules.map((rule) => rule.id)).toEqual(matrix.rules.map((rule) => rule.id));
    expect(json.rules.find((rule) => rule.id === 'safeguarding-risk-to-life')).toMatchObject({ sla: '15 minutes, day and night' });
    expect(JSON.stringify(json)).not.toContain('"phrases"');
  });

  it('GET /interactions: counts per owner team on the queue, and the programme filter', async () => {
    await post(visitorPost(`${PAGE_ID}_7070001`, 'We waited 6 hours in A&E and nobody told us anything'));
    await post(visitorPost(`${PAGE_ID}_7070002`, 'Thank you to the maternity team, they were wonderful'));
    await post(visitorPost(`${PAGE_ID}_7070003`, 'Is the new hospital going to close our A&E?'));
    const tagged = `facebook:${PAGE_ID}_7070003`;
    // The decision tagged a change programme (as the matrix does for content about one): set on the logged decision.
    await tableClient(system).send(
      new UpdateCommand({
        TableName: system.tableName,
        Key: { pk: `INT#${tagged}`, sk: 'INTERACTION' },
        UpdateExpression: 'SET assessment.programmes = :tags',
        ExpressionAttributeValues: { ':tags': [{ id: 'future-hospitals', keyMessages: [], claims: [] }] },
      }),
    );

    type Page = { items: Array<{ id: string; ownerTeam?: string; programmes?: string[] }>; nextCursor?: string; openCount?: number; countsByOwnerTeam?: Record<string, number> };
    const queue = (await get<Page>('GET /interactions', '/interactions')).json;
    expect(queue.items.length).toBe(3);
    expect(queue.openCount).toBe(3);
    const expected: Record<string, number> = {};
    for (const item of queue.items) if (item.ownerTeam) expected[item.ownerTeam] = (expected[item.ownerTeam] ?? 0) + 1;
    expect(queue.countsByOwnerTeam).toEqual(expected);
    // Counts are of every open item, whatever the other filters.
    const one = (await get<Page>('GET /interactions', '/interactions?limit=1')).json;
    expect(one.items).toHaveLength(1);
    expect(one.countsByOwnerTeam).toEqual(expected);
    const next = (await get<Page>('GET /interactions', `/interactions?limit=1&cursor=${encodeURIComponent(one.nextCursor!)}`)).json;
    expect(next).not.toHaveProperty('countsByOwnerTeam');

    const byProgramme = (await get<Page>('GET /interactions', '/interactions?programme=future-hospitals')).json;
    expect(byProgramme.items.map((item) => ({ id: item.id, programmes: item.programmes }))).toEqual([{ id: tagged, programmes: ['future-hospitals'] }]);
    expect((await get<Page>('GET /interactions', '/interactions?programme=another-programme')).json.items).toEqual([]);
    const bad = await get<{ fields: string[] }>('GET /interactions', '/interactions?programme=Not%20A%20Slug');
    expect(bad.status).toBe(400);
    expect(bad.json.fields).toEqual(['query.programme']);
  });

  it('GET /digests and GET /digests/{week}: the weeks and a digest rendered now, sending nothing', async () => {
    const now = new Date().toISOString();
    const thisWeek = isoWeekOf(now, org.timeZone);
    const list = await get<{ weeks: Array<{ week: string; complete: boolean; status: string }> }>('GET /digests', '/digests');
    expect(list.status).toBe(200);
    expect(list.json.weeks).toHaveLength(9);
    expect(list.json.weeks[0]).toMatchObject({ week: thisWeek, complete: false, status: 'not-sent' });
    expect(list.json.weeks[1]).toMatchObject({ week: previousWeek(now, org.timeZone), complete: true, status: 'not-sent' });

    const emailsBefore = (await listEmails(system.urls.ses)).length;
    const preview = await get<{ week: string; complete: boolean; subject: string; html: string; text: string }>('GET /digests/{week}', `/digests/${thisWeek}`);
    expect(preview.status).toBe(200);
    expect(preview.json).toMatchObject({ week: thisWeek, complete: false });
    expect(preview.json.subject.length).toBeGreaterThan(0);
    expect(preview.json.html).toContain('data:image/png;base64,');
    expect(preview.json.html).not.toContain('cid:');
    expect(preview.json.text.length).toBeGreaterThan(0);
    // Counts only: the posts' text and author never reach the digest.
    expect(preview.json.html).not.toContain('Test Visitor');
    expect(preview.json.html).not.toContain('nobody told us anything');
    // Read-only: no email, and the week list is unchanged.
    expect(await listEmails(system.urls.ses)).toHaveLength(emailsBefore);
    expect((await get<{ weeks: Array<{ status: string }> }>('GET /digests', '/digests')).json.weeks.every((week) => week.status === 'not-sent')).toBe(true);

    const [year, number] = thisWeek.split('-W').map(Number) as [number, number];
    const future = `${year + 1}-W${String(number).padStart(2, '0')}`;
    for (const path of [`/digests/${future}`, '/digests/2026-W99', '/digests/last-week']) {
      const refused = await get<{ fields: string[] }>('GET /digests/{week}', path);
      expect({ path, status: refused.status, fields: refused.json.fields }).toEqual({ path, status: 400, fields: ['path.week'] });
    }
  }, 60_000);
});
