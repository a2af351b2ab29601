import { CART_MAX_LINES, CART_MAX_QUANTITY } from '@weshop/shared';

/**
 * 购物车 rules for one line, pure. The cart is a wish list with bounds, not a reservation: stock is
 * only taken when an order is created, so these checks use the stock as it is now.
 */
export const CART_LIMITS = { maxQuantity: CART_MAX_QUANTITY, maxLines: CART_MAX_LINES } as const;

export type CartLineVerdict =
  | { ok: true; quantity: number }
  | { ok: false; reason: 'OFF_SHELF' }
  | { ok: false; reason: 'QUANTITY_LIMIT'; max: number }
  | { ok: false; reason: 'STOCK_INSUFFICIENT'; available: number }
  | { ok: false; reason: 'CART_FULL'; max: number };

export interface CartLineInput {
  /** Units of this SKU already in the cart (0 when there is no line yet). */
  inCart: number;
  /** Distinct lines in the cart now. */
  lines: number;
  stock: number;
  onShelf: boolean;
}

/**
 * Adding `quantity` units merges with the SKU's existing line. The merged line stays within
 * 1..99 units and within stock; a new line needs room (at most 100 lines). Checks run in that
 * order: shelf, line count, quantity bound, stock.
 */
export function addToCart(line: CartLineInput, quantity: number): CartLineVerdict {
  if (!line.onShelf) return { ok: false, reason: 'OFF_SHELF' };
  if (line.inCart === 0 && line.lines >= CART_LIMITS.maxLines) {
    return { ok: false, reason: 'CART_FULL', max: CART_LIMITS.maxLines };
  }
  const merged = line.inCart + quantity;
  if (merged > CART_LIMITS.maxQuantity) return { ok: false, reason: 'QUANTITY_LIMIT', max: CART_LIMITS.maxQuantity };
  if (merged > line.stock) return { ok: false, reason: 'STOCK_INSUFFICIENT', available: Math.max(0, line.stock) };
  return { ok: true, quantity: merged };
}

/**
 * Setting a line's quantity. Lowering it is always allowed (so a shopper can bring a line down to
 * what is left, or keep an off-shelf line until deleting it); raising it must fit shelf and stock.
 */
export function changeCartQuantity(line: Omit<CartLineInput, 'lines'>, quantity: number): CartLineVerdict {
  if (quantity > CART_LIMITS.maxQuantity) return { ok: false, reason: 'QUANTITY_LIMIT', max: CART_LIMITS.maxQuantity };
  if (quantity <= line.inCart) return { ok: true, quantity };
  if (!line.onShelf) return { ok: false, reason: 'OFF_SHELF' };
  if (quantity > line.stock) return { ok: false, reason: 'STOCK_INSUFFICIENT', available: Math.max(0, line.stock) };
  return { ok: true, quantity };
}

/** What the cart page shows as buyable: on the shelf and at least one unit in stock. */
export function isAvailable(onShelf: boolean, stock: number): boolean {
  return onShelf && stock > 0;
}
