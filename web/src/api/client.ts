import type { Problem, ProblemFieldError } from './types';

/** Base path of the versioned API; every request path below is relative to it. */
export const API_BASE = '/api/v1';

/** Error thrown for any non-2xx response (or a network failure, with status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;
  readonly path: string;

  constructor(status: number, path: string, problem: Problem | null, message?: string) {
    super(message ?? problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.path = path;
    this.problem = problem;
  }

  /** Machine-readable problem code, e.g. `invalid_credentials`. */
  get code(): string | undefined {
    return this.problem?.code;
  }

  get fieldErrors(): ProblemFieldError[] {
    return this.problem?.errors ?? [];
  }

  /** 412 Precondition Failed: the record changed since we read its ETag. */
  get isConflict(): boolean {
    return this.status === 412;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** ETag of the version being edited; sent as `If-Match`. */
  ifMatch?: string | null;
  signal?: AbortSignal;
}

export interface ApiResponse<T> {
  data: T;
  status: number;
  etag: string | null;
}

type UnauthorizedHandler = (error: ApiError) => void;
let unauthorizedHandler: UnauthorizedHandler | null = null;

/** Registers the callback that runs on a 401 from an authenticated endpoint. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | null): void {
  unauthorizedHandler = handler;
}

// A 401 from these endpoints is part of the sign-in flow itself (wrong password,
// wrong code, session still waiting for a second factor), not an expired session.
const SIGN_IN_PATHS = ['/auth/login', '/auth/totp/', '/auth/recovery', '/setup'];

function isSignInPath(path: string): boolean {
  return SIGN_IN_PATHS.some((prefix) => path.startsWith(prefix));
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  let url = `${API_BASE}${path}`;
  if (query) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined || value === null || value === '') continue;
      params.set(key, String(value));
    }
    const qs = params.toString();
    if (qs) url += `?${qs}`;
  }
  return url;
}

function isJson(contentType: string | null): boolean {
  return contentType !== null && /[/+]json\b/i.test(contentType);
}

async function readProblem(response: Response): Promise<Problem | null> {
  if (!isJson(response.headers.get('content-type'))) return null;
  try {
    const body = (await response.json()) as unknown;
    return typeof body === 'object' && body !== null ? body : null;
  } catch {
    return null;
  }
}

/** Low-level request: returns the parsed body together with status and ETag. */
export async function request<T>(
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const { method = 'GET', query, body, ifMatch, signal } = options;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (ifMatch) headers['If-Match'] = ifMatch;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, path, { code: 'network_error' }, 'Network error');
  }

  if (!response.ok) {
    const problem = await readProblem(response);
    const error = new ApiError(response.status, path, problem);
    if (response.status === 401 && !isSignInPath(path)) unauthorizedHandler?.(error);
    throw error;
  }

  let data: unknown = undefined;
  if (response.status !== 204 && isJson(response.headers.get('content-type'))) {
    data = (await response.json()) as unknown;
  }
  return { data: data as T, status: response.status, etag: response.headers.get('etag') };
}

/**
 * ETag to use when a record was read from a list endpoint that does not send one
 * (e.g. agencies). Assumes the server's strong ETag is the quoted version number.
 */
export function etagFromVersion(version: number): string {
  return `"${version}"`;
}

export const api = {
  get: async <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) =>
    (await request<T>(path, { query, signal })).data,
  /** GET that also returns the ETag for a later conditional update. */
  getWithEtag: <T>(path: string, signal?: AbortSignal) => request<T>(path, { signal }),
  post: async <T = void>(path: string, body?: unknown) =>
    (await request<T>(path, { method: 'POST', body: body ?? {} })).data,
  patch: async <T>(path: string, body: unknown, ifMatch: string | null) =>
    (await request<T>(path, { method: 'PATCH', body, ifMatch })).data,
};
