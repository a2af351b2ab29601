import type { PointsMallItemView } from '@weshop/shared';
import { pointsPriceText, redeemConfirmText, redeemState } from './points-mall';

const item = (change: Partial<PointsMallItemView> = {}): PointsMallItemView => ({
  id: '1',
  kind: 'GIFT',
  title: '保温杯',
  points: 200,
  cash: 0,
  stock: 5,
  perUserLimit: 2,
  image: '',
  subtitle: '',
  remainingForMe: 2,
  ...change,
});

describe('积分商城 wording', () => {
  it.each([
    [{ points: 200, cash: 0 }, '200 积分'],
    [{ points: 200, cash: 990 }, '200 积分 + ¥9.90'],
  ])('%j → %s', (price, text) => {
    expect(pointsPriceText(price)).toBe(text);
  });

  it.each<[Partial<PointsMallItemView>, number, string]>([
    [{}, 200, 'OK'],
    [{ stock: 0 }, 1_000, 'SOLD_OUT'],
    [{ remainingForMe: 0 }, 1_000, 'LIMIT'],
    [{}, 199, 'NOT_ENOUGH'],
  ])('%j with %i points → %s', (change, available, state) => {
    expect(redeemState(item(change), available)).toBe(state);
  });

  it('says what is spent and where it goes', () => {
    expect(redeemConfirmText(item({ cash: 990 }))).toBe(
      '使用 200 积分兑换「保温杯」，另需支付 ¥9.90。礼品将寄往你的默认收货地址。',
    );
    expect(redeemConfirmText(item({ kind: 'COUPON', title: '5元券' }))).toBe(
      '使用 200 积分兑换「5元券」。优惠券将放入「我的优惠券」。',
    );
  });
});
