#!/usr/bin/env node
// `npm test`: every test, on a fresh clone too. Installs what is missing, makes sure MySQL and
// Redis run (each test file creates and drops its own database), generates the Prisma Client,
// checks types and lint, builds the mini-program, then runs jest once over every project:
// unit, migration and drift, server e2e over HTTP with the WeChat sandbox, mini-program
// component tests, and the h5 build in headless Chromium.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  ROOT,
  buildMiniapp,
  ensureChromium,
  ensureDependencies,
  ensureMysql,
  ensureRedis,
  generatePrismaClient,
  run,
  step,
} from './lib.mjs';

const testDatabase = process.env.TEST_DATABASE_URL || 'mysql://root@127.0.0.1:3306/';
const testRedis = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const jestArgs = process.argv.slice(2);

await step('dependencies (npm ci when needed)', ensureDependencies);
await step('MySQL for test databases (TEST_DATABASE_URL)', () => ensureMysql(testDatabase));
await step('Redis (TEST_REDIS_URL)', () => ensureRedis(testRedis));
await step('Chromium for the h5 end-to-end tests', ensureChromium);
await step('Prisma Client (offline generate)', generatePrismaClient);
await step('types (tsc, strict)', async () => {
  await run('npx', ['tsc', '-p', 'shared/tsconfig.build.json'], { quiet: true });
  await run('npx', ['tsc', '-p', 'server', '--noEmit'], { quiet: true });
  await run('npx', ['tsc', '-p', 'miniapp', '--noEmit'], { quiet: true });
  await run('npx', ['tsc', '-p', 'miniapp/e2e', '--noEmit'], { quiet: true });
});
await step('lint (eslint, prettier)', async () => {
  await run('npx', ['eslint', '.', '--max-warnings=0'], { quiet: true });
  await run('npx', ['prettier', '--check', '.'], { quiet: true, fix: 'run `npm run format`' });
});
await step('mini-program builds (weapp, h5)', async () => {
  await buildMiniapp('weapp');
  await buildMiniapp('h5');
});

const resultsFile = path.join(ROOT, 'artifacts', 'jest-results.json');
let failed = false;
try {
  await run('npx', ['jest', '--json', `--outputFile=${resultsFile}`, ...jestArgs], {
    env: { TEST_DATABASE_URL: testDatabase, TEST_REDIS_URL: testRedis },
  });
} catch {
  failed = true;
}
let summary = { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0 };
try {
  summary = JSON.parse(readFileSync(resultsFile, 'utf8'));
} catch {
  failed = true;
}
process.stdout.write(
  `\ntests: ${summary.numPassedTests} passed, ${summary.numFailedTests} failed` +
    (summary.numPendingTests ? `, ${summary.numPendingTests} skipped` : '') +
    '\n',
);
process.exit(failed || summary.numFailedTests > 0 || summary.numPassedTests === 0 ? 1 : 0);
