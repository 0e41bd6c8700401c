/**
 * Spike detection on the local system: interactions go through the bus (apply-response-matrix, then
 * count-interaction), detect-spikes runs with a fixed clock, notify-spike emails the owner team
 * through local SES. Real SDK clients against dynalite, the local bus and local SES.
 */
import { randomUUID } from 'node:crypto';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { InteractionReceived, type Interaction } from '../../events';
import { escalationRecipients, loadOrgConfig } from '../../infra/org-config';
import { LOCAL_CREDENTIALS } from '../../local/account';
import { listEmails } from '../../local/ses';
import type { LocalSystem } from '../../local/start';
import { startTestSystem, tableClient, tempDir } from './support';

/** Thursday 19 November 2026, 14:10 in London (GMT): a working day with four comparable ones before it. */
const NOW = '2026-11-19T14:10:00.000Z';
const EARLIER_WORKING_DAYS = ['2026-11-13', '2026-11-16', '2026-11-17', '2026-11-18'];
const TEXT = 'The car park barrier at the General is broken again, queue out onto the main road';

function interaction(n: number, receivedAt: string): Interaction {
  return {
    id: `facebook:spike-${n}`,
    platform: 'facebook',
    channel: 'public_comment',
    nativeId: `spike-${n}`,
    accountId: '1234567890321',
    author: { id: `person-${n}`, displayName: 'Jo Public' },
    text: TEXT,
    occurredAt: receivedAt,
    receivedAt,
    mediaKinds: [],
    flags: { edited: false, deleted: false, ownAccount: false, needsEnrichment: false, private: false },
  };
}

describe('spike detection through the local system', () => {
  const dir = tempDir('spikes');
  let system: LocalSystem;
  let events: EventBridgeClient;

  const send = async (data: Interaction) => {
    const detail = {
      metadata: { schemaVersion: 1, idempotencyKey: `InteractionReceived:${data.id}`, correlationId: randomUUID(), occurredAt: data.receivedAt },
      data,
    };
    InteractionReceived.detailSchema.parse(detail);
    const result = await events.send(
      new PutEventsCommand({ Entries: [{ EventBusName: system.busName, Source: InteractionReceived.source, DetailType: InteractionReceived.detailType, Detail: JSON.stringify(detail) }] }),
    );
    expect(result.FailedEntryCount).toBe(0);
  };
  const counters = async (day: string) =>
    (await tableClient(system).send(new QueryCommand({ TableName: system.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `SPIKECOUNT#${day}` } }))).Items ?? [];
  const spikeEmails = async () => (await listEmails(system.urls.ses)).filter((email) => email.subject.startsWith('[Spike]'));

  beforeAll(async () => {
    system = await startTestSystem(dir.path);
    events = new EventBridgeClient({ endpoint: system.urls.eventbridge, region: system.region, credentials: LOCAL_CREDENTIALS });
  }, 30_000);

  afterAll(async () => {
    events?.destroy();
    await system?.stop();
    dir.remove();
  });

  it('counts each interaction once, even when it is delivered twice', async () => {
    // History: one message at 13:20 on each of four earlier working days (counting began with the first).
    for (const [i, day] of EARLIER_WORKING_DAYS.entries()) await send(interaction(100 + i, `${day}T13:20:00.000Z`));
    // Now: twelve in the first minutes of the 14:00 bucket, and the first of them delivered again.
    for (let n = 0; n < 12; n += 1) await send(interaction(n, `2026-11-19T14:0${Math.floor(n / 2)}:30.000Z`));
    await send(interaction(0, '2026-11-19T14:00:30.000Z'));
    await system.bus.idle();

    const today = await counters('2026-11-19');
    const overall = today.find((item) => item.sk === '2026-11-19T14:00:00.000Z#overall:all');
    expect(overall?.n).toBe(12);
    expect(today.filter((item) => item.seriesKind === 'category').map((item) => item.n)).toEqual([12]);
    expect((await counters('2026-11-16')).find((item) => item.seriesKind === 'overall')?.n).toBe(1);
    expect(system.bus.deadLetters()).toEqual([]);
  }, 60_000);

  it('detect-spikes publishes each spike once and notify-spike emails the owner once', async () => {
    const first = (await system.invokeScheduled('detect-spikes', { trigger: 'schedule', at: NOW })) as { published: string[]; baselineWindows: number };
    expect(first.baselineWindows).toBe(4);
    expect(first.published.sort()).toEqual([expect.stringMatching(/^category:[a-z-]+:2026-11-19T13:15:00.000Z$/), 'overall:all:2026-11-19T13:15:00.000Z']);
    // The next run, and a run a few minutes later (same window, then cooldown), publish nothing new.
    expect(((await system.invokeScheduled('detect-spikes', { trigger: 'schedule', at: NOW })) as { published: string[] }).published).toEqual([]);
    expect(((await system.invokeScheduled('detect-spikes', { trigger: 'schedule', at: '2026-11-19T14:20:00.000Z' })) as { published: string[] }).published).toEqual([]);
    await system.bus.idle();

    const published = system.bus.archived().filter((event) => event['detail-type'] === 'SpikeDetected');
    expect(published).toHaveLength(2);
    const emails = await spikeEmails();
    expect(emails).toHaveLength(2);
    const overall = emails.find((email) => email.subject.includes('All inbound messages'))!;
    const recipients = escalationRecipients(loadOrgConfig()) as Record<string, string[]>;
    expect(overall.destination.to).toEqual(recipients['comms-lead'] ?? recipients.default);
    expect(overall.subject).toContain('12 messages in 60 minutes');
    // Counts and common words only: no message text, no author.
    const body = `${overall.subject}\n${overall.body.text}\n${overall.body.html}`;
    expect(body).not.toContain(TEXT);
    expect(body).not.toContain('Jo Public');
    expect(body).not.toContain('person-');

    // A redelivery of SpikeDetected (a new delivery of the same spike) emails nobody again.
    const again = published[0]!;
    await events.send(
      new PutEventsCommand({
        Entries: [{ EventBusName: system.busName, Source: again.source, DetailType: again['detail-type'], Detail: JSON.stringify({ ...(again.detail as object), metadata: { ...(again.detail as { metadata: object }).metadata, correlationId: randomUUID() } }) }],
      }),
    );
    await system.bus.idle();
    expect(await spikeEmails()).toHaveLength(2);
    expect(system.bus.deadLetters()).toEqual([]);
  }, 60_000);
});
