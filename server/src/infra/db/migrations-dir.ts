import fs from 'node:fs';
import path from 'node:path';

/**
 * Finds the repository's `prisma/migrations` folder by walking up from `startDir` (by default this file's
 * folder, which works from `server/src/infra/db` under ts and from `server/dist/...` once compiled).
 * Throws naming where it looked and how to point at the folder explicitly.
 */
export function findMigrationsDir(startDir: string = __dirname): string {
  let dir = path.resolve(startDir);
  for (;;) {
    const candidate = path.join(dir, 'prisma', 'migrations');
    if (fs.existsSync(path.join(candidate, 'migration_lock.toml')) || isDirectory(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(
    `No prisma/migrations folder found in ${startDir} or any folder above it; set MIGRATIONS_DIR to the migrations folder`,
  );
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
