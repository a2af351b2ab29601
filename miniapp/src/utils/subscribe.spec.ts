import type { NotificationTemplateList } from '@weshop/shared';
import { answersByKey, momentTemplates } from './subscribe';

const LIST: NotificationTemplateList = {
  templates: [
    { key: 'ORDER_SHIPPED', templateId: 'id-shipped', title: '订单发货通知' },
    { key: 'REFUND_DONE', templateId: 'id-refund', title: '退款成功通知' },
    { key: 'WITHDRAWAL_PAID', templateId: 'id-withdrawal', title: '提现到账通知' },
  ],
  moments: {
    ORDER_PAY: ['ORDER_SHIPPED', 'REFUND_DONE'],
    GROUP_JOIN: [],
    WITHDRAW: ['WITHDRAWAL_PAID'],
    COMMUNITY_JOIN: [],
    MEMBER_CENTER: [],
    DISTRIBUTOR_CENTER: ['WITHDRAWAL_PAID', 'COMMISSION_SETTLED'],
  },
};

describe('momentTemplates', () => {
  it.each([
    ['ORDER_PAY', ['id-shipped', 'id-refund']],
    ['WITHDRAW', ['id-withdrawal']],
    ['GROUP_JOIN', []],
    // A key without a configured template is left out.
    ['DISTRIBUTOR_CENTER', ['id-withdrawal']],
  ] as const)('%s asks for %j', (moment, ids) => {
    expect(momentTemplates(LIST, moment).ids).toEqual(ids);
  });
});

describe('answersByKey', () => {
  const { keyOf } = momentTemplates(LIST, 'ORDER_PAY');
  it.each([
    [
      { errMsg: 'requestSubscribeMessage:ok', 'id-shipped': 'accept', 'id-refund': 'reject' },
      { ORDER_SHIPPED: 'accept', REFUND_DONE: 'reject' },
    ],
    [{ errMsg: 'requestSubscribeMessage:ok', 'id-shipped': 'ban' }, { ORDER_SHIPPED: 'ban' }],
    [{ 'id-unknown': 'accept', 'id-refund': 'filter' }, { REFUND_DONE: 'filter' }],
    [{ 'id-shipped': 'maybe' }, {}],
  ])('%j → %j', (result, answers) => {
    expect(answersByKey(result, keyOf)).toEqual(answers);
  });
});
