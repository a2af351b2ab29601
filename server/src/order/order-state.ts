import type { OrderStatus } from '@weshop/shared';

/**
 * The order state machine of PRODUCT.md, as data. Every transition in the code is a conditional
 * UPDATE (`WHERE id = ? AND status IN (from)`) checked against this table.
 *
 *   PENDING_PAYMENT → PAID → (GROUPING while a group buy is open) → TO_SHIP → SHIPPED → COMPLETED
 *   PENDING_PAYMENT → CANCELLED        (user cancel or unpaid timeout)
 *   PAID / GROUPING / TO_SHIP / SHIPPED / COMPLETED → CLOSED   (everything refunded)
 */
export const ORDER_TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  PENDING_PAYMENT: ['PAID', 'CANCELLED'],
  PAID: ['GROUPING', 'TO_SHIP', 'CLOSED'],
  GROUPING: ['TO_SHIP', 'CLOSED'],
  TO_SHIP: ['SHIPPED', 'CLOSED'],
  SHIPPED: ['COMPLETED', 'CLOSED'],
  COMPLETED: ['CLOSED'],
  CANCELLED: [],
  CLOSED: [],
};

export const canTransition = (from: OrderStatus, to: OrderStatus): boolean => ORDER_TRANSITIONS[from].includes(to);

/** Statuses from which `to` can be reached in one step. */
export const sourcesOf = (to: OrderStatus): OrderStatus[] =>
  (Object.keys(ORDER_TRANSITIONS) as OrderStatus[]).filter((from) => canTransition(from, to));

/** Paid orders whose goods have not left the warehouse: a refund returns their stock. */
export const NOT_YET_SHIPPED: readonly OrderStatus[] = ['PAID', 'GROUPING', 'TO_SHIP'];
