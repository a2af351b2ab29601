import fs from 'node:fs';
import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';
import { parseDatabaseUrl } from '../../src/infra/db/database-url';
import { getDmmf, type DmmfField, type DmmfModel } from './prisma-dmmf';

/**
 * Compares the tables the SQL migrations build with the ones `prisma/schema.prisma` describes, so the two
 * cannot drift apart. Both sides are first reduced to one neutral {@link SchemaShape}; {@link diffSchema}
 * then lists every difference as a readable line.
 */

/** One column. `type` is a normalised type family such as `int`, `varchar(64)`, `datetime(3)`, `json`. */
export interface ColumnShape {
  name: string;
  type: string;
  nullable: boolean;
  /**
   * Normalised default: `autoincrement()`, `current_timestamp(3)`, a quoted string `'abc'`, a number `0`,
   * `true`/`false` for booleans, a lower-cased SQL expression; `null` for none.
   */
  default: string | null;
}

/** A secondary index; `columns` entries are column names, with ` DESC` or `(length)` when given. */
export interface IndexShape {
  name: string;
  kind: 'unique' | 'index' | 'fulltext';
  columns: string[];
}

/** A foreign key; rules are SQL words: `CASCADE`, `RESTRICT`, `SET NULL`, `NO ACTION`, `SET DEFAULT`. */
export interface ForeignKeyShape {
  name: string;
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onDelete: string;
  onUpdate: string;
}

export interface TableShape {
  name: string;
  columns: ColumnShape[];
  primaryKey: string[];
  indexes: IndexShape[];
  foreignKeys: ForeignKeyShape[];
}

export interface SchemaShape {
  tables: TableShape[];
}

/** Prisma's bookkeeping table, in the database but never in the schema. */
const MIGRATIONS_TABLE = '_prisma_migrations';

/** MySQL's limit on identifier length; Prisma truncates default constraint names to fit it. */
const MAX_IDENTIFIER_LENGTH = 64;

// ---------------------------------------------------------------------------------------------------------
// The comparison

/**
 * Lists every difference between the schema the Prisma file describes (`expected`) and a database
 * (`actual`), one readable line each, e.g. `table sku: column price: type family int expected, varchar(10)
 * found`. Empty when they agree. Index and foreign-key names are compared too, since Prisma would rename them.
 */
export function diffSchema(expected: SchemaShape, actual: SchemaShape): string[] {
  const lines: string[] = [];
  const actualTables = new Map(actual.tables.map((t) => [t.name, t]));
  const expectedNames = new Set(expected.tables.map((t) => t.name));
  for (const table of sortByName(expected.tables)) {
    const found = actualTables.get(table.name);
    if (!found) {
      lines.push(`table ${table.name}: missing from the database`);
      continue;
    }
    lines.push(...diffTable(table, found).map((line) => `table ${table.name}: ${line}`));
  }
  for (const table of sortByName(actual.tables)) {
    if (!expectedNames.has(table.name) && table.name !== MIGRATIONS_TABLE) {
      lines.push(`table ${table.name}: in the database but not in the schema`);
    }
  }
  return lines;
}

function diffTable(expected: TableShape, actual: TableShape): string[] {
  return [
    ...diffColumns(expected.columns, actual.columns),
    ...diffPrimaryKey(expected.primaryKey, actual.primaryKey),
    ...diffIndexes(expected.indexes, actual.indexes, actual.foreignKeys),
    ...diffForeignKeys(expected.foreignKeys, actual.foreignKeys),
  ];
}

function diffColumns(expected: ColumnShape[], actual: ColumnShape[]): string[] {
  const lines: string[] = [];
  const actualByName = new Map(actual.map((c) => [c.name, c]));
  for (const column of expected) {
    const found = actualByName.get(column.name);
    if (!found) {
      lines.push(`column ${column.name}: missing (expected ${describeColumn(column)})`);
      continue;
    }
    const prefix = `column ${column.name}: `;
    if (column.type !== found.type) lines.push(`${prefix}type family ${column.type} expected, ${found.type} found`);
    if (column.nullable !== found.nullable) {
      lines.push(`${prefix}${nullability(column.nullable)} expected, ${nullability(found.nullable)} found`);
    }
    if (column.default !== found.default) {
      lines.push(`${prefix}default ${column.default ?? 'none'} expected, ${found.default ?? 'none'} found`);
    }
  }
  const expectedNames = new Set(expected.map((c) => c.name));
  for (const column of actual) {
    if (!expectedNames.has(column.name))
      lines.push(`column ${column.name}: not in the schema (found ${describeColumn(column)})`);
  }
  return lines;
}

function diffPrimaryKey(expected: string[], actual: string[]): string[] {
  if (sameList(expected, actual)) return [];
  return [`primary key ${columnList(expected)} expected, ${actual.length ? columnList(actual) : 'none'} found`];
}

function diffIndexes(expected: IndexShape[], actual: IndexShape[], actualForeignKeys: ForeignKeyShape[]): string[] {
  const lines: string[] = [];
  const key = (i: IndexShape) => `${i.kind} ${i.columns.join(',')}`;
  const unmatched = [...actual];
  for (const index of expected) {
    const at = unmatched.findIndex((i) => key(i) === key(index));
    if (at === -1) {
      lines.push(`${indexLabel(index)} ${columnList(index.columns)} missing (expected as ${index.name})`);
      continue;
    }
    const [found] = unmatched.splice(at, 1);
    if (found.name !== index.name) {
      lines.push(`${indexLabel(index)} ${columnList(index.columns)}: name ${index.name} expected, ${found.name} found`);
    }
  }
  for (const index of unmatched) {
    // MySQL adds an index named after a foreign key when no index covers its columns; Prisma ignores those too.
    const backsForeignKey = index.kind === 'index' && actualForeignKeys.some((fk) => fk.name === index.name);
    if (!backsForeignKey)
      lines.push(`${indexLabel(index)} ${index.name} ${columnList(index.columns)}: not in the schema`);
  }
  return lines;
}

function diffForeignKeys(expected: ForeignKeyShape[], actual: ForeignKeyShape[]): string[] {
  const lines: string[] = [];
  const unmatched = [...actual];
  for (const fk of expected) {
    const at = unmatched.findIndex((f) => sameList(f.columns, fk.columns));
    const label = `foreign key ${columnList(fk.columns)}`;
    if (at === -1) {
      lines.push(`${label} missing (expected ${describeForeignKey(fk)})`);
      continue;
    }
    const [found] = unmatched.splice(at, 1);
    const target = (f: ForeignKeyShape) => `${f.referencedTable}${columnList(f.referencedColumns)}`;
    if (target(fk) !== target(found)) lines.push(`${label}: references ${target(fk)} expected, ${target(found)} found`);
    if (fk.onDelete !== found.onDelete)
      lines.push(`${label}: ON DELETE ${fk.onDelete} expected, ${found.onDelete} found`);
    if (fk.onUpdate !== found.onUpdate)
      lines.push(`${label}: ON UPDATE ${fk.onUpdate} expected, ${found.onUpdate} found`);
    if (fk.name !== found.name) lines.push(`${label}: name ${fk.name} expected, ${found.name} found`);
  }
  for (const fk of unmatched) {
    lines.push(`foreign key ${columnList(fk.columns)}: not in the schema (found ${describeForeignKey(fk)})`);
  }
  return lines;
}

function describeColumn(c: ColumnShape): string {
  return `${c.type} ${nullability(c.nullable)}${c.default === null ? '' : ` default ${c.default}`}`;
}

function describeForeignKey(fk: ForeignKeyShape): string {
  return `${fk.name} -> ${fk.referencedTable}${columnList(fk.referencedColumns)} ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate}`;
}

function indexLabel(index: IndexShape): string {
  return index.kind === 'unique' ? 'unique index' : index.kind === 'fulltext' ? 'fulltext index' : 'index';
}

function nullability(nullable: boolean): string {
  return nullable ? 'nullable' : 'NOT NULL';
}

function columnList(columns: string[]): string {
  return `(${columns.join(', ')})`;
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sortByName<T extends { name: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------------------
// The expected side: the Prisma schema

/** Reads `schema.prisma` and describes the MySQL tables Prisma Migrate would create for it. */
export function loadExpectedSchema(schemaPath: string): SchemaShape {
  return expectedSchemaFromPrisma(fs.readFileSync(schemaPath, 'utf8'));
}

/** Describes the MySQL tables Prisma Migrate would create for a schema given as text. */
export function expectedSchemaFromPrisma(schemaText: string): SchemaShape {
  const { datamodel } = getDmmf(schemaText);
  const models = new Map(datamodel.models.map((m) => [m.name, m]));
  const enums = new Map(
    datamodel.enums.map((e) => [e.name, new Map(e.values.map((v) => [v.name, v.dbName ?? v.name]))]),
  );
  const tableOf = (m: DmmfModel) => m.dbName ?? m.name;
  const columnOf = (m: DmmfModel, fieldName: string) => {
    const field = m.fields.find((f) => f.name === fieldName);
    return field?.dbName ?? fieldName;
  };

  const tables = datamodel.models.map((model): TableShape => {
    const table = tableOf(model);
    const columns = model.fields
      .filter((f) => f.kind === 'scalar' || f.kind === 'enum')
      .map((f) => expectedColumn(f, enums));
    const primaryKey = (model.primaryKey?.fields ?? model.fields.filter((f) => f.isId).map((f) => f.name)).map((f) =>
      columnOf(model, f),
    );
    const indexes = datamodel.indexes
      .filter((i) => i.model === model.name && i.type !== 'id')
      .map((i): IndexShape => {
        const kind = i.type === 'unique' ? 'unique' : i.type === 'fulltext' ? 'fulltext' : 'index';
        const names = i.fields.map((f) => columnOf(model, f.name));
        const suffix = kind === 'unique' ? '_key' : '_idx';
        return {
          name: i.dbName ?? defaultConstraintName(table, names, suffix),
          kind,
          columns: i.fields.map(
            (f, n) => `${names[n]}${f.length ? `(${f.length})` : ''}${f.sortOrder === 'desc' ? ' DESC' : ''}`,
          ),
        };
      });
    const foreignKeys = model.fields
      .filter((f) => f.kind === 'object' && (f.relationFromFields?.length ?? 0) > 0)
      .map((relation): ForeignKeyShape => {
        const target = models.get(relation.type);
        if (!target)
          throw new Error(`Relation ${model.name}.${relation.name} points at unknown model ${relation.type}`);
        const cols = relation.relationFromFields!.map((f) => columnOf(model, f));
        return {
          name: relationMapName(schemaText, model.name, relation.name) ?? defaultConstraintName(table, cols, '_fkey'),
          columns: cols,
          referencedTable: tableOf(target),
          referencedColumns: relation.relationToFields!.map((f) => columnOf(target, f)),
          onDelete: referentialAction(relation.relationOnDelete ?? (relation.isRequired ? 'Restrict' : 'SetNull')),
          onUpdate: referentialAction(relation.relationOnUpdate ?? 'Cascade'),
        };
      });
    return { name: table, columns, primaryKey, indexes, foreignKeys };
  });
  return { tables };
}

/** Enum name → (value name → database value, which `@map` may change). */
type EnumValues = Map<string, Map<string, string>>;

function expectedColumn(field: DmmfField, enums: EnumValues): ColumnShape {
  const type = expectedType(field, enums);
  const enumValue =
    field.kind === 'enum' && typeof field.default === 'string' ? enums.get(field.type)?.get(field.default) : undefined;
  const fieldDefault = enumValue === undefined ? field : { ...field, default: enumValue };
  return {
    name: field.dbName ?? field.name,
    type,
    nullable: !field.isRequired,
    default: expectedDefault(fieldDefault, type),
  };
}

/** Maps a Prisma scalar (plus `@db.*` native type) to the MySQL type family Prisma Migrate creates. */
function expectedType(field: DmmfField, enums: EnumValues): string {
  if (field.kind === 'enum') {
    const values = enums.get(field.type);
    if (!values) throw new Error(`Field ${field.name} uses unknown enum ${field.type}`);
    return `enum(${[...values.values()].map(quoteLiteral).join(',')})`;
  }
  if (field.nativeType) return nativeTypeFamily(field.nativeType[0], field.nativeType[1]);
  const defaults: Record<string, string> = {
    Int: 'int',
    BigInt: 'bigint',
    Float: 'double',
    Decimal: 'decimal(65,30)',
    Boolean: 'tinyint(1)',
    String: 'varchar(191)',
    DateTime: 'datetime(3)',
    Json: 'json',
    Bytes: 'longblob',
  };
  const type = defaults[field.type];
  if (!type) throw new Error(`Field ${field.name} has type ${field.type}, which the drift check does not know`);
  return type;
}

/** `@db.VarChar(64)` → `varchar(64)`, `@db.UnsignedInt` → `int unsigned`, `@db.DateTime(0)` → `datetime`. */
function nativeTypeFamily(name: string, args: string[]): string {
  const unsigned = /^Unsigned(.+)$/.exec(name);
  if (unsigned) return `${unsigned[1].toLowerCase()} unsigned`;
  const lower = name.toLowerCase();
  if (['datetime', 'timestamp', 'time'].includes(lower) && (args.length === 0 || args[0] === '0')) return lower;
  return args.length ? `${lower}(${args.map((a) => a.trim()).join(',')})` : lower;
}

function expectedDefault(field: DmmfField, type: string): string | null {
  if (!field.hasDefaultValue || field.default === undefined) return null;
  const value = field.default;
  if (value !== null && typeof value === 'object' && 'name' in value) {
    const fn = value as { name: string; args: unknown[] };
    switch (fn.name) {
      case 'autoincrement':
        return 'autoincrement()';
      case 'now': {
        const precision = /\((\d+)\)$/.exec(type)?.[1] ?? '0';
        return precision === '0' ? 'current_timestamp()' : `current_timestamp(${precision})`;
      }
      case 'dbgenerated':
        return fn.args.length ? normaliseExpression(String(fn.args[0])) : null;
      default:
        return null; // uuid(), cuid(), nanoid(), ulid(): filled in by the client, no database default
    }
  }
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return canonicalNumber(String(value));
  if (typeof value === 'string') {
    return isNumericType(type) ? canonicalNumber(value) : quoteLiteral(value);
  }
  return quoteLiteral(JSON.stringify(value));
}

/** Prisma's default constraint name: `<table>_<columns>_<suffix>`, cut to MySQL's 64 characters. */
function defaultConstraintName(table: string, columns: string[], suffix: string): string {
  const base = `${table}_${columns.join('_')}`;
  return `${base.slice(0, MAX_IDENTIFIER_LENGTH - suffix.length)}${suffix}`;
}

/**
 * The `map:` of a relation's `@relation(...)`, read from the schema text: the DMMF does not carry foreign-key
 * names. Looks for the field's line inside the model's block.
 */
function relationMapName(schemaText: string, model: string, field: string): string | undefined {
  const block = new RegExp(`^\\s*model\\s+${model}\\s*\\{([\\s\\S]*?)^\\s*\\}`, 'm').exec(schemaText)?.[1] ?? '';
  const line = block.split('\n').find((l) => new RegExp(`^\\s*${field}\\s`).test(l));
  const relation = line ? /@relation\(([^)]*)\)/.exec(line)?.[1] : undefined;
  return relation ? /\bmap\s*:\s*"([^"]+)"/.exec(relation)?.[1] : undefined;
}

function referentialAction(action: string): string {
  const words: Record<string, string> = {
    Cascade: 'CASCADE',
    Restrict: 'RESTRICT',
    NoAction: 'NO ACTION',
    SetNull: 'SET NULL',
    SetDefault: 'SET DEFAULT',
  };
  return words[action] ?? action.toUpperCase();
}

// ---------------------------------------------------------------------------------------------------------
// The actual side: a database's information_schema

interface ColumnRow extends RowDataPacket {
  TABLE_NAME: string;
  COLUMN_NAME: string;
  COLUMN_TYPE: string;
  DATA_TYPE: string;
  IS_NULLABLE: 'YES' | 'NO';
  COLUMN_DEFAULT: string | null;
  EXTRA: string;
}

interface StatisticsRow extends RowDataPacket {
  TABLE_NAME: string;
  INDEX_NAME: string;
  NON_UNIQUE: number | string;
  COLUMN_NAME: string;
  COLLATION: string | null;
  SUB_PART: number | null;
  INDEX_TYPE: string;
}

interface ForeignKeyRow extends RowDataPacket {
  TABLE_NAME: string;
  CONSTRAINT_NAME: string;
  COLUMN_NAME: string;
  REFERENCED_TABLE_NAME: string;
  REFERENCED_COLUMN_NAME: string;
  UPDATE_RULE: string;
  DELETE_RULE: string;
}

/** Reads the tables of the database named in `databaseUrl` from its information_schema. */
export async function loadActualSchema(databaseUrl: string): Promise<SchemaShape> {
  const db = parseDatabaseUrl(databaseUrl);
  const connection = await mysql.createConnection({
    host: db.host,
    port: db.port,
    user: db.user,
    password: db.password,
  });
  try {
    return await readActualSchema(connection, db.database);
  } finally {
    await connection.end();
  }
}

async function readActualSchema(connection: Connection, schema: string): Promise<SchemaShape> {
  const [[{ version }]] = await connection.query<RowDataPacket[]>('SELECT VERSION() AS version');
  const mariadb = /mariadb/i.test(String(version));
  const [tableRows] = await connection.query<RowDataPacket[]>(
    "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'",
    [schema],
  );
  const [columnRows] = await connection.query<ColumnRow[]>(
    `SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, DATA_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA
       FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION`,
    [schema],
  );
  const [indexRows] = await connection.query<StatisticsRow[]>(
    `SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, COLLATION, SUB_PART, INDEX_TYPE
       FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`,
    [schema],
  );
  const [fkRows] = await connection.query<ForeignKeyRow[]>(
    `SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME,
            r.UPDATE_RULE, r.DELETE_RULE
       FROM information_schema.KEY_COLUMN_USAGE k
       JOIN information_schema.REFERENTIAL_CONSTRAINTS r
         ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.TABLE_NAME = k.TABLE_NAME AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
      WHERE k.TABLE_SCHEMA = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL
      ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION`,
    [schema],
  );
  // MariaDB stores JSON as LONGTEXT guarded by CHECK (json_valid(`col`)).
  const jsonColumns = new Set<string>();
  if (mariadb) {
    const [checks] = await connection.query<RowDataPacket[]>(
      'SELECT TABLE_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ?',
      [schema],
    );
    for (const check of checks) {
      const column = /^json_valid\(`?([^`]+?)`?\)$/i.exec(String(check.CHECK_CLAUSE).trim())?.[1];
      if (column) jsonColumns.add(`${check.TABLE_NAME}.${column}`);
    }
  }

  const tables = tableRows.map((t): TableShape => {
    const name = String(t.TABLE_NAME);
    const columns = columnRows
      .filter((c) => c.TABLE_NAME === name)
      .map((c) => actualColumn(c, jsonColumns.has(`${name}.${c.COLUMN_NAME}`), mariadb));
    const stats = indexRows.filter((s) => s.TABLE_NAME === name);
    const primaryKey = stats.filter((s) => s.INDEX_NAME === 'PRIMARY').map((s) => s.COLUMN_NAME);
    const indexNames = [...new Set(stats.map((s) => s.INDEX_NAME))].filter((n) => n !== 'PRIMARY');
    const indexes = indexNames.map((indexName): IndexShape => {
      const parts = stats.filter((s) => s.INDEX_NAME === indexName);
      const first = parts[0];
      const kind = first.INDEX_TYPE === 'FULLTEXT' ? 'fulltext' : Number(first.NON_UNIQUE) === 0 ? 'unique' : 'index';
      return {
        name: indexName,
        kind,
        columns: parts.map(
          (p) => `${p.COLUMN_NAME}${p.SUB_PART ? `(${p.SUB_PART})` : ''}${p.COLLATION === 'D' ? ' DESC' : ''}`,
        ),
      };
    });
    const fkNames = [...new Set(fkRows.filter((f) => f.TABLE_NAME === name).map((f) => f.CONSTRAINT_NAME))];
    const foreignKeys = fkNames.map((fkName): ForeignKeyShape => {
      const parts = fkRows.filter((f) => f.TABLE_NAME === name && f.CONSTRAINT_NAME === fkName);
      return {
        name: fkName,
        columns: parts.map((p) => p.COLUMN_NAME),
        referencedTable: parts[0].REFERENCED_TABLE_NAME,
        referencedColumns: parts.map((p) => p.REFERENCED_COLUMN_NAME),
        onDelete: parts[0].DELETE_RULE,
        onUpdate: parts[0].UPDATE_RULE,
      };
    });
    return { name, columns, primaryKey, indexes, foreignKeys };
  });
  return { tables };
}

function actualColumn(row: ColumnRow, isJson: boolean, mariadb: boolean): ColumnShape {
  const type = actualType(row, isJson);
  return {
    name: row.COLUMN_NAME,
    type,
    nullable: row.IS_NULLABLE === 'YES',
    default: actualDefault(row, type, mariadb),
  };
}

/** Reduces information_schema's COLUMN_TYPE to the family names {@link expectedType} produces. */
function actualType(row: ColumnRow, isJson: boolean): string {
  const dataType = row.DATA_TYPE.toLowerCase();
  // Lower-case the type word but keep enum/set values as written.
  const columnType = row.COLUMN_TYPE.replace(/^[a-z ]+/i, (word) => word.toLowerCase());
  if (isJson && dataType === 'longtext') return 'json';
  if (['tinyint', 'smallint', 'mediumint', 'int', 'bigint'].includes(dataType)) {
    // Display widths (int(11)) mean nothing, except tinyint(1), which is how BOOLEAN is stored.
    const unsigned = columnType.includes('unsigned') ? ' unsigned' : '';
    return dataType === 'tinyint' && columnType.startsWith('tinyint(1)')
      ? `tinyint(1)${unsigned}`
      : `${dataType}${unsigned}`;
  }
  if (dataType === 'decimal') return columnType.replace(/\s+/g, '');
  return columnType;
}

function actualDefault(row: ColumnRow, type: string, mariadb: boolean): string | null {
  if (/auto_increment/i.test(row.EXTRA)) return 'autoincrement()';
  const raw = row.COLUMN_DEFAULT;
  if (raw === null || (mariadb && raw === 'NULL')) return null;
  // MariaDB reports defaults as SQL: 'text' quoted, numbers bare, functions as expressions.
  // MySQL 8 reports literal values unquoted and marks expressions DEFAULT_GENERATED.
  const isExpression = mariadb ? !raw.startsWith("'") && !isNumber(raw) : /DEFAULT_GENERATED/i.test(row.EXTRA);
  if (isExpression) return normaliseExpression(raw);
  const literal = mariadb && raw.startsWith("'") ? unquoteLiteral(raw) : raw;
  if (type === 'tinyint(1)' && isNumber(literal)) return Number(literal) === 0 ? 'false' : 'true';
  if (isNumericType(type) && isNumber(literal)) return canonicalNumber(literal);
  return quoteLiteral(literal);
}

// ---------------------------------------------------------------------------------------------------------
// Literal helpers shared by both sides

function isNumericType(type: string): boolean {
  return /^(tinyint|smallint|mediumint|int|bigint|decimal|float|double|real)/.test(type) && type !== 'tinyint(1)';
}

function isNumber(text: string): boolean {
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text.trim());
}

/** `1.50` → `1.5`, `007` → `7`, `-0.0` → `0`; kept as text so BIGINT values keep every digit. */
function canonicalNumber(text: string): string {
  const t = text.trim();
  if (/e/i.test(t)) return String(Number(t));
  const negative = t.startsWith('-');
  let [whole, fraction = ''] = t.replace(/^[+-]/, '').split('.');
  whole = whole.replace(/^0+(?=\d)/, '') || '0';
  fraction = fraction.replace(/0+$/, '');
  const body = fraction ? `${whole}.${fraction}` : whole;
  return negative && body !== '0' ? `-${body}` : body;
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

function unquoteLiteral(sql: string): string {
  return sql.slice(1, -1).replace(/''/g, "'").replace(/\\(.)/g, '$1');
}

/** Lower-cases an SQL expression and drops spaces and one pair of outer parentheses, for comparison. */
function normaliseExpression(sql: string): string {
  let e = sql.trim().toLowerCase().replace(/\s+/g, '');
  if (e.startsWith('(') && e.endsWith(')')) e = e.slice(1, -1);
  if (e === 'current_timestamp' || e === 'now()') return 'current_timestamp()';
  return e.replace(/^now\((\d*)\)$/, 'current_timestamp($1)');
}
