import {
  AftersalePage,
  AftersaleView,
  CarrierList,
  type AftersaleCreateRequest,
  type AftersaleReturnRequest,
  type AftersaleStatus,
} from '@weshop/shared';
import { request } from './client';

/** `POST /api/v1/orders/:id/aftersales`: 申请售后 on one line. The server decides what is allowed and how much. */
export function requestAftersale(orderId: string, body: AftersaleCreateRequest): Promise<AftersaleView> {
  return request(`/api/v1/orders/${encodeURIComponent(orderId)}/aftersales`, AftersaleView, { method: 'POST', body });
}

/** `GET /api/v1/aftersales?status=&page=`: the buyer's after-sales, newest first. */
export function listAftersales(query: { status?: AftersaleStatus; page?: number } = {}): Promise<AftersalePage> {
  return request('/api/v1/aftersales', AftersalePage, { query: { ...query } });
}

/** `GET /api/v1/aftersales/:id`: with its timeline. */
export function getAftersale(id: string): Promise<AftersaleView> {
  return request(`/api/v1/aftersales/${encodeURIComponent(id)}`, AftersaleView);
}

/** `POST /api/v1/aftersales/:id/return { carrier, trackingNo }`: 填写退货物流. */
export function submitReturnShipment(id: string, body: AftersaleReturnRequest): Promise<AftersaleView> {
  return request(`/api/v1/aftersales/${encodeURIComponent(id)}/return`, AftersaleView, { method: 'POST', body });
}

/** `POST /api/v1/aftersales/:id/cancel`: 撤销申请 (while REQUESTED). */
export function cancelAftersale(id: string): Promise<AftersaleView> {
  return request(`/api/v1/aftersales/${encodeURIComponent(id)}/cancel`, AftersaleView, { method: 'POST', body: {} });
}

/** `GET /api/v1/logistics/carriers`: the carriers a return can be sent with. */
export function listCarriers(): Promise<CarrierList> {
  return request('/api/v1/logistics/carriers', CarrierList);
}
