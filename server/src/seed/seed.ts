import { createPrismaClient } from '../infra/prisma/prisma.service';
import { ConfigError, loadConfig } from '../infra/config/env.schema';
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
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `seed failed: ${error instanceof ConfigError ? error.message : String((error as Error)?.message ?? error)}\n`,
  );
  process.exit(1);
});
