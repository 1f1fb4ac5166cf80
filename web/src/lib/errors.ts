import type { TFunction } from 'i18next';
import { isApiError } from '../api/client';
import type { ProblemFieldError } from '../api/types';

/**
 * Normalises a problem `errors[].field` to the form field name it belongs to:
 * `email`, `/email`, `body.email`, `body/roles/0` → `email` / `roles`.
 */
export function normaliseField(field: string): string {
  const parts = field.split(/[./[\]]+/).filter(Boolean);
  if (parts[0] === 'body' && parts.length > 1) parts.shift();
  return parts[0] ?? field;
}

/**
 * The full path of a problem `errors[].field` without the `body` prefix:
 * `body.names.0.given`, `/names/0/given` → `names.0.given`.
 */
export function fieldPath(field: string): string {
  const parts = field.split(/[./[\]]+/).filter(Boolean);
  if (parts[0] === 'body' && parts.length > 1) parts.shift();
  return parts.join('.');
}

/** Field errors keyed by full field path (e.g. `names.0.given`; first message per path wins). */
export function fieldPathErrors(error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!isApiError(error)) return result;
  for (const item of error.fieldErrors) {
    const path = fieldPath(item.field);
    if (!(path in result)) result[path] = item.message;
  }
  return result;
}

/** The first error found among `paths` (most specific first). */
export function errorAt(errors: Record<string, string>, ...paths: string[]): string | undefined {
  for (const path of paths) if (errors[path] !== undefined) return errors[path];
  return undefined;
}

/** Field errors keyed by form field name (first message per field wins). */
export function fieldErrors(error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!isApiError(error)) return result;
  for (const item of error.fieldErrors) {
    const name = normaliseField(item.field);
    if (!(name in result)) result[name] = item.message;
  }
  return result;
}

/** Field errors whose field is not one of the form's own fields (shown in the alert). */
export function otherFieldErrors(error: unknown, fields: readonly string[]): ProblemFieldError[] {
  if (!isApiError(error)) return [];
  return error.fieldErrors.filter((e) => !fields.includes(normaliseField(e.field)));
}

const KNOWN_CODES = new Set([
  'network_error',
  'invalid_credentials',
  'rate_limited',
  'invalid_code',
  'mfa_required',
]);

/** A user-facing, translated message for any error thrown by the API client. */
export function problemMessage(error: unknown, t: TFunction): string {
  if (!isApiError(error)) return t('errors.generic');
  if (error.status === 412) return t('errors.conflict');
  const code = error.code;
  if (code && KNOWN_CODES.has(code)) return t(`errors.codes.${code}`);
  if (error.status === 429) return t('errors.codes.rate_limited');
  if (error.status === 403) return t('errors.forbidden');
  if (error.status === 404) return t('errors.notFound');
  if ((error.status === 400 || error.status === 422) && error.fieldErrors.length > 0) {
    return t('errors.validation');
  }
  return error.problem?.detail ?? error.problem?.title ?? t('errors.generic');
}
