import { fireEvent, render } from '@testing-library/react';
import type { CheckoutCoupons, UserCouponView } from '@weshop/shared';
import { CouponPicker } from './index';

const coupon = (id: string, title: string): UserCouponView => ({
  id,
  templateId: `t${id}`,
  name: `券${id}`,
  kind: 'AMOUNT_OFF',
  threshold: 10_000,
  amount: 2_000,
  percentBp: null,
  cap: null,
  scope: 'ALL',
  scopeIds: [],
  stackWithPromotions: true,
  title,
  status: 'AVAILABLE',
  channel: 'CENTER',
  validFrom: '2026-01-01T00:00:00.000Z',
  validTo: '2026-12-31T00:00:00.000Z',
  claimedAt: '2026-01-01T00:00:00.000Z',
  usedAt: null,
  orderId: null,
});

const coupons: CheckoutCoupons = {
  items: [
    { coupon: coupon('1', '满100减20'), usable: true, discount: 2_000, reason: null, reasonText: null },
    { coupon: coupon('2', '无门槛减5'), usable: true, discount: 500, reason: null, reasonText: null },
    {
      coupon: coupon('3', '满500减80'),
      usable: false,
      discount: 0,
      reason: 'BELOW_THRESHOLD',
      reasonText: '未满足使用门槛',
    },
  ],
  bestCouponId: '1',
};

describe('CouponPicker', () => {
  it('shows the preview discount of the chosen coupon, lists usable and greyed ones, and picks', () => {
    const onChange = jest.fn();
    const { container } = render(
      <CouponPicker coupons={coupons} selectedId="1" couponDiscount={2_000} onChange={onChange} />,
    );
    expect(container.querySelector('.coupon-picker__summary')?.textContent).toBe('-¥20.00 ›');

    fireEvent.click(container.querySelector('.coupon-picker')!);
    const options = Array.from(container.querySelectorAll('.coupon-option'));
    expect(options.map((o) => [o.getAttribute('data-id'), o.getAttribute('data-usable')])).toEqual([
      ['1', '1'],
      ['2', '1'],
      ['3', '0'],
    ]);
    expect(options[0]?.className).toContain('coupon-option--selected');
    expect(options[1]?.querySelector('.coupon-option__discount')?.textContent).toBe('-¥5.00');
    expect(options[2]?.querySelector('.coupon-option__reason')?.textContent).toBe('未满足使用门槛');

    // A greyed coupon cannot be picked; a usable one can, and the sheet closes.
    fireEvent.click(options[2]!);
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.click(options[1]!);
    expect(onChange).toHaveBeenCalledWith('2');
    expect(container.querySelector('.coupon-sheet')).toBeNull();

    fireEvent.click(container.querySelector('.coupon-picker')!);
    fireEvent.click(container.querySelector('.coupon-sheet__none')!);
    expect(onChange).toHaveBeenLastCalledWith(null);
  });

  it('counts the usable coupons when none is chosen', () => {
    const { container } = render(
      <CouponPicker coupons={coupons} selectedId={null} couponDiscount={0} onChange={() => undefined} />,
    );
    expect(container.querySelector('.coupon-picker__summary')?.textContent).toBe('2张可用 ›');
  });
});
