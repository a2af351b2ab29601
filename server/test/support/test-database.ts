import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { formatDatabaseUrl, parseDatabaseUrl, type DatabaseConnectionOptions } from '../../src/infra/db/database-url';
import { applyMigrations } from '../../src/infra/db/migration-runner';
import { findMigrationsDir } from '../../src/infra/db/migrations-dir';

/** The server the tests create their scratch databases on; any database named in the URL is ignored. */
export const DEFAULT_TEST_SERVER_URL = 'mysql://root@127.0.0.1:3306/';

/** Every scratch database starts with this, so leftovers of crashed runs are easy to find and drop. */
export const TEST_DATABASE_PREFIX = 'weshop_t_';

const MAX_NAME_LENGTH = 64;
const SUFFIX_BYTES = 6;

/** A scratch database with every migration applied. */
export interface TestDatabase {
  /** `mysql://` URL of the scratch database, for DATABASE_URL. */
  url: string;
  /** Its name, `weshop_t_<label>_<random>`. */
  name: string;
  /** Drops the database; safe to call twice. */
  drop(): Promise<void>;
}

/**
 * Creates a fresh, uniquely named database `weshop_t_<label>_<random>` on the server of TEST_DATABASE_URL
 * (default `mysql://root@127.0.0.1:3306/`) and applies all migrations to it. Call `drop()` in `afterAll`.
 */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  return createTestDatabaseFrom(label, findMigrationsDir(__dirname));
}

/**
 * Like {@link createTestDatabase} but applies the migrations in `migrationsDir` (e.g. an edited copy);
 * the database is dropped again if they fail.
 */
export async function createTestDatabaseFrom(label: string, migrationsDir: string): Promise<TestDatabase> {
  const database = testDatabaseName(label);
  const server = testServer();
  const url = formatDatabaseUrl({ ...server, database });
  const db: TestDatabase = { url, name: database, drop: () => dropDatabase(server, database) };
  try {
    await applyMigrations({ databaseUrl: url, migrationsDir });
  } catch (error) {
    await db.drop().catch(() => undefined);
    throw error;
  }
  return db;
}

/** A fresh name `weshop_t_<label>_<random>`: label lower-cased, non-[a-z0-9_] replaced, shortened to fit 64. */
export function testDatabaseName(label: string): string {
  const suffix = randomBytes(SUFFIX_BYTES).toString('hex');
  const room = MAX_NAME_LENGTH - TEST_DATABASE_PREFIX.length - 1 - suffix.length;
  const clean = label
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, room)
    .replace(/_+$/, '');
  return `${TEST_DATABASE_PREFIX}${clean || 'db'}_${suffix}`;
}

/** Connection options of the test server (TEST_DATABASE_URL or the local default), without a database. */
export function testServer(): DatabaseConnectionOptions {
  return { ...parseDatabaseUrl(process.env.TEST_DATABASE_URL || DEFAULT_TEST_SERVER_URL), database: '' };
}

/** Drops a scratch database; refuses names without the test prefix so a test can never drop real data. */
export async function dropDatabase(server: DatabaseConnectionOptions, database: string): Promise<void> {
  if (!database.startsWith(TEST_DATABASE_PREFIX)) {
    throw new Error(
      `Refusing to drop ${database}: only scratch databases named ${TEST_DATABASE_PREFIX}* are dropped by tests`,
    );
  }
  const connection = await mysql.createConnection({
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
  });
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${database.replace(/`/g, '``')}\``);
  } finally {
    await connection.end();
  }
}
