import { randomBytes } from 'node:crypto';
import { startServer, type RunningServer } from '../../src/app.factory';
import { loadConfig, type AppConfig } from '../../src/infra/config/env.schema';
import { createPrismaClient } from '../../src/infra/prisma/prisma.service';
import { seedDemoShop } from '../../src/seed/demo-shop';
import { createTestDatabase, type TestDatabase } from './test-database';

/** The whole product running for a test: a fresh database, the server and the WeChat sandbox. */
export interface Stack {
  /** Origin of the server: API under /api/v1, the h5 build (when given) at /. */
  baseUrl: string;
  /** Origin of the WeChat sandbox (WeChat's contracts and the /sandbox control routes). */
  sandboxUrl: string;
  config: AppConfig;
  server: RunningServer;
  database: TestDatabase;
  close(): Promise<void>;
}

export interface StackOptions {
  /** Names the scratch database (weshop_t_<label>_...). */
  label: string;
  /** Seed the demo shop (categories, 50 products, demo users). */
  seed?: boolean;
  /** Serve this h5 build at /. */
  h5Dir?: string;
  /** Extra environment variables, as a user would set them. */
  env?: Record<string, string>;
}

/**
 * Starts the real server against real MySQL and Redis, with the WeChat sandbox on its own
 * loopback port. Each stack has its own database and Redis key prefix, so test files can run
 * side by side.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const database = await createTestDatabase(options.label);
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    SANDBOX_PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '5',
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `weshop_t_${randomBytes(4).toString('hex')}`,
    H5_DIR: options.h5Dir ?? '/nonexistent-h5-dir',
    ...options.env,
  });
  if (options.seed) {
    const prisma = createPrismaClient(database.url, 2);
    try {
      await seedDemoShop(prisma, { appid: config.wechat.appid });
    } finally {
      await prisma.$disconnect();
    }
  }
  let server: RunningServer;
  try {
    server = await startServer(config);
  } catch (error) {
    await database.drop();
    throw error;
  }
  return {
    baseUrl: server.url,
    sandboxUrl: server.sandbox?.url ?? config.wechat.apiBase,
    config,
    server,
    database,
    async close() {
      const redis = (await import('ioredis')).default;
      const client = new redis(config.redisUrl);
      try {
        const keys = await client.keys(`${config.redisPrefix}:*`);
        if (keys.length) await client.del(...keys);
      } finally {
        client.disconnect();
      }
      await server.close();
      await database.drop();
    },
  };
}
