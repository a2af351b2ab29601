#!/usr/bin/env node
// `npm run migrate`: applies prisma/migrations to DATABASE_URL (creating the database if missing).
import path from 'node:path';
import { ROOT, buildServer, ensureDependencies, generatePrismaClient, run, step } from './lib.mjs';

await step('dependencies', ensureDependencies);
await step('Prisma Client (offline generate)', generatePrismaClient);
await step('server build (tsc)', buildServer);
await step('migrate', () =>
  run(process.execPath, [path.join(ROOT, 'server', 'dist', 'infra', 'db', 'migrate.cli.js')]),
);
