import type { NotificationTemplateKey } from '@weshop/shared';
import {
  amountValue,
  characterStringValue,
  dateValue,
  numberValue,
  phraseValue,
  thingValue,
  timeValue,
  truncate,
  type SubscribeValueType,
} from './subscribe-values';

/**
 * The shop's subscription-message templates: for each key the template chosen in the
 * mini-program console (its id comes from config; the defaults are the sandbox's), its keywords
 * with their WeChat types, the page it opens, and a pure function from the fact to the values.
 */

export interface NotificationFacts {
  ORDER_SHIPPED: {
    orderId: number;
    orderNo: string;
    productTitle: string;
    /** How many different products the order has (a title "等 3 件" when more than one). */
    lineCount: number;
    carrier: string;
    trackingNo: string;
    shippedAt: Date;
  };
  GROUP_SUCCEEDED: { groupId: number; productTitle: string; unitPrice: number; size: number; at: Date };
  GROUP_FAILED: { groupId: number; productTitle: string; refundAmount: number; at: Date };
  REFUND_DONE: { orderId: number; orderNo: string; amount: number; at: Date; note: string };
  COMMISSION_SETTLED: { orderNo: string; amount: number; at: Date };
  WITHDRAWAL_PAID: { amount: number; at: Date };
  MEMBER_DAY_REMINDER: { day: Date; benefit: string };
  COMMUNITY_NEW_POST: { communityName: string; postId: number; title: string; author: string; at: Date };
  POINTS_EXPIRING: { points: number; expiresAt: Date };
}

export interface TemplateDefinition<K extends NotificationTemplateKey> {
  key: K;
  title: string;
  /** The sandbox's template id (and the default when config names none). */
  defaultId: string;
  /** Keyword → WeChat value type, as the template has them in the console. */
  fields: Record<string, SubscribeValueType>;
  page: (facts: NotificationFacts[K]) => string;
  data: (facts: NotificationFacts[K], timeZone: string) => Record<string, string>;
}

type Catalogue = { [K in NotificationTemplateKey]: TemplateDefinition<K> };

/** `商品名等3件` within 20 characters: the count stays visible, the title gives way. */
function titleWithCount(title: string, lines: number): string {
  if (lines <= 1) return thingValue(title);
  const suffix = `等${lines}件`;
  return `${truncate(thingValue(title), 20 - suffix.length)}${suffix}`;
}

export const NOTIFICATION_TEMPLATES: Catalogue = {
  ORDER_SHIPPED: {
    key: 'ORDER_SHIPPED',
    title: '订单发货通知',
    defaultId: 'sandbox-tmpl-order-shipped',
    fields: {
      character_string1: 'character_string',
      thing2: 'thing',
      thing3: 'thing',
      character_string4: 'character_string',
      time5: 'time',
    },
    page: (f) => `subpackages/order/detail/index?id=${f.orderId}`,
    data: (f, tz) => ({
      character_string1: characterStringValue(f.orderNo),
      thing2: titleWithCount(f.productTitle, f.lineCount),
      thing3: thingValue(f.carrier),
      character_string4: characterStringValue(f.trackingNo),
      time5: timeValue(f.shippedAt, tz),
    }),
  },
  GROUP_SUCCEEDED: {
    key: 'GROUP_SUCCEEDED',
    title: '拼团成功通知',
    defaultId: 'sandbox-tmpl-group-succeeded',
    fields: { thing1: 'thing', amount2: 'amount', number3: 'number', time4: 'time', phrase5: 'phrase' },
    page: (f) => `subpackages/groupbuy/group/index?id=${f.groupId}`,
    data: (f, tz) => ({
      thing1: thingValue(f.productTitle),
      amount2: amountValue(f.unitPrice),
      number3: numberValue(f.size),
      time4: timeValue(f.at, tz),
      phrase5: phraseValue('拼团成功'),
    }),
  },
  GROUP_FAILED: {
    key: 'GROUP_FAILED',
    title: '拼团失败通知',
    defaultId: 'sandbox-tmpl-group-failed',
    fields: { thing1: 'thing', amount2: 'amount', thing3: 'thing', time4: 'time', phrase5: 'phrase' },
    page: (f) => `subpackages/groupbuy/group/index?id=${f.groupId}`,
    data: (f, tz) => ({
      thing1: thingValue(f.productTitle),
      amount2: amountValue(f.refundAmount),
      thing3: thingValue('未在时限内成团，款项原路退回'),
      time4: timeValue(f.at, tz),
      phrase5: phraseValue('拼团失败'),
    }),
  },
  REFUND_DONE: {
    key: 'REFUND_DONE',
    title: '退款成功通知',
    defaultId: 'sandbox-tmpl-refund-done',
    fields: { character_string1: 'character_string', amount2: 'amount', time3: 'time', thing4: 'thing' },
    page: (f) => `subpackages/order/detail/index?id=${f.orderId}`,
    data: (f, tz) => ({
      character_string1: characterStringValue(f.orderNo),
      amount2: amountValue(f.amount),
      time3: timeValue(f.at, tz),
      thing4: thingValue(f.note, '退款已原路退回'),
    }),
  },
  COMMISSION_SETTLED: {
    key: 'COMMISSION_SETTLED',
    title: '佣金到账提醒',
    defaultId: 'sandbox-tmpl-commission-settled',
    fields: { amount1: 'amount', character_string2: 'character_string', time3: 'time', thing4: 'thing' },
    page: () => 'subpackages/distribution/commissions/index?status=SETTLED',
    data: (f, tz) => ({
      amount1: amountValue(f.amount),
      character_string2: characterStringValue(f.orderNo),
      time3: timeValue(f.at, tz),
      thing4: thingValue('佣金已结算，可申请提现'),
    }),
  },
  WITHDRAWAL_PAID: {
    key: 'WITHDRAWAL_PAID',
    title: '提现到账通知',
    defaultId: 'sandbox-tmpl-withdrawal-paid',
    fields: { amount1: 'amount', time2: 'time', thing3: 'thing' },
    page: () => 'subpackages/distribution/withdraw/index',
    data: (f, tz) => ({
      amount1: amountValue(f.amount),
      time2: timeValue(f.at, tz),
      thing3: thingValue('已转入微信零钱'),
    }),
  },
  MEMBER_DAY_REMINDER: {
    key: 'MEMBER_DAY_REMINDER',
    title: '会员日活动提醒',
    defaultId: 'sandbox-tmpl-member-day',
    fields: { thing1: 'thing', date2: 'date', thing3: 'thing' },
    page: () => 'subpackages/marketing/member-day/index',
    data: (f, tz) => ({
      thing1: thingValue('会员日'),
      date2: dateValue(f.day, tz),
      thing3: thingValue(f.benefit, '会员专享价与积分加倍'),
    }),
  },
  COMMUNITY_NEW_POST: {
    key: 'COMMUNITY_NEW_POST',
    title: '社群新内容提醒',
    defaultId: 'sandbox-tmpl-community-post',
    fields: { thing1: 'thing', thing2: 'thing', thing3: 'thing', time4: 'time' },
    page: (f) => `subpackages/community/post/index?id=${f.postId}`,
    data: (f, tz) => ({
      thing1: thingValue(f.communityName),
      thing2: thingValue(f.title, '发布了新内容'),
      thing3: thingValue(f.author, '群主'),
      time4: timeValue(f.at, tz),
    }),
  },
  POINTS_EXPIRING: {
    key: 'POINTS_EXPIRING',
    title: '积分过期提醒',
    defaultId: 'sandbox-tmpl-points-expiring',
    fields: { number1: 'number', date2: 'date', thing3: 'thing' },
    page: () => 'subpackages/marketing/points/index',
    data: (f, tz) => ({
      number1: numberValue(f.points),
      date2: dateValue(f.expiresAt, tz),
      thing3: thingValue('积分即将过期，快去兑换吧'),
    }),
  },
};

/** A template's WeChat `data` (`{ keyword: { value } }`) and page for a fact. */
export function buildMessage<K extends NotificationTemplateKey>(
  key: K,
  facts: NotificationFacts[K],
  timeZone: string,
): { page: string; data: Record<string, { value: string }> } {
  const template = NOTIFICATION_TEMPLATES[key] as TemplateDefinition<K>;
  const values = template.data(facts, timeZone);
  return {
    page: template.page(facts),
    data: Object.fromEntries(Object.entries(values).map(([k, value]) => [k, { value }])),
  };
}

/** The template id of each key: config first, else the sandbox's default. */
export function templateIds(configured: Record<string, string>): Record<NotificationTemplateKey, string> {
  return Object.fromEntries(
    Object.values(NOTIFICATION_TEMPLATES).map((t) => [t.key, configured[t.key] ?? t.defaultId]),
  ) as Record<NotificationTemplateKey, string>;
}

/** The sandbox's template registry: template id → keyword types. */
export function sandboxTemplateRegistry(): Record<string, Record<string, SubscribeValueType>> {
  return Object.fromEntries(Object.values(NOTIFICATION_TEMPLATES).map((t) => [t.defaultId, t.fields]));
}
