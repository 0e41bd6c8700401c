import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { Pager } from '../core/ports';

/** SNS refuses a subject of 100 characters or more (and any non-ASCII or control character). */
export const SNS_SUBJECT_MAX = 99;

/**
 * A subject SNS accepts: printable ASCII only (an em dash becomes "-"), and a long one cut at the last
 * word that fits, with "..." so on-call sees it was cut, never mid-word ("(page on-call comms and").
 */
export function snsSubject(subject: string): string {
  const ascii = subject.replace(/[^\x20-\x7e]/gu, '-').replace(/ {2,}/gu, ' ').trim();
  if (ascii.length <= SNS_SUBJECT_MAX) return ascii;
  const room = ascii.slice(0, SNS_SUBJECT_MAX - 3 + 1);
  const lastSpace = room.lastIndexOf(' ');
  // A word boundary only if it keeps most of the room (one endless word is cut where it must be).
  const cut = lastSpace > SNS_SUBJECT_MAX / 2 ? room.slice(0, lastSpace) : room.slice(0, SNS_SUBJECT_MAX - 3);
  // No dangling separator or opening bracket before the ellipsis.
  return `${cut.replace(/[\s\-:;,(\[]+$/u, '')}...`;
}

/** Pages on-call by publishing to the paging topic; ops subscribe phones, email or a paging service to it. */
export class SnsPager implements Pager {
  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
  ) {}

  async page(message: { subject: string; text: string }): Promise<{ messageId: string }> {
    const result = await this.client.send(
      new PublishCommand({ TopicArn: this.topicArn, Subject: snsSubject(message.subject), Message: message.text }),
    );
    if (!result.MessageId) throw new Error('SNS accepted the message without a MessageId');
    return { messageId: result.MessageId };
  }
}
