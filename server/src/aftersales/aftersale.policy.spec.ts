import type { AftersaleType, OrderStatus } from '@weshop/shared';
import {
  aftersaleQuantity,
  canChooseType,
  canRequestAftersale,
  refundableFor,
  restockOnRefund,
} from './aftersale.policy';

describe('refundableFor', () => {
  it.each([
    // paid, refunded, open amounts, expected
    [10_000, 0, [], 10_000],
    [10_000, 3_000, [], 7_000],
    [10_000, 3_000, [2_000], 5_000],
    [10_000, 10_000, [], 0], // fully refunded
    [10_000, 9_999, [], 1], // one fen left
    [10_000, 0, [4_000, 6_000], 0],
    [10_000, 5_000, [6_000], 0], // never negative
    [0, 0, [], 0], // a gift line (满赠) paid nothing
    [2_147_483_647, 0, [], 2_147_483_647],
  ])('paid %i, refunded %i, open %j → %i', (paidAmount, refundedAmount, open, expected) => {
    const max = refundableFor(
      { paidAmount, refundedAmount },
      open.map((amount) => ({ amount })),
    );
    expect(max).toBe(expected);
    expect(Number.isInteger(max)).toBe(true);
    expect(max).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThanOrEqual(paidAmount);
  });
});

describe('canRequestAftersale', () => {
  const now = new Date('2026-03-10T12:00:00Z');
  const later = new Date('2026-03-10T12:00:00.001Z');
  const earlier = new Date('2026-03-10T11:59:59.999Z');
  it.each([
    ['PAID', null, { ok: true }],
    ['TO_SHIP', null, { ok: true }],
    ['SHIPPED', null, { ok: true }],
    ['COMPLETED', later, { ok: true }],
    ['COMPLETED', now, { ok: false, reason: 'WINDOW_CLOSED' }], // the deadline itself is closed
    ['COMPLETED', earlier, { ok: false, reason: 'WINDOW_CLOSED' }],
    ['COMPLETED', null, { ok: false, reason: 'WINDOW_CLOSED' }],
    ['PENDING_PAYMENT', null, { ok: false, reason: 'NOT_PAID' }],
    ['CANCELLED', null, { ok: false, reason: 'CANCELLED' }],
    ['CLOSED', later, { ok: false, reason: 'CLOSED' }],
    ['GROUPING', null, { ok: false, reason: 'GROUP_BUY_OPEN' }],
  ] as const)('%s with deadline %p → %j', (status, deadline, expected) => {
    expect(canRequestAftersale(status, deadline, now)).toEqual(expected);
  });
});

describe('canChooseType', () => {
  it.each([
    ['REFUND', 'TO_SHIP', true],
    ['REFUND', 'COMPLETED', true],
    ['RETURN_REFUND', 'PAID', false],
    ['RETURN_REFUND', 'TO_SHIP', false], // nothing to send back yet
    ['RETURN_REFUND', 'SHIPPED', true],
    ['RETURN_REFUND', 'COMPLETED', true],
  ] as const)('%s on %s → %p', (type, status, expected) => {
    expect(canChooseType(type as AftersaleType, status as OrderStatus)).toBe(expected);
  });
});

describe('aftersaleQuantity', () => {
  it.each([
    // type, not yet shipped, line qty, restocked, requested, expected
    ['REFUND', true, 3, 0, undefined, { ok: true, quantity: 3 }],
    ['REFUND', true, 3, 1, undefined, { ok: true, quantity: 2 }],
    ['REFUND', true, 3, 0, 1, { ok: true, quantity: 1 }],
    ['REFUND', true, 3, 0, 0, { ok: true, quantity: 0 }], // a price difference only
    ['REFUND', false, 3, 0, undefined, { ok: true, quantity: 0 }],
    ['REFUND', true, 3, 0, 4, { ok: false, reason: 'TOO_MANY', max: 3 }],
    ['RETURN_REFUND', false, 3, 0, undefined, { ok: true, quantity: 3 }],
    ['RETURN_REFUND', false, 3, 2, undefined, { ok: true, quantity: 1 }],
    ['RETURN_REFUND', false, 3, 2, 2, { ok: false, reason: 'TOO_MANY', max: 1 }],
    ['RETURN_REFUND', false, 3, 0, 0, { ok: false, reason: 'NOTHING_TO_RETURN', max: 3 }],
    ['RETURN_REFUND', false, 3, 3, undefined, { ok: false, reason: 'NOTHING_TO_RETURN', max: 0 }],
  ] as const)(
    '%s, not shipped %p, line %i, restocked %i, asked %p → %j',
    (type, notShipped, qty, restocked, requested, expected) => {
      const result = aftersaleQuantity({
        type,
        orderNotYetShipped: notShipped,
        lineQuantity: qty,
        restockedQuantity: restocked,
        requested,
      });
      expect(result).toEqual(expected);
      if (result.ok) expect(result.quantity).toBeLessThanOrEqual(qty - restocked);
    },
  );
});

describe('restockOnRefund', () => {
  it.each([
    ['REFUND', true, 2, 2], // goods never left
    ['REFUND', false, 2, 0], // goods stay with the buyer
    ['REFUND', true, 0, 0],
    ['RETURN_REFUND', false, 2, 2], // returned and received
    ['RETURN_REFUND', false, 1, 1],
  ] as const)('%s, not shipped %p, quantity %i → %i', (type, notShipped, quantity, expected) => {
    const units = restockOnRefund({ type, orderNotYetShipped: notShipped, quantity });
    expect(units).toBe(expected);
    expect(units).toBeLessThanOrEqual(quantity);
  });
});
