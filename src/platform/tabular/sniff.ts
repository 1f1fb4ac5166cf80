/**
 * What a file is, from its first bytes (never from its name): an XLSX workbook (a ZIP), CSV text,
 * or something we refuse with a message that says what to do.
 */
import { open } from 'node:fs/promises';
import { TabularError } from './errors.ts';

export type Sniffed =
  | { kind: 'xlsx' }
  /** `sample` is the start of the text, decoded, without byte order mark. */
  | { kind: 'text'; sample: string };

const SAMPLE_BYTES = 64 * 1024;

const startsWith = (bytes: Buffer, ...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

export async function sniffFile(filePath: string): Promise<Sniffed> {
  const handle = await open(filePath, 'r');
  let bytes: Buffer;
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    bytes = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (bytes.length === 0) throw new TabularError('empty_file', 'The file is empty.');

  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04)) {
    // An OpenDocument file is a ZIP whose first entry is its media type.
    if (bytes.subarray(0, 100).includes('application/vnd.oasis.opendocument')) {
      throw new TabularError(
        'not_tabular',
        'The file is an OpenDocument (.ods) file. Save it as Excel (.xlsx) or CSV UTF-8.',
      );
    }
    return { kind: 'xlsx' };
  }
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0)) {
    throw new TabularError(
      'not_tabular',
      'The file is an Excel 97-2003 (.xls) file or a password-protected workbook. Remove the password and save it as Excel (.xlsx) or CSV UTF-8.',
    );
  }
  if (startsWith(bytes, 0xfe, 0xff)) {
    throw new TabularError(
      'invalid_encoding',
      'The file is UTF-16 big-endian text. Save it as CSV UTF-8.',
    );
  }
  if (startsWith(bytes, 0xff, 0xfe)) {
    // Excel's "Unicode text": UTF-16 little-endian with a byte order mark, which csv-parse reads.
    return { kind: 'text', sample: bytes.subarray(2).toString('utf16le') };
  }
  if (startsWith(bytes, 0x25, 0x50, 0x44, 0x46) || bytes.includes(0)) {
    throw new TabularError(
      'not_tabular',
      'The file is neither CSV text nor an Excel (.xlsx) workbook. Save it as CSV UTF-8 or .xlsx.',
    );
  }
  const bom = startsWith(bytes, 0xef, 0xbb, 0xbf) ? 3 : 0;
  return { kind: 'text', sample: bytes.subarray(bom).toString('utf8') };
}
