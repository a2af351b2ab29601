#!/usr/bin/env node
// `npm run bench` (not part of the tests): in one run, the raw limits of the database (primary-key
// SELECT, guarded single-row UPDATE) and the project's catalog list, product detail, checkout and
// hot-item contention over real HTTP, each as a ratio of its raw limit (ENGINEERING.md
// "Benchmarks"). The server needs decorator metadata, so the bench is compiled with tsc
// (server/bench/tsconfig.json → server/bench/dist) and run with node. `-- --profile` adds CPU
// profiles of the server during short extra runs (catalog list, checkout, a hot-item rush);
// `-- --only=hot,list` runs the raw limits and only those scenarios. Results: artifacts/bench.json.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT, ensureDependencies, ensureMysql, ensureRedis, generatePrismaClient, run, step } from './lib.mjs';

const testDatabase = process.env.TEST_DATABASE_URL || 'mysql://root@127.0.0.1:3306/';
const testRedis = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

await step('dependencies (npm ci when needed)', ensureDependencies);
await step('MySQL for the bench database (TEST_DATABASE_URL)', () => ensureMysql(testDatabase));
await step('Redis (TEST_REDIS_URL)', () => ensureRedis(testRedis));
await step('Prisma Client (offline generate)', generatePrismaClient);
// tsc emits even when it finds type errors; the bench then runs what was emitted and says so
// (type checking is `npm run typecheck`'s job, and a colleague's half-typed file should not stop a
// measurement).
await step('compile the bench (tsc)', async () => {
  await run('npx', ['tsc', '-p', 'shared/tsconfig.build.json'], { quiet: true });
  try {
    await run('npx', ['tsc', '-p', 'server/bench/tsconfig.json'], { quiet: true });
  } catch (error) {
    const emitted = existsSync(path.join(ROOT, 'server', 'bench', 'dist', 'bench', 'bench.js'));
    if (!emitted || !/error TS\d+/.test(error.message)) throw error;
    return 'emitted with type errors (run `npm run typecheck` to see them)';
  }
  return 'server/bench/dist';
});

// Exits 1 (through step) when the bench fails or the hot-item correctness check fails; a missed
// speed target is a measurement, not a failure.
await step('bench', async () => {
  await run(
    process.execPath,
    [path.join(ROOT, 'server', 'bench', 'dist', 'bench', 'bench.js'), ...process.argv.slice(2)],
    {
      env: { TEST_DATABASE_URL: testDatabase, TEST_REDIS_URL: testRedis },
    },
  );
  return 'results in artifacts/bench.json';
});
