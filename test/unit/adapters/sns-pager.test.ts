/**
 * The SNS pager: a subject SNS accepts (printable ASCII, under 100 characters), cut at a word with "..."
 * when the team's name makes it long, so on-call never reads a phrase cut in half.
 */
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { SNS_SUBJECT_MAX, SnsPager, snsSubject } from '../../../functions/adapters/sns-pager';

// The escalation subject notify-owner renders for the default matrix's P0 safeguarding team.
const P0_SAFEGUARDING = '[P0] Safeguarding: Duty social officer and safeguarding lead (page on-call comms and clinical) — Example NHS Foundation Trust';

describe('SnsPager', () => {
  const sns = mockClient(SNSClient);
  beforeEach(() => sns.reset());

  it('publishes a long P0 subject cut at a word boundary with an ellipsis, and the whole text as the message', async () => {
    // Prepare
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });

    // Act
    const result = await new SnsPager(new SNSClient({}), 'arn:aws:sns:eu-west-2:111111111111:paging').page({ subject: P0_SAFEGUARDING, text: 'details' });

    // Assess
    expect(result).toEqual({ messageId: 'm-1' });
    const input = sns.commandCalls(PublishCommand)[0]!.args[0].input;
    expect(input).toMatchObject({ TopicArn: 'arn:aws:sns:eu-west-2:111111111111:paging', Message: 'details' });
    expect(input.Subject).toBe('[P0] Safeguarding: Duty social officer and safeguarding lead (page on-call comms and clinical)...');
  });

  it('refuses an answer without a MessageId', async () => {
    sns.on(PublishCommand).resolves({});
    await expect(new SnsPager(new SNSClient({}), 'arn:topic').page({ subject: 's', text: 't' })).rejects.toThrow(/without a MessageId/u);
  });
});

describe('snsSubject', () => {
  it('keeps a short subject whole, with non-ASCII characters made ASCII', () => {
    expect(snsSubject('[P0] Safeguarding — on-call')).toBe('[P0] Safeguarding - on-call');
  });

  it.each([
    ['a long team name', P0_SAFEGUARDING],
    ['many short words', `[P0] ${'word '.repeat(40)}`],
    ['a separator at the cut', `[P1] ${'a'.repeat(88)} - ${'b'.repeat(20)}`],
    ['an opening bracket at the cut', `[P1] ${'a'.repeat(89)} (${'b'.repeat(20)})`],
    ['one endless word', `[P0] ${'x'.repeat(200)}`],
  ])('cuts %s to under 100 ASCII characters, at a word, ending "...", still starting [P', (_case, subject) => {
    const cut = snsSubject(subject);
    expect(cut.length).toBeLessThanOrEqual(SNS_SUBJECT_MAX);
    expect(cut).toMatch(/^\[P[0-3]\] /u);
    expect(cut).toMatch(/^[\x20-\x7e]+$/u);
    expect(cut).toMatch(/[^\s\-(:]\.\.\.$/u);
    // What is kept ends where a word of the original ended (or the original had no break to cut at).
    const kept = cut.slice(0, -3);
    const original = subject.replace(/[^\x20-\x7e]/gu, '-');
    expect(original.startsWith(kept)).toBe(true);
    if (/ /u.test(original.slice(5, SNS_SUBJECT_MAX))) expect(original.charAt(kept.length)).toMatch(/[\s\-(]/u);
  });
});
