import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EscalationRaised, InteractionAssessed, InteractionReceived } from '../../../events';
import { NOTICE_LEASE_MINUTES, notifyOwner, renderEscalation } from '../../../functions/core/escalation/notify-owner';
import type { EmailMessage, Pager } from '../../../functions/core/ports';
import { assessInteraction } from '../../../functions/core/triage/assess-interaction';
import { MemoryEscalationNotices, RecordingEmail } from '../../support/in-memory';
import { defaultMatrix, interaction, TUESDAY_MORNING } from '../matrix/fixtures';

const SAMPLES = join(__dirname, '..', '..', '..', 'events', 'samples');
const sample = (name: string) => JSON.parse(readFileSync(join(SAMPLES, `${name}.json`), 'utf8')) as { detail: unknown };

class RecordingPager implements Pager {
  readonly pages: Array<{ subject: string; text: string }> = [];
  /** Throws on the next N pages, as an SNS outage would. */
  failNext = 0;
  async page(message: { subject: string; text: string }) {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('SNS unavailable');
    }
    this.pages.push(message);
    return { messageId: `page-${this.pages.length}` };
  }
}

class FlakyEmail extends RecordingEmail {
  /** Throws on the next N sends, as an SES outage would. */
  failNext = 0;
  override async send(message: EmailMessage) {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('SES unavailable');
    }
    return super.send(message);
  }
}

const received = (text: string, permalink?: string) => ({
  metadata: { schemaVersion: 1, idempotencyKey: 'k', correlationId: 'corr-1', occurredAt: TUESDAY_MORNING },
  data: interaction(text, { permalink, author: { id: 'u-1', handle: 'jo_bloggs', displayName: 'Jo Bloggs' } }),
});

describe('assessInteraction: EscalationRaised', () => {
  it.each([
    ['I want to end it all. My NHS number is 943 476 5919', 'safeguarding', 'P0', true],
    ['the receptionist is a useless cow', 'abuse-or-threat', 'P1', false],
    ['my solicitor has the details', 'formal-complaint', 'P2', false],
  ])('%j -> %s %s (page %s), with no message text or author', (text, category, priority, page) => {
    const { events } = assessInteraction(received(text, 'https://facebook.com/p/1'), defaultMatrix, TUESDAY_MORNING);
    expect(events.map((e) => e.contract.detailType)).toEqual(['InteractionAssessed', 'EscalationRaised']);
    const escalation = EscalationRaised.detailSchema.parse(events[1]!.detail);
    expect(escalation.data).toMatchObject({ category, priority, page, permalink: 'https://facebook.com/p/1' });
    expect(escalation.metadata.correlationId).toBe('corr-1');
    const serialised = JSON.stringify(escalation);
    for (const secret of [text, '943 476 5919', 'Jo Bloggs', 'jo_bloggs', 'u-1', 'useless cow']) expect(serialised).not.toContain(secret);
  });

  it('publishes only InteractionAssessed when nobody needs telling now', () => {
    const { events } = assessInteraction(received('thank you ward 7'), defaultMatrix, TUESDAY_MORNING);
    expect(events.map((e) => e.contract.detailType)).toEqual(['InteractionAssessed']);
    expect(() => InteractionAssessed.detailSchema.parse(events[0]!.detail)).not.toThrow();
  });

  it('the InteractionReceived sample assesses into valid events', () => {
    const detail = InteractionReceived.detailSchema.parse(sample('InteractionReceived').detail);
    const { events } = assessInteraction(detail, defaultMatrix, TUESDAY_MORNING);
    for (const event of events) expect(() => event.contract.detailSchema.parse(event.detail)).not.toThrow();
  });
});

describe('notifyOwner', () => {
  const settings = {
    trustName: 'Example NHS Foundation Trust',
    timeZone: 'Europe/London',
    from: 'alerts@example.nhs.uk',
    recipients: { default: ['team@example.nhs.uk'], 'duty-social': ['duty@example.nhs.uk'], security: ['security@example.nhs.uk'] },
  };
  const escalation = EscalationRaised.detailSchema.parse(sample('EscalationRaised').detail).data;

  const NOW = '2026-11-24T10:15:04.000Z';
  const delivery = { correlationId: 'corr-1', now: NOW };
  const setup = () => {
    const email = new FlakyEmail();
    const pager = new RecordingPager();
    const notices = new MemoryEscalationNotices();
    return { email, pager, notices, deps: { email, pager, notices } };
  };
  const minutesAfter = (minutes: number) => new Date(Date.parse(NOW) + minutes * 60_000).toISOString();

  it('pages on-call for P0 and emails the owner team', async () => {
    const { email, pager, deps } = setup();
    const result = await notifyOwner(escalation, delivery, settings, deps);
    expect(result).toEqual({ outcome: 'sent', to: ['duty@example.nhs.uk'], messageId: 'test-1', paged: true });
    expect(pager.pages).toHaveLength(1);
    expect(email.sent[0]).toMatchObject({ from: 'alerts@example.nhs.uk', to: ['duty@example.nhs.uk'] });
    expect(email.sent[0]!.subject).toMatch(/^\[P0\] Clinical question: Duty social officer/);
  });

  it('does not page below P0, and falls back to the default recipients', async () => {
    const { pager, deps } = setup();
    const p1 = { ...escalation, priority: 'P1' as const, page: false, ownerTeam: 'press-office' };
    const result = await notifyOwner(p1, delivery, settings, deps);
    expect(result).toMatchObject({ outcome: 'sent', to: ['team@example.nhs.uk'], paged: false });
    expect(pager.pages).toEqual([]);
  });

  describe('at most once per interaction and level', () => {
    it('sends nothing for a second delivery: a retry, a redrive, a replay or a duplicate webhook delivery', async () => {
      const { email, pager, notices, deps } = setup();
      await notifyOwner(escalation, delivery, settings, deps);
      // The same delivery again (retry, redrive, replay), then a duplicate delivery (a new correlationId), later on.
      const again = await notifyOwner(escalation, { correlationId: 'corr-1', now: minutesAfter(1) }, settings, deps);
      const duplicate = await notifyOwner(escalation, { correlationId: 'corr-2', now: minutesAfter(60) }, settings, deps);
      for (const result of [again, duplicate]) expect(result).toEqual({ outcome: 'already-sent', to: ['duty@example.nhs.uk'], messageId: 'test-1', paged: true });
      expect(pager.pages).toHaveLength(1);
      expect(email.sent).toHaveLength(1);
      expect([...notices.notices.entries()]).toEqual([
        [
          `INT#${escalation.interactionId}|NOTIFIED#P0`,
          expect.objectContaining({ status: 'sent', owner: 'corr-1', pageMessageId: 'page-1', messageId: 'test-1', sentAt: NOW }),
        ],
      ]);
    });

    it('sends five deliveries at once as one page and one email', async () => {
      const { email, pager, deps } = setup();
      const results = await Promise.all(
        [1, 2, 3, 4, 5].map((n) => notifyOwner(escalation, { correlationId: `corr-${n}`, now: NOW }, settings, deps)),
      );
      expect(results.map((r) => r.outcome).sort()).toEqual(['in-progress', 'in-progress', 'in-progress', 'in-progress', 'sent']);
      expect(pager.pages).toHaveLength(1);
      expect(email.sent).toHaveLength(1);
    });

    it('tells each level once: a P1 then a P0 for the same interaction are two notices', async () => {
      const { email, pager, deps } = setup();
      const p1 = { ...escalation, priority: 'P1' as const, page: false };
      await notifyOwner(p1, delivery, settings, deps);
      await notifyOwner(escalation, { correlationId: 'corr-2', now: NOW }, settings, deps);
      await notifyOwner(p1, { correlationId: 'corr-3', now: NOW }, settings, deps);
      expect(email.sent.map((m) => m.subject.slice(0, 4))).toEqual(['[P1]', '[P0]']);
      expect(pager.pages).toHaveLength(1);
    });

    it('keeps the claim pending when the email fails after the page, and the retry emails without paging again', async () => {
      const { email, pager, notices, deps } = setup();
      email.failNext = 1;
      await expect(notifyOwner(escalation, delivery, settings, deps)).rejects.toThrow('SES unavailable');
      expect(pager.pages).toHaveLength(1);
      expect([...notices.notices.values()]).toEqual([expect.objectContaining({ status: 'pending', owner: 'corr-1', pageMessageId: 'page-1' })]);

      // Another delivery meanwhile finds it in progress and sends nothing.
      await expect(notifyOwner(escalation, { correlationId: 'corr-2', now: minutesAfter(1) }, settings, deps)).resolves.toEqual({
        outcome: 'in-progress',
        to: ['duty@example.nhs.uk'],
        paged: true,
      });
      // The retry of the failed delivery continues its own claim at once.
      const retry = await notifyOwner(escalation, { correlationId: 'corr-1', now: minutesAfter(1) }, settings, deps);
      expect(retry).toEqual({ outcome: 'sent', to: ['duty@example.nhs.uk'], messageId: 'test-1', paged: true });
      expect(pager.pages).toHaveLength(1);
      expect(email.sent).toHaveLength(1);
    });

    it('keeps the claim pending when the page fails (nothing sent), and the retry pages then emails', async () => {
      const { email, pager, notices, deps } = setup();
      pager.failNext = 1;
      await expect(notifyOwner(escalation, delivery, settings, deps)).rejects.toThrow('SNS unavailable');
      expect(email.sent).toEqual([]);
      expect([...notices.notices.values()]).toEqual([expect.objectContaining({ status: 'pending', owner: 'corr-1' })]);
      expect([...notices.notices.values()][0]!.pageMessageId).toBeUndefined();

      await expect(notifyOwner(escalation, delivery, settings, deps)).resolves.toMatchObject({ outcome: 'sent', paged: true });
      expect(pager.pages).toHaveLength(1);
      expect(email.sent).toHaveLength(1);
    });

    it(`lets another delivery take over a claim left pending for more than ${NOTICE_LEASE_MINUTES} minutes, without paging twice`, async () => {
      const { email, pager, deps } = setup();
      email.failNext = 3; // the first delivery and both its retries fail to email: it is dead-lettered
      for (let attempt = 0; attempt < 3; attempt++) await expect(notifyOwner(escalation, delivery, settings, deps)).rejects.toThrow();
      expect(pager.pages).toHaveLength(1);

      const early = await notifyOwner(escalation, { correlationId: 'corr-2', now: minutesAfter(NOTICE_LEASE_MINUTES) }, settings, deps);
      expect(early.outcome).toBe('in-progress');
      const late = await notifyOwner(escalation, { correlationId: 'corr-2', now: minutesAfter(NOTICE_LEASE_MINUTES + 1) }, settings, deps);
      expect(late).toMatchObject({ outcome: 'sent', paged: true, messageId: 'test-1' });
      expect(pager.pages).toHaveLength(1);
      expect(email.sent).toHaveLength(1);
    });

    it('claims nothing when the team has no recipients, so a fixed config still sends', async () => {
      const { notices, deps } = setup();
      const noRecipients = { ...settings, recipients: { security: ['security@example.nhs.uk'] } };
      await expect(notifyOwner(escalation, delivery, noRecipients, deps)).rejects.toThrow(/no escalation recipients/);
      expect(notices.notices.size).toBe(0);
    });
  });

  describe('a monitor-only decision flagged for the comms lead (pre-election period)', () => {
    /** Tuesday 14 April 2026: inside the default matrix's 2026 pre-election periods. */
    const DURING = '2026-04-14T10:00:00Z';
    const raisedFor = (text: string, ownAccount = false) => {
      const detail = {
        metadata: { schemaVersion: 1, idempotencyKey: 'k', correlationId: 'corr-1', occurredAt: DURING },
        data: interaction(text, { receivedAt: DURING, occurredAt: DURING, permalink: 'https://facebook.com/p/2', flags: { ownAccount } }),
      };
      const raised = assessInteraction(detail, defaultMatrix, DURING).events.find((event) => event.contract === EscalationRaised);
      return EscalationRaised.detailSchema.parse(raised!.detail).data;
    };

    it('emails the comms lead that political content is flagged, monitor only, and never pages', async () => {
      const political = raisedFor('Vote Reform to fix the NHS');
      expect(political).toMatchObject({ priority: 'monitor', page: false, ownerTeam: 'comms-lead', slaDueAt: null });
      const { email, pager, deps } = setup();

      const result = await notifyOwner(political, { correlationId: 'corr-1', now: DURING }, { ...settings, recipients: { 'comms-lead': ['lead@example.nhs.uk'] } }, deps);

      expect(result).toEqual({ outcome: 'sent', to: ['lead@example.nhs.uk'], messageId: 'test-1', paged: false });
      expect(pager.pages).toEqual([]);
      const [sent] = email.sent;
      expect(sent!.subject).toBe('Flagged for Comms lead: political content during the pre-election period (monitor only) — Example NHS Foundation Trust');
      expect(sent!.text).toMatch(/^Example NHS Foundation Trust: a social media post is flagged for Comms lead\. It is monitor-only: no reply is due and no deadline runs\./);
      expect(sent!.text).toContain('Priority: monitor only (no reply due)');
      expect(sent!.text).toContain('Due: no deadline (monitor only)');
      expect(sent!.text).toMatch(/Why you are told: pre-election period \(Senedd Cymru and Scottish Parliament elections 2026\): political content is monitor-only/);
      expect(sent!.text).toMatch(/What to do: Pre-election period: monitor only/);
      expect(sent!.html).toContain('is flagged for Comms lead. It is monitor-only');
      for (const part of [sent!.subject, sent!.text, sent!.html]) {
        expect(part).not.toMatch(/\[monitor\]|\bP[0-3]\b|needs Comms lead/);
        expect(part).not.toContain('Vote Reform');
      }
    });

    it("says the trust's own post is flagged when it reads as an announcement", () => {
      const announcement = raisedFor('We are delighted to announce a new service for families at the General!', true);
      expect(announcement).toMatchObject({ priority: 'monitor', page: false, category: 'own-post' });
      expect(renderEscalation(announcement, settings).subject).toBe(
        "Flagged for Comms lead: the trust's own post during the pre-election period (monitor only) — Example NHS Foundation Trust",
      );
    });

    it('never pages for monitor-only content, even when a matrix lists monitor among the priorities that page', async () => {
      const { pager, deps } = setup();
      const listed = { ...raisedFor('Vote Reform to fix the NHS'), page: true };
      await expect(notifyOwner(listed, delivery, settings, deps)).resolves.toMatchObject({ outcome: 'sent', paged: false });
      expect(pager.pages).toEqual([]);
    });

    it('knows pre-election content by the decision\'s flags, and by its reasons on events published before flags were carried', () => {
      const base = { ...escalation, priority: 'monitor' as const, page: false, slaDueAt: null, owner: 'Comms lead', category: 'political' };
      const byFlag = { ...base, reasons: ['the comms lead is told'], flags: ['pre-election-period'] };
      const olderEvent = { ...base, reasons: ['pre-election period (Local elections): political content is monitor-only'] };
      const flaggedOtherwise = { ...base, reasons: ['pre-election period (Local elections): political content is monitor-only'], flags: ['personal-data'] };
      expect(renderEscalation(byFlag, settings).subject).toContain('during the pre-election period');
      expect(renderEscalation(olderEvent, settings).subject).toContain('during the pre-election period');
      expect(renderEscalation(flaggedOtherwise, settings).subject).not.toContain('pre-election');
    });

    it('flags other monitor-only decisions without the pre-election wording', () => {
      const told = { ...escalation, priority: 'monitor' as const, page: false, slaDueAt: null, owner: 'Press office', category: 'media-enquiry', reasons: ['Press office asked to hear about every decision it owns'] };
      expect(renderEscalation(told, settings).subject).toBe('Flagged for Press office: media enquiry (monitor only) — Example NHS Foundation Trust');
    });
  });

  it('says what to do, by when and where, and never includes the message', () => {
    const message = renderEscalation(escalation, settings);
    expect(message.text).toMatch(/What to do: Emergency words/);
    expect(message.text).toMatch(/Due: Tue 24 Nov 2026, 10:30 GMT/);
    expect(message.text).toContain(escalation.permalink!);
    expect(message.text).toMatch(/The message itself is not included/);
    expect(message.html).toContain('<a href="https://www.facebook.com/');
    expect(`${message.text}${message.html}${message.subject}`).not.toMatch(/struggling to breathe, should we/);
  });

  it('points to the triage console, linking the item when its address is known (CONSOLE_URL)', () => {
    expect(renderEscalation(escalation, settings).text).toContain('open it on the platform or in the triage console.');
    const linked = renderEscalation(escalation, { ...settings, consoleUrl: 'https://social.example.nhs.uk/console/' });
    const link = `https://social.example.nhs.uk/console/#/interactions/${encodeURIComponent(escalation.interactionId)}`;
    expect(linked.text).toContain(`in the triage console: ${link}.`);
    expect(linked.html).toContain(`<a href="${link}">open it</a>`);
  });
});
