/**
 * The sheet names of an XLSX file, read in the browser so that the user can choose one before
 * anything is sent: the workbook part of the ZIP container (xl/workbook.xml), inflated with the
 * browser's own DecompressionStream. Null when the file cannot be read that way; the server
 * reads the first sheet then, and names the sheet it read in its report.
 */
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export async function xlsxSheetNames(file: Blob): Promise<string[] | null> {
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const view = new DataView(bytes.buffer);
    let eocd = -1;
    for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--)
      if (view.getUint32(i, true) === EOCD) {
        eocd = i;
        break;
      }
    if (eocd < 0) return null;
    const entries = view.getUint16(eocd + 10, true);
    let at = view.getUint32(eocd + 16, true);
    for (let n = 0; n < entries; n++) {
      if (view.getUint32(at, true) !== CENTRAL) return null;
      const method = view.getUint16(at + 10, true);
      const size = view.getUint32(at + 20, true);
      const nameLength = view.getUint16(at + 28, true);
      const skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
      const local = view.getUint32(at + 42, true);
      const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
      at += 46 + skip;
      if (name !== 'xl/workbook.xml') continue;
      if (view.getUint32(local, true) !== LOCAL) return null;
      const start =
        local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      const raw = bytes.slice(start, start + size);
      const xml =
        method === 0
          ? new TextDecoder().decode(raw)
          : method === 8
            ? await new Response(
                new Blob([raw]).stream().pipeThrough(new DecompressionStream('deflate-raw')),
              ).text()
            : null;
      if (xml === null) return null;
      const doc = new DOMParser().parseFromString(xml, 'application/xml');
      const names = Array.from(doc.getElementsByTagName('sheet'))
        .map((sheet) => sheet.getAttribute('name') ?? '')
        .filter(Boolean);
      return names.length > 0 ? names : null;
    }
    return null;
  } catch {
    return null;
  }
}
