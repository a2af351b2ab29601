import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { Clock } from '../infra/clock';
import { DomainEvents, type Tx } from '../infra/events/domain-events';
import { JobQueue } from '../infra/queue/job-queue';
import type { DayFacts } from './day-facts';
import { addDays, dayNumber, dayWindow, localDay } from './period.policy';
import { RawDayRepository } from './raw-day.repository';
import { RollupRepository } from './rollup.repository';

/** Days before yesterday the sweeper also rolls up when they have no rollup yet. */
export const CATCH_UP_DAYS = 7;
/** An event received this long before a rollup started may not have been seen by it. */
const IN_FLIGHT_MARGIN_MS = 60_000;

/**
 * 日汇总: recomputes a shop-local day of every dashboard slice from the raw rows and stores it
 * (delete + insert in one transaction, so running a day twice gives the same rows).
 *
 * Late data marks its day dirty so the next run recomputes it: a refund or a payment of an order
 * paid on an earlier day (domain events, inside their transaction), and an event whose `at` is on
 * a day already rolled up but which was received after that rollup started (found by reading the
 * events stored since the last check, by id). The sweeper rolls yesterday, every dirty day and
 * any of the last CATCH_UP_DAYS days without a rollup, through `analytics.rollup-day` jobs.
 */
@Injectable()
export class RollupService implements OnModuleInit {
  private readonly logger = new Logger('Analytics');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(DomainEvents) private readonly events: DomainEvents,
    @Inject(JobQueue) private readonly jobs: JobQueue,
    @Inject(RawDayRepository) private readonly raw: RawDayRepository,
    @Inject(RollupRepository) private readonly rollups: RollupRepository,
  ) {}

  onModuleInit(): void {
    this.events.onInTransaction('order.paid', (tx, paid) => this.lateOrder(tx, paid.paidAt));
    this.events.onInTransaction('order.refunded', async (tx, refunded) => {
      const order = await tx.order.findUnique({ where: { id: refunded.orderId }, select: { paidAt: true } });
      if (order?.paidAt) await this.lateOrder(tx, order.paidAt);
    });
    this.jobs.handle('analytics.rollup-day', async ({ day }) => {
      if (day < this.today()) await this.rollDay(day);
    });
    this.jobs.addSweeper({
      name: 'analytics',
      run: async () => {
        await this.findLateEvents();
        for (const day of await this.daysDue()) await this.jobs.add('analytics.rollup-day', { day }, { key: day });
      },
    });
  }

  get timeZone(): string {
    return this.config.shopTimeZone;
  }

  today(): string {
    return localDay(this.clock.now(), this.timeZone);
  }

  /** Computes a day from the raw rows without storing it (today's figures, days not rolled up). */
  async computeDay(day: string): Promise<DayFacts> {
    const { start, end } = dayWindow(day, this.timeZone);
    return this.raw.compute(day, start, end, this.clock.now());
  }

  /** Recomputes and stores a past day (before today in the shop's time zone). */
  async rollDay(day: string): Promise<DayFacts> {
    if (dayNumber(day) === null || day >= this.today()) throw new RangeError(`cannot roll up ${day}: not a past day`);
    const rolledFrom = this.clock.now();
    // Events stored from now on are checked for lateness against this rollup.
    await this.rollups.startEventCursor(await this.rollups.maxEventId());
    const facts = await this.computeDay(day);
    await this.rollups.store(facts, rolledFrom, this.clock.now());
    return facts;
  }

  /** Rolls every day of [from, to] (before today), oldest first: for seeds and benches. */
  async rollRange(from: string, to: string): Promise<number> {
    let rolled = 0;
    const last = addDays(this.today(), -1);
    for (let day = from; day <= to && day <= last; day = addDays(day, 1)) {
      await this.rollDay(day);
      rolled += 1;
    }
    return rolled;
  }

  /** What the sweeper does, run here and now: finds late events, then rolls every day due. */
  async catchUp(): Promise<string[]> {
    await this.findLateEvents();
    const days = await this.daysDue();
    for (const day of days) await this.rollDay(day);
    return days;
  }

  /** Yesterday and the CATCH_UP_DAYS before it when not rolled up yet, and every dirty day. */
  async daysDue(): Promise<string[]> {
    const today = this.today();
    const recent = Array.from({ length: CATCH_UP_DAYS + 1 }, (_, i) => addDays(today, -1 - i));
    const known = await this.rollups.rollups(recent);
    const due = new Set(recent.filter((day) => !known.has(day)));
    for (const day of await this.rollups.dirtyDays(today)) due.add(day);
    return [...due].sort();
  }

  /**
   * Marks dirty the rolled-up days that events stored since the last check belong to, when they
   * were received after (or just before) that day's rollup started.
   */
  async findLateEvents(): Promise<void> {
    const now = this.clock.now();
    const maxId = await this.rollups.maxEventId();
    const cursor = await this.rollups.eventCursor();
    if (cursor === null) {
      await this.rollups.startEventCursor(maxId);
      return;
    }
    if (maxId <= cursor) return;
    const todayStart = dayWindow(localDay(now, this.timeZone), this.timeZone).start;
    const latest = new Map<string, number>();
    for (const bucket of await this.rollups.lateEventBuckets(cursor, maxId, todayStart)) {
      const day = localDay(bucket.at, this.timeZone);
      latest.set(day, Math.max(latest.get(day) ?? 0, bucket.receivedAt.getTime()));
    }
    const rolled = await this.rollups.rollups([...latest.keys()]);
    for (const [day, receivedAt] of latest) {
      const rollup = rolled.get(day);
      if (rollup && !rollup.dirty && receivedAt >= rollup.rolledFrom.getTime() - IN_FLIGHT_MARGIN_MS) {
        await this.rollups.markDirty(undefined, day, now);
      }
    }
    await this.rollups.moveEventCursor(maxId);
  }

  /** An order paid (or refunded) on an earlier day changes that day's figures. */
  private async lateOrder(tx: Tx, paidAt: Date): Promise<void> {
    const day = localDay(paidAt, this.timeZone);
    if (day >= this.today()) return;
    try {
      await this.rollups.markDirty(tx, day, this.clock.now());
    } catch (error) {
      // Analytics never fails a payment or a refund; the day is recomputed when next marked.
      this.logger.warn(`analytics day ${day} not marked dirty: ${String((error as Error)?.message).slice(0, 200)}`);
    }
  }
}
