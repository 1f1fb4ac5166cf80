/**
 * The one error catalogue. Every error a client can see has a stable code here; the HTTP layer
 * renders it as RFC 9457 problem+json (src/platform/http/problem.ts). Messages never carry
 * personal data, SQL or stack traces.
 */
export const ERRORS = {
  validation_failed: { status: 400, title: 'The request is not valid.' },
  invalid_json: { status: 400, title: 'The request body is not valid JSON.' },
  unauthenticated: { status: 401, title: 'Sign-in is required.' },
  invalid_credentials: { status: 401, title: 'The email or password is wrong.' },
  mfa_required: { status: 401, title: 'Two-factor verification is required.' },
  invalid_mfa_code: { status: 401, title: 'The code is wrong or was already used.' },
  fresh_mfa_required: { status: 403, title: 'Verify a two-factor code again to do this.' },
  forbidden: { status: 403, title: 'You are not allowed to do this.' },
  csrf_rejected: { status: 403, title: 'The request did not come from this application.' },
  not_found: { status: 404, title: 'Not found.' },
  method_not_allowed: { status: 405, title: 'Method not allowed.' },
  conflict: { status: 409, title: 'The request conflicts with existing data.' },
  request_in_progress: {
    status: 409,
    title: 'A request with this Idempotency-Key is still in progress.',
  },
  precondition_failed: {
    status: 412,
    title: 'The record was changed by someone else. Reload it and try again.',
  },
  payload_too_large: { status: 413, title: 'The request body is too large.' },
  unsupported_media_type: { status: 415, title: 'Send the request body as application/json.' },
  idempotency_key_reused: {
    status: 422,
    title: 'This Idempotency-Key was already used for a different request.',
  },
  precondition_required: {
    status: 428,
    title: 'Send If-Match with the ETag of the record you are changing.',
  },
  rate_limited: { status: 429, title: 'Too many attempts. Wait and try again.' },
  setup_unavailable: {
    status: 404,
    title: 'This setup link is not valid, or setup is already complete.',
  },
  internal: {
    status: 500,
    title: 'Something went wrong on our side. The request id identifies it.',
  },
  unavailable: { status: 503, title: 'The service is not ready.' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly detail: string | undefined;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    code: ErrorCode,
    options: { detail?: string; errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(options.detail ?? ERRORS[code].title);
    this.code = code;
    this.status = ERRORS[code].status;
    this.detail = options.detail;
    this.errors = options.errors;
    this.headers = options.headers;
  }
}

/** "Not found" and "not allowed to know it exists" are one answer (SECURITY.md rule 3). */
export const notFound = (): AppError => new AppError('not_found');

export function fieldError(
  field: string,
  message: string,
  code: ErrorCode = 'validation_failed',
): AppError {
  return new AppError(code, { errors: [{ field, message }] });
}
