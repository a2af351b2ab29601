import { createPrismaClient, PrismaService } from '../infra/prisma/prisma.service';
import { ConfigError, loadConfig, type AppConfig } from '../infra/config/env.schema';
import type { Clock } from '../infra/clock';
import type { DomainEvents } from '../infra/events/domain-events';
import type { JobQueue } from '../infra/queue/job-queue';
import { RawDayRepository } from '../analytics/raw-day.repository';
import { RollupRepository } from '../analytics/rollup.repository';
import { RollupService } from '../analytics/rollup.service';
import { rollUpSeededDays, seedDemoAnalytics } from './demo-analytics';
import { seedDemoDistribution } from './demo-distribution';
import { seedDemoShop } from './demo-shop';

/** `npm run seed`: fills the configured database with the demo shop (idempotent). */
async function main(): Promise<void> {
  const config = loadConfig();
  const prisma = createPrismaClient(config.databaseUrl, 2);
  try {
    const result = await seedDemoShop(prisma, { appid: config.wechat.appid });
    process.stdout.write(
      result.skipped
        ? `seed: catalog already present (${result.products} products); demo users ensured\n`
        : `seed: ${result.categories} categories, ${result.products} products, ${result.skus} SKUs, ${result.users} users\n`,
    );
    const network = await seedDemoDistribution(prisma, { appid: config.wechat.appid, timeZone: config.shopTimeZone });
    if (!network.skipped)
      process.stdout.write(
        `seed: distribution demo (Alice → Carol → Bob, ${network.orders} orders with commissions)\n`,
      );
    const history = await seedDemoAnalytics(prisma, { appid: config.wechat.appid, timeZone: config.shopTimeZone });
    if (!history.skipped) {
      const rolled = await rollUpDays(config, history.days);
      process.stdout.write(
        `seed: analytics history (${history.days.length} days, ${history.visits} visits, ${history.orders} orders; ${rolled} days rolled up)\n`,
      );
    }
  } finally {
    await prisma.$disconnect();
  }
}

/**
 * Rolls the seeded days up outside the server: the rollup's repositories on their own Prisma
 * client, the real clock; rolling a day needs neither domain events nor the job queue.
 */
async function rollUpDays(config: AppConfig, days: readonly string[]): Promise<number> {
  const prisma = new PrismaService(config);
  try {
    const clock = { now: () => new Date() } as Clock;
    const unused = undefined as never as DomainEvents & JobQueue;
    const rollups = new RollupService(
      config,
      clock,
      unused,
      unused,
      new RawDayRepository(prisma),
      new RollupRepository(prisma),
    );
    return await rollUpSeededDays(rollups, days);
  } finally {
    await prisma.onModuleDestroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `seed failed: ${error instanceof ConfigError ? error.message : String((error as Error)?.message ?? error)}\n`,
  );
  process.exit(1);
});
