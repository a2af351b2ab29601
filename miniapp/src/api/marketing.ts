import {
  CheckoutCoupons,
  CouponCenter,
  MemberDayView,
  MemberView,
  PointsEntryPage,
  PointsSummary,
  SignInCalendar,
  SignInResult,
  UserCouponPage,
  UserCouponView,
  type OrderPreviewRequest,
  type UserCouponStatus,
} from '@weshop/shared';
import { request } from './client';

/**
 * 营销, the shopper's side: 领券中心 and 我的优惠券, the checkout coupon picker, 积分 and 签到, 会员中心
 * and 会员日. Using a coupon or points goes through the order routes (`couponId` / `pointsToUse` in
 * `previewOrder` / `createOrder`).
 */

/** `GET /api/v1/coupons/center`: the templates I could claim, each claimable or with the reason why not. */
export function getCouponCenter(): Promise<CouponCenter> {
  return request('/api/v1/coupons/center', CouponCenter);
}

/** `POST /api/v1/coupons/:templateId/claim` (领取): the new coupon; refusals are 422 with `details.reason`. */
export function claimCoupon(templateId: string): Promise<UserCouponView> {
  return request(`/api/v1/coupons/${encodeURIComponent(templateId)}/claim`, UserCouponView, {
    method: 'POST',
    body: {},
  });
}

/** `GET /api/v1/me/coupons?status=&page=` (我的优惠券). */
export function listMyCoupons(
  query: { status?: UserCouponStatus; page?: number; pageSize?: number } = {},
): Promise<UserCouponPage> {
  return request('/api/v1/me/coupons', UserCouponPage, { query: { ...query } });
}

/**
 * `POST /api/v1/me/coupons/for-checkout` with the checkout's preview body (its coupon and points are
 * left out): each coupon usable with its discount or not with the reason, and `bestCouponId`.
 */
export function couponsForCheckout(body: OrderPreviewRequest): Promise<CheckoutCoupons> {
  const { couponId: _coupon, pointsToUse: _points, ...rest } = body;
  return request('/api/v1/me/coupons/for-checkout', CheckoutCoupons, { method: 'POST', body: rest });
}

/** `GET /api/v1/points`: available, frozen and what expires soon. */
export function getPointsSummary(): Promise<PointsSummary> {
  return request('/api/v1/points', PointsSummary);
}

/** `GET /api/v1/points/entries?page=` (积分明细), newest first. */
export function listPointsEntries(page = 1): Promise<PointsEntryPage> {
  return request('/api/v1/points/entries', PointsEntryPage, { query: { page } });
}

/** `GET /api/v1/points/sign-in`: this cycle's calendar, the streak and the next reward. */
export function getSignInCalendar(): Promise<SignInCalendar> {
  return request('/api/v1/points/sign-in', SignInCalendar);
}

/** `POST /api/v1/points/sign-in` (签到). */
export function signIn(): Promise<SignInResult> {
  return request('/api/v1/points/sign-in', SignInResult, { method: 'POST', body: {} });
}

/** `GET /api/v1/member` (会员中心): level, growth, benefits and the next level. */
export function getMember(): Promise<MemberView> {
  return request('/api/v1/member', MemberView);
}

/** `GET /api/v1/member-day` (会员日): today or the next one, and its benefits. */
export function getMemberDay(): Promise<MemberDayView> {
  return request('/api/v1/member-day', MemberDayView);
}
