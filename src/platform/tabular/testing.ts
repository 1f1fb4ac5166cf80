/** Helpers for this folder's tests: real files in a temporary folder, removed after the file's tests. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import type { Table, TableRow } from './read.ts';

/** A temporary folder for one test file; returns a function giving paths inside it. */
export function useTempDir(): (name: string, content?: string | Buffer) => string {
  const dir = mkdtempSync(path.join(tmpdir(), 'asylon-tabular-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return (name, content) => {
    const file = path.join(dir, name);
    if (content !== undefined) writeFileSync(file, content);
    return file;
  };
}

/** Every data row of a table (small files only). */
export async function readAll(table: Table): Promise<TableRow[]> {
  const rows: TableRow[] = [];
  for await (const row of table.rows) rows.push({ row: row.row, values: { ...row.values } });
  return rows;
}
