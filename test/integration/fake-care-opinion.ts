/**
 * A local fake of the Care Opinion API v2 for integration tests. Care Opinion publishes no sample
 * response: it serves opinions built from the documented fields and behaves as the documentation
 * describes (`Authorization: SUBSCRIPTION_KEY <key>`, a redirect to the sign-in page for a bad key,
 * `publishedafter` (inclusive) + ascending order + `take`/`skip` paging, UTC datetimes without a zone).
 */
import { createServer, type Server } from 'node:http';
import { listen } from '../../local/http-util';

export interface FakeOpinion {
  id: number;
  title: string;
  body: string;
  dateOfSubmission: string;
  dateOfPublication: string;
  authorRole: string;
}

export class FakeCareOpinionApi {
  constructor(private readonly key: string) {}

  opinions: FakeOpinion[] = [];
  requests: Array<{ at: number; query: URLSearchParams; authorization?: string }> = [];
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://fake');
      this.requests.push({ at: Date.now(), query: url.searchParams, authorization: req.headers.authorization });
      if (req.headers.authorization !== `SUBSCRIPTION_KEY ${this.key}`) {
        res.writeHead(302, { location: '/account/login' });
        return void res.end();
      }
      if (url.pathname !== '/api/v2/opinions') {
        res.writeHead(404);
        return void res.end();
      }
      const after = url.searchParams.get('publishedafter') ?? '';
      const take = Number(url.searchParams.get('take') ?? 10);
      const skip = Number(url.searchParams.get('skip') ?? 0);
      const page = this.opinions
        .filter((opinion) => `${opinion.dateOfPublication}Z` >= after)
        .sort((a, b) => a.dateOfPublication.localeCompare(b.dateOfPublication) || a.id - b.id)
        .slice(skip, skip + take);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(page));
    });
    this.url = await listen(this.server);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** `count` opinions published one minute apart from `start` (UTC, no zone: as the API documents its datetimes). */
  publish(count: number, start: string): void {
    const first = this.opinions.length + 1;
    for (let index = 0; index < count; index++) {
      const at = new Date(Date.parse(start) + index * 60_000).toISOString().replace(/\.\d{3}Z$/, '');
      this.opinions.push({
        id: first + index,
        title: `Story ${first + index}`,
        body: `The **ward** staff were kind.\n\n> Thank you`,
        dateOfSubmission: at,
        dateOfPublication: at,
        authorRole: 'patient',
      });
    }
  }
}
