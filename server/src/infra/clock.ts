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
  /** Bumped by every set(): a refresh that started before it must not restore the old offset. */
  private generation = 0;
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
    const offset = at ? at.getTime() - Date.now() : 0;
    this.generation += 1;
    this.offsetMs = offset;
    await this.redis.client.set(this.redis.key('clock', 'offset-ms'), String(offset));
  }

  async refresh(): Promise<void> {
    const started = this.generation;
    try {
      const stored = await this.redis.client.get(this.redis.key('clock', 'offset-ms'));
      const value = Number(stored ?? 0);
      if (Number.isSafeInteger(value) && started === this.generation) this.offsetMs = value;
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
