import { Inject, Injectable } from '@nestjs/common';
import { RedisService } from '../infra/redis/redis.service';

/**
 * 售罄闸: during a rush (one SKU, a thousand buyers) most requests are for stock that is gone.
 * Once a SKU was seen at zero, a short-lived Redis marker lets checkout refuse at once, without a
 * database query. It can only refuse too early (for at most `ttlMs` after stock came back in
 * another process), never sell too much: the guarded decrement in the order transaction remains
 * the guard. Restocks in this process clear it immediately.
 */
@Injectable()
export class SoldOutGate {
  readonly ttlMs = 2_000;

  constructor(@Inject(RedisService) private readonly redis: RedisService) {}

  private key(skuId: number): string {
    return this.redis.key('sold-out', skuId);
  }

  /** The first of these SKUs marked sold out, if any. */
  async firstSoldOut(skuIds: number[]): Promise<number | undefined> {
    if (!skuIds.length) return undefined;
    try {
      const marks = await this.redis.client.mget(...skuIds.map((id) => this.key(id)));
      const index = marks.findIndex((mark) => mark !== null);
      return index >= 0 ? skuIds[index] : undefined;
    } catch {
      return undefined; // Redis down: the database answers instead
    }
  }

  async markSoldOut(skuId: number): Promise<void> {
    await this.redis.client.set(this.key(skuId), '1', 'PX', this.ttlMs).catch(() => undefined);
  }

  async restocked(skuId: number): Promise<void> {
    await this.redis.client.del(this.key(skuId)).catch(() => undefined);
  }
}
