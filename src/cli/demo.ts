import fs from 'node:fs';
import { loadDemo } from '../modules/demo/service.ts';
import { defaultOperationId } from '../modules/operations/service.ts';
import { configFrom, parse, progressLine, UsageError, withPlatform } from './common.ts';

export async function run(args: string[]): Promise<number> {
  const { values } = parse(args, {
    persons: { type: 'string' },
    seed: { type: 'string' },
    'truth-file': { type: 'string' },
    'data-dir': { type: 'string' },
  });
  const count = Number(values.persons ?? 1000);
  const seed = Number(values.seed ?? 1);
  if (!Number.isInteger(count) || count < 1 || count > 5_000_000)
    throw new UsageError('--persons must be a whole number from 1 to 5000000');
  if (!Number.isInteger(seed)) throw new UsageError('--seed must be a whole number');
  const started = Date.now();
  const { batch, ids } = await withPlatform(configFrom(values), 'demo', async (p) =>
    loadDemo(p, await defaultOperationId(p), { persons: count, seed }, (done) =>
      progressLine(`${done}/${count} persons`),
    ),
  );
  const secs = (Date.now() - started) / 1000;
  process.stdout.write(
    `\nLoaded ${count} fictional persons with sites, statuses and households in ${secs.toFixed(1)} s (${batch.duplicates.length} planted duplicate pairs).\n`,
  );
  if (values['truth-file']) {
    const lines = batch.duplicates.map(([a, b]) => `${ids.get(a)},${ids.get(b)}`);
    fs.writeFileSync(values['truth-file'], `first_id,second_id\n${lines.join('\n')}\n`);
    process.stdout.write(`Ground truth of the planted duplicates: ${values['truth-file']}\n`);
  }
  return 0;
}
