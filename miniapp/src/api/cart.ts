import { CartView } from '@weshop/shared';
import { request } from './client';

/** Every cart route answers with the whole cart: its lines at today's prices and the badge count. */

/** `GET /api/v1/cart`. */
export function getCart(): Promise<CartView> {
  return request('/api/v1/cart', CartView);
}

/** `POST /api/v1/cart/items`: adds units of a SKU (merged into a line already holding it). */
export function addCartItem(skuId: string, quantity: number): Promise<CartView> {
  return request('/api/v1/cart/items', CartView, { method: 'POST', body: { skuId, quantity } });
}

/** `PATCH /api/v1/cart/items/:id`: the line's new quantity. */
export function updateCartItem(id: string, quantity: number): Promise<CartView> {
  return request(`/api/v1/cart/items/${encodeURIComponent(id)}`, CartView, { method: 'PATCH', body: { quantity } });
}

/** `DELETE /api/v1/cart/items/:id`. */
export function removeCartItem(id: string): Promise<CartView> {
  return request(`/api/v1/cart/items/${encodeURIComponent(id)}`, CartView, { method: 'DELETE' });
}
