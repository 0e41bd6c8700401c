import { sendWeeklyDigest } from '../../../functions/core/digest/send-weekly-digest';
import type { InteractionLog, LoggedInteractionSummary } from '../../../functions/core/ports';
import { RecordingEmail, RecordingPublisher, sequentialIds } from '../../support/in-memory';

const SETTINGS = {
  trustName: 'Example NHS Foundation Trust',
  timeZone: 'Europe/London',
  from: 'digest@example.nhs.uk',
  recipients: ['board@example.nhs.uk', 'chair@example.nhs.uk'],
};

const item = (over: Partial<LoggedInteractionSummary>): LoggedInteractionSummary => ({
  id: `facebook:${Math.random()}`,
  platform: 'facebook',
  channel: 'public_comment',
  receivedAt: '2026-11-24T10:00:00.000Z',
  ownAccount: false,
  category: 'general-question',
  priority: 'P3',
  ...over,
});

function setup(weeks: Record<string, LoggedInteractionSummary[]>) {
  const asked: string[] = [];
  const log: InteractionLog = {
    recordReceived: jest.fn(),
    recordAssessed: jest.fn(),
    listWeek: async (week) => {
      asked.push(week);
      return weeks[week] ?? [];
    },
  };
  const email = new RecordingEmail();
  const publisher = new RecordingPublisher();
  return { asked, email, publisher, deps: { log, email, publisher, newId: sequentialIds() } };
}

describe('sendWeeklyDigest', () => {
  it('on the Monday schedule reports the week that just ended, as a complete week', async () => {
    const { asked, email, deps } = setup({ '2026-W48': [item({}), item({ category: 'complaint', priority: 'P2' })] });
    const result = await sendWeeklyDigest({ trigger: 'schedule' }, '2026-11-30T08:00:00.000Z', SETTINGS, deps);
    expect(asked).toEqual(['2026-W48']);
    expect(result).toMatchObject({ week: '2026-W48', complete: true, messageId: 'test-1' });
    expect(email.sent[0]).toMatchObject({
      from: SETTINGS.from,
      to: SETTINGS.recipients,
      subject: 'Example NHS Foundation Trust: social media weekly digest, 2026-W48',
    });
  });

  it('counts inbound interactions by category and priority, leaving the trust’s own posts out', async () => {
    const { email, deps } = setup({
      '2026-W48': [
        item({ category: 'safeguarding', priority: 'P0' }),
        item({ category: 'complaint', priority: 'P2' }),
        item({ category: 'complaint', priority: 'P2' }),
        item({ category: 'own-post', priority: 'monitor', ownAccount: true }),
        item({ category: undefined, priority: undefined }),
      ],
    });
    const { figures } = await sendWeeklyDigest({ week: '2026-W48' }, '2026-12-01T09:00:00.000Z', SETTINGS, deps);
    expect(figures).toMatchObject({
      inbound: 4,
      ownPosts: 1,
      unassessed: 1,
      byCategory: { complaint: 2, safeguarding: 1 },
      byPriority: { P2: 2, P0: 1 },
    });
    const { text, html } = email.sent[0]!;
    expect(text).toContain('4 inbound interactions received; 1 at P0 and 0 at P1.');
    expect(text).toMatch(/Complaint \(signposted to PALS\): 2/);
    expect(text).toContain('1 interaction(s) not yet assessed');
    expect(html).toContain('<td style="padding: 4px 8px; border-bottom: 1px solid #d8dde0;">Safeguarding / risk to life</td>');
  });

  it('labels a week that has not ended as week to date', async () => {
    const { email, deps } = setup({});
    const result = await sendWeeklyDigest({ week: '2026-W48' }, '2026-11-26T14:00:00.000Z', SETTINGS, deps);
    expect(result.complete).toBe(false);
    expect(email.sent[0]?.subject).toMatch(/\(week to date\)$/);
    expect(email.sent[0]?.text).toContain('No inbound interactions were received this week.');
  });

  it('publishes WeeklyDigestSent with counts and the recipient count only', async () => {
    const { publisher, deps } = setup({ '2026-W48': [item({})] });
    await sendWeeklyDigest({ week: '2026-W48' }, '2026-11-30T08:00:00.000Z', SETTINGS, deps);
    const [sent] = publisher.ofType('WeeklyDigestSent');
    expect(sent?.detail.data).toEqual({
      week: '2026-W48',
      from: '2026-11-23T00:00:00.000Z',
      to: '2026-11-30T00:00:00.000Z',
      complete: true,
      messageId: 'test-1',
      recipientCount: 2,
      totals: { interactions: 1, byCategory: { 'general-question': 1 }, byPriority: { P3: 1 } },
    });
    expect(JSON.stringify(sent)).not.toContain('board@example.nhs.uk');
  });

  it('escapes category names from config in the HTML', async () => {
    const { email, deps } = setup({ '2026-W48': [item({ category: '<script>x</script>' })] });
    await sendWeeklyDigest({ week: '2026-W48' }, '2026-11-30T08:00:00.000Z', SETTINGS, deps);
    expect(email.sent[0]?.html).not.toContain('<script>');
    expect(email.sent[0]?.html).toContain('&lt;script&gt;');
  });
});
