import { ORDER_STATUSES, type OrderStatus } from '@weshop/shared';
import { canTransition, ORDER_TRANSITIONS, sourcesOf } from './order-state';

describe('ORDER_TRANSITIONS', () => {
  it('covers every status and points only at known statuses', () => {
    expect(Object.keys(ORDER_TRANSITIONS).sort()).toEqual([...ORDER_STATUSES].sort());
    for (const targets of Object.values(ORDER_TRANSITIONS)) {
      for (const to of targets) expect(ORDER_STATUSES).toContain(to);
    }
  });

  it('reaches every status from PENDING_PAYMENT', () => {
    const seen = new Set<OrderStatus>(['PENDING_PAYMENT']);
    const queue: OrderStatus[] = ['PENDING_PAYMENT'];
    while (queue.length) {
      for (const next of ORDER_TRANSITIONS[queue.shift()!]) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    expect([...seen].sort()).toEqual([...ORDER_STATUSES].sort());
  });

  it.each(['CANCELLED', 'CLOSED'] as const)('%s is terminal', (status) => {
    expect(ORDER_TRANSITIONS[status]).toEqual([]);
  });

  it.each([
    ['PENDING_PAYMENT', 'PAID', true],
    ['PENDING_PAYMENT', 'CANCELLED', true],
    ['PAID', 'CANCELLED', false], // a paid order is refunded, never cancelled
    ['SHIPPED', 'PAID', false], // a repeated payment notification never moves a shipped order back
    ['CANCELLED', 'PAID', false], // a late payment is refunded, never applied
    ['GROUPING', 'SHIPPED', false], // a forming group cannot ship
    ['COMPLETED', 'CLOSED', true],
  ] as const)('%s → %s allowed: %p', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it('lists the sources of a status', () => {
    expect(sourcesOf('CLOSED').sort()).toEqual(['COMPLETED', 'GROUPING', 'PAID', 'SHIPPED', 'TO_SHIP']);
    expect(sourcesOf('PENDING_PAYMENT')).toEqual([]);
  });
});
