import { explain, UsageError } from './common.ts';

const HELP = `asylon — protection and case management

  asylon serve [--port N] [--data-dir DIR]     run the server (web app and API)
  asylon migrate [--data-dir DIR]              bring the database schema up to date
  asylon users create --email E --role ROLE [--agency NAME] [--name NAME] --password-stdin
  asylon token create --email E [--days N]     print a personal API token
  asylon audit verify                          check the audit chain (exit 1 if broken)
  asylon demo --persons N [--seed S] [--truth-file F]   load fictional demo persons
  asylon dedupe [--truth-file F]               find likely duplicates for review
  asylon import FILE --as EMAIL [--dry-run] [--mapping JSON|FILE] [--sheet S] [--problems OUT]
                                               import persons from CSV, XLSX, HXL or Kobo, all or nothing
  asylon export --as EMAIL --out FILE --purpose P --recipient R [--format F] [--fields a,b]
                                               export the persons that user may see, with a transfer record
  asylon backup FILE [--passphrase-file F]     sealed backup of everything (works while the server runs)
  asylon restore FILE [--passphrase-file F] [--replace]
                                               restore a backup into an empty database and check it
  asylon migrate-to --database-url URL --owner-url URL
                                               copy the embedded database into an empty PostgreSQL one

Settings come from the environment; see the configuration table in README.md.
With DATABASE_URL set, Asylon uses PostgreSQL instead of the embedded database.
`;

const COMMANDS: Record<string, () => Promise<{ run: (args: string[]) => Promise<number | null> }>> =
  {
    serve: () => import('./serve.ts'),
    migrate: () => import('./migrate.ts'),
    users: () => import('./users.ts'),
    token: () => import('./token.ts'),
    audit: () => import('./audit.ts'),
    demo: () => import('./demo.ts'),
    dedupe: () => import('./dedupe.ts'),
    import: () => import('./import.ts'),
    export: () => import('./export.ts'),
    backup: () => import('./backup.ts'),
    restore: () => import('./restore.ts'),
    'migrate-to': () => import('./migrate-to.ts'),
  };

async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(HELP);
    return;
  }
  try {
    const load = COMMANDS[command];
    if (!load) throw new UsageError(`Unknown command "${command}".`);
    const code = await (await load()).run(args);
    if (code !== null) process.exit(code);
  } catch (e) {
    const { message, code } = explain(e);
    process.stderr.write(`${message}\n`);
    process.exit(code);
  }
}

await main(process.argv.slice(2));
