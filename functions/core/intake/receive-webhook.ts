import { createHash } from 'node:crypto';
import {
  AudienceChanged,
  ConnectorHealthChanged,
  DeliveryQuarantined,
  InteractionDeleted,
  InteractionEdited,
  InteractionReceived,
  type EventContract,
  type EventMetadata,
} from '../../../events';
import type { z } from 'zod';
import type { EventPublisher, OutgoingEvent, RawDeliveryArchive, SecretStore } from '../ports';
import { PayloadTooLargeError, UnknownPlatformError, UnprocessablePayloadError } from '../webhooks/errors';
import type { AudienceSignal, ConnectorHealthSignal, NormalisedDelivery } from '../webhooks/normalised';
import { PLATFORM_INTAKES, type IntakeSecretName, type PlatformIntake, type Secrets, type WebhookRequest } from './platforms';

export interface IntakeDeps {
  publisher: EventPublisher;
  secrets: SecretStore;
  /** Secret id per logical secret name (from config). */
  secretIds: Record<IntakeSecretName, string>;
  archive: RawDeliveryArchive;
  newId: () => string;
  /** Larger bodies are refused with 413 (default MAX_BODY_BYTES). */
  maxBodyBytes?: number;
}

export interface DeliveryOutcome {
  platform: string;
  archiveKey: string;
  /** InteractionReceived events published: inbound + own. */
  published: number;
  inbound: number;
  own: number;
  edits: number;
  deletions: number;
  health: Array<Pick<ConnectorHealthSignal, 'platform' | 'status' | 'signal'>>;
  /** AudienceChanged events published: follows and unfollows of the trust's accounts (counts only). */
  audience: number;
  ignored: number;
  ignoredReasons: string[];
  /** Set when the delivery (or part of it) could not be understood: kept in the archive and reported. */
  quarantineReason?: string;
}

/** 1 MiB: far above any documented batch (Meta ≤1000 changes, LinkedIn 10); the local HTTP API uses the same. */
export const MAX_BODY_BYTES = 1024 * 1024;
/**
 * An item bigger than this can never be an event (EventBridge refuses entries over 256 KB, metadata
 * included): it is reported with the delivery's quarantine instead of failing the delivery for ever.
 */
export const MAX_ITEM_BYTES = 200 * 1024;
/** Raw bodies kept in a quarantine event are cut to stay under the bus's 256 KB entry limit. */
const QUARANTINE_BODY_LIMIT = 150 * 1024;

export function intakeFor(platform: string | undefined): PlatformIntake {
  const intake = platform && Object.hasOwn(PLATFORM_INTAKES, platform) ? PLATFORM_INTAKES[platform] : undefined;
  if (!intake) throw new UnknownPlatformError(`no webhook intake for platform ${platform ?? '(none)'}`);
  return intake;
}

export async function answerHandshake(platform: string | undefined, request: WebhookRequest, deps: IntakeDeps) {
  const intake = intakeFor(platform);
  const secrets = await loadSecrets(intake, deps);
  return intake.handshake(request, secrets);
}

/**
 * A POSTed delivery:
 * 1. refuse an unknown platform (404) or an oversized body (413) before reading any secret;
 * 2. verify the signature over the raw bytes (throws SignatureError: 401, nothing archived or published);
 * 3. archive the raw bytes, before anything else can fail, so every verified delivery can be replayed;
 * 4. decode and normalise; publish interactions, edits, deletions, connector-health signals and audience changes.
 * A verified body that cannot be understood (or items that do not validate) is reported as
 * DeliveryQuarantined and answered 200: the platform resending it would not make it any better.
 */
export async function receiveDelivery(
  platform: string | undefined,
  request: WebhookRequest,
  deps: IntakeDeps,
): Promise<DeliveryOutcome> {
  const intake = intakeFor(platform);
  const limit = deps.maxBodyBytes ?? MAX_BODY_BYTES;
  if (request.rawBody.length > limit) throw new PayloadTooLargeError(`body of ${request.rawBody.length} bytes is over the ${limit}-byte limit`);
  intake.verify(request, await loadSecrets(intake, deps));

  const sha256 = createHash('sha256').update(request.rawBody).digest('hex');
  const archiveKey = rawDeliveryKey(intake.platform, request.receivedAt, sha256, intake.format);
  await deps.archive.put({
    key: archiveKey,
    body: request.rawBody,
    contentType: intake.format === 'xml' ? 'application/atom+xml' : 'application/json',
    metadata: { platform: intake.platform, 'received-at': request.receivedAt, sha256 },
  });

  const correlationId = deps.newId();
  const metadata = (contract: EventContract<z.ZodType>, key: string): EventMetadata => ({
    schemaVersion: contract.schemaVersion,
    idempotencyKey: `${contract.detailType}:${key}`,
    correlationId,
    occurredAt: request.receivedAt,
  });

  let normalised: NormalisedDelivery;
  try {
    normalised = intake.normalise(intake.decode(request.rawBody), request.receivedAt);
  } catch (error) {
    if (!(error instanceof UnprocessablePayloadError)) throw error;
    await deps.publisher.publish([quarantine(intake, request, error.message, sha256, archiveKey, metadata)]);
    return { ...emptyOutcome(intake, archiveKey), ignoredReasons: [error.message], quarantineReason: error.message };
  }

  const { valid, problems } = validated(normalised);
  const events: OutgoingEvent[] = [
    ...unique(valid.interactions, (item) => item.id).map((data) => ({ contract: InteractionReceived, detail: { metadata: metadata(InteractionReceived, data.id), data } })),
    ...unique(valid.edits, (item) => `${item.id}:${item.editedAt}`).map((data) => ({
      contract: InteractionEdited,
      detail: { metadata: metadata(InteractionEdited, `${data.id}:${data.editedAt}`), data },
    })),
    ...unique(valid.deletions, (item) => item.id).map((data) => ({ contract: InteractionDeleted, detail: { metadata: metadata(InteractionDeleted, data.id), data } })),
    ...unique(valid.health, healthKey).map((data) => ({ contract: ConnectorHealthChanged, detail: { metadata: metadata(ConnectorHealthChanged, healthKey(data)), data } })),
    ...unique(valid.audience, audienceKey).map((data) => ({ contract: AudienceChanged, detail: { metadata: metadata(AudienceChanged, audienceKey(data)), data } })),
  ];
  const quarantineReason = problems.length > 0 ? `items did not validate: ${problems.join('; ')}` : undefined;
  if (quarantineReason) events.push(quarantine(intake, request, quarantineReason, sha256, archiveKey, metadata));
  await deps.publisher.publish(events);

  const interactions = unique(valid.interactions, (item) => item.id);
  return {
    platform: intake.platform,
    archiveKey,
    published: interactions.length,
    inbound: interactions.filter((item) => !item.flags.ownAccount).length,
    own: interactions.filter((item) => item.flags.ownAccount).length,
    edits: unique(valid.edits, (item) => `${item.id}:${item.editedAt}`).length,
    deletions: unique(valid.deletions, (item) => item.id).length,
    health: unique(valid.health, healthKey).map(({ platform: p, status, signal }) => ({ platform: p, status, signal })),
    audience: unique(valid.audience, audienceKey).length,
    ignored: normalised.ignored.length,
    ignoredReasons: normalised.ignored.map((item) => item.reason),
    quarantineReason,
  };
}

/**
 * `<platform>/<yyyy>/<mm>/<dd>/<hhmmssSSS>Z-<sha256 prefix>.<ext>`: grouped by platform and day (the
 * lifecycle can expire a platform's prefix sooner, e.g. LinkedIn's 48-hour storage rule), sortable by
 * time, and distinct for distinct bodies received in the same millisecond.
 */
export function rawDeliveryKey(platform: string, receivedAt: string, sha256: string, extension: string): string {
  const iso = new Date(receivedAt).toISOString();
  const [date = '', time = ''] = iso.split('T');
  const [year, month, day] = date.split('-');
  return `${platform}/${year}/${month}/${day}/${time.replace(/[:.]/g, '')}-${sha256.slice(0, 16)}.${extension}`;
}

function healthKey(signal: ConnectorHealthSignal): string {
  return `${signal.platform}:${signal.signal}:${signal.accountId ?? '-'}:${signal.occurredAt}`;
}

/** The id is already platform-prefixed and deterministic per platform event. */
function audienceKey(change: AudienceSignal): string {
  return change.id;
}

function unique<T>(items: T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}

/**
 * Every item is checked against its contract here, so one malformed item is reported (and the rest
 * still published) instead of failing the whole delivery at the publisher, which the platform would
 * then retry for days. Problems name the field, never its value.
 */
function validated(delivery: NormalisedDelivery): { valid: NormalisedDelivery; problems: string[] } {
  const problems: string[] = [];
  const keep = <T>(items: T[], contract: EventContract<z.ZodType>): T[] =>
    items.filter((item) => {
      const result = contract.dataSchema.safeParse(item);
      if (!result.success) problems.push(...result.error.issues.map((issue) => `${contract.detailType} ${issue.path.join('.')}: ${issue.message}`));
      const bytes = result.success ? Buffer.byteLength(JSON.stringify(item)) : 0;
      if (bytes > MAX_ITEM_BYTES) problems.push(`${contract.detailType}: item of ${bytes} bytes is over the ${MAX_ITEM_BYTES}-byte event limit`);
      return result.success && bytes <= MAX_ITEM_BYTES;
    });
  return {
    valid: {
      interactions: keep(delivery.interactions, InteractionReceived),
      edits: keep(delivery.edits, InteractionEdited),
      deletions: keep(delivery.deletions, InteractionDeleted),
      health: keep(delivery.health, ConnectorHealthChanged),
      audience: keep(delivery.audience, AudienceChanged),
      ignored: delivery.ignored,
    },
    problems,
  };
}

function emptyOutcome(intake: PlatformIntake, archiveKey: string): DeliveryOutcome {
  return { platform: intake.platform, archiveKey, published: 0, inbound: 0, own: 0, edits: 0, deletions: 0, health: [], audience: 0, ignored: 0, ignoredReasons: [] };
}

async function loadSecrets(intake: PlatformIntake, deps: IntakeDeps): Promise<Secrets> {
  const raw = await deps.secrets.getJson(deps.secretIds[intake.secretName]);
  return Object.fromEntries(Object.entries(raw).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

function quarantine(
  intake: PlatformIntake,
  request: WebhookRequest,
  reason: string,
  sha256: string,
  archiveKey: string,
  metadata: (contract: EventContract<z.ZodType>, key: string) => EventMetadata,
): OutgoingEvent {
  const body = Buffer.from(request.rawBody);
  return {
    contract: DeliveryQuarantined,
    detail: {
      metadata: metadata(DeliveryQuarantined, `${intake.platform}:${sha256}`),
      data: {
        platform: intake.platform,
        reason: reason.slice(0, 2000),
        receivedAt: request.receivedAt,
        bodySha256: sha256,
        bodyBase64: body.subarray(0, QUARANTINE_BODY_LIMIT).toString('base64'),
        truncated: body.length > QUARANTINE_BODY_LIMIT,
        archiveKey,
      },
    },
  };
}
