import { configFrom, parse, withPlatform } from './common.ts';
import { migrate } from '../platform/db/migrate.ts';

export async function run(args: string[]): Promise<number> {
  const { values } = parse(args, {});
  await withPlatform(
    configFrom(values),
    'migrate',
    async (p) => {
      const applied = await migrate(p.database);
      process.stdout.write(
        applied.length ? `Applied ${applied.join(', ')}\n` : 'The schema is up to date.\n',
      );
    },
    { migrate: false },
  );
  return 0;
}
