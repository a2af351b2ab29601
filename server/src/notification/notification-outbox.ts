import { Inject, Injectable } from '@nestjs/common';
import type { NotificationTemplateKey } from '@weshop/shared';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { Clock } from '../infra/clock';
import type { Tx } from '../infra/events/domain-events';
import { PrismaService } from '../infra/prisma/prisma.service';
import { JobQueue } from '../infra/queue/job-queue';
import { buildMessage, type NotificationFacts } from './notification-templates';
import { eventKey } from './notification.policy';
import { NotificationRepository, type NotificationDraft } from './notification.repository';

/**
 * Where facts become messages: a PENDING row per (template, fact) — written in the fact's own
 * transaction, so a duplicate fact finds its key taken and sends nothing more — and a
 * `notification.send` job once that transaction has committed (a sweeper re-queues any whose job
 * was lost).
 */
@Injectable()
export class NotificationOutbox {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(JobQueue) private readonly jobs: JobQueue,
    @Inject(NotificationRepository) private readonly notifications: NotificationRepository,
  ) {}

  /** One message for `userId` about a fact named by `subject` (e.g. `['order', 123]`). */
  draft<K extends NotificationTemplateKey>(
    template: K,
    userId: number,
    subject: Array<string | number>,
    facts: NotificationFacts[K],
  ): NotificationDraft {
    const message = buildMessage(template, facts, this.config.shopTimeZone);
    return { eventKey: eventKey(template, ...subject), template, userId, ...message };
  }

  /** Records the drafts in `tx` (inside the fact's transaction) and sends them after it commits. */
  async record(tx: Tx, drafts: NotificationDraft[]): Promise<void> {
    const ids = await this.notifications.createPending(tx, drafts, this.clock.now());
    if (ids.length) this.prisma.afterCommitOf(tx, () => this.enqueue(ids));
  }

  /** Records outside any other transaction (reminders and fan-outs) and sends at once. */
  async recordNow(drafts: NotificationDraft[]): Promise<void> {
    const ids = await this.prisma.transaction((tx) => this.notifications.createPending(tx, drafts, this.clock.now()));
    await this.enqueue(ids);
  }

  async enqueue(ids: number[]): Promise<void> {
    const { sendAttempts, retryBaseMs } = this.config.notifications;
    for (const id of ids)
      await this.jobs.add(
        'notification.send',
        { notificationId: id },
        { key: id, attempts: sendAttempts, backoffMs: retryBaseMs },
      );
  }
}
