import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findMigrationsDir } from '../../src/infra/db/migrations-dir';
import {
  diffSchema,
  expectedSchemaFromPrisma,
  loadActualSchema,
  loadExpectedSchema,
  type SchemaShape,
  type TableShape,
} from '../support/schema-drift';
import { createTestDatabase, createTestDatabaseFrom, type TestDatabase } from '../support/test-database';

// The SQL migrations must build exactly the tables prisma/schema.prisma describes.
// When this fails, each line names one difference: fix the migration (add a new one) or the schema.

const migrationsDir = findMigrationsDir(__dirname);
const schemaPath = path.join(migrationsDir, '..', 'schema.prisma');
const expected = loadExpectedSchema(schemaPath);

const databases: TestDatabase[] = [];
const tempDirs: string[] = [];

afterAll(async () => {
  await Promise.all(databases.map((db) => db.drop()));
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('schema drift: SQL migrations vs prisma/schema.prisma', () => {
  it('the migrations build exactly the schema (every table, column, key, index and foreign key)', async () => {
    const db = await createTestDatabase('drift');
    databases.push(db);

    const diff = diffSchema(expected, await loadActualSchema(db.url));

    expect(diff).toEqual([]);
  });

  it('shows a column whose type was changed in an edited copy of the migrations', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weshop-drift-'));
    tempDirs.push(dir);
    fs.cpSync(migrationsDir, dir, { recursive: true });
    const init = fs
      .readdirSync(dir)
      .filter((n) => fs.statSync(path.join(dir, n)).isDirectory())
      .sort()[0];
    const file = path.join(dir, init, 'migration.sql');
    const original = fs.readFileSync(file, 'utf8');
    const edited = original.replace('`price` INTEGER NOT NULL', '`price` VARCHAR(10) NOT NULL');
    expect(edited).not.toBe(original);
    fs.writeFileSync(file, edited);
    const db = await createTestDatabaseFrom('drift_edited', dir);
    databases.push(db);

    const diff = diffSchema(expected, await loadActualSchema(db.url));

    expect(diff).toEqual(['table sku: column price: type family int expected, varchar(10) found']);
  });
});

describe('schema drift on a schema using more of Prisma', () => {
  const schema = `
    datasource db {
      provider = "mysql"
    }
    enum Colour {
      RED   @map("red")
      GREEN @map("green")
    }
    model Owner {
      id       Int   @id @default(autoincrement())
      email    String @unique @db.VarChar(100)
      required Pet[] @relation("required")
      optional Pet[] @relation("optional")
    }
    model Pet {
      id       Int      @id @default(autoincrement())
      ownerId  Int      @map("owner_id")
      sitterId Int?     @map("sitter_id")
      colour   Colour   @default(GREEN)
      price    Decimal  @default(1.50) @db.Decimal(10, 2)
      big      BigInt   @default(5)
      ratio    Float    @default(0.5)
      small    Int      @default(7) @db.UnsignedSmallInt
      meta     Json?
      name     String   @default("it's")
      notes    String?  @db.LongText
      flag     Boolean  @default(false)
      seenAt   DateTime? @map("seen_at")
      stamp    DateTime @default(now()) @db.Timestamp(0)
      owner    Owner    @relation("required", fields: [ownerId], references: [id])
      sitter   Owner?   @relation("optional", fields: [sitterId], references: [id], map: "pet_sitter_fk", onUpdate: NoAction)
      @@unique([ownerId, name])
      @@index([ownerId(sort: Desc)], map: "pet_owner_desc")
      @@map("pet")
    }
  `;
  // What \`prisma migrate dev\` generates for it (written by hand in Prisma's style).
  const sql = `-- CreateTable
CREATE TABLE \`Owner\` (
    \`id\` INTEGER NOT NULL AUTO_INCREMENT,
    \`email\` VARCHAR(100) NOT NULL,

    UNIQUE INDEX \`Owner_email_key\`(\`email\`),
    PRIMARY KEY (\`id\`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE \`pet\` (
    \`id\` INTEGER NOT NULL AUTO_INCREMENT,
    \`owner_id\` INTEGER NOT NULL,
    \`sitter_id\` INTEGER NULL,
    \`colour\` ENUM('red', 'green') NOT NULL DEFAULT 'green',
    \`price\` DECIMAL(10, 2) NOT NULL DEFAULT 1.50,
    \`big\` BIGINT NOT NULL DEFAULT 5,
    \`ratio\` DOUBLE NOT NULL DEFAULT 0.5,
    \`small\` SMALLINT UNSIGNED NOT NULL DEFAULT 7,
    \`meta\` JSON NULL,
    \`name\` VARCHAR(191) NOT NULL DEFAULT 'it''s',
    \`notes\` LONGTEXT NULL,
    \`flag\` BOOLEAN NOT NULL DEFAULT false,
    \`seen_at\` DATETIME(3) NULL,
    \`stamp\` TIMESTAMP(0) NOT NULL DEFAULT CURRENT_TIMESTAMP(0),

    INDEX \`pet_owner_desc\`(\`owner_id\` DESC),
    UNIQUE INDEX \`pet_owner_id_name_key\`(\`owner_id\`, \`name\`),
    PRIMARY KEY (\`id\`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE \`pet\` ADD CONSTRAINT \`pet_owner_id_fkey\` FOREIGN KEY (\`owner_id\`) REFERENCES \`Owner\`(\`id\`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE \`pet\` ADD CONSTRAINT \`pet_sitter_fk\` FOREIGN KEY (\`sitter_id\`) REFERENCES \`Owner\`(\`id\`) ON DELETE SET NULL ON UPDATE NO ACTION;
`;

  let db: TestDatabase;
  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weshop-drift-rich-'));
    tempDirs.push(dir);
    fs.mkdirSync(path.join(dir, '20000101000000_init'));
    fs.writeFileSync(path.join(dir, '20000101000000_init', 'migration.sql'), sql);
    db = await createTestDatabaseFrom('drift_rich', dir);
    databases.push(db);
  });

  it('reads every type family, default, index, unique and foreign key back from MariaDB as Prisma means it', async () => {
    const diff = diffSchema(expectedSchemaFromPrisma(schema), await loadActualSchema(db.url));
    expect(diff).toEqual([]);
  });

  it('reports every kind of difference against the same database', async () => {
    const changed = schema
      .replace('@default(7)', '@default(8)')
      .replace('ratio    Float', 'ratio    Float?')
      .replace('@db.LongText', '@db.Text')
      .replace('map: "pet_sitter_fk", onUpdate: NoAction', 'map: "pet_sitter_fk", onDelete: Cascade')
      .replace('@@unique([ownerId, name])', '@@unique([name, ownerId])');
    const diff = diffSchema(expectedSchemaFromPrisma(changed), await loadActualSchema(db.url));
    expect(diff).toEqual([
      'table pet: column ratio: nullable expected, NOT NULL found',
      'table pet: column small: default 8 expected, 7 found',
      'table pet: column notes: type family text expected, longtext found',
      'table pet: unique index (name, owner_id) missing (expected as pet_name_owner_id_key)',
      'table pet: unique index pet_owner_id_name_key (owner_id, name): not in the schema',
      'table pet: foreign key (sitter_id): ON DELETE CASCADE expected, SET NULL found',
      'table pet: foreign key (sitter_id): ON UPDATE CASCADE expected, NO ACTION found',
    ]);
  });
});

describe('the expected side read from schema.prisma', () => {
  const table = (name: string): TableShape => {
    const found = expected.tables.find((t) => t.name === name);
    if (!found) throw new Error(`no table ${name} in the expected schema`);
    return found;
  };
  const column = (tableName: string, name: string) => table(tableName).columns.find((c) => c.name === name);

  it('uses @@map table names and @map column names', () => {
    expect(expected.tables.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'address',
        'category',
        'idempotency_key',
        'product',
        'sku',
        'user',
        'user_role',
        'orders',
      ]),
    );
    expect(expected.tables.map((t) => t.name)).not.toContain('Order');
    expect(column('product', 'min_price')).toEqual({ name: 'min_price', type: 'int', nullable: false, default: '0' });
  });

  it('maps scalars and native types to MySQL type families, with nullability and defaults', () => {
    expect(table('user').columns).toEqual([
      { name: 'id', type: 'int', nullable: false, default: 'autoincrement()' },
      { name: 'openid', type: 'varchar(64)', nullable: false, default: null },
      { name: 'unionid', type: 'varchar(64)', nullable: true, default: null },
      { name: 'nickname', type: 'varchar(64)', nullable: false, default: "''" },
      { name: 'avatar_url', type: 'varchar(512)', nullable: false, default: "''" },
      { name: 'phone', type: 'varchar(32)', nullable: true, default: null },
      { name: 'birthday', type: 'date', nullable: true, default: null },
      { name: 'created_at', type: 'datetime(3)', nullable: false, default: 'current_timestamp(3)' },
      { name: 'updated_at', type: 'datetime(3)', nullable: false, default: null },
      { name: 'last_login_at', type: 'datetime(3)', nullable: true, default: null },
    ]);
    expect(column('product', 'images')?.type).toBe('json');
    expect(column('product', 'detail_html')?.type).toBe('text');
    expect(column('product', 'on_shelf')).toEqual({
      name: 'on_shelf',
      type: 'tinyint(1)',
      nullable: false,
      default: 'true',
    });
    expect(column('idempotency_key', 'fingerprint')?.type).toBe('char(64)');
    expect(column('idempotency_key', 'response_body')?.type).toBe('mediumtext');
    expect(column('idempotency_key', 'status')).toEqual({
      name: 'status',
      type: "enum('IN_FLIGHT','COMPLETED')",
      nullable: false,
      default: "'IN_FLIGHT'",
    });
    expect(column('user_role', 'role')?.type).toBe("enum('CONSUMER','DISTRIBUTOR','COMMUNITY_MANAGER','ADMIN')");
  });

  it('derives keys, indexes and foreign keys with Prisma default names and referential actions', () => {
    expect(table('user_role').primaryKey).toEqual(['user_id', 'role']);
    expect(table('user').indexes).toEqual([
      { name: 'user_openid_key', kind: 'unique', columns: ['openid'] },
      { name: 'user_unionid_key', kind: 'unique', columns: ['unionid'] },
    ]);
    expect(table('idempotency_key').indexes).toEqual([
      { name: 'idempotency_key_scope_user_id_key_key', kind: 'unique', columns: ['scope', 'user_id', 'key'] },
    ]);
    expect(table('category').indexes).toEqual([
      { name: 'category_parent_id_sort_idx', kind: 'index', columns: ['parent_id', 'sort'] },
    ]);
    expect(table('category').foreignKeys).toEqual([
      {
        name: 'category_parent_id_fkey',
        columns: ['parent_id'],
        referencedTable: 'category',
        referencedColumns: ['id'],
        onDelete: 'RESTRICT',
        onUpdate: 'CASCADE',
      },
    ]);
    expect(table('sku').foreignKeys[0]).toMatchObject({
      onDelete: 'CASCADE',
      onUpdate: 'CASCADE',
      referencedTable: 'product',
    });
  });

  it("applies Prisma's default referential actions and honours @relation(map:), @@index(map:), sort and @map on enum values", () => {
    const schema = expectedSchemaFromPrisma(`
      datasource db {
        provider = "mysql"
      }
      enum Colour {
        RED   @map("red")
        GREEN @map("green")
      }
      model Owner {
        id       Int     @id @default(autoincrement())
        required Pet[]   @relation("required")
        optional Pet[]   @relation("optional")
      }
      model Pet {
        id         Int     @id @default(autoincrement())
        ownerId    Int     @map("owner_id")
        sitterId   Int?    @map("sitter_id")
        colour     Colour  @default(GREEN)
        price      Decimal @default(1.50) @db.Decimal(10, 2)
        big        BigInt  @default(5)
        owner      Owner   @relation("required", fields: [ownerId], references: [id])
        sitter     Owner?  @relation("optional", fields: [sitterId], references: [id], map: "pet_sitter_fk", onUpdate: NoAction)
        @@index([ownerId(sort: Desc)], map: "pet_owner_desc")
        @@map("pet")
      }
    `);
    const pet = schema.tables.find((t) => t.name === 'pet')!;
    expect(pet.foreignKeys).toEqual([
      {
        name: 'pet_owner_id_fkey',
        columns: ['owner_id'],
        referencedTable: 'Owner',
        referencedColumns: ['id'],
        onDelete: 'RESTRICT',
        onUpdate: 'CASCADE',
      },
      {
        name: 'pet_sitter_fk',
        columns: ['sitter_id'],
        referencedTable: 'Owner',
        referencedColumns: ['id'],
        onDelete: 'SET NULL',
        onUpdate: 'NO ACTION',
      },
    ]);
    expect(pet.indexes).toEqual([{ name: 'pet_owner_desc', kind: 'index', columns: ['owner_id DESC'] }]);
    expect(pet.columns.find((c) => c.name === 'colour')).toEqual({
      name: 'colour',
      type: "enum('red','green')",
      nullable: false,
      default: "'green'",
    });
    expect(pet.columns.find((c) => c.name === 'price')?.default).toBe('1.5');
    expect(pet.columns.find((c) => c.name === 'big')).toEqual({
      name: 'big',
      type: 'bigint',
      nullable: false,
      default: '5',
    });
  });
});

describe('diffSchema', () => {
  /** A deep copy of the expected schema, changed by `edit`, standing in for a database. */
  const actualWith = (edit: (schema: SchemaShape) => void): SchemaShape => {
    const copy = structuredClone(expected);
    edit(copy);
    return copy;
  };
  const tableIn = (schema: SchemaShape, name: string): TableShape => schema.tables.find((t) => t.name === name)!;

  it('finds nothing when both sides agree', () => {
    expect(
      diffSchema(
        expected,
        actualWith(() => undefined),
      ),
    ).toEqual([]);
  });

  it('catches a changed column type', () => {
    const actual = actualWith((s) => {
      tableIn(s, 'sku').columns.find((c) => c.name === 'price')!.type = 'varchar(10)';
    });
    expect(diffSchema(expected, actual)).toEqual([
      'table sku: column price: type family int expected, varchar(10) found',
    ]);
  });

  it('catches a nullability change', () => {
    const actual = actualWith((s) => {
      tableIn(s, 'user').columns.find((c) => c.name === 'phone')!.nullable = false;
    });
    expect(diffSchema(expected, actual)).toEqual(['table user: column phone: nullable expected, NOT NULL found']);
  });

  it('catches a changed default, a missing column and an extra column', () => {
    const actual = actualWith((s) => {
      const sku = tableIn(s, 'sku');
      sku.columns.find((c) => c.name === 'stock')!.default = null;
      sku.columns = sku.columns.filter((c) => c.name !== 'weight');
      sku.columns.push({ name: 'colour', type: 'varchar(10)', nullable: true, default: null });
    });
    expect(diffSchema(expected, actual)).toEqual([
      'table sku: column stock: default 0 expected, none found',
      'table sku: column weight: missing (expected int NOT NULL default 0)',
      'table sku: column colour: not in the schema (found varchar(10) nullable)',
    ]);
  });

  it('catches a missing index, a missing unique constraint and a changed primary key', () => {
    const actual = actualWith((s) => {
      const product = tableIn(s, 'product');
      product.indexes = product.indexes.filter((i) => i.name !== 'product_on_shelf_sales_idx');
      const sku = tableIn(s, 'sku');
      sku.indexes = sku.indexes.filter((i) => i.kind !== 'unique');
      tableIn(s, 'user_role').primaryKey = ['user_id'];
    });
    expect(diffSchema(expected, actual)).toEqual([
      'table product: index (on_shelf, sales) missing (expected as product_on_shelf_sales_idx)',
      'table sku: unique index (code) missing (expected as sku_code_key)',
      'table user_role: primary key (user_id, role) expected, (user_id) found',
    ]);
  });

  it('catches a missing foreign key and a changed ON DELETE rule', () => {
    const actual = actualWith((s) => {
      tableIn(s, 'sku').foreignKeys = [];
      tableIn(s, 'address').foreignKeys[0].onDelete = 'RESTRICT';
    });
    expect(diffSchema(expected, actual)).toEqual([
      'table address: foreign key (user_id): ON DELETE CASCADE expected, RESTRICT found',
      'table sku: foreign key (product_id) missing (expected sku_product_id_fkey -> product(id) ON DELETE CASCADE ON UPDATE CASCADE)',
    ]);
  });

  it('catches an extra table and a missing table, and ignores _prisma_migrations', () => {
    const actual = actualWith((s) => {
      s.tables = s.tables.filter((t) => t.name !== 'address');
      s.tables.push({ name: 'legacy_orders', columns: [], primaryKey: [], indexes: [], foreignKeys: [] });
      s.tables.push({ name: '_prisma_migrations', columns: [], primaryKey: ['id'], indexes: [], foreignKeys: [] });
    });
    expect(diffSchema(expected, actual)).toEqual([
      'table address: missing from the database',
      'table legacy_orders: in the database but not in the schema',
    ]);
  });

  it('ignores the index MySQL adds behind a foreign key, but not other extra indexes', () => {
    const actual = actualWith((s) => {
      const sku = tableIn(s, 'sku');
      sku.indexes.push({ name: 'sku_product_id_fkey', kind: 'index', columns: ['product_id'] });
      sku.indexes.push({ name: 'sku_price_idx', kind: 'index', columns: ['price'] });
    });
    expect(diffSchema(expected, actual)).toEqual(['table sku: index sku_price_idx (price): not in the schema']);
  });
});
