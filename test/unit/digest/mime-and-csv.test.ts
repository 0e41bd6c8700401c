import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { simpleParser } from 'mailparser';
import { composeMime } from '../../../functions/adapters/mime-message';
import { SesEmailSender } from '../../../functions/adapters/ses-email-sender';
import { toCsv } from '../../../functions/core/digest/csv';
import { themesOf } from '../../../functions/core/digest/labels';
import { median, percentile } from '../../../functions/core/digest/stats';
import { buildFigures } from '../../../functions/core/digest/summarise';
import type { EmailMessage } from '../../../functions/core/ports';
import { weekRange } from '../../../functions/core/time/iso-week';
import { assess } from '../../../functions/core/matrix/assess';
import { defaultMatrix, interaction } from '../matrix/fixtures';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const message: EmailMessage = {
  from: 'digest@example.nhs.uk',
  to: ['board@example.nhs.uk', 'chair@example.nhs.uk'],
  subject: 'Example NHS Foundation Trust: social media weekly digest, 2026-W48 (23 to 29 November 2026)',
  html: '<html><body><p>Trend</p><img src="cid:trend" alt="Inbound per week"></body></html>',
  text: 'Inbound per week: 2026-W48 16 — Welsh: Iechyd',
  attachments: [
    { filename: 'trend.png', contentType: 'image/png', content: PNG, contentId: 'trend' },
    { filename: 'social-media-digest-2026-W48.csv', contentType: 'text/csv; charset=utf-8', content: new TextEncoder().encode('week,section\r\n2026-W48,listening\r\n') },
  ],
};

describe('composeMime (the raw message SES sends)', () => {
  it('parses back to the same subject, text, HTML, an inline image by Content-ID and the CSV attachment', async () => {
    const raw = await composeMime(message, { date: new Date('2026-11-30T08:00:00.000Z') });
    const parsed = await simpleParser(raw, { keepCidLinks: true });
    expect(parsed.subject).toBe(message.subject);
    expect(parsed.text?.trim()).toBe(message.text);
    expect(parsed.html).toContain('src="cid:trend"');
    expect(parsed.date?.toISOString()).toBe('2026-11-30T08:00:00.000Z');
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value.map((a) => a.address) : []).toEqual(message.to);
    const [image, csv] = parsed.attachments;
    expect(image).toMatchObject({ filename: 'trend.png', contentType: 'image/png', contentId: '<trend>', contentDisposition: 'inline', related: true });
    expect(new Uint8Array(image!.content)).toEqual(PNG);
    expect(csv).toMatchObject({ filename: 'social-media-digest-2026-W48.csv', contentType: 'text/csv', contentDisposition: 'attachment' });
    expect(csv!.content.toString('utf8')).toBe('week,section\r\n2026-W48,listening\r\n');
  });

  it('nests the parts as mail clients (Outlook included) expect: mixed > alternative > related', async () => {
    const raw = (await composeMime(message, { date: new Date('2026-11-30T08:00:00.000Z') })).toString('utf8');
    const order = ['multipart/mixed', 'multipart/alternative', 'text/plain', 'multipart/related', 'text/html', 'image/png', 'text/csv'].map((type) => raw.indexOf(`Content-Type: ${type}`));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});

describe('SesEmailSender', () => {
  const ses = mockClient(SESv2Client);
  beforeEach(() => ses.reset().on(SendEmailCommand).resolves({ MessageId: 'ses-1' }));

  it('sends a message with attachments as raw MIME', async () => {
    const sender = new SesEmailSender(new SESv2Client({ region: 'eu-west-2' }), () => new Date('2026-11-30T08:00:00.000Z'));
    await expect(sender.send(message)).resolves.toEqual({ messageId: 'ses-1' });
    const input = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
    expect(input.Destination).toEqual({ ToAddresses: message.to });
    expect(input.Content?.Simple).toBeUndefined();
    const parsed = await simpleParser(Buffer.from(input.Content!.Raw!.Data!));
    expect(parsed.attachments.map((a) => a.filename)).toEqual(['trend.png', 'social-media-digest-2026-W48.csv']);
  });

  it('keeps plain messages (owner-team notices) as simple content', async () => {
    const sender = new SesEmailSender(new SESv2Client({ region: 'eu-west-2' }));
    await sender.send({ ...message, attachments: undefined });
    const input = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
    expect(input.Content?.Raw).toBeUndefined();
    expect(input.Content?.Simple?.Subject?.Data).toBe(message.subject);
  });
});

describe('digest statistics and themes', () => {
  it.each([
    [[], undefined, undefined],
    [[7], 7, 7],
    [[1, 2, 3, 4], 2.5, 4],
    [[0, 10, 20, 30, 30, 45, 120, 120, 780], 30, 780],
    [Array.from({ length: 20 }, (_, i) => i + 1), 10.5, 18],
  ])('median and nearest-rank p90 of %j', (values, med, p90) => {
    expect(median(values)).toBe(med);
    expect(percentile(values, 90)).toBe(p90);
  });

  it('maps evidence to a closed list of themes: anything else, a name included, is dropped', () => {
    expect(themesOf(["phrase: 'waited'", "phrase: 'Still Waiting'", "phrase: 'rude'", "phrase: 'Jo Bloggs'", 'UK phone number', "phrase: 'hours' in a negative message"])).toEqual([
      'Waiting times',
      'Staff attitude',
    ]);
    expect(themesOf(['pattern 1 of rule "complaint-about-care"'])).toEqual(['Waiting times']);
    expect(themesOf(['pattern 1 of rule "spam-or-advertising"'])).toEqual([]);
    expect(themesOf([String.raw`pattern: /\b([2-9])\s*(hours?)\s+(wait)\b/`])).toEqual(['Waiting times']); // logged before patterns had names
    expect(themesOf(undefined)).toEqual([]);
  });

  it('reads the default matrix’s long-wait pattern (named by rule and position) as waiting times', () => {
    const evidence = assess(interaction('9 hours in A&E with my dad'), defaultMatrix, '2026-11-24T10:00:00Z').assessment.signals.map((s) => s.evidence);
    expect(evidence).toContain('pattern 1 of rule "complaint-about-care"');
    expect(themesOf(evidence)).toContain('Waiting times');
  });
});

describe('the CSV', () => {
  it('quotes what needs quoting and never lets a spreadsheet run a value as a formula', () => {
    const range = weekRange('2026-W48', 'Europe/London');
    const figures = buildFigures({
      week: '2026-W48',
      range,
      timeZone: 'Europe/London',
      now: '2026-11-30T08:00:00.000Z',
      items: [
        { id: 'a', platform: 'facebook', channel: 'public_comment', receivedAt: '2026-11-24T10:00:00.000Z', ownAccount: false, category: '=HYPERLINK("x")', priority: 'P3' },
        { id: 'b', platform: 'facebook', channel: 'public_comment', receivedAt: '2026-11-24T11:00:00.000Z', ownAccount: false, category: 'a,b', priority: 'P3' },
      ],
      health: [],
      previous: [],
    });
    const csv = toCsv(figures);
    expect(csv).toContain('2026-W48,listening,inbound,"category:=HYPERLINK(""x"")",1,0,,count\r\n');
    expect(csv).toContain('2026-W48,listening,inbound,"category:a,b",1,0,,count\r\n');
    // Not measured is blank, never zero.
    expect(csv).toContain('2026-W48,responsiveness,needs_reply,all,,,,count\r\n');
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
