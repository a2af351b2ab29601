import { formatDatabaseUrl, parseDatabaseUrl, redactDatabaseUrl } from './database-url';

describe('parseDatabaseUrl', () => {
  it.each([
    [
      'mysql://root@127.0.0.1:3306/weshop',
      { host: '127.0.0.1', port: 3306, user: 'root', password: '', database: 'weshop' },
    ],
    [
      'mysql://shop:s3cret@db.internal:3307/weshop_prod',
      { host: 'db.internal', port: 3307, user: 'shop', password: 's3cret', database: 'weshop_prod' },
    ],
    [
      'mysql://root@localhost/weshop',
      { host: 'localhost', port: 3306, user: 'root', password: '', database: 'weshop' },
    ],
    ['mysql://root@127.0.0.1:3306/', { host: '127.0.0.1', port: 3306, user: 'root', password: '', database: '' }],
    ['mysql://root@127.0.0.1:3306', { host: '127.0.0.1', port: 3306, user: 'root', password: '', database: '' }],
    [
      'mysql://app%40shop:p%40ss%3Aw%2Fo%23rd@127.0.0.1:3306/we%20shop',
      { host: '127.0.0.1', port: 3306, user: 'app@shop', password: 'p@ss:w/o#rd', database: 'we shop' },
    ],
    [
      'mysql://root:pw@127.0.0.1:3306/weshop?connection_limit=5',
      { host: '127.0.0.1', port: 3306, user: 'root', password: 'pw', database: 'weshop' },
    ],
    ['mariadb://root@[::1]:3306/weshop', { host: '::1', port: 3306, user: 'root', password: '', database: 'weshop' }],
  ])('parses %s', (url, expected) => {
    expect(parseDatabaseUrl(url)).toEqual(expected);
  });

  it.each([
    ['not a url', /could not be parsed/],
    ['postgres://root:secret@127.0.0.1:5432/weshop', /must start with mysql:\/\//],
    ['mysql://root:secret@127.0.0.1:3306/a/b', /single database name/],
    ['mysql://root:%E0%A4%A@127.0.0.1:3306/weshop', /password .* not validly percent-encoded/],
  ])('rejects %s with a message naming the problem and never the password', (url, message) => {
    expect(() => parseDatabaseUrl(url)).toThrow(message);
    expect(() => parseDatabaseUrl(url)).not.toThrow(/secret|%E0/);
  });
});

describe('redactDatabaseUrl', () => {
  it.each([
    ['mysql://shop:s3cret@db.internal:3307/weshop', 'mysql://shop:****@db.internal:3307/weshop'],
    ['mysql://root@127.0.0.1:3306/weshop', 'mysql://root@127.0.0.1:3306/weshop'],
    ['mysql://root:p%40ss@127.0.0.1/weshop', 'mysql://root:****@127.0.0.1:3306/weshop'],
    ['mysql://root:pw@127.0.0.1:3306/', 'mysql://root:****@127.0.0.1:3306/'],
    ['ftp://secret', '<invalid database URL>'],
  ])('shows %s as %s', (url, shown) => {
    expect(redactDatabaseUrl(url)).toBe(shown);
  });

  it('accepts parsed options', () => {
    const shown = redactDatabaseUrl({ host: 'h', port: 1, user: 'u', password: 'pw', database: 'd' });
    expect(shown).toBe('mysql://u:****@h:1/d');
  });
});

describe('formatDatabaseUrl', () => {
  it.each([
    'mysql://root@127.0.0.1:3306/weshop',
    'mysql://app%40shop:p%40ss%3Aw%2Fo%23rd@127.0.0.1:3306/we%20shop',
    'mysql://root@127.0.0.1:3306/',
    'mysql://root@[::1]:3306/weshop',
  ])('round-trips %s', (url) => {
    expect(formatDatabaseUrl(parseDatabaseUrl(url))).toBe(url);
  });
});
