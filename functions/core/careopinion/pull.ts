import { ConnectorHealthChanged, InteractionReceived, type Interaction } from '../../../events';
import type { CursorStore, EventPublisher, HttpClient, OutgoingEvent } from '../ports';
import { str } from '../webhooks/json';
import { opinionId, opinionsOf, opinionToInteraction, publishedAt } from './opinion';

/**
 * The Care Opinion pull connector (no webhooks exist): each scheduled run pages through opinions
 * published since the cursor, oldest first, publishes each as an InteractionReceived (the same
 * canonical event the webhooks produce), and moves the cursor after every page, so a run that fails
 * halfway resumes where it stopped. Nothing is read twice or skipped:
 * - the query starts at the cursor's publication time, in ascending order, and paging by `skip` over an
 *   ascending list is stable while new opinions are appended at its end;
 * - opinions published at exactly the cursor's time that were already published are remembered by id
 *   (the API's `publishedafter` may be inclusive), older ones are dropped here whatever the API returns;
 * - ids are deterministic, so any opinion published twice is still one interaction in the log.
 * Requests are spaced to the API's 5 per second. A redirect or 401/403 means the key was refused:
 * a ConnectorHealthChanged is published and the run stops (retrying cannot help); 429/5xx throw, so the
 * scheduled invocation retries and then dead-letters.
 * Query names follow careopinion.org.uk/info/api-v2-filtering-opinions (UNVERIFIED against a live API).
 */
export interface CareOpinionCursor {
  /** Publication time (ISO UTC) of the newest opinion published so far. */
  publishedAfter: string;
  /** Ids published so far whose publication time is exactly `publishedAfter`. */
  idsAtCursor: string[];
}

export interface CareOpinionSettings {
  apiUrl: string;
  subscriptionKey: string;
  /** The canonical account: the subscription's scope (Care Opinion keys are per subscription, e.g. one trust). */
  accountId: string;
  /** Page size; the API allows up to 100. */
  take: number;
  /** Pages per run, bounding the run's time (100 pages = 20 s at 5 req/s). */
  maxPages: number;
  /** Where the first run starts, in days before now. */
  initialLookbackDays: number;
}

export const DEFAULT_CARE_OPINION_SETTINGS = {
  apiUrl: 'https://www.careopinion.org.uk/api/v2',
  accountId: 'subscription',
  take: 100,
  maxPages: 100,
  initialLookbackDays: 7,
} as const;

export interface CareOpinionDeps {
  http: HttpClient;
  cursors: CursorStore<CareOpinionCursor>;
  publisher: EventPublisher;
  /** Resolves when the next request may start (RateLimiter at 5 per second). */
  limiter: { wait(): Promise<void> };
  newId: () => string;
}

export interface PullOutcome {
  status: 'done' | 'more' | 'credentials_rejected';
  requests: number;
  published: number;
  skipped: number;
  ignoredReasons: string[];
  cursor?: CareOpinionCursor;
}

/** The API answered in a way that a later retry may fix (rate limited, server error, unreadable page). */
export class ConnectorUnavailableError extends Error {
  override name = 'ConnectorUnavailableError';
}

/**
 * The connector's settings from its secret `{"subscriptionKey": "...", "enabled": true}`, or undefined
 * while it is switched off (the stack creates the secret disabled; ops enable it with their key).
 */
export function careOpinionSettings(secret: Record<string, unknown>, overrides: Partial<CareOpinionSettings> = {}): CareOpinionSettings | undefined {
  const subscriptionKey = str(secret.subscriptionKey);
  if (secret.enabled !== true || !subscriptionKey) return undefined;
  return { ...DEFAULT_CARE_OPINION_SETTINGS, ...overrides, subscriptionKey };
}

export async function pullCareOpinion(now: string, settings: CareOpinionSettings, deps: CareOpinionDeps): Promise<PullOutcome> {
  const stored = await deps.cursors.read();
  let version = stored?.version;
  let cursor: CareOpinionCursor = stored?.cursor ?? { publishedAfter: daysBefore(now, settings.initialLookbackDays), idsAtCursor: [] };
  const start = cursor.publishedAfter;
  const outcome: PullOutcome = { status: 'done', requests: 0, published: 0, skipped: 0, ignoredReasons: [], cursor };

  for (let page = 0; page < settings.maxPages; page++) {
    const url = `${settings.apiUrl.replace(/\/+$/, '')}/opinions?${new URLSearchParams({
      publishedafter: start,
      dateofpublicationorder: 'ascending',
      take: String(settings.take),
      skip: String(page * settings.take),
    })}`;
    await deps.limiter.wait();
    outcome.requests += 1;
    const response = await deps.http.get(url, { authorization: `SUBSCRIPTION_KEY ${settings.subscriptionKey}`, accept: 'application/json' });

    if ((response.status >= 300 && response.status < 400) || response.status === 401 || response.status === 403) {
      // An invalid key is answered with a redirect to the login page, not a 401.
      await deps.publisher.publish([refused(response.status, now, deps.newId())]);
      return { ...outcome, status: 'credentials_rejected' };
    }
    if (response.status < 200 || response.status >= 300) {
      throw new ConnectorUnavailableError(`Care Opinion answered ${response.status}`);
    }
    const opinions = opinionsOf(parse(response.body));
    if (!opinions) throw new ConnectorUnavailableError('Care Opinion page is not a list of opinions');

    const fresh = opinions.filter((opinion) => isNew(opinion, cursor));
    outcome.skipped += opinions.length - fresh.length;
    const events: OutgoingEvent[] = [];
    const correlationId = deps.newId();
    for (const opinion of fresh) {
      const item = opinionToInteraction(opinion, { accountId: settings.accountId, receivedAt: now });
      if (item.kind === 'interaction') events.push(received(item.interaction, correlationId, now));
      else if (item.kind === 'ignored') outcome.ignoredReasons.push(item.reason);
    }
    if (events.length > 0) await deps.publisher.publish(events);
    outcome.published += events.length;

    cursor = advance(cursor, fresh);
    version = await deps.cursors.write(cursor, version, now);
    outcome.cursor = cursor;
    if (opinions.length < settings.take) return outcome;
  }
  return { ...outcome, status: 'more' };
}

function parse(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new ConnectorUnavailableError('Care Opinion page is not JSON');
  }
}

/** Newer than the cursor, or at its exact time but not yet published. Undated opinions always pass. */
function isNew(opinion: unknown, cursor: CareOpinionCursor): boolean {
  const at = publishedAt(opinion);
  if (at === undefined) return true;
  if (at > cursor.publishedAfter) return true;
  return at === cursor.publishedAfter && !cursor.idsAtCursor.includes(opinionId(opinion) ?? '');
}

/** The newest publication time seen, and every id published at exactly that time. */
export function advance(cursor: CareOpinionCursor, published: unknown[]): CareOpinionCursor {
  let { publishedAfter, idsAtCursor } = cursor;
  for (const opinion of published) {
    const at = publishedAt(opinion);
    const id = opinionId(opinion);
    if (at === undefined || id === undefined) continue;
    if (at > publishedAfter) {
      publishedAfter = at;
      idsAtCursor = [id];
    } else if (at === publishedAfter && !idsAtCursor.includes(id)) {
      idsAtCursor = [...idsAtCursor, id];
    }
  }
  return { publishedAfter, idsAtCursor };
}

function received(data: Interaction, correlationId: string, now: string): OutgoingEvent {
  return {
    contract: InteractionReceived,
    detail: {
      metadata: { schemaVersion: InteractionReceived.schemaVersion, idempotencyKey: `InteractionReceived:${data.id}`, correlationId, occurredAt: now },
      data,
    },
  };
}

function refused(status: number, now: string, correlationId: string): OutgoingEvent {
  const signal = status >= 300 && status < 400 ? `http ${status}: redirected to sign-in` : `http ${status}`;
  return {
    contract: ConnectorHealthChanged,
    detail: {
      metadata: {
        schemaVersion: ConnectorHealthChanged.schemaVersion,
        idempotencyKey: `ConnectorHealthChanged:careopinion:${signal}:${now}`,
        correlationId,
        occurredAt: now,
      },
      data: { platform: 'careopinion', status: 'credentials_rejected', signal, occurredAt: now, detectedAt: now },
    },
  };
}

function daysBefore(now: string, days: number): string {
  return new Date(Date.parse(now) - days * 86_400_000).toISOString();
}

