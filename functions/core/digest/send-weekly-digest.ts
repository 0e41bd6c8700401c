import { z } from 'zod';
import { WeeklyDigestSent } from '../../../events';
import type { EmailSender, EventPublisher, InteractionLog } from '../ports';
import { previousWeek, weekRange } from '../time/iso-week';
import { renderDigest } from './render';
import { summariseWeek, type DigestFigures } from './summarise';

/** The scheduled run reports the last complete week; an operator may ask for any week. */
export const digestRequestSchema = z.union([
  z.object({ trigger: z.literal('schedule') }),
  z.object({ week: z.string().regex(/^\d{4}-W\d{2}$/, 'week must look like 2026-W48') }),
]);
export type DigestRequest = z.infer<typeof digestRequestSchema>;

export interface DigestSettings {
  trustName: string;
  timeZone: string;
  from: string;
  recipients: string[];
}

export interface DigestDeps {
  log: InteractionLog;
  email: EmailSender;
  publisher: EventPublisher;
  newId: () => string;
}

export interface DigestResult {
  week: string;
  complete: boolean;
  messageId: string;
  figures: DigestFigures;
}

export async function sendWeeklyDigest(
  request: DigestRequest,
  now: string,
  settings: DigestSettings,
  deps: DigestDeps,
): Promise<DigestResult> {
  const week = 'week' in request ? request.week : previousWeek(now, settings.timeZone);
  const range = weekRange(week, settings.timeZone);
  const complete = now >= range.to;
  const figures = summariseWeek(week, await deps.log.listWeek(week));
  const rendered = renderDigest(figures, { trustName: settings.trustName, timeZone: settings.timeZone, range, complete });
  const { messageId } = await deps.email.send({ from: settings.from, to: settings.recipients, ...rendered });

  await deps.publisher.publish([
    {
      contract: WeeklyDigestSent,
      detail: {
        metadata: {
          schemaVersion: WeeklyDigestSent.schemaVersion,
          idempotencyKey: `WeeklyDigestSent:${week}:${messageId}`,
          correlationId: deps.newId(),
          occurredAt: now,
        },
        data: {
          week,
          from: range.from,
          to: range.to,
          complete,
          messageId,
          recipientCount: settings.recipients.length,
          totals: { interactions: figures.inbound, byCategory: figures.byCategory, byPriority: figures.byPriority },
        },
      },
    },
  ]);
  return { week, complete, messageId, figures };
}
