import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Queue, Worker, type Job } from 'bullmq';
import IORedis from 'ioredis';
import type { Logger } from 'pino';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env.schema';

/** Every job the system runs, with its payload. Names are domain-scoped verbs. */
export interface JobMap {
  'order.close-unpaid': { orderId: number };
  'order.auto-confirm': { orderId: number };
  'order.close-aftersale-window': { orderId: number };
  'refund.submit': { refundId: number };
  'distribution.transfer': { withdrawalId: number };
  'groupbuy.expire': { groupId: number };
  'payment.reconcile': { paymentId: number };
  'wechat.upload-shipping': { orderId: number };
  'content.publish-scheduled': { postId: number };
  /** Recompute a shop-local day's analytics rollups (YYYY-MM-DD). */
  'analytics.rollup-day': { day: string };
  'notification.send': { notificationId: number };
  'notification.fan-out-post': { postId: number };
}
export type JobName = keyof JobMap;
export type JobHandler<K extends JobName> = (payload: JobMap[K], job: Job) => Promise<void>;

/** A periodic task that re-derives from the database what jobs would have done (nothing is lost with Redis). */
export type SweepTask = { name: string; run: () => Promise<void> };

/** BullMQ job ids may not contain `:` (nor be all digits): `order.close-unpaid` + 12 → `order-close-unpaid-12`. */
const jobIdOf = (name: JobName, key: string | number) => `${name}-${key}`.replace(/[.:]/g, '-');

/** Retry preset: WeChat calls and the like back off exponentially. */
const ATTEMPTS = 8;

/**
 * BullMQ on the shared Redis: delayed and retried jobs with business-key job ids (deduplicated),
 * one worker in this process when WORKER_ENABLED, and the sweepers on an interval.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly connection: IORedis;
  private readonly queue: Queue;
  private worker?: Worker;
  private workerConnection?: IORedis;
  private sweepTimer?: NodeJS.Timeout;
  private sweeping = false;
  private readonly handlers = new Map<JobName, JobHandler<never>>();
  private readonly sweepers: SweepTask[] = [];
  private logger?: Logger;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.connection = new IORedis(config.redisUrl, { maxRetriesPerRequest: null });
    this.connection.on('error', () => undefined);
    this.queue = new Queue('jobs', { connection: this.connection, prefix: `${config.redisPrefix}:bull` });
  }

  useLogger(logger: Logger): void {
    this.logger = logger;
  }

  handle<K extends JobName>(name: K, handler: JobHandler<K>): void {
    this.handlers.set(name, handler as JobHandler<never>);
  }

  addSweeper(task: SweepTask): void {
    this.sweepers.push(task);
  }

  /**
   * Schedules a job. `key` makes the job id (`<name>-<key>` with `.` and `:` replaced): adding the
   * same key twice while the first is waiting is a no-op. Completed jobs are removed so the same
   * key can be scheduled again later.
   */
  async add<K extends JobName>(
    name: K,
    payload: JobMap[K],
    options: { key: string | number; delayMs?: number; attempts?: number; backoffMs?: number },
  ): Promise<void> {
    await this.queue.add(name, payload, {
      jobId: jobIdOf(name, options.key),
      delay: Math.max(0, options.delayMs ?? 0),
      attempts: options.attempts ?? ATTEMPTS,
      backoff: { type: 'exponential', delay: options.backoffMs ?? 1_000 },
      removeOnComplete: true,
      removeOnFail: 1_000,
    });
  }

  async remove(name: JobName, key: string | number): Promise<void> {
    await this.queue.remove(jobIdOf(name, key));
  }

  /** Runs every sweeper once, now (tests and start-up). */
  async sweepNow(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      for (const task of this.sweepers) {
        try {
          await task.run();
        } catch (error) {
          this.logger?.error({ err: error, sweeper: task.name }, 'sweeper failed');
        }
      }
    } finally {
      this.sweeping = false;
    }
  }

  startWorker(): void {
    if (this.worker) return;
    this.workerConnection = this.connection.duplicate();
    this.worker = new Worker(
      'jobs',
      async (job) => {
        const handler = this.handlers.get(job.name as JobName);
        if (!handler) throw new Error(`no handler for job ${job.name}`);
        await (handler as JobHandler<JobName>)(job.data, job);
      },
      { connection: this.workerConnection, prefix: `${this.config.redisPrefix}:bull`, concurrency: 8 },
    );
    this.worker.on('failed', (job, error) =>
      this.logger?.warn({ job: job?.name, jobId: job?.id, err: error.message }, 'job failed'),
    );
    this.worker.on('error', () => undefined);
    this.sweepTimer = setInterval(() => void this.sweepNow(), this.config.orders.sweepIntervalMs);
    this.sweepTimer.unref();
    setImmediate(() => void this.sweepNow());
  }

  async stopWorker(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
    const worker = this.worker;
    this.worker = undefined;
    await worker?.close();
    this.workerConnection?.disconnect();
    this.workerConnection = undefined;
  }

  /** Jobs waiting or delayed (for tests and diagnostics). */
  async pending(): Promise<Array<{ name: string; id?: string; delay: number }>> {
    const jobs = await this.queue.getJobs(['delayed', 'waiting', 'prioritized']);
    return jobs.map((job) => ({ name: job.name, id: job.id, delay: job.opts.delay ?? 0 }));
  }

  onApplicationBootstrap(): void {
    if (this.config.workerEnabled) this.startWorker();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stopWorker();
    await this.queue.close();
    this.connection.disconnect();
  }
}
