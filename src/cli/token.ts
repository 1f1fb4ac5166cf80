import { createApiTokenForEmail } from '../modules/tokens/service.ts';
import { configFrom, parse, UsageError, withPlatform } from './common.ts';

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'create')
    throw new UsageError('usage: asylon token create --email E [--days N] [--name NAME]');
  const { values } = parse(rest, {
    email: { type: 'string' },
    days: { type: 'string' },
    name: { type: 'string' },
  });
  if (!values.email) throw new UsageError('--email is required');
  const days = values.days === undefined ? 90 : Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 365)
    throw new UsageError('--days must be a whole number from 1 to 365');
  const token = await withPlatform(configFrom(values), 'token create', (p) =>
    createApiTokenForEmail(p, values.email!, days, values.name ?? 'command line'),
  );
  process.stdout.write(`${token}\n`);
  return 0;
}
