// One jest run for the whole repository; `npm test` (scripts/test.mjs) prepares services and builds first.
const path = require('node:path');

const tsJest = (tsconfig) => ['ts-jest', { tsconfig: path.join(__dirname, tsconfig), diagnostics: false }];
const shared = { '^@weshop/shared$': '<rootDir>/shared/src/index.ts' };

/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  // DB-backed and browser tests boot real servers; hooks share this limit.
  testTimeout: 60_000,
  projects: [
    {
      displayName: 'shared',
      rootDir: __dirname,
      testMatch: ['<rootDir>/shared/src/**/*.spec.ts'],
      transform: { '^.+\\.ts$': tsJest('shared/tsconfig.json') },
    },
    {
      displayName: 'server-unit',
      rootDir: __dirname,
      testMatch: ['<rootDir>/server/src/**/*.spec.ts'],
      transform: { '^.+\\.ts$': tsJest('server/tsconfig.json') },
      moduleNameMapper: shared,
    },
    {
      displayName: 'server-e2e',
      rootDir: __dirname,
      testMatch: ['<rootDir>/server/test/**/*.e2e-spec.ts', '<rootDir>/server/test/**/*.int-spec.ts'],
      transform: { '^.+\\.ts$': tsJest('server/tsconfig.json') },
      moduleNameMapper: shared,
    },
  ],
};
