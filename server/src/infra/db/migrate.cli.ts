/**
 * Applies the SQL migrations to the database: `node server/dist/infra/db/migrate.cli.js`.
 * Reads DATABASE_URL (default mysql://root@127.0.0.1:3306/weshop) and MIGRATIONS_DIR (default: the
 * repository's prisma/migrations). Prints one line per applied migration and a summary; on failure prints
 * the reason (never the password) and exits 1.
 */
import { redactDatabaseUrl } from './database-url';
import { applyMigrations } from './migration-runner';
import { findMigrationsDir } from './migrations-dir';

const DEFAULT_DATABASE_URL = 'mysql://root@127.0.0.1:3306/weshop';

/** Runs the migrations named by the environment; resolves to the process exit code. */
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const databaseUrl = env.DATABASE_URL || DEFAULT_DATABASE_URL;
  try {
    const migrationsDir = env.MIGRATIONS_DIR || findMigrationsDir(__dirname);
    const result = await applyMigrations({ databaseUrl, migrationsDir, log: (line) => console.log(line) });
    console.log(
      `migrate: ${result.applied.length} applied, ${result.alreadyApplied.length} already applied ` +
        `(${redactDatabaseUrl(databaseUrl)}, ${migrationsDir})`,
    );
    return 0;
  } catch (error) {
    console.error(`migrate failed: ${hidePassword((error as Error).message, databaseUrl)}`);
    return 1;
  }
}

/** Belt and braces: no message should hold the password, but never print it if one does. */
function hidePassword(message: string, databaseUrl: string): string {
  let password = '';
  try {
    password = decodeURIComponent(new URL(databaseUrl).password);
  } catch {
    /* an unparseable URL was already reported without echoing it */
  }
  return password ? message.split(password).join('****') : message;
}

if (require.main === module) {
  void main().then((code) => {
    process.exitCode = code;
  });
}
