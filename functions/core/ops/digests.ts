import { z } from 'zod';
import { sendWeeklyDigest, type DigestDeps, type DigestSettings } from '../digest/send-weekly-digest';
import { ValidationError } from '../interactions/errors';
import type { DigestRecord, DigestStore, EmailSender, EventPublisher } from '../ports';
import { isoWeekOf, previousWeek, weekRange } from '../time/iso-week';
import { parseInput } from './requests';

/**
 * The console's digest pages (GET /digests, GET /digests/{week}): which weeks' digests went out, and any
 * week's digest rendered now by the same core as send-weekly-digest, as the board sees it. Read-only:
 * nothing is sent, claimed, published or stored.
 */

/** The digest records of some weeks, every recipient list, in no particular order (listDigestWeeks picks the latest send). */
export interface DigestHistory {
  recordsOf(weeks: readonly string[]): Promise<Map<string, DigestRecord[]>>;
}

export type DigestWeekStatus = 'sent' | 'sending' | 'failed' | 'not-sent';

export interface DigestWeek {
  week: string;
  /** Monday 00:00 and the next Monday 00:00 in the trust's zone, as instants. */
  from: string;
  to: string;
  /** false for the week in progress (its digest would be a week-to-date preview). */
  complete: boolean;
  /** sent: a digest went out (to some recipient list); sending: a send is claimed or in doubt; failed: SES refused it. */
  status: DigestWeekStatus;
  sentAt?: string;
}

/** This week (in progress) and the 8 complete weeks before it. */
export const DIGEST_WEEKS_LISTED = 9;

export async function listDigestWeeks(now: string, timeZone: string, history: DigestHistory): Promise<{ weeks: DigestWeek[] }> {
  const weeks = [isoWeekOf(now, timeZone)];
  while (weeks.length < DIGEST_WEEKS_LISTED) weeks.push(previousWeek(weekRange(weeks.at(-1)!, timeZone).from, timeZone));
  const records = await history.recordsOf(weeks);
  return {
    weeks: weeks.map((week) => {
      const range = weekRange(week, timeZone);
      const found = records.get(week) ?? [];
      const sent = found.filter((record) => record.status === 'sent' && record.sentAt).sort((a, b) => b.sentAt!.localeCompare(a.sentAt!));
      const status: DigestWeekStatus =
        sent.length > 0 ? 'sent' : found.some((r) => r.status === 'sending') ? 'sending' : found.some((r) => r.status === 'failed') ? 'failed' : 'not-sent';
      return { week, from: range.from, to: range.to, complete: now >= range.to, status, ...(sent[0] ? { sentAt: sent[0].sentAt } : {}) };
    }),
  };
}

const weekPathSchema = z.object({ week: z.string().regex(/^\d{4}-W\d{2}$/u, 'must be an ISO week, e.g. 2026-W48') });

export interface PreviewDigestDeps extends Pick<DigestDeps, 'log' | 'health' | 'audience' | 'rasteriser' | 'newId'> {
  /** Only the kept comparison figures are read; nothing is written. */
  summaries: Pick<DigestStore, 'getWeekSummaries'>;
  /** Optional parts of the digest, passed on as send-weekly-digest takes them. */
  extra?: Partial<Pick<DigestDeps, 'incidents' | 'spikes'>>;
}

export interface DigestPreviewPage {
  week: string;
  from: string;
  to: string;
  complete: boolean;
  subject: string;
  /** The HTML email with its charts inlined as data: URIs (show it in an iframe's srcdoc). */
  html: string;
  text: string;
}

/** One week's digest rendered now; a week not yet begun is refused (400). */
export async function previewDigest(
  rawPath: unknown,
  now: string,
  settings: Omit<DigestSettings, 'from' | 'recipients'>,
  deps: PreviewDigestDeps,
): Promise<DigestPreviewPage> {
  const { week } = parseInput(weekPathSchema, rawPath, 'path');
  let range;
  try {
    range = weekRange(week, settings.timeZone);
  } catch {
    throw new ValidationError(`path.week: ${week} is not an ISO week`, ['path.week']);
  }
  if (range.from > now) throw new ValidationError(`path.week: ${week} has not begun`, ['path.week']);
  const result = await sendWeeklyDigest({ week, preview: true }, now, { ...settings, from: 'preview@invalid', recipients: [] }, {
    ...deps.extra,
    log: deps.log,
    health: deps.health,
    ...(deps.audience ? { audience: deps.audience } : {}),
    rasteriser: deps.rasteriser,
    newId: deps.newId,
    store: readOnlyStore(deps.summaries),
    email: NEVER_SENDS,
    publisher: NEVER_PUBLISHES,
  });
  const preview = result.preview;
  if (!preview) throw new Error('the digest core returned no preview');
  // As a mail client shows the cid: parts; the PNGs are small (a few charts of ~50 KB).
  const html = preview.images.reduce(
    (page, image) => page.split(`cid:${image.id}`).join(`data:image/png;base64,${Buffer.from(image.png).toString('base64')}`),
    preview.html,
  );
  return { week, from: range.from, to: range.to, complete: result.complete, subject: preview.subject, html, text: preview.text };
}

/** The digest core keeps settled weeks' summaries as it goes; a preview reads them and keeps nothing. */
function readOnlyStore(summaries: Pick<DigestStore, 'getWeekSummaries'>): DigestStore {
  const refuse = () => Promise.reject(new Error('a digest preview never claims or records a send'));
  return {
    getWeekSummaries: (weeks) => summaries.getWeekSummaries(weeks),
    putWeekSummary: () => Promise.resolve(),
    claim: refuse,
    markSent: refuse,
    markFailed: refuse,
    markPublished: refuse,
  };
}

const NEVER_SENDS: EmailSender = { send: () => Promise.reject(new Error('a digest preview never sends email')) };
const NEVER_PUBLISHES: EventPublisher = { publish: () => Promise.reject(new Error('a digest preview never publishes')) };
