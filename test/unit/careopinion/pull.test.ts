import { CursorConflictError, type CursorStore, type HttpClient, type HttpResponse, type StoredCursor } from '../../../functions/core/ports';
import {
  careOpinionSettings,
  ConnectorUnavailableError,
  pullCareOpinion,
  type CareOpinionCursor,
  type CareOpinionDeps,
  type CareOpinionSettings,
} from '../../../functions/core/careopinion/pull';
import { RecordingPublisher, sequentialIds } from '../../support/in-memory';

const NOW = '2026-11-24T10:00:00.000Z';
const SETTINGS: CareOpinionSettings = {
  apiUrl: 'https://care-opinion.test/api/v2/',
  subscriptionKey: 'key-123',
  accountId: 'subscription',
  take: 2,
  maxPages: 10,
  initialLookbackDays: 7,
};

class MemoryCursors implements CursorStore<CareOpinionCursor> {
  stored?: StoredCursor<CareOpinionCursor>;
  async read() {
    return this.stored && structuredClone(this.stored);
  }
  async write(cursor: CareOpinionCursor, version: number | undefined) {
    if (version !== this.stored?.version) throw new CursorConflictError('moved');
    this.stored = { cursor: structuredClone(cursor), version: (version ?? 0) + 1 };
    return this.stored.version;
  }
}

const opinion = (id: number, published: string) => ({ id, title: `Story ${id}`, body: 'It was **fine**', dateOfPublication: published });

/**
 * A fake API that behaves as documented: `publishedafter` (inclusive here, the case that needs the
 * cursor's boundary ids), ascending by publication, `take`/`skip` paging. Built from the documented
 * filters: Care Opinion publishes no sample response.
 */
class FakeCareOpinion implements HttpClient {
  opinions: Array<ReturnType<typeof opinion>> = [];
  requests: Array<{ url: URL; headers: Record<string, string> }> = [];
  failAt?: { request: number; response: HttpResponse };

  async get(url: string, headers: Record<string, string>): Promise<HttpResponse> {
    const parsed = new URL(url);
    this.requests.push({ url: parsed, headers });
    if (this.failAt?.request === this.requests.length) return this.failAt.response;
    const after = parsed.searchParams.get('publishedafter') ?? '';
    const take = Number(parsed.searchParams.get('take'));
    const skip = Number(parsed.searchParams.get('skip'));
    const page = this.opinions
      .filter((item) => new Date(item.dateOfPublication).toISOString() >= after)
      .sort((a, b) => a.dateOfPublication.localeCompare(b.dateOfPublication))
      .slice(skip, skip + take);
    return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(page) };
  }
}

function setup() {
  const api = new FakeCareOpinion();
  const cursors = new MemoryCursors();
  const publisher = new RecordingPublisher();
  const deps: CareOpinionDeps = { http: api, cursors, publisher, limiter: { wait: jest.fn(async () => undefined) }, newId: sequentialIds('corr') };
  const publishedIds = () => publisher.ofType('InteractionReceived').map((event) => (event.detail.data as { nativeId: string }).nativeId);
  return { api, cursors, publisher, deps, publishedIds };
}

describe('pullCareOpinion', () => {
  it('pages from a week back, oldest first, publishes each opinion once and keeps its cursor', async () => {
    const { api, cursors, deps, publishedIds } = setup();
    api.opinions = [opinion(1, '2026-11-20T09:00:00Z'), opinion(2, '2026-11-21T09:00:00Z'), opinion(3, '2026-11-22T09:00:00Z')];
    const outcome = await pullCareOpinion(NOW, SETTINGS, deps);
    expect(outcome).toMatchObject({ status: 'done', requests: 2, published: 3 });
    expect(publishedIds()).toEqual(['1', '2', '3']);
    const first = api.requests[0]!;
    expect(`${first.url.origin}${first.url.pathname}`).toBe('https://care-opinion.test/api/v2/opinions');
    expect(Object.fromEntries(first.url.searchParams)).toEqual({ publishedafter: '2026-11-17T10:00:00.000Z', dateofpublicationorder: 'ascending', take: '2', skip: '0' });
    expect(first.headers).toEqual({ authorization: 'SUBSCRIPTION_KEY key-123', accept: 'application/json' });
    expect(api.requests[1]!.url.searchParams.get('skip')).toBe('2');
    expect(cursors.stored).toEqual({ cursor: { publishedAfter: '2026-11-22T09:00:00.000Z', idsAtCursor: ['3'] }, version: 2 });
    expect(deps.limiter.wait).toHaveBeenCalledTimes(2);
  });

  it('reads nothing twice and skips nothing: the next run starts at the cursor and drops what it published', async () => {
    const { api, deps, publishedIds } = setup();
    api.opinions = [opinion(1, '2026-11-20T09:00:00Z'), opinion(2, '2026-11-22T09:00:00Z')];
    await pullCareOpinion(NOW, SETTINGS, deps);
    // Two more at the very same second as the cursor, one later.
    api.opinions.push(opinion(3, '2026-11-22T09:00:00Z'), opinion(4, '2026-11-22T09:00:00Z'), opinion(5, '2026-11-23T09:00:00Z'));
    const second = await pullCareOpinion(NOW, SETTINGS, deps);
    expect(publishedIds()).toEqual(['1', '2', '3', '4', '5']);
    expect(second).toMatchObject({ published: 3, skipped: 1, cursor: { publishedAfter: '2026-11-23T09:00:00.000Z', idsAtCursor: ['5'] } });
    const third = await pullCareOpinion(NOW, SETTINGS, deps);
    expect(third).toMatchObject({ published: 0, requests: 1 });
  });

  it('resumes after a failure halfway: pages already published are not read again', async () => {
    const { api, deps, publishedIds } = setup();
    api.opinions = [1, 2, 3, 4, 5].map((id) => opinion(id, `2026-11-2${id - 1}T09:00:00Z`));
    api.failAt = { request: 2, response: { status: 503, headers: {}, body: 'busy' } };
    await expect(pullCareOpinion(NOW, SETTINGS, deps)).rejects.toThrow(ConnectorUnavailableError);
    expect(publishedIds()).toEqual(['1', '2']);
    api.failAt = undefined;
    await pullCareOpinion(NOW, SETTINGS, deps);
    expect(publishedIds()).toEqual(['1', '2', '3', '4', '5']);
  });

  it.each([
    [302, 'http 302: redirected to sign-in'],
    [401, 'http 401'],
  ])('reports a refused key (HTTP %s) as ConnectorHealthChanged and stops', async (status, signal) => {
    const { api, publisher, cursors, deps } = setup();
    api.failAt = { request: 1, response: { status, headers: { location: '/login' }, body: '' } };
    await expect(pullCareOpinion(NOW, SETTINGS, deps)).resolves.toMatchObject({ status: 'credentials_rejected', published: 0 });
    expect(publisher.ofType('ConnectorHealthChanged').map((event) => event.detail.data)).toEqual([
      { platform: 'careopinion', status: 'credentials_rejected', signal, occurredAt: NOW, detectedAt: NOW },
    ]);
    expect(cursors.stored).toBeUndefined();
  });

  it.each([
    ['rate limited', { status: 429, headers: {}, body: '' }],
    ['not JSON', { status: 200, headers: {}, body: '<html>' }],
    ['not a list', { status: 200, headers: {}, body: '{"error":"x"}' }],
  ])('throws (to retry) when the API is %s', async (_name, response) => {
    const { api, deps } = setup();
    api.failAt = { request: 1, response };
    await expect(pullCareOpinion(NOW, SETTINGS, deps)).rejects.toThrow(ConnectorUnavailableError);
  });

  it('stops after maxPages and says there is more', async () => {
    const { api, deps } = setup();
    api.opinions = [1, 2, 3, 4, 5, 6].map((id) => opinion(id, `2026-11-2${id - 1}T09:00:00Z`));
    await expect(pullCareOpinion(NOW, { ...SETTINGS, maxPages: 2 }, deps)).resolves.toMatchObject({ status: 'more', published: 4 });
  });

  it('gives up its page when another run moved the cursor meanwhile', async () => {
    const { api, cursors, deps } = setup();
    api.opinions = [opinion(1, '2026-11-20T09:00:00Z')];
    const read = cursors.read.bind(cursors);
    jest.spyOn(cursors, 'read').mockImplementationOnce(async () => {
      const value = await read();
      cursors.stored = { cursor: { publishedAfter: NOW, idsAtCursor: [] }, version: 7 };
      return value;
    });
    await expect(pullCareOpinion(NOW, SETTINGS, deps)).rejects.toThrow(CursorConflictError);
  });
});

describe('careOpinionSettings', () => {
  it.each([
    [{ subscriptionKey: 'k', enabled: true }, true],
    [{ subscriptionKey: 'k', enabled: false }, false],
    [{ subscriptionKey: 'k' }, false],
    [{ enabled: true }, false],
    [{ subscriptionKey: '', enabled: true }, false],
  ])('%j is %s', (secret, on) => {
    expect(careOpinionSettings(secret) !== undefined).toBe(on);
  });
});
