/**
 * While the server holds the embedded database, no other process may open it. `asylon backup`
 * then asks the server, over a Unix socket inside the data folder, for a consistent copy of the
 * database files (PGlite's own dump, taken between two statements). The socket is as private as
 * the data folder itself (owner only): whoever can use it could read the files anyway.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Database } from '../db/database.ts';

const REQUEST = 'snapshot\n';
/** sun_path holds 108 bytes on Linux, 104 on macOS, with its terminating NUL. */
const MAX_SOCKET_PATH = 103;

/** The socket's path; longer paths are cut short by the system, silently, so they are refused. */
function socketPath(dataDir: string): string {
  const file = path.join(dataDir, 'snapshot.sock');
  if (Buffer.byteLength(file) > MAX_SOCKET_PATH) {
    throw new Error(`${file} is too long for a Unix socket (${MAX_SOCKET_PATH} bytes at most)`);
  }
  return file;
}

/** Serves snapshots of `database`; returns a function that stops serving. */
export async function serveSnapshots(database: Database, dataDir: string): Promise<() => void> {
  const file = socketPath(dataDir);
  fs.rmSync(file, { force: true }); // left by a server that was killed; the data-folder lock is ours
  const server = net.createServer((socket) => {
    let request = '';
    socket.setEncoding('latin1');
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: string) => {
      request += chunk;
      if (request.length < REQUEST.length) return;
      if (request !== REQUEST) return socket.destroy();
      database.dumpEmbedded().then(
        (bytes) => socket.end(Buffer.from(bytes)),
        () => socket.destroy(),
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(file, () => resolve());
  });
  try {
    fs.chmodSync(file, 0o600);
  } catch (error) {
    server.close();
    throw error;
  }
  return () => {
    server.close();
    fs.rmSync(file, { force: true });
  };
}

/** Asks the running server for a copy of the embedded database's files. */
export function requestSnapshot(dataDir: string): Promise<ArrayBuffer> {
  const file = socketPath(dataDir);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.createConnection(file, () => socket.write(REQUEST));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', (failed) => {
      const bytes = Buffer.concat(chunks);
      if (failed || bytes.length === 0) {
        reject(new Error('The running server did not send a copy of the database.'));
        return;
      }
      resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    });
  });
}
