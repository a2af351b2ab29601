#!/usr/bin/env node
// Generates the Prisma Client offline.
// The Prisma CLI tries to download its native schema engine before any command; pointing
// PRISMA_SCHEMA_ENGINE_BINARY at an existing NON-executable file stops that, and `generate`
// never uses the engine. Never point it at an executable: migrate commands would then
// "succeed" having done nothing. Migrations are applied by our own runner instead.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const schema = path.join(root, 'prisma', 'schema.prisma');
const require = createRequire(path.join(root, 'server', 'package.json'));
const cli = require.resolve('prisma/build/index.js');

const args = process.argv.slice(2);
const command = args.length ? args : ['generate'];
const result = spawnSync(process.execPath, [cli, ...command, '--schema', schema], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'pipe'],
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: schema,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  },
  encoding: 'utf8',
});
if (result.status !== 0) {
  process.stderr.write(result.stdout + result.stderr);
  process.stderr.write(`\nprisma ${command.join(' ')} failed (exit ${result.status}).\n`);
  process.exit(result.status ?? 1);
}
if (!process.env.QUIET) process.stdout.write(`prisma ${command[0]}: ok\n`);
