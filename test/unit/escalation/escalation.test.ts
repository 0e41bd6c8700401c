import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EscalationRaised, InteractionAssessed, InteractionReceived } from '../../../events';
import { notifyOwner, renderEscalation } from '../../../functions/core/escalation/notify-owner';
import type { Pager } from '../../../functions/core/ports';
import { assessInteraction } from '../../../functions/core/triage/assess-interaction';
import { RecordingEmail } from '../../support/in-memory';
import { defaultMatrix, interaction, TUESDAY_MORNING } from '../matrix/fixtures';

const SAMPLES = join(__dirname, '..', '..', '..', 'events', 'samples');
const sample = (name: string) => JSON.parse(readFileSync(join(SAMPLES, `${name}.json`), 'utf8')) as { detail: unknown };

class RecordingPager implements Pager {
  readonly pages: Array<{ subject: string; text: string }> = [];
  async page(message: { subject: string; text: string }) {
    this.pages.push(message);
    return { messageId: `page-${this.pages.length}` };
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

  it('pages on-call for P0 and emails the owner team', async () => {
    const email = new RecordingEmail();
    const pager = new RecordingPager();
    const result = await notifyOwner(escalation, settings, { email, pager });
    expect(result).toEqual({ to: ['duty@example.nhs.uk'], messageId: 'test-1', paged: true });
    expect(pager.pages).toHaveLength(1);
    expect(email.sent[0]).toMatchObject({ from: 'alerts@example.nhs.uk', to: ['duty@example.nhs.uk'] });
    expect(email.sent[0]!.subject).toMatch(/^\[P0\] Clinical question: Duty social officer/);
  });

  it('does not page below P0, and falls back to the default recipients', async () => {
    const email = new RecordingEmail();
    const pager = new RecordingPager();
    const p1 = { ...escalation, priority: 'P1' as const, page: false, ownerTeam: 'press-office' };
    const result = await notifyOwner(p1, settings, { email, pager });
    expect(result).toMatchObject({ to: ['team@example.nhs.uk'], paged: false });
    expect(pager.pages).toEqual([]);
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
});
