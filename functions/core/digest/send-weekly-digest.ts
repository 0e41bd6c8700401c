import { createHash } from 'node:crypto';
import { z } from 'zod';
import { WeeklyDigestSent } from '../../../events';
import type {
  AudienceLog,
  ChartRasteriser,
  ConnectorHealthLog,
  DigestStore,
  EmailAttachment,
  EmailSender,
  EventPublisher,
  IncidentModeStore,
  InteractionLog,
  SpikeLog,
  WeekSummary,
} from '../ports';
import type { PreElectionPeriod } from '../detectors/pre-election';
import type { Programme } from '../matrix/schema';
import type { ThemeVocabulary } from '../text/themes';
import { previousWeek, weekRange } from '../time/iso-week';
import { buildCharts } from './charts';
import { renderDigest, type RenderedDigest } from './render';
import { BASELINE_WEEKS, buildFigures, summariseWeek, type DigestFigures } from './summarise';

const week = z.string().regex(/^\d{4}-W\d{2}$/, 'week must look like 2026-W48');

/**
 * The scheduled run reports the last complete week; an operator may ask for any week, re-send one
 * that went out already (`resend`), or see it without sending anything (`preview`).
 */
export const digestRequestSchema = z.union([
  z.object({ trigger: z.literal('schedule') }),
  z.object({ week, resend: z.boolean().optional(), preview: z.boolean().optional() }),
]);
export type DigestRequest = z.infer<typeof digestRequestSchema>;

export interface DigestSettings {
  trustName: string;
  timeZone: string;
  from: string;
  recipients: string[];
  /** How long a claimed send may take before a later attempt treats it as in doubt. Default 3 minutes. */
  leaseMs?: number;
  /** The response matrix's change programmes: a section for each one active in the week. */
  programmes?: readonly Programme[];
  /** The response matrix's teams: a programme's owner is shown by its team's name. */
  teams?: readonly { id: string; name: string }[];
  /** The response matrix's pre-election calendar. */
  preElectionPeriods?: readonly PreElectionPeriod[];
  /** The only content words the digest may show: themeVocabularyOf(matrix). Absent: the built-in words and the programmes' own. */
  vocabulary?: ThemeVocabulary;
}

export interface DigestDeps {
  log: Pick<InteractionLog, 'listWeek'>;
  health: Pick<ConnectorHealthLog, 'listWeek'>;
  /** Follows and unfollows of the trust's accounts, one partition per week. Absent: follower counts are not collected. */
  audience?: Pick<AudienceLog, 'listWeek'>;
  /** Major-incident mode's periods. Absent: the digest does not say whether an incident was in force. */
  incidents?: Pick<IncidentModeStore, 'overlapping'>;
  /** Spikes the streaming detector raised. Absent: the digest lists none (and says they are not known). */
  spikes?: SpikeLog;
  store: DigestStore;
  email: EmailSender;
  publisher: EventPublisher;
  rasteriser: ChartRasteriser;
  newId: () => string;
}

export interface DigestPreview extends RenderedDigest {
  images: { id: string; filename: string; alt: string; png: Uint8Array }[];
}

export interface DigestResult {
  week: string;
  complete: boolean;
  /** sent: this run sent it; already-sent: an earlier run did (nothing sent now); preview: nothing sent. */
  status: 'sent' | 'already-sent' | 'preview';
  messageId?: string;
  figures: DigestFigures;
  /** Interaction items read from the log by this run (the week, plus comparison weeks not yet summarised). */
  itemsRead: number;
  preview?: DigestPreview;
}

/** Another attempt holds the claim and may still be sending: retry later (it will find the week sent). */
export class DigestInProgressError extends Error {
  override name = 'DigestInProgressError';
}

/**
 * An earlier attempt claimed the send and never recorded the outcome: SES may or may not have sent it.
 * Never re-sent automatically (a board must not get two); an operator checks and re-runs with --resend.
 */
export class DigestInDoubtError extends Error {
  override name = 'DigestInDoubtError';
}

const DEFAULT_LEASE_MS = 3 * 60_000;
/** A week's summary is kept for later comparisons only once the week has been over this long (late events land). */
const SETTLE_MS = 60 * 60_000;

export async function sendWeeklyDigest(request: DigestRequest, now: string, settings: DigestSettings, deps: DigestDeps): Promise<DigestResult> {
  const target = 'week' in request ? request.week : previousWeek(now, settings.timeZone);
  const range = weekRange(target, settings.timeZone);
  const complete = now >= range.to;

  const comparison = comparisonWeeks(target, settings.timeZone);
  const [items, health, audience, cached, incidents, spikeAlerts] = await Promise.all([
    deps.log.listWeek(target),
    deps.health.listWeek(target),
    deps.audience?.listWeek(target),
    deps.store.getWeekSummaries(comparison),
    deps.incidents?.overlapping(range.from, range.to),
    deps.spikes?.listBetween(range.from, range.to),
  ]);
  let itemsRead = items.length;
  const previous: WeekSummary[] = [];
  for (const w of comparison) {
    let summary = cached.get(w);
    if (!summary) {
      const weekItems = await deps.log.listWeek(w);
      itemsRead += weekItems.length;
      summary = summariseWeek(w, weekItems, now, await deps.audience?.listWeek(w));
      if (settled(w, now, settings.timeZone)) await deps.store.putWeekSummary(summary);
    }
    previous.push(summary);
  }
  if (settled(target, now, settings.timeZone)) await deps.store.putWeekSummary(summariseWeek(target, items, now, audience));

  const figures = buildFigures({
    week: target,
    range,
    timeZone: settings.timeZone,
    now,
    items,
    health,
    previous,
    audience,
    programmes: settings.programmes,
    teams: settings.teams,
    preElectionPeriods: settings.preElectionPeriods,
    vocabulary: settings.vocabulary,
    incidents,
    spikeAlerts,
  });
  const charts = await buildCharts(figures);
  const rendered = await renderDigest(figures, { trustName: settings.trustName, timeZone: settings.timeZone, range, complete }, charts);
  const images = await Promise.all(
    charts.map(async (chart) => ({ id: chart.id, filename: `${chart.id}.png`, alt: chart.alt, png: await deps.rasteriser.toPng(chart.svg, chart.width * 2) })),
  );
  const base = { week: target, complete, figures, itemsRead };
  if ('preview' in request && request.preview) return { ...base, status: 'preview', preview: { ...rendered, images } };

  const attachments: EmailAttachment[] = [
    ...images.map((image) => ({ filename: image.filename, contentType: 'image/png', content: image.png, contentId: image.id })),
    { filename: `social-media-digest-${target}.csv`, contentType: 'text/csv; charset=utf-8', content: new TextEncoder().encode(rendered.csv) },
  ];
  const resend = 'resend' in request && request.resend === true;
  if (!complete) {
    // A week that has not ended is an operator's look at the figures so far: sent as asked, never
    // claiming the week, so the scheduled digest of the whole week still goes out after it ends.
    const { messageId } = await deps.email.send({ from: settings.from, to: settings.recipients, subject: rendered.subject, html: rendered.html, text: rendered.text, attachments });
    await publish(deps, target, range, complete, messageId, settings, figures, now, resend);
    return { ...base, status: 'sent', messageId };
  }

  const recipientsKey = recipientsKeyOf(settings.recipients);
  const attemptId = deps.newId();
  const leaseUntil = new Date(Date.parse(now) + (settings.leaseMs ?? DEFAULT_LEASE_MS)).toISOString();
  const claim = await deps.store.claim({ week: target, recipientsKey, recipientCount: settings.recipients.length, attemptId, now, leaseUntil, resend });

  if (!claim.claimed) {
    const { record } = claim;
    if (record.status === 'sent' && record.messageId) {
      // Sent by an earlier attempt: finish what it may not have (the event), send nothing.
      if (!record.published) {
        await publish(deps, target, range, complete, record.messageId, settings, figures, now, false);
        await deps.store.markPublished(target, recipientsKey, record.messageId);
      }
      return { ...base, status: 'already-sent', messageId: record.messageId };
    }
    if (record.leaseUntil > now) throw new DigestInProgressError(`the ${target} digest is being sent by another attempt (claimed at ${record.claimedAt})`);
    throw new DigestInDoubtError(
      `the ${target} digest was claimed at ${record.claimedAt} and its send never completed: check the SES sending history, then re-run with --resend if it did not go out`,
    );
  }

  let messageId: string;
  try {
    ({ messageId } = await deps.email.send({ from: settings.from, to: settings.recipients, subject: rendered.subject, html: rendered.html, text: rendered.text, attachments }));
  } catch (error) {
    // SES refused it (nothing sent): release the claim so the retry can send.
    await deps.store.markFailed(target, recipientsKey, attemptId, now);
    throw error;
  }
  await deps.store.markSent(target, recipientsKey, attemptId, messageId, now);
  await publish(deps, target, range, complete, messageId, settings, figures, now, resend);
  await deps.store.markPublished(target, recipientsKey, messageId);
  return { ...base, status: 'sent', messageId };
}

/** The BASELINE_WEEKS ISO weeks before `target`, newest first. */
export function comparisonWeeks(target: string, timeZone: string): string[] {
  const weeks: string[] = [];
  let from = weekRange(target, timeZone).from;
  for (let i = 0; i < BASELINE_WEEKS; i++) {
    const w = previousWeek(from, timeZone);
    weeks.push(w);
    from = weekRange(w, timeZone).from;
  }
  return weeks;
}

/** The same list in any order or case is the same list: one digest per week for it. */
export function recipientsKeyOf(recipients: readonly string[]): string {
  const canonical = [...new Set(recipients.map((r) => r.trim().toLowerCase()))].sort().join(',');
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

function settled(w: string, now: string, timeZone: string): boolean {
  return Date.parse(now) >= Date.parse(weekRange(w, timeZone).to) + SETTLE_MS;
}

async function publish(
  deps: DigestDeps,
  target: string,
  range: { from: string; to: string },
  complete: boolean,
  messageId: string,
  settings: DigestSettings,
  figures: DigestFigures,
  now: string,
  resend: boolean,
): Promise<void> {
  const { volume, responsiveness: r, safety, sentiment, completeness } = figures;
  await deps.publisher.publish([
    {
      contract: WeeklyDigestSent,
      detail: {
        metadata: {
          schemaVersion: WeeklyDigestSent.schemaVersion,
          idempotencyKey: `WeeklyDigestSent:${target}:${messageId}`,
          correlationId: deps.newId(),
          occurredAt: now,
        },
        data: {
          week: target,
          from: range.from,
          to: range.to,
          complete,
          messageId,
          recipientCount: settings.recipients.length,
          totals: {
            interactions: volume.inbound,
            byCategory: Object.fromEntries(volume.byCategory.filter((row) => row.thisWeek > 0).map((row) => [row.key, row.thisWeek])),
            byPriority: volume.byPriority,
          },
          ...(resend ? { resend: true as const } : {}),
          comparison: { lastWeek: volume.lastWeek, ...(volume.baseline === undefined ? {} : { baseline: volume.baseline }), baselineWeeks: volume.baselineWeeks },
          responsiveness: {
            tracked: r.tracked,
            needsReply: r.needsReply,
            answered: r.answered,
            backlogPastDue: r.backlogPastDue,
            ...(r.medianWorkingMinutes === undefined ? {} : { medianWorkingMinutes: r.medianWorkingMinutes }),
            ...(r.p90WorkingMinutes === undefined ? {} : { p90WorkingMinutes: r.p90WorkingMinutes }),
          },
          safety: {
            p0: safety.p0,
            p1: safety.p1,
            safeguarding: safety.safeguarding,
            staffAbuse: safety.staffAbuse,
            personalDataRemoved: safety.personalDataRemoved,
            misinformation: safety.misinformation,
          },
          sentiment: { positive: sentiment.positive, neutral: sentiment.neutral, negative: sentiment.negative },
          completeness: {
            platformsDelivering: completeness.platforms.filter((p) => p.status !== 'silent').length,
            platformsSilent: completeness.platforms.filter((p) => p.status === 'silent').length,
            connectionProblems: completeness.problems,
          },
        },
      },
    },
  ]);
}
