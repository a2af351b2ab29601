#!/usr/bin/env node
// `npm run build`: the contract, the server, and the mini-program for WeChat (weapp) and browsers (h5).
import { buildMiniapp, buildServer, ensureDependencies, generatePrismaClient, step } from './lib.mjs';

await step('dependencies', ensureDependencies);
await step('Prisma Client (offline generate)', generatePrismaClient);
await step('server (tsc)', buildServer);
await step('mini-program for WeChat → miniapp/dist/weapp (open project.config.json in WeChat DevTools)', () =>
  buildMiniapp('weapp'),
);
await step('mini-program for browsers → miniapp/dist/h5', () => buildMiniapp('h5'));
