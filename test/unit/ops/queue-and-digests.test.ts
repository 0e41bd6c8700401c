import type { InteractionRecord } from '../../../functions/core/interactions/record';
import { listDigestWeeks } from '../../../functions/core/ops/digests';
import { listByProgramme, MAX_PAGES, openCountsByOwnerTeam } from '../../../functions/core/ops/queue';
import type { DigestRecord, InteractionPage, InteractionQuery } from '../../../functions/core/ports';

/** A store over an in-memory list, paged by offset, as the real one pages by index key. */
function pagedStore(records: InteractionRecord[]) {
  const calls: InteractionQuery[] = [];
  return {
    calls,
    async list(query: InteractionQuery): Promise<InteractionPage> {
      calls.push(query);
      const start = query.cursor ? Number(query.cursor) : 0;
      const items = records.slice(start, start + query.limit);
      const next = start + items.length;
      return { items, ...(next < records.length ? { nextCursor: String(next) } : {}) };
    },
  };
}

function record(n: number, overrides: Partial<InteractionRecord> = {}): InteractionRecord {
  return {
    id: `facebook:${n}`,
    platform: 'facebook',
    channel: 'public_comment',
    receivedAt: `2026-11-24T09:${String(n % 60).padStart(2, '0')}:00Z`,
    ownAccount: false,
    text: '',
    author: {},
    status: 'assessed',
    version: 1,
    ...overrides,
  } as InteractionRecord;
}

const tagged = (n: number, programme: string) =>
  record(n, { assessment: { programmes: [{ id: programme, keyMessages: [], claims: [] }] } as unknown as InteractionRecord['assessment'] });

describe('the queue: programme filter', () => {
  const query: InteractionQuery = { status: 'open', limit: 3 };

  it('keeps the items tagged with the programme, in the store order, and resumes where it stopped', async () => {
    const records = [record(1), tagged(2, 'future-hospitals'), tagged(3, 'other'), tagged(4, 'future-hospitals'), record(5), tagged(6, 'future-hospitals'), tagged(7, 'future-hospitals'), tagged(8, 'future-hospitals')];
    const store = pagedStore(records);
    const first = await listByProgramme(store, query, 'future-hospitals');
    expect(first.items.map((r) => r.id)).toEqual(['facebook:2', 'facebook:4', 'facebook:6']);
    // Each store call asked for no more than still fitted, so the cursor loses nothing.
    expect(store.calls.map((call) => call.limit)).toEqual([3, 2, 1]);
    const second = await listByProgramme(store, { ...query, cursor: first.nextCursor }, 'future-hospitals');
    expect(second.items.map((r) => r.id)).toEqual(['facebook:7', 'facebook:8']);
    expect(second.nextCursor).toBeUndefined();
  });

  it('stops after a bounded number of store pages and hands back a cursor', async () => {
    const records = Array.from({ length: 100 }, (_, i) => record(i));
    const store = pagedStore(records);
    const page = await listByProgramme(store, { status: 'open', limit: 2 }, 'future-hospitals');
    expect(page.items).toEqual([]);
    expect(store.calls).toHaveLength(MAX_PAGES);
    expect(page.nextCursor).toBe(String(2 * MAX_PAGES));
  });

  it('counts every open item per owner team across pages', async () => {
    const records = [
      ...Array.from({ length: 150 }, (_, i) => record(i, { ownerTeam: i % 3 === 0 ? 'pals' : 'duty-social' })),
      record(999, { status: 'received' }),
    ];
    const counts = await openCountsByOwnerTeam(pagedStore(records));
    expect(counts).toEqual({ total: 151, byOwnerTeam: { pals: 50, 'duty-social': 100 } });
  });
});

describe('the digest weeks (GET /digests)', () => {
  it('lists this week and the 8 before it, newest first, with what was sent', async () => {
    const sent = (week: string, status: DigestRecord['status'], sentAt?: string): DigestRecord =>
      ({ week, recipientsKey: 'k', status, attemptId: 'a', claimedAt: '2026-11-23T08:00:00Z', leaseUntil: '2026-11-23T08:03:00Z', ...(sentAt ? { sentAt } : {}) }) as DigestRecord;
    const asked: string[][] = [];
    const history = {
      async recordsOf(weeks: readonly string[]) {
        asked.push([...weeks]);
        return new Map([
          ['2026-W47', [sent('2026-W47', 'sent', '2026-11-24T08:00:05Z'), sent('2026-W47', 'sent', '2026-11-24T09:30:00Z')]],
          ['2026-W46', [sent('2026-W46', 'failed')]],
          ['2026-W45', [sent('2026-W45', 'sending')]],
        ]);
      },
    };
    const { weeks } = await listDigestWeeks('2026-11-25T12:00:00Z', 'Europe/London', history);
    expect(weeks.map((w) => w.week)).toEqual(['2026-W48', '2026-W47', '2026-W46', '2026-W45', '2026-W44', '2026-W43', '2026-W42', '2026-W41', '2026-W40']);
    expect(asked).toEqual([weeks.map((w) => w.week)]);
    expect(weeks[0]).toEqual({ week: '2026-W48', from: '2026-11-23T00:00:00.000Z', to: '2026-11-30T00:00:00.000Z', complete: false, status: 'not-sent' });
    expect(weeks[1]).toMatchObject({ week: '2026-W47', complete: true, status: 'sent', sentAt: '2026-11-24T09:30:00Z' });
    expect(weeks[2]).toMatchObject({ status: 'failed' });
    expect(weeks[3]).toMatchObject({ status: 'sending' });
    expect(weeks[4]).toMatchObject({ status: 'not-sent' });
    expect(weeks[4]).not.toHaveProperty('sentAt');
  });
});
