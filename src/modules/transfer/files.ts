/** Facts about an import file read straight from disk: its digest and a row estimate. */
import crypto from 'node:crypto';
import fs from 'node:fs';

/** The SHA-256 of a file, streamed. */
export async function sha256File(path: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * About how many data rows a CSV file holds (its line breaks, less the header), for a progress
 * bar; quoted line breaks make it an overestimate. Null for a workbook (a ZIP).
 */
export async function estimateRows(path: string): Promise<number | null> {
  let lines = 0;
  let first = true;
  for await (const chunk of fs.createReadStream(path, { highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer;
    if (first && bytes[0] === 0x50 && bytes[1] === 0x4b) return null; // "PK": XLSX
    first = false;
    for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) lines++;
  }
  return Math.max(lines - 1, 0);
}
