import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { RedisService } from '../infra/redis/redis.service';

/** A Lua script sent once and then called by its SHA-1 (EVALSHA), not re-sent with every call. */
class LuaScript {
  readonly sha: string;
  constructor(readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }
}

// Takes for several buyers in one call, in the order they came: for counter KEYS[i], ARGV[2i-1] is
// the quantity and ARGV[2i] the seed ('' = none); the last ARGV is the TTL of a seeded counter.
// Each result is the units left, -1 when there are not enough, -2 when the counter must be seeded.
const TAKE_EACH = new LuaScript(`
local ttl = ARGV[#ARGV]
local results = {}
for i, key in ipairs(KEYS) do
  local qty = tonumber(ARGV[2 * i - 1])
  local seed = ARGV[2 * i]
  local v = redis.call('GET', key)
  if not v and seed ~= '' then
    redis.call('SET', key, seed, 'PX', ttl)
    v = seed
  end
  if not v then
    results[i] = -2
  else
    local left = tonumber(v) - qty
    if left < 0 then
      results[i] = -1
    else
      redis.call('DECRBY', key, qty)
      results[i] = left
    end
  end
end
return results`);

// Gives units back, but never creates a counter (a counter always comes from the database, with a TTL).
const GIVE = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('INCRBY', KEYS[1], ARGV[1]) end
return -1`);

interface Taking {
  key: string;
  quantity: number;
  seed: string;
  done: (left: number) => void;
  failed: (error: unknown) => void;
}

/**
 * 库存闸 (hot-stock counter): in a rush for one SKU, a Redis counter seeded from the database
 * lets exactly as many buyers through to the order transaction as there are units, and refuses
 * the rest at once. It is only a gate: the guarded decrement in the transaction stays the truth,
 * so a counter that is too high costs a refusal there, one too low (a crash between taking and
 * giving back) costs early refusals until it expires (`ttlMs`) and is seeded again.
 *
 * Cheap under a rush: the buyers who reach the gate in the same turn of the event loop are
 * answered by one script call (one round trip, first come first served), the script runs by its
 * hash, and when the counter is missing the buyers share one database read to seed it.
 */
@Injectable()
export class StockGate {
  readonly ttlMs = 10_000;
  /** Database reads of a SKU's stock under way, shared by every buyer who found its counter missing. */
  private readonly seeding = new Map<number | string, Promise<number>>();
  /** Takes waiting for the end of this turn of the event loop. */
  private queue: Taking[] = [];

  constructor(@Inject(RedisService) private readonly redis: RedisService) {}

  /** A SKU's stock counter, or another named counter (e.g. `flash:12:345`, a flash sale's quota). */
  private key(counter: number | string): string {
    return this.redis.key('stock-gate', counter);
  }

  /**
   * Takes `quantity` of `skuId` from the counter; `seed` reads the database stock when the counter
   * is missing. True when the buyer may go on; false when the SKU is sold out. Redis down: true.
   */
  async take(skuId: number | string, quantity: number, seed: () => Promise<number>): Promise<boolean> {
    try {
      const key = this.key(skuId);
      let left = await this.takeInTurn(key, quantity, '');
      if (left === -2) left = await this.takeInTurn(key, quantity, String(await this.seedOnce(skuId, seed)));
      return left >= 0;
    } catch {
      return true;
    }
  }

  /** Gives back what `take` took (the order was not created). */
  async giveBack(skuId: number | string, quantity: number): Promise<void> {
    await this.run(GIVE, [this.key(skuId)], [quantity]).catch(() => undefined);
  }

  /** Stock changed outside checkout (restock, adjustment, or the counter was wrong): seed again. */
  async forget(skuId: number | string): Promise<void> {
    await this.redis.client.del(this.key(skuId)).catch(() => undefined);
  }

  private seedOnce(skuId: number | string, seed: () => Promise<number>): Promise<number> {
    let reading = this.seeding.get(skuId);
    if (!reading) {
      reading = seed().finally(() => this.seeding.delete(skuId));
      this.seeding.set(skuId, reading);
    }
    return reading;
  }

  private takeInTurn(key: string, quantity: number, seed: string): Promise<number> {
    return new Promise((done, failed) => {
      if (!this.queue.length) setImmediate(() => this.flush());
      this.queue.push({ key, quantity, seed, done, failed });
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    try {
      const args = batch.flatMap((t) => [t.quantity, t.seed]);
      const results = (await this.run(
        TAKE_EACH,
        batch.map((t) => t.key),
        [...args, this.ttlMs],
      )) as number[];
      batch.forEach((t, i) => t.done(Number(results[i])));
    } catch (error) {
      for (const t of batch) t.failed(error);
    }
  }

  /** EVALSHA, and EVAL once when Redis does not know the script yet (first call, or after a restart). */
  private async run(script: LuaScript, keys: string[], args: Array<string | number>): Promise<unknown> {
    try {
      return await this.redis.client.evalsha(script.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return this.redis.client.eval(script.source, keys.length, ...keys, ...args);
    }
  }
}
