import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as ClientModule from './client';
import type * as EndpointsModule from './endpoints';

// The generated client captures fetch and Request when it is created, so both are stubbed
// before the module loads. Relative URLs resolve against a page origin, as in the browser.
const fetchMock = vi.fn<(request: Request) => Promise<Response>>();

class PageRequest extends Request {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(typeof input === 'string' ? new URL(input, 'http://asylon.test') : input, init);
  }
}

let client: typeof ClientModule;
let endpoints: typeof EndpointsModule;

beforeAll(async () => {
  vi.stubGlobal('fetch', fetchMock);
  vi.stubGlobal('Request', PageRequest);
  client = await import('./client');
  endpoints = await import('./endpoints');
});

afterAll(() => {
  vi.unstubAllGlobals();
});

beforeEach(() => {
  fetchMock.mockReset();
});

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

function lastRequest(): Request {
  const call = fetchMock.mock.calls.at(-1);
  if (!call) throw new Error('fetch was not called');
  return call[0];
}

describe('API client', () => {
  it('sends query parameters, leaving out the empty ones', async () => {
    fetchMock.mockResolvedValue(json(200, { items: [], nextCursor: null }));
    await endpoints.auditApi.events({
      from: '2026-03-01T23:00:00.000Z',
      action: undefined,
      limit: 50,
    });
    const url = new URL(lastRequest().url);
    expect(url.pathname).toBe('/api/v1/audit/events');
    expect(url.searchParams.get('from')).toBe('2026-03-01T23:00:00.000Z');
    expect(url.searchParams.get('limit')).toBe('50');
    expect(url.searchParams.has('action')).toBe(false);
  });

  it('fills path parameters and returns the ETag of a read', async () => {
    fetchMock.mockResolvedValue(json(200, { id: 'a/b' }, { ETag: '"3"' }));
    const result = await endpoints.usersApi.get('a/b');
    expect(new URL(lastRequest().url).pathname).toBe('/api/v1/users/a%2Fb');
    expect(result.etag).toBe('"3"');
  });

  it('sends JSON bodies and If-Match on updates', async () => {
    fetchMock.mockResolvedValue(json(200, {}));
    await endpoints.agenciesApi.rename('x', { name: 'New name' }, '"7"');
    const request = lastRequest();
    expect(request.method).toBe('PATCH');
    expect(request.headers.get('If-Match')).toBe('"7"');
    expect(request.headers.get('Content-Type')).toBe('application/json');
    expect(await request.json()).toEqual({ name: 'New name' });
  });

  it('marks a bodiless POST as JSON (the server requires it) and reads 204 as undefined', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }));
    await expect(endpoints.authApi.logout()).resolves.toBeUndefined();
    expect(lastRequest().headers.get('Content-Type')).toBe('application/json');
  });

  it('throws problem+json errors as ApiError with field errors', async () => {
    fetchMock.mockResolvedValue(
      new Response(
        JSON.stringify({
          status: 400,
          code: 'validation_failed',
          errors: [{ field: 'body.currentPassword', message: 'is wrong' }],
        }),
        { status: 400, headers: { 'Content-Type': 'application/problem+json' } },
      ),
    );
    const error = await endpoints.authApi
      .changePassword({ currentPassword: 'a', newPassword: 'b' })
      .catch((e: unknown) => e);
    expect(client.isApiError(error)).toBe(true);
    if (!client.isApiError(error)) return;
    expect(error.status).toBe(400);
    expect(error.code).toBe('validation_failed');
    expect(error.fieldErrors).toEqual([{ field: 'body.currentPassword', message: 'is wrong' }]);
  });

  it('reports a 401 from an authenticated call, but not from signing in', async () => {
    const handler = vi.fn();
    client.setUnauthorizedHandler(handler);
    fetchMock.mockImplementation(() =>
      Promise.resolve(json(401, { status: 401, code: 'unauthenticated' })),
    );
    await expect(endpoints.usersApi.list({})).rejects.toBeInstanceOf(client.ApiError);
    expect(handler).toHaveBeenCalledTimes(1);
    await expect(endpoints.authApi.login({ email: 'a', password: 'b' })).rejects.toBeInstanceOf(
      client.ApiError,
    );
    expect(handler).toHaveBeenCalledTimes(1);
    client.setUnauthorizedHandler(null);
  });

  it('turns a network failure into ApiError status 0', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    const error = await endpoints.sitesApi.list().catch((e: unknown) => e);
    expect(client.isApiError(error) && error.status).toBe(0);
    expect(client.isApiError(error) && error.code).toBe('network_error');
  });
});
