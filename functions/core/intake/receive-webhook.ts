import { createHash } from 'node:crypto';
import { DeliveryQuarantined, InteractionReceived, type Interaction } from '../../../events';
import type { EventPublisher, OutgoingEvent, SecretStore } from '../ports';
import { UnknownPlatformError, UnprocessablePayloadError } from '../webhooks/errors';
import { PLATFORM_INTAKES, type PlatformIntake, type WebhookRequest } from './platforms';

export interface IntakeDeps {
  publisher: EventPublisher;
  secrets: SecretStore;
  /** Secret id per logical secret name (from config). */
  secretIds: Record<PlatformIntake['secretName'], string>;
  newId: () => string;
}

export interface IntakeAnswer {
  statusCode: number;
  contentType: string;
  body: string;
}

export type DeliveryOutcome = {
  platform: string;
  published: number;
  ignored: number;
  quarantined: boolean;
  ignoredReasons: string[];
};

/** Raw bodies kept in a quarantine event are cut to stay under the bus's 256 KB entry limit. */
const QUARANTINE_BODY_LIMIT = 150 * 1024;

export function intakeFor(platform: string | undefined): PlatformIntake {
  const intake = platform ? PLATFORM_INTAKES[platform] : undefined;
  if (!intake) throw new UnknownPlatformError(`no webhook intake for platform ${platform ?? '(none)'}`);
  return intake;
}

export async function answerHandshake(platform: string | undefined, request: WebhookRequest, deps: IntakeDeps) {
  const intake = intakeFor(platform);
  const secrets = await loadSecrets(intake, deps);
  return intake.handshake(request, secrets);
}

/**
 * A POSTed delivery: verify the signature over the raw bytes (throws SignatureError: nothing is
 * published), normalise, publish one InteractionReceived per interaction. A verified body that
 * cannot be normalised is published as DeliveryQuarantined (kept and reported) and answered 200,
 * because the platform resending it would not make it any better.
 */
export async function receiveDelivery(
  platform: string | undefined,
  request: WebhookRequest,
  deps: IntakeDeps,
): Promise<DeliveryOutcome> {
  const intake = intakeFor(platform);
  intake.verify(request, await loadSecrets(intake, deps));

  let interactions: Interaction[];
  let ignoredReasons: string[];
  try {
    const normalised = intake.normalise(parseJson(request.rawBody), request.receivedAt);
    interactions = normalised.interactions;
    ignoredReasons = normalised.ignored.map((item) => item.reason);
  } catch (error) {
    if (!(error instanceof UnprocessablePayloadError)) throw error;
    await deps.publisher.publish([quarantine(intake, request, error.message, deps)]);
    return { platform: intake.platform, published: 0, ignored: 0, quarantined: true, ignoredReasons: [error.message] };
  }

  // One delivery may repeat an item (e.g. two subscribed pages): publish each interaction once.
  const unique = [...new Map(interactions.map((interaction) => [interaction.id, interaction])).values()];
  await deps.publisher.publish(
    unique.map((interaction) => ({
      contract: InteractionReceived,
      detail: {
        metadata: {
          schemaVersion: InteractionReceived.schemaVersion,
          idempotencyKey: `InteractionReceived:${interaction.id}`,
          correlationId: deps.newId(),
          occurredAt: request.receivedAt,
        },
        data: interaction,
      },
    })),
  );
  return {
    platform: intake.platform,
    published: unique.length,
    ignored: ignoredReasons.length,
    quarantined: false,
    ignoredReasons,
  };
}

async function loadSecrets(intake: PlatformIntake, deps: IntakeDeps): Promise<Record<string, string>> {
  const raw = await deps.secrets.getJson(deps.secretIds[intake.secretName]);
  return Object.fromEntries(Object.entries(raw).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

function parseJson(raw: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new UnprocessablePayloadError('body is not valid UTF-8');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new UnprocessablePayloadError('body is not valid JSON');
  }
}

function quarantine(intake: PlatformIntake, request: WebhookRequest, reason: string, deps: IntakeDeps): OutgoingEvent {
  const body = Buffer.from(request.rawBody);
  const sha256 = createHash('sha256').update(body).digest('hex');
  return {
    contract: DeliveryQuarantined,
    detail: {
      metadata: {
        schemaVersion: DeliveryQuarantined.schemaVersion,
        idempotencyKey: `DeliveryQuarantined:${intake.platform}:${sha256}`,
        correlationId: deps.newId(),
        occurredAt: request.receivedAt,
      },
      data: {
        platform: intake.platform,
        reason,
        receivedAt: request.receivedAt,
        bodySha256: sha256,
        bodyBase64: body.subarray(0, QUARANTINE_BODY_LIMIT).toString('base64'),
        truncated: body.length > QUARANTINE_BODY_LIMIT,
      },
    },
  };
}
