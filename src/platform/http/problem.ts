import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from 'fastify-type-provider-zod';
import { AppError, ERRORS, type ErrorCode, type FieldError } from '../errors.ts';

export const PROBLEM_TYPE_BASE = 'https://asylon.invalid/problems/';

export function problemBody(error: AppError, requestId: string) {
  return {
    type: PROBLEM_TYPE_BASE + error.code,
    title: ERRORS[error.code].title,
    status: error.status,
    code: error.code,
    ...(error.detail ? { detail: error.detail } : {}),
    ...(error.errors ? { errors: error.errors } : {}),
    requestId,
  };
}

export function sendProblem(reply: FastifyReply, error: AppError): FastifyReply {
  if (error.headers) void reply.headers(error.headers);
  return reply
    .code(error.status)
    .type('application/problem+json')
    .send(problemBody(error, String(reply.request.id)));
}

function fieldPath(context: string | undefined, path: string): string {
  const where = context === 'querystring' ? 'query' : (context ?? 'body');
  return path ? `${where}.${path}` : where;
}

function validationFields(error: FastifyError): FieldError[] {
  if (hasZodFastifySchemaValidationErrors(error)) {
    return error.validation.map((v) => ({
      field: fieldPath(
        error.validationContext,
        v.instancePath.replace(/^\//, '').replaceAll('/', '.'),
      ),
      message: v.message ?? 'is not valid',
    }));
  }
  return [{ field: fieldPath(error.validationContext, ''), message: error.message }];
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  // The router's own refusals: a path that cannot be decoded, or a parameter no id is that long.
  FST_ERR_BAD_URL: 'not_found',
  FST_ERR_MAX_PARAM_LENGTH: 'not_found',
};

/**
 * Text PostgreSQL cannot store (NUL) or that is not valid Unicode (a lone surrogate), found
 * anywhere in a parsed body or query: answered as a validation error naming the field, before
 * any handler runs.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function unstorableText(value: unknown, path: string): string | null {
  // An explicit stack, not recursion: a hostile body may nest deeper than the call stack.
  const pending: [unknown, string][] = [[value, path]];
  while (pending.length) {
    const [v, at] = pending.pop()!;
    if (typeof v === 'string') {
      if (UNSTORABLE.test(v)) return at;
    } else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) pending.push([child, `${at}.${k}`]);
    }
  }
  return null;
}

/** Maps every error to the catalogue. Anything unexpected is logged and answered as 'internal'. */
export function toAppError(error: unknown, request: FastifyRequest): AppError {
  if (error instanceof AppError) return error;
  const fe = error as FastifyError;
  if (fe.validation) return new AppError('validation_failed', { errors: validationFields(fe) });
  const mapped = fe.code ? FASTIFY_CODES[fe.code] : undefined;
  if (mapped) return new AppError(mapped);
  if (error instanceof SyntaxError && fe.statusCode === 400) return new AppError('invalid_json');
  if (isResponseSerializationError(error)) {
    request.log.error({
      err: { message: 'response did not match its schema', issues: error.cause.issues },
    });
    return new AppError('internal');
  }
  if (fe.statusCode === 413) return new AppError('payload_too_large');
  if (fe.statusCode === 415) return new AppError('unsupported_media_type');
  // The log gets the error class, code and stack, never the message text of a database
  // error (it can quote values from a row).
  request.log.error({ err: { type: fe.name, code: fe.code, stack: fe.stack } }, 'unhandled error');
  return new AppError('internal');
}
