import { tokenStore } from './auth';

/** An answer from the ops API other than 2xx: its message and, for 400, the fields at fault. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** `body.reason: a reason is required` -> { 'body.reason': 'a reason is required' } */
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Raised when the API answers 401: the console signs out and shows the sign-in page. */
export class SignedOutError extends ApiError {}

export interface ApiClient {
  get<T>(path: string, query?: Record<string, string | undefined>): Promise<T>;
  /** A POST with an Idempotency-Key: the same key again (a retried click after a lost answer) is applied once. */
  post<T>(path: string, body: unknown, idempotencyKey: string): Promise<T>;
}

export function apiClient(apiUrl: string, onSignedOut: () => void): ApiClient {
  async function call<T>(method: string, path: string, body?: unknown, idempotencyKey?: string): Promise<T> {
    const token = tokenStore.get();
    if (!token) {
      onSignedOut();
      throw new SignedOutError(401, 'You are signed out.');
    }
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
    const response = await fetch(`${apiUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
    if (response.status === 401) {
      tokenStore.clear();
      onSignedOut();
      throw new SignedOutError(401, 'Your sign-in has expired or was not accepted. Sign in again.');
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      // A gateway's HTML or plain-text error page: the status still says what happened.
      if (!response.ok) throw errorOf(response.status, undefined);
      throw new ApiError(response.status, `The service answered HTTP ${response.status} with something other than JSON.`);
    }
    if (!response.ok) throw errorOf(response.status, json);
    return json as T;
  }
  return {
    get: (path, query) => {
      const params = new URLSearchParams();
      for (const [name, value] of Object.entries(query ?? {})) if (value !== undefined && value !== '') params.set(name, value);
      const search = params.toString();
      return call('GET', search ? `${path}?${search}` : path);
    },
    post: (path, body, idempotencyKey) => call('POST', path, body, idempotencyKey),
  };
}

function errorOf(status: number, json: unknown): ApiError {
  const body = (json ?? {}) as { message?: unknown; fields?: unknown };
  const message = typeof body.message === 'string' ? body.message : `The service answered HTTP ${status}.`;
  const fieldErrors: Record<string, string> = {};
  const fields = Array.isArray(body.fields) ? body.fields.filter((field): field is string => typeof field === 'string') : [];
  // The message lists "field: problem" parts joined by "; " (functions/core/ops/requests.ts parseInput).
  for (const part of message.split('; ')) {
    const match = /^([a-z]+(?:\.[A-Za-z0-9_-]+)+): (.+)$/u.exec(part);
    if (match) fieldErrors[match[1]!] = match[2]!;
  }
  for (const field of fields) fieldErrors[field] ??= message;
  return new ApiError(status, message, fieldErrors);
}
