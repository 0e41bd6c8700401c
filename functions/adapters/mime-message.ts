import MailComposer from 'nodemailer/lib/mail-composer';
import type { EmailMessage } from '../core/ports';

/**
 * One email as a raw MIME message (RFC 5322), built with nodemailer's MailComposer:
 *   multipart/mixed
 *     multipart/alternative
 *       text/plain                      the text twin
 *       multipart/related
 *         text/html                     shows its images as cid:<id>
 *         image/png  Content-ID <id>    inline (Content-Disposition: inline)
 *     text/csv                          attached files
 * `date` is passed in (no clock here) so the same message is built the same way in tests.
 */
export async function composeMime(message: EmailMessage, options: { date: Date; messageId?: string }): Promise<Buffer> {
  const attachments = (message.attachments ?? []).map((attachment) => ({
    filename: attachment.filename,
    contentType: attachment.contentType,
    content: Buffer.from(attachment.content),
    ...(attachment.contentId ? { cid: attachment.contentId, contentDisposition: 'inline' as const } : {}),
  }));
  const composer = new MailComposer({
    from: message.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    attachments,
    date: options.date,
    ...(options.messageId ? { messageId: options.messageId } : {}),
    textEncoding: 'quoted-printable',
  });
  return composer.compile().build();
}
