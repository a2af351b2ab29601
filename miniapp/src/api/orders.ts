import {
  AftersalePage,
  OrderPage,
  OrderPreview,
  OrderView,
  RequestPaymentParams,
  SandboxInfo,
  type OrderPreviewRequest,
  type OrderStatus,
} from '@weshop/shared';
import { ApiError, request } from './client';

/** `POST /api/v1/orders/preview`: the server's full breakdown (the mini-program never prices anything). */
export function previewOrder(body: OrderPreviewRequest): Promise<OrderPreview> {
  return request('/api/v1/orders/preview', OrderPreview, { method: 'POST', body });
}

/**
 * `POST /api/v1/orders` with an `Idempotency-Key`: the caller creates the key once per intent
 * (when the confirm page opens) and sends the same one on every retry, so a retry never makes a second order.
 */
export function createOrder(body: OrderPreviewRequest, idempotencyKey: string): Promise<OrderView> {
  return request('/api/v1/orders', OrderView, { method: 'POST', body, idempotencyKey });
}

/** `GET /api/v1/orders?status=&page=`: the buyer's orders, newest first. */
export function listOrders(query: { status?: OrderStatus; page?: number; pageSize?: number } = {}): Promise<OrderPage> {
  return request('/api/v1/orders', OrderPage, { query: { ...query } });
}

/** `GET /api/v1/orders/:id`: with its timeline, parcels and `expiresAt`. */
export function getOrder(id: string): Promise<OrderView> {
  return request(`/api/v1/orders/${encodeURIComponent(id)}`, OrderView);
}

/** `POST /api/v1/orders/:id/cancel`. */
export function cancelOrder(id: string, reason?: string): Promise<OrderView> {
  return request(`/api/v1/orders/${encodeURIComponent(id)}/cancel`, OrderView, {
    method: 'POST',
    body: reason ? { reason } : {},
  });
}

/** `POST /api/v1/orders/:id/confirm-receipt` (确认收货). */
export function confirmReceipt(id: string): Promise<OrderView> {
  return request(`/api/v1/orders/${encodeURIComponent(id)}/confirm-receipt`, OrderView, { method: 'POST', body: {} });
}

/** `POST /api/v1/orders/:id/pay`: the signed arguments of `wx.requestPayment`. */
export function payOrder(id: string): Promise<RequestPaymentParams> {
  return request(`/api/v1/orders/${encodeURIComponent(id)}/pay`, RequestPaymentParams, { method: 'POST', body: {} });
}

/** `GET /api/v1/aftersales`: the buyer's after-sales requests (售后). */
export function listMyAftersales(page = 1): Promise<AftersalePage> {
  return request('/api/v1/aftersales', AftersalePage, { query: { page } });
}

/** `GET /api/v1/sandbox-info`: where the WeChat sandbox is; null in live mode (the route answers 404). */
export async function getSandboxInfo(): Promise<SandboxInfo | null> {
  try {
    return await request('/api/v1/sandbox-info', SandboxInfo, { auth: false });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}
