import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { Pager } from '../core/ports';

/** SNS subjects: ASCII, no line breaks, at most 100 characters. */
function snsSubject(subject: string): string {
  return subject.replace(/[^\x20-\x7e]/gu, '-').slice(0, 100);
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
