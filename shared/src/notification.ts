import { z } from 'zod';

/**
 * 订阅消息 (one-time subscription messages): the templates the shop sends, the moments at which the
 * mini-program asks for them (`wx.requestSubscribeMessage`, at most 3 templates per call, inside a
 * tap), and what the user answered. Each accept is one credit: one message may be sent.
 */

export const NOTIFICATION_TEMPLATE_KEYS = [
  'ORDER_SHIPPED',
  'GROUP_SUCCEEDED',
  'GROUP_FAILED',
  'REFUND_DONE',
  'COMMISSION_SETTLED',
  'WITHDRAWAL_PAID',
  'MEMBER_DAY_REMINDER',
  'COMMUNITY_NEW_POST',
  'POINTS_EXPIRING',
] as const;
export const NotificationTemplateKey = z.enum(NOTIFICATION_TEMPLATE_KEYS);
export type NotificationTemplateKey = z.infer<typeof NotificationTemplateKey>;

/** The taps at which the mini-program asks (each asks for the templates of that moment). */
export const SUBSCRIBE_MOMENTS = [
  'ORDER_PAY',
  'GROUP_JOIN',
  'WITHDRAW',
  'COMMUNITY_JOIN',
  'MEMBER_CENTER',
  'DISTRIBUTOR_CENTER',
] as const;
export const SubscribeMoment = z.enum(SUBSCRIBE_MOMENTS);
export type SubscribeMoment = z.infer<typeof SubscribeMoment>;

/** WeChat allows at most three templates in one requestSubscribeMessage. */
export const MAX_TEMPLATES_PER_REQUEST = 3;

/** Which templates each moment asks for (never more than three). */
export const SUBSCRIBE_MOMENT_TEMPLATES: Record<SubscribeMoment, readonly NotificationTemplateKey[]> = {
  ORDER_PAY: ['ORDER_SHIPPED', 'REFUND_DONE'],
  GROUP_JOIN: ['GROUP_SUCCEEDED', 'GROUP_FAILED'],
  WITHDRAW: ['WITHDRAWAL_PAID'],
  COMMUNITY_JOIN: ['COMMUNITY_NEW_POST'],
  MEMBER_CENTER: ['MEMBER_DAY_REMINDER', 'POINTS_EXPIRING'],
  DISTRIBUTOR_CENTER: ['COMMISSION_SETTLED', 'WITHDRAWAL_PAID'],
};

export const NotificationTemplateView = z.object({
  key: NotificationTemplateKey,
  /** The WeChat template id to pass to requestSubscribeMessage. */
  templateId: z.string(),
  title: z.string(),
});
export type NotificationTemplateView = z.infer<typeof NotificationTemplateView>;

export const NotificationTemplateList = z.object({
  templates: z.array(NotificationTemplateView),
  moments: z.record(SubscribeMoment, z.array(NotificationTemplateKey).max(MAX_TEMPLATES_PER_REQUEST)),
});
export type NotificationTemplateList = z.infer<typeof NotificationTemplateList>;

/** What requestSubscribeMessage answered for one template. */
export const SubscribeAnswer = z.enum(['accept', 'reject', 'ban', 'filter']);
export type SubscribeAnswer = z.infer<typeof SubscribeAnswer>;

/** `POST /api/v1/notifications/subscriptions`: the answers by template key. */
export const SubscriptionRequest = z
  .object({
    results: z
      .partialRecord(NotificationTemplateKey, SubscribeAnswer)
      .refine((results) => Object.keys(results).length > 0, 'results must name at least one template'),
  })
  .strict();
export type SubscriptionRequest = z.infer<typeof SubscriptionRequest>;

/** The caller's remaining credits (messages that may still be sent) per template. */
export const SubscriptionCredits = z.object({
  credits: z.record(NotificationTemplateKey, z.number().int().min(0)),
});
export type SubscriptionCredits = z.infer<typeof SubscriptionCredits>;
