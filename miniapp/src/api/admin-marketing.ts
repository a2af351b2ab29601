import type { z } from 'zod';
import {
  CouponTemplateAdminPage,
  CouponTemplateAdminView,
  MemberDaySettings,
  MemberLevelList,
  MemberLevelView,
  PointsRules,
  PromotionPage,
  PromotionView,
  type CouponTemplateAdminQuery,
  type CouponTemplateCreateRequest,
  type CouponTemplateUpdateRequest,
  type MemberLevelInput,
  type PromotionAdminQuery,
  type PromotionCreateRequest,
} from '@weshop/shared';
import { z as zod } from 'zod';
import { request } from './client';

/**
 * The manager console's 营销 side (role ADMIN): promotions, coupon templates, member levels, the
 * member-day schedule and the points rules. The server answers 403 to anyone else.
 */

/** What a form sends: the contract's defaults may be left out. */
export type PromotionCreateBody = z.input<typeof PromotionCreateRequest>;
export type CouponTemplateCreateBody = z.input<typeof CouponTemplateCreateRequest>;
export type MemberLevelBody = z.input<typeof MemberLevelInput>;
export type MemberDayBody = z.input<typeof MemberDaySettings>;

// ——— 营销活动 ———

/** `GET /api/v1/admin/promotions?type=&status=&page=`, newest first. */
export function listPromotions(
  query: Partial<Pick<PromotionAdminQuery, 'type' | 'status' | 'page'>> = {},
): Promise<PromotionPage> {
  return request('/api/v1/admin/promotions', PromotionPage, { query: { ...query } });
}

/** `POST /api/v1/admin/promotions` (新建活动): one body per type; refusals name their field. */
export function createPromotion(body: PromotionCreateBody): Promise<PromotionView> {
  return request('/api/v1/admin/promotions', PromotionView, { method: 'POST', body });
}

/** `POST /api/v1/admin/promotions/:id/disable` (停用). */
export function disablePromotion(id: string): Promise<PromotionView> {
  return request(`/api/v1/admin/promotions/${encodeURIComponent(id)}/disable`, PromotionView, {
    method: 'POST',
    body: {},
  });
}

// ——— 优惠券模板 ———

/** `GET /api/v1/admin/coupons?status=&channel=&page=`: templates with issued / used. */
export function listCouponTemplates(
  query: Partial<Pick<CouponTemplateAdminQuery, 'status' | 'channel' | 'page'>> = {},
): Promise<CouponTemplateAdminPage> {
  return request('/api/v1/admin/coupons', CouponTemplateAdminPage, { query: { ...query } });
}

/** `POST /api/v1/admin/coupons` (新建优惠券). */
export function createCouponTemplate(body: CouponTemplateCreateBody): Promise<CouponTemplateAdminView> {
  return request('/api/v1/admin/coupons', CouponTemplateAdminView, { method: 'POST', body });
}

/** `PATCH /api/v1/admin/coupons/:id`: name, quantities, per-user limit and status (停用 / 启用). */
export function updateCouponTemplate(id: string, body: CouponTemplateUpdateRequest): Promise<CouponTemplateAdminView> {
  return request(`/api/v1/admin/coupons/${encodeURIComponent(id)}`, CouponTemplateAdminView, {
    method: 'PATCH',
    body,
  });
}

// ——— 会员等级 ———

/** `GET /api/v1/admin/member-levels`: the levels by growth threshold. */
export function listMemberLevels(): Promise<MemberLevelList> {
  return request('/api/v1/admin/member-levels', MemberLevelList);
}

/** `POST /api/v1/admin/member-levels`. */
export function createMemberLevel(body: MemberLevelBody): Promise<MemberLevelView> {
  return request('/api/v1/admin/member-levels', MemberLevelView, { method: 'POST', body });
}

/** `PUT /api/v1/admin/member-levels/:id` (the whole level). */
export function updateMemberLevel(id: string, body: MemberLevelBody): Promise<MemberLevelView> {
  return request(`/api/v1/admin/member-levels/${encodeURIComponent(id)}`, MemberLevelView, { method: 'PUT', body });
}

/** `DELETE /api/v1/admin/member-levels/:id` (204). */
export async function deleteMemberLevel(id: string): Promise<void> {
  await request(`/api/v1/admin/member-levels/${encodeURIComponent(id)}`, zod.unknown(), { method: 'DELETE' });
}

// ——— 会员日 ———

/** `GET /api/v1/admin/member-days`: the schedule and its benefits. */
export function getMemberDaySettings(): Promise<MemberDaySettings> {
  return request('/api/v1/admin/member-days', MemberDaySettings);
}

/** `PUT /api/v1/admin/member-days` (the whole schedule; `prices` replaces the list). */
export function saveMemberDaySettings(body: MemberDayBody): Promise<MemberDaySettings> {
  return request('/api/v1/admin/member-days', MemberDaySettings, { method: 'PUT', body });
}

// ——— 积分规则 ———

/** `GET /api/v1/admin/points-rules`. */
export function getPointsRules(): Promise<PointsRules> {
  return request('/api/v1/admin/points-rules', PointsRules);
}

/** `PUT /api/v1/admin/points-rules` (the whole rules). */
export function savePointsRules(body: PointsRules): Promise<PointsRules> {
  return request('/api/v1/admin/points-rules', PointsRules, { method: 'PUT', body });
}
