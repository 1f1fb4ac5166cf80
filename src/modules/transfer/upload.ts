/**
 * An uploaded import file, kept in a private temporary file while the import needs it. Raw
 * bodies are streamed to disk (memory stays flat) with their SHA-256 computed on the way; a
 * base64 JSON body is decoded to the same kind of file. The file is removed when released.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';

/** The largest file an import accepts (as bytes on the wire). */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/** Media types sent as the raw file. */
export const FILE_TYPES = [
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
];

export class UploadedFile {
  /** Set when a background job took the file over: it releases it when done. */
  claimed = false;
  constructor(
    readonly path: string,
    readonly sha256: string,
    readonly size: number,
  ) {}

  async release(): Promise<void> {
    await fsp.rm(path.dirname(this.path), { recursive: true, force: true });
  }
}

async function tempPath(): Promise<string> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'asylon-upload-'));
  return path.join(dir, 'file');
}

/** Streams a request body to a temporary file (mode 0600), refusing more than the limit. */
export async function receiveFile(body: NodeJS.ReadableStream): Promise<UploadedFile> {
  const file = await tempPath();
  const hash = crypto.createHash('sha256');
  let size = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > MAX_UPLOAD_BYTES) return done(new AppError('payload_too_large'));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(body, count, fs.createWriteStream(file, { mode: 0o600 }));
  } catch (e) {
    await fsp.rm(path.dirname(file), { recursive: true, force: true });
    throw e;
  }
  if (size === 0) {
    await fsp.rm(path.dirname(file), { recursive: true, force: true });
    throw new AppError('validation_failed', { errors: [{ field: 'body', message: 'is empty' }] });
  }
  return new UploadedFile(file, hash.digest('hex'), size);
}

/** The file of a base64 JSON body. */
export async function decodeFile(base64: string): Promise<UploadedFile> {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0 || bytes.length > MAX_UPLOAD_BYTES)
    throw new AppError('validation_failed', {
      errors: [{ field: 'body.content', message: 'must be the file in base64, at most 100 MiB' }],
    });
  const file = await tempPath();
  await fsp.writeFile(file, bytes, { mode: 0o600 });
  return new UploadedFile(
    file,
    crypto.createHash('sha256').update(bytes).digest('hex'),
    bytes.length,
  );
}

/** The request's file, whichever way it came. */
export async function fileOf(request: FastifyRequest): Promise<UploadedFile> {
  const body = request.body as UploadedFile | { content: string };
  return body instanceof UploadedFile ? body : decodeFile(body.content);
}
