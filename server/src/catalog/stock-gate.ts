import { Inject, Injectable } from '@nestjs/common';
import { RedisService } from '../infra/redis/redis.service';

// Takes `qty` from the counter if it holds enough; seeds it first when the caller passed a seed.
// Returns the units left, -1 when there are not enough, -2 when the counter must be seeded.
const TAKE = `
local v = redis.call('GET', KEYS[1])
if not v then
  if ARGV[2] == '' then return -2 end
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  v = ARGV[2]
end
local left = tonumber(v) - tonumber(ARGV[1])
if left < 0 then return -1 end
redis.call('DECRBY', KEYS[1], ARGV[1])
return left`;

// Gives units back, but never creates a counter (a counter always comes from the database, with a TTL).
const GIVE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('INCRBY', KEYS[1], ARGV[1]) end
return -1`;

/**
 * 库存闸 (hot-stock counter): in a rush for one SKU, a Redis counter seeded from the database
 * lets exactly as many buyers through to the order transaction as there are units, and refuses
 * the rest at once. It is only a gate: the guarded decrement in the transaction stays the truth,
 * so a counter that is too high costs a refusal there, one too low (a crash between taking and
 * giving back) costs early refusals until it expires (`ttlMs`) and is seeded again.
 */
@Injectable()
export class StockGate {
  readonly ttlMs = 10_000;

  constructor(@Inject(RedisService) private readonly redis: RedisService) {}

  private key(skuId: number): string {
    return this.redis.key('stock-gate', skuId);
  }

  /**
   * Takes `quantity` of `skuId` from the counter; `seed` reads the database stock when the counter
   * is missing. True when the buyer may go on; false when the SKU is sold out. Redis down: true.
   */
  async take(skuId: number, quantity: number, seed: () => Promise<number>): Promise<boolean> {
    try {
      const key = this.key(skuId);
      let left = Number(await this.redis.client.eval(TAKE, 1, key, quantity, '', this.ttlMs));
      if (left === -2) left = Number(await this.redis.client.eval(TAKE, 1, key, quantity, await seed(), this.ttlMs));
      return left >= 0;
    } catch {
      return true;
    }
  }

  /** Gives back what `take` took (the order was not created). */
  async giveBack(skuId: number, quantity: number): Promise<void> {
    await this.redis.client.eval(GIVE, 1, this.key(skuId), quantity).catch(() => undefined);
  }

  /** Stock changed outside checkout (restock, adjustment, or the counter was wrong): seed again. */
  async forget(skuId: number): Promise<void> {
    await this.redis.client.del(this.key(skuId)).catch(() => undefined);
  }
}
