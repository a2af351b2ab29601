import { render } from '@testing-library/react';
import type { OrderPreview } from '@weshop/shared';
import { AmountBreakdown } from './index';

/**
 * A preview whose payable is NOT goods − discounts − coupon − points + shipping (here 1 fen off the
 * naive sum, as a server-side rounding or cap would make it): the page must show the server's payable.
 */
const preview: OrderPreview = {
  lines: [],
  goodsAmount: 25_980,
  discounts: [
    { type: 'FULL_REDUCTION', label: '满200减30', amount: 3_000 },
    { type: 'MEMBER_DAY', label: '会员日95折', amount: 1_149 },
  ],
  discountAmount: 4_149,
  couponDiscount: 500,
  pointsDeduction: 120,
  pointsUsed: 1_200,
  shippingFee: 800,
  notices: [],
  payable: 21_010,
};

const rows = (container: HTMLElement) =>
  Array.from(container.querySelectorAll('.breakdown__row')).map((row) => [
    row.querySelector('.breakdown__label')?.textContent,
    row.querySelector('.breakdown__value')?.textContent,
  ]);

describe('AmountBreakdown', () => {
  it('shows every figure of the preview formatted from fen, and the server’s payable', () => {
    const naive =
      preview.goodsAmount -
      preview.discountAmount -
      preview.couponDiscount -
      preview.pointsDeduction +
      preview.shippingFee;
    expect(naive).not.toBe(preview.payable);

    const { container } = render(<AmountBreakdown amounts={preview} />);
    expect(rows(container)).toEqual([
      ['商品金额', '¥259.80'],
      ['满200减30', '-¥30.00'],
      ['会员日95折', '-¥11.49'],
      ['优惠券', '-¥5.00'],
      ['积分抵扣', '-¥1.20'],
      ['运费', '¥8.00'],
      ['应付', '¥210.10'],
    ]);
    expect(container.textContent).not.toContain('¥210.11');
  });

  it('leaves out zero coupon and points rows and shows free shipping as 包邮', () => {
    const { container } = render(
      <AmountBreakdown
        payableLabel="实付"
        amounts={{ ...preview, discounts: [], couponDiscount: 0, pointsDeduction: 0, shippingFee: 0, payable: 1 }}
      />,
    );
    expect(rows(container)).toEqual([
      ['商品金额', '¥259.80'],
      ['运费', '包邮'],
      ['实付', '¥0.01'],
    ]);
  });
});
