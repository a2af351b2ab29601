import { randomBytes } from 'node:crypto';
import { StockGate } from '../../src/catalog/stock-gate';
import { loadConfig } from '../../src/infra/config/env.schema';
import { RedisService } from '../../src/infra/redis/redis.service';

/**
 * 库存闸 against real Redis: a rush is answered first come first served, in one script call per
 * turn of the event loop, and a missing counter is seeded by one database read for the whole rush.
 */

let redis: RedisService;
let gate: StockGate;
let nextSku = 1;

beforeAll(() => {
  const config = loadConfig({
    NODE_ENV: 'test',
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `stock-gate-test-${randomBytes(4).toString('hex')}`,
  });
  redis = new RedisService(config);
  gate = new StockGate(redis);
});

afterAll(async () => {
  const keys = await redis.client.keys(redis.key('*'));
  if (keys.length) await redis.client.del(...keys);
  await redis.onModuleDestroy();
});

/** A database stock of `units`, counting how often the gate read it. */
function databaseStock(units: number) {
  const reads = { count: 0 };
  const seed = async () => {
    reads.count += 1;
    await new Promise((resolve) => setTimeout(resolve, 5));
    return units;
  };
  return { seed, reads };
}

describe('StockGate', () => {
  it.each([
    [5, 1, 12],
    [3, 2, 5],
    [0, 1, 4],
  ])(
    'with stock %i and %i per buyer, lets the first buyers of a rush of %i through',
    async (stock, quantity, buyers) => {
      const sku = nextSku++;
      const { seed, reads } = databaseStock(stock);
      const answers = await Promise.all(Array.from({ length: buyers }, () => gate.take(sku, quantity, seed)));
      const through = Math.min(buyers, Math.floor(stock / quantity));
      expect(answers).toEqual(Array.from({ length: buyers }, (_, i) => i < through));
      expect(reads.count).toBe(1);
    },
  );

  it('answers the buyers of one turn with one script call', async () => {
    const sku = nextSku++;
    const { seed } = databaseStock(100);
    await gate.take(sku, 1, seed); // seeds the counter
    const sent = jest.spyOn(redis.client, 'evalsha');
    try {
      const answers = await Promise.all(Array.from({ length: 50 }, () => gate.take(sku, 1, seed)));
      expect(answers.every(Boolean)).toBe(true);
      expect(sent).toHaveBeenCalledTimes(1);
    } finally {
      sent.mockRestore();
    }
    expect(Number(await redis.client.get(redis.key('stock-gate', sku)))).toBe(49);
  });

  it('takes back what was given back, and seeds again after forget()', async () => {
    const sku = nextSku++;
    const { seed, reads } = databaseStock(1);
    expect(await gate.take(sku, 1, seed)).toBe(true);
    expect(await gate.take(sku, 1, seed)).toBe(false);
    await gate.giveBack(sku, 1);
    expect(await gate.take(sku, 1, seed)).toBe(true);
    await gate.forget(sku);
    expect(await gate.take(sku, 1, seed)).toBe(true);
    expect(reads.count).toBe(2);
  });

  it('never creates a counter by giving back', async () => {
    const sku = nextSku++;
    await gate.giveBack(sku, 3);
    expect(await redis.client.exists(redis.key('stock-gate', sku))).toBe(0);
  });
});
