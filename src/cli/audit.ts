import { verifyAllChains } from '../platform/audit/verify.ts';
import { configFrom, parse, UsageError, withPlatform } from './common.ts';

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'verify') throw new UsageError('usage: asylon audit verify');
  const { values } = parse(rest, {});
  const results = await withPlatform(configFrom(values), 'audit verify', (p) =>
    verifyAllChains(p.db, p.keys.auditSigning.publicKey),
  );
  let bad = 0;
  for (const { operationId, result } of results) {
    if (result.ok) {
      process.stdout.write(`operation ${operationId}: intact, ${result.checked} events\n`);
    } else {
      bad++;
      process.stdout.write(
        `operation ${operationId}: BROKEN at event ${result.firstBad.seq}: ${result.firstBad.reason} (${result.checked} checked before it)\n`,
      );
    }
  }
  return bad === 0 ? 0 : 1;
}
