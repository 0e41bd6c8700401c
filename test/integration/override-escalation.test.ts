/**
 * A person's override that raises an item to a priority the matrix escalates tells the owner team, as the
 * matrix's own decision would: through the local system (`npm start` in process, real handlers and SDK
 * clients), an override through the ops API -> EscalationRaised on the local bus -> notify-owner -> an
 * email in local SES and a page in local SNS, once however often the request is retried.
 */
import { loadOrgConfig, escalationRecipients } from '../../infra/org-config';
import { PATHS } from '../../local/paths';
import { listEmails } from '../../local/ses';
import { listPublished } from '../../local/sns';
import type { LocalSystem } from '../../local/start';
import { metaPoster, startTestSystem, tempDir, visitorPost } from './support';

const org = loadOrgConfig(PATHS.orgConfig);
const PAGE_ID = '1234567890321';
const TOKEN = 'local-dev-token';

describe('an override to an escalated priority', () => {
  const dir = tempDir('override-escalation');
  let system: LocalSystem;

  beforeAll(async () => {
    system = await startTestSystem(dir.path);
  }, 30_000);

  afterAll(async () => {
    await system?.stop();
    dir.remove();
  });

  const post = (body: Buffer) => metaPoster(system)(body);

  async function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${system.urls.api}${path}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await response.json()) as Record<string, unknown>;
    await system.bus.idle();
    return { status: response.status, json };
  }

  const emailsAbout = async (id: string) => (await listEmails(system.urls.ses)).filter((email) => (email.body.text ?? '').includes(`Interaction: ${id}`));
  const pagesAbout = async (id: string) => (await listPublished(system.urls.sns)).filter((page) => page.message.includes(`Interaction: ${id}`));
  const raisedFor = (id: string) =>
    system.bus.archived().filter((event) => event['detail-type'] === 'EscalationRaised' && (event.detail as { data: { interactionId: string } }).data.interactionId === id);

  it('P2 complaint overridden to P0: the owner team is emailed and on-call paged, once per retried request', async () => {
    const message = 'We waited 6 hours in A&E and nobody told us anything';
    await post(visitorPost(`${PAGE_ID}_7070001`, message));
    const id = `facebook:${PAGE_ID}_7070001`;
    const path = `/interactions/${encodeURIComponent(id)}`;

    const before = await api('GET', path);
    expect(before.json).toMatchObject({ category: 'complaint', priority: 'P2' });
    const ownerTeam = before.json.ownerTeam as string;
    // The matrix did not escalate it: nobody has been told yet.
    expect(await emailsAbout(id)).toEqual([]);
    expect(await pagesAbout(id)).toEqual([]);

    const override = () =>
      api('POST', `${path}/override`, { priority: 'P0', reason: 'Ward reports a safeguarding concern; "nobody told us" quoted' }, { 'idempotency-key': 'override-7070001' });
    const first = await override();
    expect(first).toMatchObject({ status: 200, json: { outcome: 'written', interaction: { priority: 'P0', overridden: true } } });

    const pages = await pagesAbout(id);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.subject).toMatch(/^\[P0\]/);
    const emails = await emailsAbout(id);
    expect(emails).toHaveLength(1);
    const recipients = escalationRecipients(org);
    expect(emails[0]!.destination.to).toEqual(recipients[ownerTeam] ?? recipients.default);
    expect(emails[0]!.subject).toMatch(/^\[P0\]/);
    const text = emails[0]!.body.text!;
    expect(text).toMatch(/Why you are told: Overridden to P0 by user:\S+ \(their reason is in the audit trail\); priority P0 pages on-call/);
    // Nothing from the message, its author or the officer's free-text reason (it can describe the patient) leaves the log.
    for (const personal of [message, 'nobody told us', 'safeguarding concern', 'Test Visitor', '777000111']) {
      expect(text).not.toContain(personal);
      expect(JSON.stringify(raisedFor(id))).not.toContain(personal);
    }

    // The client retries (it did not see the answer): the override is a duplicate, and its escalation is
    // published again (a publish that failed the first time is not lost), but nothing goes out twice.
    const retried = await override();
    expect(retried).toMatchObject({ status: 200, json: { outcome: 'duplicate', interaction: { priority: 'P0' } } });
    expect(raisedFor(id)).toHaveLength(2);
    // The reason stays in the audit trail, as the officer wrote it.
    expect((await api('GET', path)).json.audit).toContainEqual(
      expect.objectContaining({ kind: 'overridden', why: 'Ward reports a safeguarding concern; "nobody told us" quoted' }),
    );
    expect(await pagesAbout(id)).toHaveLength(1);
    expect(await emailsAbout(id)).toHaveLength(1);
    expect(system.bus.deadLetters()).toEqual([]);
  });

  it('a downgrade tells nobody', async () => {
    await post(visitorPost(`${PAGE_ID}_7070002`, 'Nobody has called me back about my complaint, really disappointed'));
    const id = `facebook:${PAGE_ID}_7070002`;
    const answer = await api('POST', `/interactions/${encodeURIComponent(id)}/override`, { priority: 'P3', reason: 'already resolved by phone' });
    expect(answer).toMatchObject({ status: 200, json: { outcome: 'written', interaction: { priority: 'P3' } } });
    expect(raisedFor(id)).toEqual([]);
    expect(await emailsAbout(id)).toEqual([]);
    expect(await pagesAbout(id)).toEqual([]);
  });
});
