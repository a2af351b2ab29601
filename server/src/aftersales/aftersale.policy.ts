import type { AftersaleType, OrderStatus } from '@weshop/shared';

/** Fen. */
type Fen = number;

/**
 * 可退金额: the most that can still be refunded on one order line, in fen.
 * = what the buyer paid for the line (shipping excluded) − what has been refunded on it − what
 * after-sales still open on it have asked for. Never negative; integer in, integer out.
 */
export function refundableFor(
  line: { paidAmount: Fen; refundedAmount: Fen },
  openAftersales: ReadonlyArray<{ amount: Fen }>,
): Fen {
  const reserved = openAftersales.reduce((sum, a) => sum + a.amount, 0);
  return Math.max(0, line.paidAmount - line.refundedAmount - reserved);
}

export type AftersaleRefusal = 'NOT_PAID' | 'CANCELLED' | 'CLOSED' | 'GROUP_BUY_OPEN' | 'WINDOW_CLOSED';

/**
 * Whether the buyer may ask for an after-sale on an order in this state now.
 * Paid orders (PAID, TO_SHIP, SHIPPED) always; COMPLETED orders while the after-sales window
 * (售后期, completion + N days) is open, i.e. strictly before `aftersaleDeadline` (a completed order
 * without a deadline counts as closed). Never an unpaid, cancelled or closed order, and never one
 * whose group buy is still forming (拼团中: a failed group is refunded in full automatically).
 */
export function canRequestAftersale(
  orderStatus: OrderStatus,
  aftersaleDeadline: Date | null,
  now: Date,
): { ok: true } | { ok: false; reason: AftersaleRefusal } {
  switch (orderStatus) {
    case 'PAID':
    case 'TO_SHIP':
    case 'SHIPPED':
      return { ok: true };
    case 'COMPLETED':
      return aftersaleDeadline && now.getTime() < aftersaleDeadline.getTime()
        ? { ok: true }
        : { ok: false, reason: 'WINDOW_CLOSED' };
    case 'PENDING_PAYMENT':
      return { ok: false, reason: 'NOT_PAID' };
    case 'CANCELLED':
      return { ok: false, reason: 'CANCELLED' };
    case 'CLOSED':
      return { ok: false, reason: 'CLOSED' };
    case 'GROUPING':
      return { ok: false, reason: 'GROUP_BUY_OPEN' };
  }
}

/** 退货退款 needs goods to send back: only once the order has shipped. */
export function canChooseType(type: AftersaleType, orderStatus: OrderStatus): boolean {
  return type === 'REFUND' || orderStatus === 'SHIPPED' || orderStatus === 'COMPLETED';
}

/**
 * How many units an after-sale concerns (they are restocked when its refund succeeds, see
 * `restockOnRefund`). At most the line's units not restocked yet. Default: all of them for a return
 * or for a refund before shipping (the goods stay in the warehouse); none for a refund after
 * shipping (the goods stay with the buyer). A return must send back at least one unit.
 */
export function aftersaleQuantity(input: {
  type: AftersaleType;
  orderNotYetShipped: boolean;
  lineQuantity: number;
  restockedQuantity: number;
  requested?: number;
}): { ok: true; quantity: number } | { ok: false; reason: 'TOO_MANY' | 'NOTHING_TO_RETURN'; max: number } {
  const max = Math.max(0, input.lineQuantity - input.restockedQuantity);
  const goodsMove = input.type === 'RETURN_REFUND' || input.orderNotYetShipped;
  const quantity = input.requested ?? (goodsMove ? max : 0);
  if (quantity > max) return { ok: false, reason: 'TOO_MANY', max };
  if (input.type === 'RETURN_REFUND' && quantity < 1) return { ok: false, reason: 'NOTHING_TO_RETURN', max };
  return { ok: true, quantity };
}

/**
 * Units to put back in stock when an after-sale's refund succeeds:
 * - 仅退款 on an order not shipped yet: its quantity (the goods never left the warehouse);
 * - 退货退款: the returned quantity (the merchant received it before refunding);
 * - 仅退款 after shipping: nothing (the goods stay with the buyer).
 */
export function restockOnRefund(input: { type: AftersaleType; orderNotYetShipped: boolean; quantity: number }): number {
  if (input.type === 'RETURN_REFUND') return input.quantity;
  return input.orderNotYetShipped ? input.quantity : 0;
}
