import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';
import { parseDatabaseUrl, redactDatabaseUrl, type DatabaseConnectionOptions } from './database-url';
import { splitSqlStatements } from './sql-statements';

/** What one run of {@link applyMigrations} did, by migration folder name, in order. */
export interface MigrationResult {
  applied: string[];
  alreadyApplied: string[];
}

/** A migration run was refused or failed; the message says which migration, why, and what to do. */
export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

/** A migration folder on disk (`<timestamp>_<name>/migration.sql`). */
interface MigrationFile {
  name: string;
  script: string;
  /** sha256 hex of the file's bytes: what Prisma records in `_prisma_migrations.checksum`. */
  checksum: string;
}

/** A row of `_prisma_migrations`. */
interface MigrationRecord {
  migration_name: string;
  checksum: string;
  started_at: Date | null;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
}

const MIGRATIONS_TABLE = '_prisma_migrations';

/** Prisma's own bookkeeping table for MySQL, column for column, so `prisma migrate deploy` accepts it. */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS \`${MIGRATIONS_TABLE}\` (
    \`id\` VARCHAR(36) NOT NULL,
    \`checksum\` VARCHAR(64) NOT NULL,
    \`finished_at\` DATETIME(3) NULL,
    \`migration_name\` VARCHAR(255) NOT NULL,
    \`logs\` TEXT NULL,
    \`rolled_back_at\` DATETIME(3) NULL,
    \`started_at\` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    \`applied_steps_count\` INTEGER UNSIGNED NOT NULL DEFAULT 0,

    PRIMARY KEY (\`id\`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`;

const LOCK_TIMEOUT_SECONDS = 60;

/**
 * Brings the database named in `databaseUrl` up to date with the SQL migrations in `migrationsDir`
 * (Prisma's folder layout), recording them in `_prisma_migrations` exactly as `prisma migrate deploy` does.
 *
 * Creates the database if missing. Refuses, before changing anything, when an applied migration's file was
 * edited afterwards or an earlier migration failed. Applies new migrations in folder-name order, one statement
 * at a time; on a failing statement records the error in the migration's `logs` and throws. Runners on the
 * same database are serialised with a named lock. Running it again applies nothing.
 *
 * @throws MigrationError naming the migration and the cause (never the password).
 */
export async function applyMigrations(opts: {
  databaseUrl: string;
  migrationsDir: string;
  log?: (line: string) => void;
}): Promise<MigrationResult> {
  const log = opts.log ?? (() => undefined);
  const db = parseUrl(opts.databaseUrl);
  const target = redactDatabaseUrl(db);
  const migrations = await readMigrations(opts.migrationsDir);
  const connection = await connect(db, target);
  try {
    await createDatabaseIfMissing(connection, db.database, target);
    await run(connection, `USE ${quoteIdentifier(db.database)}`, target);
    await acquireLock(connection, lockName(db.database), target);
    try {
      await run(connection, CREATE_MIGRATIONS_TABLE, target);
      const records = await readRecords(connection, target);
      const alreadyApplied = checkHistory(migrations, records, target, opts.migrationsDir, log);
      const pending = migrations.filter((m) => !alreadyApplied.includes(m.name));
      const applied: string[] = [];
      for (const migration of pending) {
        await applyOne(connection, migration, target);
        applied.push(migration.name);
        log(`applied ${migration.name}`);
      }
      return { applied, alreadyApplied };
    } finally {
      await connection.query('SELECT RELEASE_LOCK(?)', [lockName(db.database)]).catch(() => undefined);
    }
  } finally {
    await connection.end().catch(() => undefined);
  }
}

function parseUrl(databaseUrl: string): DatabaseConnectionOptions {
  let db: DatabaseConnectionOptions;
  try {
    db = parseDatabaseUrl(databaseUrl);
  } catch (error) {
    throw new MigrationError((error as Error).message);
  }
  if (!db.database) {
    throw new MigrationError(
      `The database URL ${redactDatabaseUrl(db)} names no database; add one, e.g. mysql://root@127.0.0.1:3306/weshop`,
    );
  }
  return db;
}

/** Reads every `<name>/migration.sql` under `dir`, sorted by folder name. */
async function readMigrations(dir: string): Promise<MigrationFile[]> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new MigrationError(
      `Cannot read the migrations folder ${dir}: ${(error as Error).message}; set MIGRATIONS_DIR to prisma/migrations`,
    );
  }
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const migrations: MigrationFile[] = [];
  for (const name of names) {
    const file = path.join(dir, name, 'migration.sql');
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(file);
    } catch {
      throw new MigrationError(
        `Migration folder ${name} in ${dir} has no migration.sql; add the SQL file or remove the folder`,
      );
    }
    migrations.push({ name, script: bytes.toString('utf8'), checksum: sha256(bytes) });
  }
  return migrations;
}

/**
 * Compares the recorded history with the files; returns the names of the migrations already applied.
 * Throws when a migration failed earlier or an applied one was edited since.
 */
function checkHistory(
  migrations: MigrationFile[],
  records: MigrationRecord[],
  target: string,
  dir: string,
  log: (line: string) => void,
): string[] {
  const live = records.filter((r) => r.rolled_back_at === null);
  const failed = live.find((r) => r.finished_at === null);
  if (failed) {
    const started = failed.started_at ? ` (started ${failed.started_at.toISOString()})` : '';
    throw new MigrationError(
      `Migration ${failed.migration_name} failed or was interrupted earlier${started} on ${target} and is not finished, ` +
        `so no further migrations are applied. Repair the database by hand (statements before the failing one took effect), ` +
        `then mark it rolled back to retry it: UPDATE ${MIGRATIONS_TABLE} SET rolled_back_at = NOW(3) ` +
        `WHERE migration_name = '${failed.migration_name}' AND finished_at IS NULL` +
        (failed.logs ? `\nIts recorded error: ${failed.logs}` : ''),
    );
  }
  const applied = new Set<string>();
  for (const record of live) {
    const file = migrations.find((m) => m.name === record.migration_name);
    if (!file) {
      log(`warning: migration ${record.migration_name} is recorded in ${target} but has no folder in ${dir}`);
      continue;
    }
    if (!checksumMatches(file, record.checksum)) {
      throw new MigrationError(
        `Migration ${file.name} was edited after it was applied to ${target}: its migration.sql now has checksum ` +
          `${file.checksum} but ${record.checksum} was recorded. Applied migrations must not change: restore the ` +
          `original file (e.g. git checkout -- prisma/migrations/${file.name}/migration.sql) and add a new migration for the change instead.`,
      );
    }
    applied.add(file.name);
  }
  return migrations.filter((m) => applied.has(m.name)).map((m) => m.name);
}

/** Like Prisma, accept a checksum taken with other line endings (git may convert them on checkout). */
function checksumMatches(file: MigrationFile, recorded: string): boolean {
  return recorded === file.checksum || recorded === sha256(Buffer.from(file.script.replace(/\r\n/g, '\n'), 'utf8'));
}

async function applyOne(connection: Connection, migration: MigrationFile, target: string): Promise<void> {
  const id = randomUUID();
  await run(
    connection,
    `INSERT INTO \`${MIGRATIONS_TABLE}\` (id, checksum, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, CURRENT_TIMESTAMP(3), 0)`,
    target,
    [id, migration.checksum, migration.name],
  );
  const statements = splitSqlStatements(migration.script);
  for (const [index, statement] of statements.entries()) {
    try {
      await connection.query(statement);
    } catch (error) {
      const reason = describeSqlError(error);
      const where = `statement ${index + 1} of ${statements.length}`;
      const logs = `${reason}\n\nFailing ${where}:\n${statement}`;
      await connection
        .query(`UPDATE \`${MIGRATIONS_TABLE}\` SET logs = ? WHERE id = ?`, [logs, id])
        .catch(() => undefined);
      throw new MigrationError(
        `Migration ${migration.name} failed at ${where} on ${target}: ${reason}\n` +
          `${excerpt(statement)}\n` +
          (index > 0 ? `The ${index} statement(s) before it took effect (MySQL cannot roll back DDL). ` : '') +
          `Fix the migration, repair the database by hand, then mark it rolled back to retry: ` +
          `UPDATE ${MIGRATIONS_TABLE} SET rolled_back_at = NOW(3) WHERE migration_name = '${migration.name}' AND finished_at IS NULL`,
      );
    }
  }
  await run(
    connection,
    `UPDATE \`${MIGRATIONS_TABLE}\` SET finished_at = CURRENT_TIMESTAMP(3), applied_steps_count = 1 WHERE id = ?`,
    target,
    [id],
  );
}

/** Creates the database unless it exists (checked first, so a user without CREATE rights can still migrate). */
async function createDatabaseIfMissing(connection: Connection, database: string, target: string): Promise<void> {
  const existing = await run(
    connection,
    'SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
    target,
    [database],
  );
  if (existing.length > 0) return;
  await run(
    connection,
    `CREATE DATABASE IF NOT EXISTS ${quoteIdentifier(database)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    target,
  );
}

async function readRecords(connection: Connection, target: string): Promise<MigrationRecord[]> {
  const rows = await run(
    connection,
    `SELECT migration_name, checksum, started_at, finished_at, rolled_back_at, logs FROM \`${MIGRATIONS_TABLE}\` ORDER BY started_at, migration_name`,
    target,
  );
  return rows as MigrationRecord[];
}

async function connect(db: DatabaseConnectionOptions, target: string): Promise<Connection> {
  try {
    return await mysql.createConnection({
      host: db.host,
      port: db.port,
      user: db.user,
      password: db.password,
      charset: 'UTF8MB4_UNICODE_CI',
      multipleStatements: false,
      connectTimeout: 10_000,
    });
  } catch (error) {
    throw new MigrationError(
      `Cannot connect to ${target}: ${describeSqlError(error)}; is the database server running and the URL right?`,
    );
  }
}

async function acquireLock(connection: Connection, name: string, target: string): Promise<void> {
  const rows = await run(connection, 'SELECT GET_LOCK(?, ?) AS acquired', target, [name, LOCK_TIMEOUT_SECONDS]);
  const acquired = (rows as Array<{ acquired: number | null }>)[0]?.acquired;
  if (acquired !== 1) {
    throw new MigrationError(
      `Another migration runner has held the lock ${name} on ${target} for over ${LOCK_TIMEOUT_SECONDS}s; ` +
        `wait for it to finish (or find the stuck session with SELECT IS_USED_LOCK('${name}')) and run again`,
    );
  }
}

/** One lock per database: runners on the same database queue, runners on other databases do not. */
function lockName(database: string): string {
  const name = `weshop_migrate:${database}`;
  return name.length <= 64 ? name : `weshop_migrate:${sha256(Buffer.from(database, 'utf8')).slice(0, 49)}`;
}

/** Runs one bookkeeping query, turning a driver error into a MigrationError that names the database. */
async function run(connection: Connection, sql: string, target: string, values?: unknown[]): Promise<RowDataPacket[]> {
  try {
    const [rows] = await connection.query<RowDataPacket[]>(sql, values);
    return rows;
  } catch (error) {
    throw new MigrationError(
      `Migration bookkeeping failed on ${target}: ${describeSqlError(error)} (in: ${excerpt(sql)})`,
    );
  }
}

function describeSqlError(error: unknown): string {
  const e = error as { code?: string; message?: string };
  const message = e?.message ?? String(error);
  return e?.code ? `${message} [${e.code}]` : message;
}

function excerpt(sql: string): string {
  const oneLine = sql.replace(/\s+/g, ' ').trim();
  return oneLine.length > 300 ? `${oneLine.slice(0, 300)}…` : oneLine;
}

function quoteIdentifier(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
