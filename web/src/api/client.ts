import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import type { Problem, ProblemFieldError } from './types';

/** Base path of the versioned API; every path in `schema.d.ts` starts with it. */
export const API_BASE = '/api/v1';

/** Error thrown for any non-2xx response (or a network failure, with status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;
  /** The API path relative to API_BASE, as declared in the document (e.g. `/users/{id}`). */
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

function relativePath(schemaPath: string): string {
  return schemaPath.startsWith(API_BASE) ? schemaPath.slice(API_BASE.length) : schemaPath;
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

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Turns every failure into an ApiError, so callers only ever see success data:
 * problem+json responses (with the 401 redirect hook) and network failures (status 0).
 */
const errors: Middleware = {
  onRequest({ request }) {
    // The server accepts cookie-authenticated state changes only as JSON (CSRF defence),
    // including bodiless POSTs such as /auth/logout.
    if (!SAFE_METHODS.has(request.method) && !request.headers.has('Content-Type'))
      request.headers.set('Content-Type', 'application/json');
    return request;
  },
  async onResponse({ response, schemaPath }) {
    if (response.ok) return undefined;
    const path = relativePath(schemaPath);
    const error = new ApiError(response.status, path, await readProblem(response));
    if (response.status === 401 && !isSignInPath(path)) unauthorizedHandler?.(error);
    throw error;
  },
  onError({ error, schemaPath }) {
    if (error instanceof DOMException && error.name === 'AbortError') return error;
    return new ApiError(0, relativePath(schemaPath), { code: 'network_error' }, 'Network error');
  },
};

/** The typed client: paths, parameters and bodies are checked against `schema.d.ts`. */
export const client = createClient<paths>({
  credentials: 'same-origin',
  headers: { Accept: 'application/json' },
});
client.use(errors);

/** What an openapi-fetch call resolves to once the middleware has thrown every failure. */
interface Result<T> {
  data?: T;
  response: Response;
}

/** The success body of a call (undefined for 204 No Content). */
export async function dataOf<T>(call: Promise<Result<T>>): Promise<T> {
  return (await call).data as T;
}

/** The success body together with status and ETag, for a later conditional update. */
export async function withEtag<T>(call: Promise<Result<T>>): Promise<ApiResponse<T>> {
  const { data, response } = await call;
  return { data: data as T, status: response.status, etag: response.headers.get('etag') };
}

/**
 * ETag to use when a record was read from a list endpoint that does not send one
 * (e.g. agencies). Assumes the server's strong ETag is the quoted version number.
 */
export function etagFromVersion(version: number): string {
  return `"${version}"`;
}
