import type { EmailMessage, EmailSender, EventPublisher, OutgoingEvent, RawDelivery, RawDeliveryArchive, SecretStore } from '../../functions/core/ports';

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
