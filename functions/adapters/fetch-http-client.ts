import type { HttpClient, HttpResponse } from '../core/ports';

/**
 * The pull connectors' HTTP client, on Node's fetch. Redirects are returned, not followed: Care
 * Opinion answers a bad key with a redirect to its login page, which must read as "refused", not as
 * a 200 page of HTML. Each request has a timeout so a hung API cannot use up the function's time.
 */
export class FetchHttpClient implements HttpClient {
  constructor(private readonly timeoutMs = 15_000) {}

  async get(url: string, headers: Record<string, string>): Promise<HttpResponse> {
    const response = await fetch(url, { method: 'GET', headers, redirect: 'manual', signal: AbortSignal.timeout(this.timeoutMs) });
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      responseHeaders[name.toLowerCase()] = value;
    });
    return { status: response.status, headers: responseHeaders, body: await response.text() };
  }
}
