/** Where and as whom to connect to MySQL/MariaDB, as read from a `mysql://` URL. */
export interface DatabaseConnectionOptions {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Empty when the URL names only the server (`mysql://root@127.0.0.1:3306/`). */
  database: string;
}

const DEFAULT_PORT = 3306;
const EXPECTED_FORM = 'mysql://user:password@host:port/database';

/**
 * Parses `mysql://user:pass@host:port/db` (user, password and database URL-decoded; port defaults to 3306;
 * `mariadb://` is accepted too; query parameters are ignored).
 * Throws an error naming the expected form; the message never contains the password.
 */
export function parseDatabaseUrl(databaseUrl: string): DatabaseConnectionOptions {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new Error(`The database URL could not be parsed; expected ${EXPECTED_FORM}`);
  }
  if (url.protocol !== 'mysql:' && url.protocol !== 'mariadb:') {
    throw new Error(`The database URL must start with mysql:// (got ${url.protocol}//); expected ${EXPECTED_FORM}`);
  }
  if (!url.hostname) {
    throw new Error(`The database URL has no host; expected ${EXPECTED_FORM}`);
  }
  const port = url.port ? Number(url.port) : DEFAULT_PORT;
  const path = url.pathname.replace(/^\//, '');
  if (path.includes('/')) {
    throw new Error(`The database URL path must be a single database name; expected ${EXPECTED_FORM}`);
  }
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    user: decode(url.username, 'user'),
    password: decode(url.password, 'password'),
    database: decode(path, 'database name'),
  };
}

/**
 * Renders connection options as a URL without the password (shown as `****` when there is one), for logs.
 * Accepts a URL string too; an unparseable one is shown as `<invalid database URL>` rather than echoed.
 */
export function redactDatabaseUrl(target: string | DatabaseConnectionOptions): string {
  let db: DatabaseConnectionOptions;
  try {
    db = typeof target === 'string' ? parseDatabaseUrl(target) : target;
  } catch {
    return '<invalid database URL>';
  }
  return formatDatabaseUrl({ ...db, password: db.password ? '****' : '' });
}

/** Builds a `mysql://` URL from connection options (the inverse of {@link parseDatabaseUrl}). */
export function formatDatabaseUrl(db: DatabaseConnectionOptions): string {
  const credentials = db.user
    ? `${encodeURIComponent(db.user)}${db.password ? `:${encodeURIComponent(db.password)}` : ''}@`
    : '';
  const host = db.host.includes(':') ? `[${db.host}]` : db.host;
  return `mysql://${credentials}${host}:${db.port}/${encodeURIComponent(db.database)}`;
}

function decode(part: string, what: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new Error(`The ${what} in the database URL is not validly percent-encoded; expected ${EXPECTED_FORM}`);
  }
}
