import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { RedisService } from './redis/redis.service';

/**
 * The time every rule reads (timeouts, member days, expiries). In development and tests the
 * sandbox can shift it (`POST /sandbox/clock`); the offset lives in Redis so the API server and
 * the job worker agree, and each process re-reads it every second.
 */
@Injectable()
export class Clock implements OnModuleInit, OnModuleDestroy {
  private offsetMs = 0;
  private timer?: NodeJS.Timeout;

  constructor(@Inject(RedisService) private readonly redis: RedisService) {}

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  get offset(): number {
    return this.offsetMs;
  }

  /** Sets the clock so that now() ≈ `at`; null returns to real time. */
  async set(at: Date | null): Promise<void> {
    this.offsetMs = at ? at.getTime() - Date.now() : 0;
    await this.redis.client.set(this.redis.key('clock', 'offset-ms'), String(this.offsetMs));
  }

  async refresh(): Promise<void> {
    try {
      const stored = await this.redis.client.get(this.redis.key('clock', 'offset-ms'));
      const value = Number(stored ?? 0);
      if (Number.isSafeInteger(value)) this.offsetMs = value;
    } catch {
      // keep the last known offset while Redis is unreachable
    }
  }

  async onModuleInit(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), 1_000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
