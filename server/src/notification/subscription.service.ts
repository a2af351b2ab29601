import { Inject, Injectable } from '@nestjs/common';
import {
  NOTIFICATION_TEMPLATE_KEYS,
  SUBSCRIBE_MOMENT_TEMPLATES,
  type NotificationTemplateKey,
  type NotificationTemplateList,
  type SubscribeAnswer,
  type SubscriptionCredits,
  type SubscriptionRequest,
} from '@weshop/shared';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { Clock } from '../infra/clock';
import { NOTIFICATION_TEMPLATES, templateIds } from './notification-templates';
import { NotificationRepository } from './notification.repository';

/** What the mini-program may ask for and when, and what the user answered (each accept one credit). */
@Injectable()
export class SubscriptionService {
  private readonly ids: Record<NotificationTemplateKey, string>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(NotificationRepository) private readonly notifications: NotificationRepository,
  ) {
    this.ids = templateIds(config.notifications.templateIds);
  }

  templates(): NotificationTemplateList {
    return {
      templates: NOTIFICATION_TEMPLATE_KEYS.map((key) => ({
        key,
        templateId: this.ids[key],
        title: NOTIFICATION_TEMPLATES[key].title,
      })),
      moments: Object.fromEntries(
        Object.entries(SUBSCRIBE_MOMENT_TEMPLATES).map(([moment, keys]) => [moment, [...keys]]),
      ) as NotificationTemplateList['moments'],
    };
  }

  async record(userId: number, request: SubscriptionRequest): Promise<SubscriptionCredits> {
    const answers = Object.entries(request.results) as Array<[NotificationTemplateKey, SubscribeAnswer]>;
    await this.notifications.recordAnswers(userId, answers, this.clock.now());
    return this.credits(userId);
  }

  async credits(userId: number): Promise<SubscriptionCredits> {
    const held = await this.notifications.credits(userId);
    return {
      credits: Object.fromEntries(
        NOTIFICATION_TEMPLATE_KEYS.map((key) => [key, held.get(key) ?? 0]),
      ) as SubscriptionCredits['credits'],
    };
  }
}
