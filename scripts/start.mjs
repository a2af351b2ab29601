#!/usr/bin/env node
// `npm start`: the whole product on this machine, from a fresh clone.
// Installs dependencies, makes sure MySQL and Redis run, migrates and seeds the demo shop, builds
// the mini-program, and starts the server with the local WeChat sandbox. Ctrl-C stops it.
import { spawn } from 'node:child_process';
import path from 'node:path';
import {
  ROOT,
  StepError,
  buildMiniapp,
  buildServer,
  ensureDependencies,
  ensureMysql,
  ensureRedis,
  generatePrismaClient,
  run,
  step,
} from './lib.mjs';

const env = {
  DATABASE_URL: process.env.DATABASE_URL || 'mysql://root@127.0.0.1:3306/weshop',
  REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
  PORT: process.env.PORT || '3000',
  SANDBOX_PORT: process.env.SANDBOX_PORT || '3001',
};
const host = process.env.HOST || '127.0.0.1';
const base = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${env.PORT}`;
const dist = (...parts) => path.join(ROOT, 'server', 'dist', ...parts);

await step('dependencies (npm ci when needed)', ensureDependencies);
await step('MySQL (DATABASE_URL)', () => ensureMysql(env.DATABASE_URL));
await step('Redis (REDIS_URL)', () => ensureRedis(env.REDIS_URL));
await step('Prisma Client (offline generate)', generatePrismaClient);
await step('server build (tsc)', buildServer);
await step('database: create and migrate', async () => {
  const out = await run(process.execPath, [dist('infra', 'db', 'migrate.cli.js')], {
    quiet: true,
    env,
    fix: 'check DATABASE_URL (user, password, host) and that this user may CREATE DATABASE',
  });
  return out.trim().split('\n').pop();
});
await step('demo shop seed', async () =>
  (await run(process.execPath, [dist('seed', 'seed.js')], { quiet: true, env })).trim(),
);
await step('mini-program h5 build → miniapp/dist/h5', () => buildMiniapp('h5'));
await step('mini-program weapp build → miniapp/dist/weapp', () => buildMiniapp('weapp'));

const server = spawn(process.execPath, [dist('main.js')], {
  cwd: ROOT,
  env: { ...process.env, ...env },
  stdio: 'inherit',
});
const stop = () => server.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => process.exit(code ?? 0));

await step('server with the WeChat sandbox', async () => {
  for (let i = 0; i < 120; i += 1) {
    if (server.exitCode !== null)
      throw new StepError(`the server exited with ${server.exitCode}`, 'read its log lines above');
    try {
      const health = await (await fetch(`${base}/health`)).json();
      if (health.status === 'ok') return `health ${JSON.stringify(health)}`;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new StepError(`${base}/health did not answer ok within 30 s`, 'read the server log lines above');
});

process.stdout.write(`
  Shop (h5 mini-program)  ${base}/#/pages/home/index?as=alice   (as=<name> picks the sandbox user)
  API                     ${base}/api/v1/products
  API docs                ${base}/api/docs
  Health                  ${base}/health
  WeChat sandbox          http://127.0.0.1:${env.SANDBOX_PORT}   (POST /sandbox/clock, /sandbox/users ...)
  Manager (admin) login   code sandbox:admin
  WeChat DevTools         open ${path.join(ROOT, 'project.config.json')}

  Ctrl-C stops the server.
`);
