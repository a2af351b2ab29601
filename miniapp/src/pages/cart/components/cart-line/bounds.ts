import { CART_MAX_QUANTITY, type CartItemView } from '@weshop/shared';

/**
 * The stepper's range for a cart line: at least 1 (removing is the 删除 button), at most the SKU's
 * stock and the cart's per-line cap. When stock fell below the quantity, only going down is allowed.
 */
export function stepperBounds(item: Pick<CartItemView, 'stock' | 'quantity'>): { min: number; max: number } {
  return { min: 1, max: Math.max(1, Math.min(item.stock, CART_MAX_QUANTITY)) };
}
