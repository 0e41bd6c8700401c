import type { Interaction } from '../../events';
import type {
  EmailMessage,
  EmailSender,
  EscalationNotice,
  EscalationNoticeClaim,
  EscalationNoticeStore,
  EventPublisher,
  OutgoingEvent,
  RawDelivery,
  RawDeliveryArchive,
  SecretStore,
} from '../../functions/core/ports';

/** In-memory ports for unit tests of the core use cases. */
export class RecordingPublisher implements EventPublisher {
  readonly published: OutgoingEvent[] = [];
  async publish(events: OutgoingEvent[]): Promise<void> {
    for (const event of events) event.contract.detailSchema.parse(event.detail);
    this.published.push(...events);
  }
  ofType(detailType: string) {
    return this.published.filter((event) => event.contract.detailType === detailType);
  }
}

export class StaticSecrets implements SecretStore {
  constructor(private readonly secrets: Record<string, Record<string, unknown>>) {}
  async getJson(secretId: string) {
    const secret = this.secrets[secretId];
    if (!secret) throw new Error(`no secret ${secretId}`);
    return secret;
  }
}

export class RecordingEmail implements EmailSender {
  readonly sent: EmailMessage[] = [];
  async send(message: EmailMessage) {
    this.sent.push(message);
    return { messageId: `test-${this.sent.length}` };
  }
}

export function sequentialIds(prefix = 'id'): () => string {
  let next = 0;
  return () => `${prefix}-${++next}`;
}

/** The raw-delivery archive in memory. */
export class MemoryArchive implements RawDeliveryArchive {
  readonly objects = new Map<string, RawDelivery>();
  async put(delivery: RawDelivery): Promise<void> {
    this.objects.set(delivery.key, delivery);
  }
  async get(key: string): Promise<Uint8Array | undefined> {
    return this.objects.get(key)?.body;
  }
}

/** notify-owner's notices in memory, with the DynamoDB adapter's conditions (test/integration proves the adapter's). */
export class MemoryEscalationNotices implements EscalationNoticeStore {
  readonly notices = new Map<string, EscalationNotice>();
  private key(interactionId: string, level: string) {
    return `INT#${interactionId}|NOTIFIED#${level}`;
  }
  async claim(claim: EscalationNoticeClaim): Promise<{ claimed: boolean; notice: EscalationNotice }> {
    const key = this.key(claim.interactionId, claim.level);
    const found = this.notices.get(key);
    if (found && !(found.status === 'pending' && (found.owner === claim.owner || found.leaseUntil < claim.now))) {
      return { claimed: false, notice: { ...found } };
    }
    const notice: EscalationNotice = {
      ...found,
      interactionId: claim.interactionId,
      level: claim.level,
      status: 'pending',
      owner: claim.owner,
      claimedAt: claim.now,
      leaseUntil: claim.leaseUntil,
    };
    this.notices.set(key, notice);
    return { claimed: true, notice: { ...notice } };
  }
  async markPaged(interactionId: string, level: string, owner: string, pageMessageId: string, at: string): Promise<void> {
    this.settle(interactionId, level, owner, { pageMessageId, pagedAt: at });
  }
  async markSent(interactionId: string, level: string, owner: string, messageId: string, at: string): Promise<void> {
    this.settle(interactionId, level, owner, { status: 'sent', messageId, sentAt: at });
  }
  private settle(interactionId: string, level: string, owner: string, changes: Partial<EscalationNotice>) {
    const key = this.key(interactionId, level);
    const found = this.notices.get(key);
    if (found?.owner === owner && found.status === 'pending') this.notices.set(key, { ...found, ...changes });
  }
}

/** A member of the public's post (a new id and author each call), for tests that run text through the matrix. */
export function publicPostMaker(options: { platform: Interaction['platform']; channel: Interaction['channel']; accountId: string }): (text: string, at: string) => Interaction {
  let n = 0;
  return (text, at) => {
    n += 1;
    return {
      id: `${options.platform}:trial-${n}`,
      platform: options.platform,
      channel: options.channel,
      nativeId: `trial-${n}`,
      accountId: options.accountId,
      author: { id: `user-${n}`, displayName: `Member ${n}` },
      text,
      occurredAt: at,
      receivedAt: at,
      mediaKinds: [],
      flags: { edited: false, deleted: false, ownAccount: false, needsEnrichment: false, private: false },
    };
  };
}
