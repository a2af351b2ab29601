import { Module } from '@nestjs/common';
import { MemberModule } from '../member/member.module';
import { NotificationController } from './notification.controller';
import { NotificationEvents } from './notification-events';
import { NotificationOutbox } from './notification-outbox';
import { NotificationReminders } from './notification-reminders';
import { NotificationSender } from './notification-sender';
import { NotificationRepository } from './notification.repository';
import { SubscriptionService } from './subscription.service';
import { WechatSubscribeClient } from './wechat-subscribe.client';

/**
 * 订阅消息: users' one-time subscriptions as credits, one message per fact (order shipped, group
 * succeeded or failed, refund done, commission settled, withdrawal paid, new community post,
 * member day, points expiring) sent by a retried job that spends a credit, never blocking the
 * request that caused the fact. Listens to other domains' events; they do not know it exists.
 */
@Module({
  imports: [MemberModule],
  controllers: [NotificationController],
  providers: [
    NotificationRepository,
    NotificationOutbox,
    NotificationEvents,
    NotificationSender,
    NotificationReminders,
    SubscriptionService,
    WechatSubscribeClient,
  ],
})
export class NotificationModule {}
