import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { EmailMessage, EmailSender } from '../core/ports';
import { composeMime } from './mime-message';

/**
 * SES v2 SendEmail. A message with attachments (inline chart images, a CSV) goes as a raw MIME message
 * built by composeMime; a plain one as SES's Simple content.
 */
export class SesEmailSender implements EmailSender {
  constructor(
    private readonly client: SESv2Client,
    /** The Date header of raw messages; the caller's clock. */
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async send(message: EmailMessage): Promise<{ messageId: string }> {
    const content = message.attachments?.length
      ? { Raw: { Data: await composeMime(message, { date: this.clock() }) } }
      : {
          Simple: {
            Subject: { Data: message.subject, Charset: 'UTF-8' },
            Body: {
              Html: { Data: message.html, Charset: 'UTF-8' },
              Text: { Data: message.text, Charset: 'UTF-8' },
            },
          },
        };
    const result = await this.client.send(
      new SendEmailCommand({ FromEmailAddress: message.from, Destination: { ToAddresses: message.to }, Content: content }),
    );
    if (!result.MessageId) throw new Error('SES accepted the message without a MessageId');
    return { messageId: result.MessageId };
  }
}
