import { NOTIFICATION_TEMPLATE_KEYS, type NotificationTemplateKey } from '@weshop/shared';
import { subscribeValueValid } from '../sandbox/sandbox-subscribe';
import { buildMessage, NOTIFICATION_TEMPLATES, templateIds, type NotificationFacts } from './notification-templates';
import {
  amountValue,
  characterStringValue,
  dateValue,
  numberValue,
  phraseValue,
  thingValue,
  timeValue,
  truncate,
} from './subscribe-values';

const SHANGHAI = 'Asia/Shanghai';
const AT = new Date('2026-11-25T00:05:00Z'); // 08:05 in Shanghai
const LONG = '超长商品名称超长商品名称超长商品名称超长商品名称超长';

describe('values fitted to their WeChat types', () => {
  it.each([
    ['thing: short text kept', thingValue('好物'), '好物'],
    [
      'thing: 20 characters kept',
      thingValue('一二三四五六七八九十一二三四五六七八九十'),
      '一二三四五六七八九十一二三四五六七八九十',
    ],
    [
      'thing: 21 characters cut to 20 with …',
      thingValue('一二三四五六七八九十一二三四五六七八九十一'),
      '一二三四五六七八九十一二三四五六七八九…',
    ],
    ['thing: whitespace collapsed', thingValue('  a \n b  '), 'a b'],
    ['thing: blank → fallback', thingValue('  ', '无'), '无'],
    ['thing: emoji counted as one character', Array.from(thingValue('🎉'.repeat(25))).length, 20],
    ['character_string: Chinese and spaces dropped', characterStringValue('SF 12 中文34'), 'SF1234'],
    ['character_string: at most 32', characterStringValue('A'.repeat(40)), 'A'.repeat(32)],
    ['character_string: empty → -', characterStringValue('中文'), '-'],
    ['amount: fen → ¥ yuan', amountValue(12345), '¥123.45'],
    ['amount: under a yuan', amountValue(5), '¥0.05'],
    ['amount: zero', amountValue(0), '¥0.00'],
    ['number: integer', numberValue(1200), '1200'],
    ['number: negative → 0', numberValue(-3), '0'],
    ['phrase: Chinese only, ≤5', phraseValue('拼团成功啦啦啦'), '拼团成功啦'],
    ['phrase: no Chinese → fallback', phraseValue('ok'), '通知'],
    ['date: shop time zone', dateValue(new Date('2026-11-24T16:30:00Z'), SHANGHAI), '2026年11月25日'],
    ['time: shop time zone, 24 h', timeValue(AT, SHANGHAI), '2026年11月25日 08:05'],
    ['time: midnight is 00', timeValue(new Date('2026-11-24T16:00:00Z'), SHANGHAI), '2026年11月25日 00:00'],
    ['truncate: no cut', truncate('abc', 3), 'abc'],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toEqual(expected);
  });
});

/** Facts with every text too long, for each template. */
const EXTREME: { [K in NotificationTemplateKey]: NotificationFacts[K] } = {
  ORDER_SHIPPED: {
    orderId: 7,
    orderNo: 'W2026112500001234567890123456789012',
    productTitle: LONG,
    lineCount: 12,
    carrier: '一家名字非常非常非常非常非常非常长的快递公司',
    trackingNo: 'SF 1234567890 中文 1234567890123456789012345',
    shippedAt: AT,
  },
  GROUP_SUCCEEDED: { groupId: 3, productTitle: LONG, unitPrice: 999_999_99, size: 3, at: AT },
  GROUP_FAILED: { groupId: 3, productTitle: LONG, refundAmount: 8000, at: AT },
  REFUND_DONE: { orderId: 7, orderNo: 'W202611250001', amount: 1, at: AT, note: LONG },
  COMMISSION_SETTLED: { orderNo: 'W202611250001', amount: 1234, at: AT },
  WITHDRAWAL_PAID: { amount: 100, at: AT },
  MEMBER_DAY_REMINDER: { day: AT, benefit: LONG },
  COMMUNITY_NEW_POST: { communityName: LONG, postId: 9, title: `${LONG}\n\n第二段`, author: LONG, at: AT },
  POINTS_EXPIRING: { points: 1500, expiresAt: AT },
};

describe('every template builds values WeChat accepts (the sandbox’s 47003 rules)', () => {
  it.each(NOTIFICATION_TEMPLATE_KEYS.map((key) => [key]))('%s', (key) => {
    const template = NOTIFICATION_TEMPLATES[key];
    const message = buildMessage(key, EXTREME[key] as never, SHANGHAI);
    expect(Object.keys(message.data).sort()).toEqual(Object.keys(template.fields).sort());
    for (const [field, type] of Object.entries(template.fields))
      expect([field, subscribeValueValid(type, message.data[field].value)]).toEqual([field, true]);
    expect(message.page).toMatch(/^(pages|subpackages)\/[a-z/-]+\/index(\?[a-zA-Z]+=\w+)?$/);
  });
});

describe('what the messages say', () => {
  it('order shipped: order number, title with the count, carrier name, tracking number, time', () => {
    const message = buildMessage(
      'ORDER_SHIPPED',
      { ...EXTREME.ORDER_SHIPPED, orderNo: 'W123', carrier: '顺丰速运', trackingNo: 'SF123' },
      SHANGHAI,
    );
    expect(message).toEqual({
      page: 'subpackages/order/detail/index?id=7',
      data: {
        character_string1: { value: 'W123' },
        thing2: { value: '超长商品名称超长商品名称超长商…等12件' },
        thing3: { value: '顺丰速运' },
        character_string4: { value: 'SF123' },
        time5: { value: '2026年11月25日 08:05' },
      },
    });
  });

  it('a one-line order shows the title alone', () => {
    const message = buildMessage(
      'ORDER_SHIPPED',
      { ...EXTREME.ORDER_SHIPPED, productTitle: '苹果', lineCount: 1 },
      SHANGHAI,
    );
    expect(message.data.thing2.value).toBe('苹果');
  });

  it('refund done: amount in yuan, the order page', () => {
    const message = buildMessage('REFUND_DONE', { ...EXTREME.REFUND_DONE, amount: 8000, note: '' }, SHANGHAI);
    expect(message.page).toBe('subpackages/order/detail/index?id=7');
    expect(message.data.amount2.value).toBe('¥80.00');
    expect(message.data.thing4.value).toBe('退款已原路退回');
  });

  it('group succeeded: the group page, price, size and a phrase', () => {
    const message = buildMessage('GROUP_SUCCEEDED', { ...EXTREME.GROUP_SUCCEEDED, unitPrice: 7000 }, SHANGHAI);
    expect(message.page).toBe('subpackages/groupbuy/group/index?id=3');
    expect(message.data).toMatchObject({
      amount2: { value: '¥70.00' },
      number3: { value: '3' },
      phrase5: { value: '拼团成功' },
    });
  });

  it('points expiring: points and the date', () => {
    const message = buildMessage('POINTS_EXPIRING', EXTREME.POINTS_EXPIRING, SHANGHAI);
    expect(message.data).toMatchObject({ number1: { value: '1500' }, date2: { value: '2026年11月25日' } });
  });
});

describe('templateIds', () => {
  it('takes configured ids and defaults the rest to the sandbox’s', () => {
    const ids = templateIds({ ORDER_SHIPPED: 'live-id-1' });
    expect(ids.ORDER_SHIPPED).toBe('live-id-1');
    expect(ids.REFUND_DONE).toBe(NOTIFICATION_TEMPLATES.REFUND_DONE.defaultId);
    expect(new Set(Object.values(templateIds({}))).size).toBe(NOTIFICATION_TEMPLATE_KEYS.length);
  });
});
