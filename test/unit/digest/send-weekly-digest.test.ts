import {
  comparisonWeeks,
  DigestInDoubtError,
  DigestInProgressError,
  recipientsKeyOf,
  sendWeeklyDigest,
  type DigestDeps,
} from '../../../functions/core/digest/send-weekly-digest';
import type { EmailMessage, LoggedInteractionSummary } from '../../../functions/core/ports';
import { FakeRasteriser, MemoryDigestStore, MemoryHealthLog, MemoryWeekLog } from '../../support/digest';
import { RecordingEmail, RecordingPublisher, sequentialIds } from '../../support/in-memory';

const SETTINGS = {
  trustName: 'Example NHS Foundation Trust',
  timeZone: 'Europe/London',
  from: 'digest@example.nhs.uk',
  recipients: ['board@example.nhs.uk', 'chair@example.nhs.uk'],
};
const MONDAY = '2026-11-30T08:00:00.000Z';

let n = 0;
const item = (over: Partial<LoggedInteractionSummary> = {}): LoggedInteractionSummary => ({
  id: `facebook:${++n}`,
  platform: 'facebook',
  channel: 'public_comment',
  receivedAt: '2026-11-24T10:00:00.000Z',
  ownAccount: false,
  category: 'general-question',
  priority: 'P3',
  ...over,
});

function setup(weeks: Record<string, LoggedInteractionSummary[]> = {}) {
  const log = new MemoryWeekLog(weeks);
  const store = new MemoryDigestStore();
  const email = new RecordingEmail();
  const publisher = new RecordingPublisher();
  const rasteriser = new FakeRasteriser();
  const deps: DigestDeps = { log, health: new MemoryHealthLog(), store, email, publisher, rasteriser, newId: sequentialIds() };
  return { log, store, email, publisher, rasteriser, deps };
}

describe('sendWeeklyDigest', () => {
  it('on the Monday schedule reports the week that just ended, as a complete week, with the 4 weeks before', async () => {
    const { log, email, deps } = setup({ '2026-W48': [item(), item({ category: 'complaint', priority: 'P2' })] });
    const result = await sendWeeklyDigest({ trigger: 'schedule' }, MONDAY, SETTINGS, deps);
    expect(log.asked).toEqual(['2026-W48', '2026-W47', '2026-W46', '2026-W45', '2026-W44']);
    expect(result).toMatchObject({ week: '2026-W48', complete: true, status: 'sent', messageId: 'test-1' });
    expect(email.sent[0]).toMatchObject({ from: SETTINGS.from, to: SETTINGS.recipients, subject: 'Example NHS Foundation Trust: social media weekly digest, 2026-W48 (23 to 29 November 2026)' });
  });

  it('sends a raw message: inline chart PNGs by Content-ID, and the week’s figures as a CSV attachment', async () => {
    const { email, rasteriser, deps } = setup({ '2026-W48': [item({ sentiment: 'positive' })] });
    await sendWeeklyDigest({ week: '2026-W48' }, MONDAY, SETTINGS, deps);
    const { attachments, html } = email.sent[0]!;
    expect(attachments!.map((a) => [a.filename, a.contentType, a.contentId])).toEqual([
      ['trend.png', 'image/png', 'trend'],
      ['categories.png', 'image/png', 'categories'],
      ['sentiment.png', 'image/png', 'sentiment'],
      ['social-media-digest-2026-W48.csv', 'text/csv; charset=utf-8', undefined],
    ]);
    for (const id of ['trend', 'categories', 'sentiment']) expect(html).toContain(`src="cid:${id}"`);
    // Charts are rendered at twice their display width, for sharp screens.
    expect(rasteriser.calls.map((c) => c.width)).toEqual([1120, 1120, 1120]);
    expect(rasteriser.calls[0]!.svg).toMatch(/^<svg/);
  });

  it('sends once per week and recipient list: a retry finds it sent and sends nothing, publishes nothing more', async () => {
    const { email, publisher, deps } = setup({ '2026-W48': [item()] });
    const first = await sendWeeklyDigest({ trigger: 'schedule' }, MONDAY, SETTINGS, deps);
    const retry = await sendWeeklyDigest({ trigger: 'schedule' }, '2026-11-30T08:01:00.000Z', SETTINGS, deps);
    const manual = await sendWeeklyDigest({ week: '2026-W48' }, '2026-11-30T09:00:00.000Z', { ...SETTINGS, recipients: [...SETTINGS.recipients].reverse() }, deps);
    expect(first.status).toBe('sent');
    expect(retry).toMatchObject({ status: 'already-sent', messageId: first.messageId });
    expect(manual).toMatchObject({ status: 'already-sent', messageId: first.messageId });
    expect(email.sent).toHaveLength(1);
    expect(publisher.ofType('WeeklyDigestSent')).toHaveLength(1);
  });

  it('a different recipient list gets its own digest', async () => {
    const { email, deps } = setup({ '2026-W48': [item()] });
    await sendWeeklyDigest({ trigger: 'schedule' }, MONDAY, SETTINGS, deps);
    await sendWeeklyDigest({ trigger: 'schedule' }, MONDAY, { ...SETTINGS, recipients: ['audit-committee@example.nhs.uk'] }, deps);
    expect(email.sent.map((m) => m.to)).toEqual([SETTINGS.recipients, ['audit-committee@example.nhs.uk']]);
    expect(recipientsKeyOf(['B@x.nhs.uk', 'a@x.nhs.uk'])).toBe(recipientsKeyOf(['a@x.nhs.uk', 'b@x.nhs.uk']));
  });

  it('finishes a run that sent but failed to publish: the retry publishes WeeklyDigestSent and sends nothing', async () => {
    const { email, publisher, store, deps } = setup({ '2026-W48': [item()] });
    const failing = { ...deps, publisher: { publish: jest.fn().mockRejectedValue(new Error('PutEvents failed')) } };
    await expect(sendWeeklyDigest({ trigger: 'schedule' }, MONDAY, SETTINGS, failing)).rejects.toThrow('PutEvents failed');
    const retry = await sendWeeklyDigest({ trigger: 'schedule' }, '2026-11-30T08:01:00.000Z', SETTINGS, deps);
    expect(retry.status).toBe('already-sent');
    expect(email.sent).toHaveLength(1);
    expect(publisher.ofType('WeeklyDigestSent').map((e) => (e.detail.data as { messageId: string }).messageId)).toEqual(['test-1']);
    expect([...store.records.values()][0]).toMatchObject({ status: 'sent', published: true });
  });

  it('releases the claim when SES refuses, so the retry sends', async () => {
    const { email, deps } = setup({ '2026-W48': [item()] });
    const refusing = { ...deps, email: { send: jest.fn<Promise<{ messageId: string }>, [EmailMessage]>().mockRejectedValue(new Error('Throttling')) } };
    await expect(sendWeeklyDigest({ trigger: 'schedule' }, MONDAY, SETTINGS, refusing)).rejects.toThrow('Throttling');
    const retry = await sendWeeklyDigest({ trigger: 'schedule' }, '2026-11-30T08:01:00.000Z', SETTINGS, deps);
    expect(retry.status).toBe('sent');
    expect(email.sent).toHaveLength(1);
  });

  it('never sends while another attempt holds the claim, and never re-sends one whose outcome is unknown', async () => {
    const { email, store, deps } = setup({ '2026-W48': [item()] });
    const key = recipientsKeyOf(SETTINGS.recipients);
    await store.claim({ week: '2026-W48', recipientsKey: key, recipientCount: 2, attemptId: 'other', now: MONDAY, leaseUntil: '2026-11-30T08:03:00.000Z', resend: false });
    await expect(sendWeeklyDigest({ trigger: 'schedule' }, '2026-11-30T08:01:00.000Z', SETTINGS, deps)).rejects.toThrow(DigestInProgressError);
    // The other attempt died mid-send: SES may or may not have sent it. Only an operator's --resend may.
    await expect(sendWeeklyDigest({ trigger: 'schedule' }, '2026-11-30T08:10:00.000Z', SETTINGS, deps)).rejects.toThrow(DigestInDoubtError);
    expect(email.sent).toHaveLength(0);
    const resent = await sendWeeklyDigest({ week: '2026-W48', resend: true }, '2026-11-30T08:11:00.000Z', SETTINGS, deps);
    expect(resent.status).toBe('sent');
    expect(email.sent).toHaveLength(1);
  });

  it('re-sends a past week on request, and says so in the event', async () => {
    const { email, publisher, deps } = setup({ '2026-W48': [item()] });
    await sendWeeklyDigest({ trigger: 'schedule' }, MONDAY, SETTINGS, deps);
    const resent = await sendWeeklyDigest({ week: '2026-W48', resend: true }, '2026-12-02T10:00:00.000Z', SETTINGS, deps);
    expect(resent).toMatchObject({ status: 'sent', messageId: 'test-2' });
    expect(email.sent).toHaveLength(2);
    expect(publisher.ofType('WeeklyDigestSent').map((e) => [(e.detail.data as { messageId: string }).messageId, (e.detail.data as { resend?: boolean }).resend])).toEqual([
      ['test-1', undefined],
      ['test-2', true],
    ]);
  });

  it('previews without sending, claiming or publishing anything', async () => {
    const { email, publisher, store, deps } = setup({ '2026-W48': [item()] });
    const result = await sendWeeklyDigest({ week: '2026-W48', preview: true }, MONDAY, SETTINGS, deps);
    expect(result.status).toBe('preview');
    expect(result.preview).toMatchObject({ subject: expect.stringContaining('2026-W48'), html: expect.stringContaining('<html'), csv: expect.stringContaining('week,section') });
    expect(result.preview!.images.map((i) => i.filename)).toEqual(['trend.png', 'categories.png']);
    expect(email.sent).toHaveLength(0);
    expect(publisher.published).toHaveLength(0);
    expect(store.records.size).toBe(0);
  });

  it('labels a week that has not ended as week to date, and keeps no summary of it', async () => {
    const { email, store, deps } = setup({});
    const result = await sendWeeklyDigest({ week: '2026-W48' }, '2026-11-26T14:00:00.000Z', SETTINGS, deps);
    expect(result.complete).toBe(false);
    expect(email.sent[0]?.subject).toMatch(/\(week to date\)$/);
    expect(email.sent[0]?.text).toContain('THIS WEEK HAS NOT ENDED');
    expect(store.summaryWrites).not.toContain('2026-W48');
  });

  it('never lets a week-to-date digest use up the week: the scheduled digest of the whole week still goes out', async () => {
    const { email, store, deps } = setup({ '2026-W48': [item()] });
    const midweek = await sendWeeklyDigest({ week: '2026-W48' }, '2026-11-26T14:00:00.000Z', SETTINGS, deps);
    const again = await sendWeeklyDigest({ week: '2026-W48' }, '2026-11-27T09:00:00.000Z', SETTINGS, deps);
    expect([midweek.status, again.status]).toEqual(['sent', 'sent']);
    expect(store.records.size).toBe(0);
    const monday = await sendWeeklyDigest({ trigger: 'schedule' }, MONDAY, SETTINGS, deps);
    expect(monday).toMatchObject({ week: '2026-W48', complete: true, status: 'sent' });
    expect(email.sent.map((sent) => sent.subject.endsWith('(week to date)'))).toEqual([true, true, false]);
    expect((await sendWeeklyDigest({ trigger: 'schedule' }, MONDAY, SETTINGS, deps)).status).toBe('already-sent');
  });

  it('sends an honest digest for a week with no data, with connector health', async () => {
    const { email, deps } = setup({});
    const health = new MemoryHealthLog({
      '2026-W48': [{ platform: 'careopinion', status: 'credentials_rejected', signal: 'http-401', occurredAt: '2026-11-25T09:00:00.000Z' }],
    });
    const result = await sendWeeklyDigest({ week: '2026-W48' }, MONDAY, SETTINGS, { ...deps, health });
    expect(result.status).toBe('sent');
    const { text, attachments } = email.sent[0]!;
    expect(text).toContain("No messages reached the trust's accounts this week");
    expect(text).toContain('Data completeness: 0 of 1 platform delivered; silent all week: Care Opinion; connection problems: Care Opinion credentials rejected.');
    expect(text).toContain('Not yet measured: the log does not yet record replies.');
    expect(text).toContain('No assessed message this week.');
    // No category or sentiment chart for an empty week; the trend still shows the five weeks.
    expect(attachments!.map((a) => a.filename)).toEqual(['trend.png', 'social-media-digest-2026-W48.csv']);
  });

  it('says responsiveness is not measured, rather than zero, until the log records replies', async () => {
    const { email, deps } = setup({ '2026-W48': [item({ publicReply: 'yes', slaDueAt: '2026-11-26T17:00:00.000Z' })] });
    const { figures } = await sendWeeklyDigest({ week: '2026-W48' }, MONDAY, SETTINGS, deps);
    expect(figures.responsiveness).toMatchObject({ tracked: false, needsReply: 1, answered: 0 });
    expect(email.sent[0]!.text).toContain('Not yet measured: the log does not yet record replies.');
    expect(email.sent[0]!.html).not.toContain('Median first response');
  });

  it('publishes WeeklyDigestSent with counts and the recipient count only', async () => {
    const { publisher, deps } = setup({ '2026-W48': [item()] });
    await sendWeeklyDigest({ week: '2026-W48' }, MONDAY, SETTINGS, deps);
    const [sent] = publisher.ofType('WeeklyDigestSent');
    expect(sent?.detail.data).toEqual({
      week: '2026-W48',
      from: '2026-11-23T00:00:00.000Z',
      to: '2026-11-30T00:00:00.000Z',
      complete: true,
      messageId: 'test-1',
      recipientCount: 2,
      totals: { interactions: 1, byCategory: { 'general-question': 1 }, byPriority: { P3: 1 } },
      comparison: { lastWeek: 0, baselineWeeks: 0 },
      responsiveness: { tracked: false, needsReply: 0, answered: 0, backlogPastDue: 0 },
      safety: { p0: 0, p1: 0, safeguarding: 0, staffAbuse: 0, personalDataRemoved: 0, misinformation: 0 },
      sentiment: { positive: 0, neutral: 0, negative: 0 },
      completeness: { platformsDelivering: 1, platformsSilent: 0, connectionProblems: 0 },
    });
    expect(JSON.stringify(sent)).not.toContain('board@example.nhs.uk');
  });

  it('escapes category names from config everywhere they appear', async () => {
    const { email, deps } = setup({ '2026-W48': [item({ category: '<script>x</script>' })] });
    await sendWeeklyDigest({ week: '2026-W48' }, MONDAY, SETTINGS, deps);
    expect(email.sent[0]?.html).not.toContain('<script>');
    expect(email.sent[0]?.html).toContain('&lt;script&gt;');
  });
});

describe('the ISO week in Europe/London across the clock changes', () => {
  it('compares with the four weeks before, across a year boundary', () => {
    expect(comparisonWeeks('2027-W01', 'Europe/London')).toEqual(['2026-W53', '2026-W52', '2026-W51', '2026-W50']);
  });

  it('counts a BST Monday 00:30 and a GMT Sunday 23:30 in the week of the autumn change (2026-W43)', async () => {
    const { deps } = setup({
      '2026-W43': [
        item({ receivedAt: '2026-10-18T23:30:00.000Z' }), // Monday 19 October 00:30 BST
        item({ receivedAt: '2026-10-25T00:30:00.000Z' }), // Sunday 01:30 BST (before the change)
        item({ receivedAt: '2026-10-25T23:30:00.000Z' }), // Sunday 23:30 GMT
      ],
    });
    const { figures } = await sendWeeklyDigest({ week: '2026-W43' }, '2026-10-26T08:00:00.000Z', SETTINGS, deps);
    expect([figures.from, figures.to]).toEqual(['2026-10-18T23:00:00.000Z', '2026-10-26T00:00:00.000Z']);
    expect(figures.volume.byDay).toEqual([1, 0, 0, 0, 0, 0, 2]);
  });

  it('puts Monday 00:30 BST after the spring change on Monday (2027-W13)', async () => {
    const { deps } = setup({ '2027-W13': [item({ receivedAt: '2027-03-28T23:30:00.000Z' })] });
    const { figures } = await sendWeeklyDigest({ week: '2027-W13' }, '2027-04-05T08:00:00.000Z', SETTINGS, deps);
    // 2027-W13 runs from Monday 29 March 00:00 BST, which is 23:00 UTC on Sunday the 28th.
    expect(figures.from).toBe('2027-03-28T23:00:00.000Z');
    expect(figures.volume.byDay).toEqual([1, 0, 0, 0, 0, 0, 0]);
  });
});
