import path from 'node:path';
import { writeTable } from '../platform/tabular/index.ts';
import { exportQuery } from '../modules/transfer/schema.ts';
import { commandLineContext, exportPersons } from '../modules/transfer/service.ts';
import { configFrom, parse, UsageError, withPlatform } from './common.ts';

const USAGE =
  'usage: asylon export --as EMAIL --out FILE --purpose TEXT --recipient TEXT [--format csv|xlsx|hxl-csv] [--fields a,b,…] [--legal-basis TEXT]';

/**
 * asylon export --as EMAIL --out FILE --purpose … --recipient …: the persons that user may see,
 * with the columns their role may take, as CSV, XLSX or HXL-tagged CSV; a transfer record and
 * an audit event name the user, purpose and recipient. The format follows --out unless given.
 */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    as: { type: 'string' },
    out: { type: 'string' },
    format: { type: 'string' },
    fields: { type: 'string' },
    purpose: { type: 'string' },
    recipient: { type: 'string' },
    'legal-basis': { type: 'string' },
  });
  if (positionals.length || !values.out) throw new UsageError(USAGE);
  if (!values.as)
    throw new UsageError('--as EMAIL is required: the export acts with that user’s rights');
  const parsed = exportQuery.safeParse({
    format: values.format ?? (values.out.endsWith('.xlsx') ? 'xlsx' : 'csv'),
    fields: values.fields,
    purpose: values.purpose,
    recipient: values.recipient,
    legalBasis: values['legal-basis'],
  });
  if (!parsed.success) {
    const flag = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    throw new UsageError(
      parsed.error.issues.map((i) => `${flag(String(i.path[0]))}: ${i.message}`).join('\n'),
    );
  }
  const q = parsed.data;
  const out = path.resolve(values.out);
  const result = await withPlatform(configFrom(values), 'export', async (p) => {
    const ctx = await commandLineContext(p, values.as!);
    const stream = await exportPersons(p, ctx, q);
    await writeTable(out, { format: q.format, columns: stream.columns }, stream.rows);
    return stream;
  });
  process.stdout.write(
    `Exported ${result.count} persons to ${values.out} (${q.format}); transfer ${result.transferId} recorded.\n`,
  );
  return 0;
}
