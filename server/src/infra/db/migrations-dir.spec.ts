import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findMigrationsDir } from './migrations-dir';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const expected = path.join(repoRoot, 'prisma', 'migrations');

describe('findMigrationsDir', () => {
  it.each([
    ['the source folder (ts)', path.join(repoRoot, 'server', 'src', 'infra', 'db')],
    ['the compiled folder', path.join(repoRoot, 'server', 'dist', 'infra', 'db')],
    ['a compiled folder that kept src/', path.join(repoRoot, 'server', 'dist', 'src', 'infra', 'db')],
    ['the repository root', repoRoot],
  ])('finds prisma/migrations from %s', (_where, start) => {
    expect(findMigrationsDir(start)).toBe(expected);
  });

  it('defaults to the folder of the module', () => {
    expect(findMigrationsDir()).toBe(expected);
  });

  it('names where it looked and the MIGRATIONS_DIR way out when there is none', () => {
    const lonely = fs.mkdtempSync(path.join(os.tmpdir(), 'weshop-no-migrations-'));
    try {
      expect(() => findMigrationsDir(lonely)).toThrow(/No prisma\/migrations folder found in .*MIGRATIONS_DIR/);
    } finally {
      fs.rmSync(lonely, { recursive: true, force: true });
    }
  });
});
