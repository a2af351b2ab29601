import {
  AdminOrderDetail,
  AdminOrderPage,
  AdminProductView,
  AftersalePage,
  AftersaleView,
  ProductPage,
  StockAdjustmentView,
  type AftersaleStatus,
  type OrderStatus,
  type ShipRequest,
  type StockAdjustmentRequest,
} from '@weshop/shared';
import { request } from './client';

/** The manager console (role ADMIN). The server answers 403 to anyone else whatever the client shows. */

/** `GET /api/v1/admin/orders?status=&page=`: every buyer's orders, newest first. */
export function listAdminOrders(query: { status?: OrderStatus; page?: number } = {}): Promise<AdminOrderPage> {
  return request('/api/v1/admin/orders', AdminOrderPage, { query: { ...query } });
}

/** `POST /api/v1/admin/orders/:id/ship { carrier, trackingNo }` (发货: one parcel with every unit left). */
export function shipOrder(id: string, body: ShipRequest): Promise<AdminOrderDetail> {
  return request(`/api/v1/admin/orders/${encodeURIComponent(id)}/ship`, AdminOrderDetail, { method: 'POST', body });
}

/** `GET /api/v1/admin/products?page=`: every product, off-shelf included (cards). */
export function listAdminProducts(query: { q?: string; page?: number } = {}): Promise<ProductPage> {
  return request('/api/v1/admin/products', ProductPage, { query: { ...query, sort: 'new' } });
}

/** `GET /api/v1/admin/products/:id`: the merchant's view (shelf state, SKUs with stock). */
export function getAdminProduct(id: string): Promise<AdminProductView> {
  return request(`/api/v1/admin/products/${encodeURIComponent(id)}`, AdminProductView);
}

/** `POST /api/v1/admin/products/:id/shelf { onShelf }` (上架 / 下架). */
export function setShelf(id: string, onShelf: boolean): Promise<AdminProductView> {
  return request(`/api/v1/admin/products/${encodeURIComponent(id)}/shelf`, AdminProductView, {
    method: 'POST',
    body: { onShelf },
  });
}

/** `POST /api/v1/admin/skus/:id/stock-adjustments { delta, reason }` (库存调整). */
export function adjustStock(skuId: string, body: StockAdjustmentRequest): Promise<StockAdjustmentView> {
  return request(`/api/v1/admin/skus/${encodeURIComponent(skuId)}/stock-adjustments`, StockAdjustmentView, {
    method: 'POST',
    body,
  });
}

/** `GET /api/v1/admin/aftersales?status=&page=`. */
export function listAdminAftersales(query: { status?: AftersaleStatus; page?: number } = {}): Promise<AftersalePage> {
  return request('/api/v1/admin/aftersales', AftersalePage, { query: { ...query } });
}

/** `POST /api/v1/admin/aftersales/:id/approve` (同意). */
export function approveAftersale(id: string): Promise<AftersaleView> {
  return request(`/api/v1/admin/aftersales/${encodeURIComponent(id)}/approve`, AftersaleView, {
    method: 'POST',
    body: {},
  });
}

/** `POST /api/v1/admin/aftersales/:id/reject { reason }` (拒绝). */
export function rejectAftersale(id: string, reason: string): Promise<AftersaleView> {
  return request(`/api/v1/admin/aftersales/${encodeURIComponent(id)}/reject`, AftersaleView, {
    method: 'POST',
    body: { reason },
  });
}

/** `POST /api/v1/admin/aftersales/:id/receive` (确认收到退货). */
export function receiveAftersale(id: string): Promise<AftersaleView> {
  return request(`/api/v1/admin/aftersales/${encodeURIComponent(id)}/receive`, AftersaleView, {
    method: 'POST',
    body: {},
  });
}
