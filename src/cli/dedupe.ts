import fs from 'node:fs';
import { runBatch } from '../modules/duplicates/service.ts';
import { defaultOperationId } from '../modules/operations/service.ts';
import { configFrom, parse, progressLine, UsageError, withPlatform } from './common.ts';

/**
 * asylon dedupe [--truth-file F]: batch duplicate detection over the whole operation; found
 * pairs go to the review queue. With a ground-truth file (from `asylon demo --truth-file`),
 * it also prints precision and recall.
 */
export async function run(args: string[]): Promise<number> {
  const { values } = parse(args, {
    'data-dir': { type: 'string' },
    'truth-file': { type: 'string' },
  });
  const truthFile = values['truth-file'];
  if (truthFile !== undefined && !fs.existsSync(truthFile))
    throw new UsageError(`--truth-file: ${truthFile} does not exist`);
  const started = Date.now();
  const found = new Set<string>();
  const stats = await withPlatform(configFrom(values), 'dedupe', async (p) =>
    runBatch(
      p,
      await defaultOperationId(p),
      null,
      (done, total) => progressLine(`${done}/${total} persons`),
      (pairs) => pairs.forEach((x) => found.add(`${x.a},${x.b}`)),
    ),
  );
  const secs = (Date.now() - started) / 1000;
  process.stdout.write(
    `\n${stats.records} persons, ${stats.comparisons} pairs compared, ${stats.pairs} candidate pairs in ${secs.toFixed(1)} s\n`,
  );
  if (truthFile) {
    const truth = fs
      .readFileSync(truthFile, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',').sort().join(','));
    const hits = truth.filter((k) => found.has(k)).length;
    process.stdout.write(
      `precision ${(hits / Math.max(found.size, 1)).toFixed(4)}, recall ${(hits / Math.max(truth.length, 1)).toFixed(4)} against ${truth.length} planted pairs\n`,
    );
  }
  return 0;
}
