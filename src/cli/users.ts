import { isRole, ROLES, type Role } from '../platform/access/roles.ts';
import { defaultOperationId } from '../modules/operations/service.ts';
import { ensureAgency } from '../modules/agencies/service.ts';
import { createUserFromCli } from '../modules/users/service.ts';
import { configFrom, parse, readStdin, UsageError, withPlatform } from './common.ts';

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'create')
    throw new UsageError(
      'usage: asylon users create --email E --role ROLE [--role ROLE…] [--agency NAME] [--name NAME] --password-stdin',
    );
  const { values } = parse(rest, {
    email: { type: 'string' },
    role: { type: 'string', multiple: true },
    agency: { type: 'string' },
    name: { type: 'string' },
    'password-stdin': { type: 'boolean' },
  });
  const email = values.email?.trim().toLowerCase();
  if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw new UsageError('--email must be an email address');
  const roles = values.role ?? [];
  const bad = roles.filter((r) => !isRole(r));
  if (roles.length === 0 || bad.length) {
    throw new UsageError(
      `--role must be one of: ${ROLES.join(', ')}${bad.length ? ` (not: ${bad.join(', ')})` : ''}`,
    );
  }
  if (!values['password-stdin'])
    throw new UsageError(
      '--password-stdin is required: pipe the password in, never put it on the command line',
    );
  const password = (await readStdin()).replace(/\r?\n$/, '');
  await withPlatform(configFrom(values), 'users create', async (p) => {
    const operationId = await defaultOperationId(p);
    const agencyId = values.agency
      ? await ensureAgency(p, operationId, values.agency.trim(), p.now())
      : null;
    const id = await createUserFromCli(
      p,
      {
        email,
        roles: roles as Role[],
        agencyId,
        password,
        displayName: values.name?.trim() || email.split('@')[0]!,
      },
      operationId,
    );
    process.stdout.write(`Created user ${id} (${roles.join(', ')}).\n`);
  });
  return 0;
}
