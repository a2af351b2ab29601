import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { NotificationTemplateKey } from '@weshop/shared';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { Clock } from '../infra/clock';
import { JobQueue } from '../infra/queue/job-queue';
import { templateIds } from './notification-templates';
import { sendDecision, type SendOutcome } from './notification.policy';
import { NotificationRepository } from './notification.repository';
import { NotificationOutbox } from './notification-outbox';
import { WechatSubscribeClient } from './wechat-subscribe.client';

/** A message whose job found it PENDING more than this long ago is re-queued by the sweeper. */
const STALE_AFTER_MS = 60_000;

/** Thrown to let the queue retry after its backoff (WeChat busy, rate-limited, unreachable). */
class SendRetry extends Error {}

/**
 * The `notification.send` job: holds one credit (never sends without one), calls subscribe/send
 * and applies the send policy — SENT, REFUSED (43101), retried, or FAILED with the credit given
 * back when the message never went out. Nothing here can reach the request that caused the fact.
 */
@Injectable()
export class NotificationSender implements OnModuleInit {
  private readonly ids: Record<NotificationTemplateKey, string>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(JobQueue) private readonly jobs: JobQueue,
    @Inject(NotificationRepository) private readonly notifications: NotificationRepository,
    @Inject(NotificationOutbox) private readonly outbox: NotificationOutbox,
    @Inject(WechatSubscribeClient) private readonly wechat: WechatSubscribeClient,
  ) {
    this.ids = templateIds(config.notifications.templateIds);
  }

  onModuleInit(): void {
    this.jobs.handle('notification.send', ({ notificationId }, job) =>
      this.send(notificationId, job.attemptsMade + 1, job.opts.attempts ?? 1),
    );
    this.jobs.addSweeper({
      name: 'notifications',
      run: async () => {
        const stale = await this.notifications.stalePending(new Date(this.clock.now().getTime() - STALE_AFTER_MS));
        await this.outbox.enqueue(stale);
      },
    });
  }

  /** One attempt; throws SendRetry when the queue should try again. */
  async send(id: number, attempt: number, maxAttempts: number): Promise<void> {
    const row = await this.notifications.find(id);
    if (!row || row.status !== 'PENDING') return;
    const openid = await this.notifications.openidOf(row.userId);
    if (!openid) {
      await this.notifications.recordAttempt(
        id,
        { status: 'FAILED', giveBack: true, errcode: null, error: 'no such user' },
        this.clock.now(),
      );
      return;
    }
    if (!(await this.notifications.reserveCredit(id, this.clock.now()))) return;

    const outcome: SendOutcome = await this.wechat.send({
      touser: openid,
      template_id: this.ids[row.template as NotificationTemplateKey] ?? row.template,
      page: row.page,
      data: row.data as Record<string, { value: string }>,
      miniprogram_state: this.config.wechat.mode === 'live' ? 'formal' : 'developer',
      lang: 'zh_CN',
    });
    const decision = sendDecision(outcome, attempt, maxAttempts);
    await this.notifications.recordAttempt(
      id,
      {
        status: decision.status,
        giveBack: decision.giveBack,
        errcode: outcome.kind === 'errcode' ? outcome.errcode : null,
        error:
          outcome.kind === 'errcode'
            ? `${outcome.errcode} ${outcome.errmsg ?? ''}`.trim()
            : outcome.kind === 'unavailable'
              ? 'WeChat did not answer'
              : null,
      },
      this.clock.now(),
    );
    if (decision.retry) throw new SendRetry(`notification ${id}: attempt ${attempt} of ${maxAttempts} failed`);
  }
}
