import fs from 'node:fs';
import type { OpenAPI3 } from 'openapi-typescript';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApiDocument, generateApiTypes, SCHEMA_FILE } from '../scripts/gen-api.ts';

// The web app's API types are generated from the server's OpenAPI document; this keeps the
// committed file in step with the route schemas. gen-api always runs on an in-memory PGlite,
// also on PostgreSQL test runs.

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** The part of the document this test reads (no $refs: the server inlines every schema). */
interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
type Paths = Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;

let document: OpenAPI3;
let generated: string;

beforeAll(async () => {
  // Start from the migrated template when there is one (PGlite runs); otherwise migrate.
  const template = inject('pgliteTemplate');
  const loadDataDir = template
    ? (() => {
        const bytes = fs.readFileSync(template);
        return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      })()
    : undefined;
  document = await buildApiDocument({ loadDataDir });
  generated = await generateApiTypes(document);
});

describe('OpenAPI document and generated client types', () => {
  it('web/src/api/schema.d.ts is what npm run gen:api generates now', () => {
    const committed = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, 'utf8') : '';
    expect(generated, 'run npm run gen:api').toBe(committed);
  });

  it('generates the same text twice', async () => {
    expect(await generateApiTypes(document)).toBe(generated);
  });

  it('is OpenAPI 3.1.0', () => {
    expect(document.openapi).toBe('3.1.0');
  });

  it('describes a success response, with its media type, for every operation under /api/v1', () => {
    const operations: string[] = [];
    const missing: string[] = [];
    for (const [path, item] of Object.entries((document.paths ?? {}) as Paths)) {
      if (!path.startsWith('/api/v1/')) continue;
      for (const method of METHODS) {
        const operation = item[method];
        if (!operation) continue;
        operations.push(`${method.toUpperCase()} ${path}`);
        const described = Object.entries(operation.responses ?? {}).some(
          ([status, response]) =>
            /^2\d\d$/.test(status) &&
            // 204 No Content has no body to describe; every other 2xx needs a schema for the
            // media type it is sent as (JSON, or a file such as CSV or XLSX).
            (status === '204' ||
              Object.values(response.content ?? {}).some((media) => media.schema !== undefined)),
        );
        if (!described) missing.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(operations.length).toBeGreaterThan(10);
    expect(missing, 'operations without a 2xx response schema').toEqual([]);
  });
});
