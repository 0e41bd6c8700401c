import type {
  AudienceEntry,
  ChartRasteriser,
  ConnectorHealthEntry,
  DigestClaim,
  DigestRecord,
  DigestStore,
  LoggedInteractionSummary,
  WeekSummary,
} from '../../functions/core/ports';

/** In-memory digest ports for unit tests: the same rules as the DynamoDB store (claim conditions included). */
export class MemoryDigestStore implements DigestStore {
  readonly records = new Map<string, DigestRecord>();
  readonly summaries = new Map<string, WeekSummary>();
  readonly summaryWrites: string[] = [];

  async claim(claim: DigestClaim): Promise<{ claimed: true } | { claimed: false; record: DigestRecord }> {
    const key = `${claim.week}|${claim.recipientsKey}`;
    const existing = this.records.get(key);
    const allowed = claim.resend
      ? !existing || existing.status !== 'sending' || existing.leaseUntil < claim.now
      : !existing || existing.status === 'failed';
    if (!allowed) return { claimed: false, record: { ...existing! } };
    this.records.set(key, {
      ...existing,
      week: claim.week,
      recipientsKey: claim.recipientsKey,
      status: 'sending',
      attemptId: claim.attemptId,
      claimedAt: claim.now,
      leaseUntil: claim.leaseUntil,
    });
    return { claimed: true };
  }

  private update(week: string, recipientsKey: string, when: (r: DigestRecord) => boolean, change: Partial<DigestRecord>) {
    const key = `${week}|${recipientsKey}`;
    const record = this.records.get(key);
    if (record && when(record)) this.records.set(key, { ...record, ...change });
  }

  async markSent(week: string, recipientsKey: string, attemptId: string, messageId: string, sentAt: string) {
    const record = this.records.get(`${week}|${recipientsKey}`);
    if (record?.attemptId !== attemptId) throw new Error('conditional check failed');
    this.update(week, recipientsKey, () => true, { status: 'sent', messageId, sentAt, published: false, sendCount: (record.sendCount ?? 0) + 1 });
  }

  async markFailed(week: string, recipientsKey: string, attemptId: string) {
    this.update(week, recipientsKey, (r) => r.attemptId === attemptId && r.status === 'sending', { status: 'failed' });
  }

  async markPublished(week: string, recipientsKey: string, messageId: string) {
    this.update(week, recipientsKey, (r) => r.messageId === messageId, { published: true });
  }

  async getWeekSummaries(weeks: string[]) {
    return new Map(weeks.filter((w) => this.summaries.has(w)).map((w) => [w, this.summaries.get(w)!] as const));
  }

  async putWeekSummary(summary: WeekSummary) {
    this.summaryWrites.push(summary.week);
    this.summaries.set(summary.week, summary);
  }
}

/** The interaction log's week index, in memory, counting what is read. */
export class MemoryWeekLog {
  readonly asked: string[] = [];
  constructor(private readonly weeks: Record<string, LoggedInteractionSummary[]>) {}
  async listWeek(week: string) {
    this.asked.push(week);
    return this.weeks[week] ?? [];
  }
}

export class MemoryHealthLog {
  constructor(private readonly weeks: Record<string, ConnectorHealthEntry[]> = {}) {}
  async listWeek(week: string) {
    return this.weeks[week] ?? [];
  }
}

/** The audience log (follows and unfollows by week), in memory, counting what is read. */
export class MemoryAudienceLog {
  readonly asked: string[] = [];
  constructor(private readonly weeks: Record<string, AudienceEntry[]> = {}) {}
  async listWeek(week: string) {
    this.asked.push(week);
    return this.weeks[week] ?? [];
  }
}

/** A stand-in rasteriser: a PNG signature plus the SVG's length, so tests need not render. */
export class FakeRasteriser implements ChartRasteriser {
  readonly calls: { width: number; svg: string }[] = [];
  async toPng(svg: string, width: number) {
    this.calls.push({ svg, width });
    return new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, svg.length % 256]);
  }
}
