import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';
import { formatDatabaseUrl } from '../../src/infra/db/database-url';
import { applyMigrations, MigrationError } from '../../src/infra/db/migration-runner';
import { findMigrationsDir } from '../../src/infra/db/migrations-dir';
import { createTestDatabase, dropDatabase, testDatabaseName, testServer } from '../support/test-database';

// Runs against the real MariaDB of TEST_DATABASE_URL (default mysql://root@127.0.0.1:3306/).

const realMigrationsDir = findMigrationsDir(__dirname);
const realMigrationNames = fs
  .readdirSync(realMigrationsDir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

const server = testServer();
const created: string[] = [];
const tempDirs: string[] = [];
const connections: Connection[] = [];

/** A database name that does not exist yet, dropped after the tests. */
function freshDatabase(label: string): { name: string; url: string } {
  const name = testDatabaseName(label);
  created.push(name);
  return { name, url: formatDatabaseUrl({ ...server, database: name }) };
}

/** A copy of the real migrations folder in the OS temp folder, removed after the tests. */
function copyOfMigrations(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weshop-migrations-'));
  tempDirs.push(dir);
  fs.cpSync(realMigrationsDir, dir, { recursive: true });
  return dir;
}

function addMigration(dir: string, name: string, sql: string): void {
  fs.mkdirSync(path.join(dir, name));
  fs.writeFileSync(path.join(dir, name, 'migration.sql'), sql);
}

function sha256OfFile(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

async function connectTo(database: string): Promise<Connection> {
  const connection = await mysql.createConnection({ ...server, database });
  connections.push(connection);
  return connection;
}

async function query<T>(connection: Connection, sql: string, values?: unknown[]): Promise<T[]> {
  const [rows] = await connection.query<RowDataPacket[]>(sql, values);
  return rows as T[];
}

interface MigrationRow {
  id: string;
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
  logs: string | null;
}

async function migrationRows(connection: Connection): Promise<MigrationRow[]> {
  return query<MigrationRow>(connection, 'SELECT * FROM _prisma_migrations ORDER BY migration_name');
}

async function tableNames(connection: Connection, database: string): Promise<string[]> {
  const rows = await query<{ name: string }>(
    connection,
    'SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?',
    [database],
  );
  return rows.map((r) => r.name).sort();
}

/** Tables the migration files create (`CREATE TABLE `x``), so the test follows new migrations by itself. */
function tablesCreatedBy(dir: string): string[] {
  const names = new Set<string>();
  for (const name of realMigrationNames) {
    const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
    for (const match of sql.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?`([^`]+)`/gi)) names.add(match[1]);
    for (const match of sql.matchAll(/DROP TABLE (?:IF EXISTS )?`([^`]+)`/gi)) names.delete(match[1]);
  }
  return [...names];
}

afterAll(async () => {
  await Promise.all(connections.map((c) => c.end().catch(() => undefined)));
  await Promise.all(created.map((name) => dropDatabase(server, name)));
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('applyMigrations', () => {
  it('creates the database, every table and Prisma-compatible _prisma_migrations rows', async () => {
    const db = freshDatabase('runner_fresh');
    const lines: string[] = [];

    const result = await applyMigrations({
      databaseUrl: db.url,
      migrationsDir: realMigrationsDir,
      log: (l) => lines.push(l),
    });

    expect(result).toEqual({ applied: realMigrationNames, alreadyApplied: [] });
    expect(lines).toEqual(realMigrationNames.map((n) => `applied ${n}`));
    const connection = await connectTo(db.name);
    expect(await tableNames(connection, db.name)).toEqual(
      [...tablesCreatedBy(realMigrationsDir), '_prisma_migrations'].sort(),
    );
    const rows = await migrationRows(connection);
    expect(rows.map((r) => r.migration_name)).toEqual(realMigrationNames);
    for (const row of rows) {
      expect(row.checksum).toBe(sha256OfFile(path.join(realMigrationsDir, row.migration_name, 'migration.sql')));
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
      expect(row.logs).toBeNull();
    }
    const [charset] = await query<{ DEFAULT_CHARACTER_SET_NAME: string; DEFAULT_COLLATION_NAME: string }>(
      connection,
      'SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
      [db.name],
    );
    expect(charset).toEqual({ DEFAULT_CHARACTER_SET_NAME: 'utf8mb4', DEFAULT_COLLATION_NAME: 'utf8mb4_unicode_ci' });
  });

  it('creates _prisma_migrations with exactly the columns Prisma uses for MySQL', async () => {
    const db = await createTestDatabase('runner_bookkeeping');
    created.push(db.name);
    const connection = await connectTo(db.name);
    const columns = await query<Record<string, unknown>>(
      connection,
      `SELECT COLUMN_NAME AS name, COLUMN_TYPE AS type, IS_NULLABLE AS nullable, COLUMN_DEFAULT AS def, COLUMN_KEY AS k
         FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = '_prisma_migrations' ORDER BY ORDINAL_POSITION`,
      [db.name],
    );
    expect(columns).toEqual([
      { name: 'id', type: 'varchar(36)', nullable: 'NO', def: null, k: 'PRI' },
      { name: 'checksum', type: 'varchar(64)', nullable: 'NO', def: null, k: '' },
      { name: 'finished_at', type: 'datetime(3)', nullable: 'YES', def: 'NULL', k: '' },
      { name: 'migration_name', type: 'varchar(255)', nullable: 'NO', def: null, k: '' },
      { name: 'logs', type: 'text', nullable: 'YES', def: 'NULL', k: '' },
      { name: 'rolled_back_at', type: 'datetime(3)', nullable: 'YES', def: 'NULL', k: '' },
      { name: 'started_at', type: 'datetime(3)', nullable: 'NO', def: 'current_timestamp(3)', k: '' },
      { name: 'applied_steps_count', type: 'int(10) unsigned', nullable: 'NO', def: '0', k: '' },
    ]);
  });

  it('applies nothing when run again', async () => {
    const db = freshDatabase('runner_twice');
    await applyMigrations({ databaseUrl: db.url, migrationsDir: realMigrationsDir });
    const connection = await connectTo(db.name);
    const before = await migrationRows(connection);

    const second = await applyMigrations({ databaseUrl: db.url, migrationsDir: realMigrationsDir });

    expect(second).toEqual({ applied: [], alreadyApplied: realMigrationNames });
    expect(await migrationRows(connection)).toEqual(before);
  });

  it('applies only the new migrations, in folder-name order', async () => {
    const dir = copyOfMigrations();
    const db = freshDatabase('runner_new');
    await applyMigrations({ databaseUrl: db.url, migrationsDir: dir });
    addMigration(dir, '29990102000000_second', 'ALTER TABLE `runner_extra` ADD COLUMN `note` VARCHAR(10) NULL;\n');
    addMigration(
      dir,
      '29990101000000_first',
      '-- CreateTable\nCREATE TABLE `runner_extra` (`id` INTEGER NOT NULL, PRIMARY KEY (`id`));\n',
    );

    const result = await applyMigrations({ databaseUrl: db.url, migrationsDir: dir });

    expect(result).toEqual({
      applied: ['29990101000000_first', '29990102000000_second'],
      alreadyApplied: realMigrationNames,
    });
    const connection = await connectTo(db.name);
    const columns = await query<{ name: string }>(
      connection,
      "SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'runner_extra' ORDER BY ORDINAL_POSITION",
      [db.name],
    );
    expect(columns.map((c) => c.name)).toEqual(['id', 'note']);
  });

  it('refuses a migration edited after it was applied, and changes nothing', async () => {
    const dir = copyOfMigrations();
    const db = freshDatabase('runner_edited');
    await applyMigrations({ databaseUrl: db.url, migrationsDir: dir });
    const connection = await connectTo(db.name);
    const rowsBefore = await migrationRows(connection);
    const tablesBefore = await tableNames(connection, db.name);
    const edited = realMigrationNames[0];
    const file = path.join(dir, edited, 'migration.sql');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('`price` INTEGER', '`price` VARCHAR(10)'));
    addMigration(dir, '29990101000000_pending', 'CREATE TABLE `must_not_appear` (`id` INTEGER NOT NULL);\n');

    const run = applyMigrations({ databaseUrl: db.url, migrationsDir: dir });

    await expect(run).rejects.toThrow(MigrationError);
    await expect(run).rejects.toThrow(new RegExp(`Migration ${edited} was edited after it was applied`));
    await expect(run).rejects.toThrow(/add a new migration for the change instead/);
    expect(await migrationRows(connection)).toEqual(rowsBefore);
    expect(await tableNames(connection, db.name)).toEqual(tablesBefore);
  });

  it('accepts an applied migration whose only change is CRLF line endings (as Prisma does)', async () => {
    const dir = copyOfMigrations();
    const db = freshDatabase('runner_crlf');
    await applyMigrations({ databaseUrl: db.url, migrationsDir: dir });
    const file = path.join(dir, realMigrationNames[0], 'migration.sql');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/\n/g, '\r\n'));

    await expect(applyMigrations({ databaseUrl: db.url, migrationsDir: dir })).resolves.toEqual({
      applied: [],
      alreadyApplied: realMigrationNames,
    });
  });

  it('reports a failing new migration by name, keeps earlier ones, and stops later runs until resolved', async () => {
    const dir = copyOfMigrations();
    const db = freshDatabase('runner_failing');
    const broken = '29990101000000_broken';
    addMigration(
      dir,
      broken,
      '-- CreateTable\nCREATE TABLE `runner_half` (`id` INTEGER NOT NULL);\n\n-- Oops\nINSERT INTO `no_such_table` VALUES (1);\n',
    );

    const run = applyMigrations({ databaseUrl: db.url, migrationsDir: dir });

    await expect(run).rejects.toThrow(MigrationError);
    await expect(run).rejects.toThrow(new RegExp(`Migration ${broken} failed at statement 2 of 2`));
    await expect(run).rejects.toThrow(/no_such_table/);
    const connection = await connectTo(db.name);
    const rows = await migrationRows(connection);
    expect(rows.map((r) => [r.migration_name, r.finished_at !== null, r.applied_steps_count])).toEqual([
      ...realMigrationNames.map((n) => [n, true, 1]),
      [broken, false, 0],
    ]);
    expect(rows.at(-1)!.logs).toMatch(/no_such_table[\s\S]*INSERT INTO `no_such_table`/);
    expect(await tableNames(connection, db.name)).toContain('runner_half');

    // A later run refuses until the failed migration is resolved.
    await expect(applyMigrations({ databaseUrl: db.url, migrationsDir: dir })).rejects.toThrow(
      new RegExp(`Migration ${broken} failed or was interrupted earlier[\\s\\S]*rolled_back_at`),
    );

    // Resolve as the message says: repair by hand, fix the file, mark it rolled back; then it applies.
    await connection.query('DROP TABLE `runner_half`');
    fs.writeFileSync(path.join(dir, broken, 'migration.sql'), 'CREATE TABLE `runner_half` (`id` INTEGER NOT NULL);\n');
    await connection.query(
      `UPDATE _prisma_migrations SET rolled_back_at = NOW(3) WHERE migration_name = ? AND finished_at IS NULL`,
      [broken],
    );
    await expect(applyMigrations({ databaseUrl: db.url, migrationsDir: dir })).resolves.toEqual({
      applied: [broken],
      alreadyApplied: realMigrationNames,
    });
  });

  it('applies each migration exactly once when two runners start together on a fresh database', async () => {
    const dir = copyOfMigrations();
    addMigration(dir, '29990101000000_extra', 'CREATE TABLE `runner_concurrent` (`id` INTEGER NOT NULL);\n');
    const all = [...realMigrationNames, '29990101000000_extra'];
    const db = freshDatabase('runner_concurrent');

    const results = await Promise.all([
      applyMigrations({ databaseUrl: db.url, migrationsDir: dir }),
      applyMigrations({ databaseUrl: db.url, migrationsDir: dir }),
    ]);

    expect(results.flatMap((r) => r.applied).sort()).toEqual(all);
    expect(results.map((r) => r.applied.length + r.alreadyApplied.length)).toEqual([all.length, all.length]);
    const rows = await migrationRows(await connectTo(db.name));
    expect(rows.map((r) => r.migration_name)).toEqual(all);
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
  });

  it('explains a URL without a database name', async () => {
    await expect(
      applyMigrations({ databaseUrl: 'mysql://root:hunter2@127.0.0.1:3306/', migrationsDir: realMigrationsDir }),
    ).rejects.toThrow(/names no database; add one/);
    await expect(
      applyMigrations({ databaseUrl: 'mysql://root:hunter2@127.0.0.1:3306/', migrationsDir: realMigrationsDir }),
    ).rejects.not.toThrow(/hunter2/);
  });
});
