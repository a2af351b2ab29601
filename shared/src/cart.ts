import { z } from 'zod';

/** A numeric id in the URL or body, within the database's INT range. */
const Id = z
  .string()
  .regex(/^\d{1,10}$/, 'must be a numeric id')
  .refine((value) => Number(value) <= 2_147_483_647, 'must be a numeric id');

/** 购物车 bounds: units per line and distinct lines per cart. */
export const CART_MAX_QUANTITY = 99;
export const CART_MAX_LINES = 100;

const Quantity = z.number().int().min(1).max(CART_MAX_QUANTITY);

/** Body of POST /cart/items: adds units of a SKU (merged with a line already holding it). */
export const CartItemAddRequest = z.object({ skuId: Id, quantity: Quantity }).strict();
export type CartItemAddRequest = z.infer<typeof CartItemAddRequest>;

/** Body of PATCH /cart/items/:id: the line's new quantity. */
export const CartItemUpdateRequest = z.object({ quantity: Quantity }).strict();
export type CartItemUpdateRequest = z.infer<typeof CartItemUpdateRequest>;

export const CartItemIdParam = z.object({ id: Id }).strict();
export type CartItemIdParam = z.infer<typeof CartItemIdParam>;

/**
 * One cart line as it is now: the SKU's current price and stock, never a stored price.
 * The cart shows no totals: the amounts to pay come from POST /orders/preview.
 */
export const CartItemView = z.object({
  id: z.string(),
  skuId: z.string(),
  productId: z.string(),
  title: z.string(),
  image: z.string(),
  specs: z.record(z.string(), z.string()),
  /** Current SKU price (fen). */
  price: z.number().int(),
  /** 划线价 (fen). */
  listPrice: z.number().int(),
  stock: z.number().int(),
  quantity: z.number().int(),
  /** On the shelf and in stock. */
  available: z.boolean(),
});
export type CartItemView = z.infer<typeof CartItemView>;

export const CartView = z.object({
  items: z.array(CartItemView),
  /** Total units in the cart (the tab badge). */
  count: z.number().int().nonnegative(),
});
export type CartView = z.infer<typeof CartView>;
