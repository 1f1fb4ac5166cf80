import fc from 'fast-check';

/**
 * The subset of JSON Schema (2020-12, as zod 4 emits it for OpenAPI 3.1) that the fuzzer reads:
 * a validator for response bodies and fast-check arbitraries for valid requests. A keyword outside
 * the subset is reported, never skipped: a validator that ignores what it cannot read would pass
 * anything.
 */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
  description?: string;
}

const KNOWN = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'items',
  'minItems',
  'maxItems',
  'enum',
  'const',
  'anyOf',
  'oneOf',
  'allOf',
  'nullable',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'default',
  'description',
  'title',
  'examples',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$schema',
]);

// ----- validation ---------------------------------------------------------------------------

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function validDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

const FORMATS: Record<string, (s: string) => boolean> = {
  uuid: (s) => UUID.test(s),
  date: validDate,
  'date-time': (s) => DATE_TIME.test(s) && !Number.isNaN(Date.parse(s)),
  email: (s) => EMAIL.test(s),
};

const regexCache = new Map<string, RegExp>();
function regex(pattern: string): RegExp {
  let r = regexCache.get(pattern);
  if (!r) regexCache.set(pattern, (r = new RegExp(pattern)));
  return r;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(want: string, v: unknown): boolean {
  const got = typeOf(v);
  return want === got || (want === 'number' && got === 'integer');
}

/** Every way `value` breaks `schema`, as `path: message` lines; empty when it conforms. */
export function validate(schema: JsonSchema, value: unknown, path = '$'): string[] {
  const errors: string[] = [];
  for (const k of Object.keys(schema)) {
    if (!KNOWN.has(k))
      errors.push(`${path}: schema keyword "${k}" is not understood by the fuzzer`);
  }
  if (schema.nullable && value === null) return errors;
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => typeMatches(t, value))) {
      errors.push(`${path}: expected ${types.join('|')}, got ${typeOf(value)}`);
      return errors;
    }
  }
  if (schema.enum && !schema.enum.some((e) => Object.is(e, value) || e === value)) {
    errors.push(`${path}: ${JSON.stringify(value)?.slice(0, 80)} is not one of the enum values`);
  }
  if ('const' in schema && schema.const !== value) errors.push(`${path}: must equal the constant`);
  const branches = (list: JsonSchema[]) => list.map((s) => validate(s, value, path));
  if (schema.anyOf && !branches(schema.anyOf).some((e) => e.length === 0)) {
    errors.push(`${path}: matches no anyOf branch (${branches(schema.anyOf).flat()[0] ?? ''})`);
  }
  if (schema.oneOf && branches(schema.oneOf).filter((e) => e.length === 0).length !== 1) {
    errors.push(`${path}: must match exactly one oneOf branch`);
  }
  for (const s of schema.allOf ?? []) errors.push(...validate(s, value, path));
  if (typeof value === 'string') errors.push(...validateString(schema, value, path));
  if (typeof value === 'number') errors.push(...validateNumber(schema, value, path));
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems)
      errors.push(`${path}: fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems)
      errors.push(`${path}: more than ${schema.maxItems} items`);
    if (schema.items)
      value.forEach((v, i) => errors.push(...validate(schema.items!, v, `${path}[${i}]`)));
  } else if (value !== null && typeof value === 'object') {
    errors.push(...validateObject(schema, value as Record<string, unknown>, path));
  }
  return errors;
}

function validateString(schema: JsonSchema, value: string, path: string): string[] {
  const errors: string[] = [];
  const length = [...value].length;
  if (schema.minLength !== undefined && length < schema.minLength)
    errors.push(`${path}: shorter than ${schema.minLength}`);
  if (schema.maxLength !== undefined && length > schema.maxLength)
    errors.push(`${path}: longer than ${schema.maxLength}`);
  if (schema.pattern !== undefined && !regex(schema.pattern).test(value))
    errors.push(`${path}: does not match ${schema.pattern.slice(0, 60)}`);
  const format = schema.format ? FORMATS[schema.format] : undefined;
  if (schema.format && !format) errors.push(`${path}: format "${schema.format}" is not understood`);
  else if (format && !format(value)) errors.push(`${path}: is not a valid ${schema.format}`);
  return errors;
}

function validateNumber(schema: JsonSchema, value: number, path: string): string[] {
  const errors: string[] = [];
  if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${path}: below minimum`);
  if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${path}: above maximum`);
  if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum)
    errors.push(`${path}: not above exclusiveMinimum`);
  if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum)
    errors.push(`${path}: not below exclusiveMaximum`);
  return errors;
}

function validateObject(
  schema: JsonSchema,
  value: Record<string, unknown>,
  path: string,
): string[] {
  const errors: string[] = [];
  for (const key of schema.required ?? []) {
    if (!Object.hasOwn(value, key)) errors.push(`${path}: missing required "${key}"`);
  }
  const props = schema.properties ?? {};
  for (const [key, v] of Object.entries(value)) {
    const at = `${path}.${key}`;
    if (schema.propertyNames) errors.push(...validate(schema.propertyNames, key, `${at}(name)`));
    if (Object.hasOwn(props, key)) errors.push(...validate(props[key]!, v, at));
    else if (schema.additionalProperties === false) errors.push(`${at}: not allowed (extra field)`);
    else if (typeof schema.additionalProperties === 'object')
      errors.push(...validate(schema.additionalProperties, v, at));
  }
  return errors;
}

// ----- generation ---------------------------------------------------------------------------

/** Where a uuid-valued field or parameter takes its ids from (placeholders such as {{persons.0}}). */
export type IdSource = (name: string | undefined) => fc.Arbitrary<string>;

export interface GenOptions {
  ids: IdSource;
  /** The property or parameter name, as a hint for ids. */
  name?: string;
}

const ISO_DATE = fc
  .date({
    min: new Date('1900-01-01T00:00:00Z'),
    max: new Date('2099-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));
const ISO_DATE_TIME = fc
  .date({
    min: new Date('1970-01-01T00:00:00Z'),
    max: new Date('2099-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString());

/** Names and words people type, in the scripts the operation works in. */
export const HUMAN_TEXT = fc.constantFrom(
  'Zahra',
  'Karimi',
  'Ahmad Rahimi',
  'زهرا',
  'کریمی',
  'محمد علی',
  'Ελένη',
  'Łukasz Żółć',
  'Nguyễn Thị',
  'O’Brien',
  'Jean-Pierre',
  'Tirana',
  'Zone 4, block C',
  'site management',
  'UNHCR',
  'host-state',
);

function stringArb(schema: JsonSchema, opt: GenOptions): fc.Arbitrary<string> {
  if (schema.format === 'uuid') return opt.ids(opt.name);
  if (schema.format === 'date') return ISO_DATE;
  if (schema.format === 'date-time') return ISO_DATE_TIME;
  if (schema.format === 'email')
    return fc
      .tuple(
        fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/),
        fc.constantFrom('example.org', 'unhcr.test'),
      )
      .map(([u, d]) => `${u}@${d}`);
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 60, 60);
  if (schema.pattern) {
    return fc
      .stringMatching(regex(schema.pattern))
      .filter((s) => s.length >= min && s.length <= (schema.maxLength ?? Infinity));
  }
  const fit = (s: string) =>
    s.length >= min && s.length <= (schema.maxLength ?? Infinity) ? s : null;
  return fc
    .oneof(
      { weight: 3, arbitrary: HUMAN_TEXT },
      {
        weight: 2,
        arbitrary: fc.string({ minLength: Math.max(min, 1), maxLength: Math.max(max, 1) }),
      },
      {
        weight: 1,
        arbitrary: fc.string({
          minLength: Math.max(min, 1),
          maxLength: Math.max(max, 1),
          unit: 'grapheme',
        }),
      },
    )
    .map((s) => fit(s.trim() || 'x') ?? 'x'.repeat(Math.max(min, 1)));
}

function numberArb(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const lo = Math.max(schema.minimum ?? -1e6, Number.MIN_SAFE_INTEGER);
  const hi = Math.min(schema.maximum ?? 1e6, Number.MAX_SAFE_INTEGER);
  if (integer) return fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) });
  return fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
}

function objectArb(schema: JsonSchema, opt: GenOptions): fc.Arbitrary<Record<string, unknown>> {
  const props = schema.properties ?? {};
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, s] of Object.entries(props)) model[k] = arbitraryFor(s, { ...opt, name: k });
  const base = fc.record(model, {
    requiredKeys: (schema.required ?? []).filter((k) => k in props),
  });
  if (schema.propertyNames || typeof schema.additionalProperties === 'object') {
    const key = schema.propertyNames
      ? arbitraryFor(schema.propertyNames, opt)
      : fc.string({ minLength: 1, maxLength: 12 });
    const value =
      typeof schema.additionalProperties === 'object'
        ? arbitraryFor(schema.additionalProperties, opt)
        : fc.jsonValue({ maxDepth: 2 });
    return fc
      .tuple(
        base,
        fc.dictionary(key as fc.Arbitrary<string>, value, { maxKeys: 4, noNullPrototype: true }),
      )
      .map(([a, b]) => ({ ...b, ...a }));
  }
  return base as fc.Arbitrary<Record<string, unknown>>;
}

/** Values that conform to `schema` (mostly: refinements zod does not export stay unchecked). */
export function arbitraryFor(schema: JsonSchema, opt: GenOptions): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if ('const' in schema) return fc.constant(schema.const);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return fc.oneof(...choices.map((s) => arbitraryFor(s, opt)));
  if (schema.allOf?.length === 1) return arbitraryFor(schema.allOf[0]!, opt);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1)
    return fc.oneof(...types.map((t) => arbitraryFor({ ...schema, type: t }, opt)));
  const nullable = schema.nullable
    ? (a: fc.Arbitrary<unknown>) => fc.option(a, { nil: null })
    : (a: fc.Arbitrary<unknown>) => a;
  switch (types[0]) {
    case 'string':
      return nullable(stringArb(schema, opt));
    case 'integer':
      return nullable(numberArb(schema, true));
    case 'number':
      return nullable(numberArb(schema, false));
    case 'boolean':
      return nullable(fc.boolean());
    case 'null':
      return fc.constant(null);
    case 'array': {
      const min = schema.minItems ?? 0;
      const max = Math.max(min, Math.min(schema.maxItems ?? 4, 4));
      return nullable(
        fc.array(arbitraryFor(schema.items ?? {}, opt), { minLength: min, maxLength: max }),
      );
    }
    case 'object':
      return nullable(objectArb(schema, opt));
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}
