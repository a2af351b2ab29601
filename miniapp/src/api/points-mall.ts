import type { z } from 'zod';
import {
  PointsMallAdminList,
  PointsMallItemAdminView,
  PointsMallList,
  PointsRedemptionView,
  PointsTaskList,
  type PointsMallItemCreateRequest,
  type PointsMallItemUpdateRequest,
} from '@weshop/shared';
import { request } from './client';

/** 积分商城 and 积分任务: the member's side, and the manager console's items (role ADMIN). */

/** What the item form sends: the contract's defaults (cash 0, active) may be left out. */
export type PointsMallItemBody = z.input<typeof PointsMallItemCreateRequest>;

/** `GET /api/v1/points-mall/items`: my usable points and the active items, each with what I may still redeem. */
export function listPointsMall(): Promise<PointsMallList> {
  return request('/api/v1/points-mall/items', PointsMallList);
}

/**
 * `POST /api/v1/points-mall/items/:id/redeem` with an `Idempotency-Key` (created once per tap of 兑换,
 * reused on a retry). A gift goes to `addressId`, or to my default address.
 */
export function redeemPointsMallItem(
  itemId: string,
  idempotencyKey: string,
  addressId?: string,
): Promise<PointsRedemptionView> {
  return request(`/api/v1/points-mall/items/${encodeURIComponent(itemId)}/redeem`, PointsRedemptionView, {
    method: 'POST',
    body: addressId ? { addressId } : {},
    idempotencyKey,
  });
}

/** `GET /api/v1/points/tasks` (积分任务). */
export function listPointsTasks(): Promise<PointsTaskList> {
  return request('/api/v1/points/tasks', PointsTaskList);
}

/** `GET /api/v1/admin/points-mall` (all items, newest first). */
export function listAdminPointsMall(): Promise<PointsMallAdminList> {
  return request('/api/v1/admin/points-mall', PointsMallAdminList);
}

/** `POST /api/v1/admin/points-mall`. */
export function createPointsMallItem(body: PointsMallItemBody): Promise<PointsMallItemAdminView> {
  return request('/api/v1/admin/points-mall', PointsMallItemAdminView, { method: 'POST', body });
}

/** `PATCH /api/v1/admin/points-mall/:id`. */
export function updatePointsMallItem(id: string, body: PointsMallItemUpdateRequest): Promise<PointsMallItemAdminView> {
  return request(`/api/v1/admin/points-mall/${encodeURIComponent(id)}`, PointsMallItemAdminView, {
    method: 'PATCH',
    body,
  });
}
