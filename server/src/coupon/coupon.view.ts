import type {
  CouponChannel,
  CouponScope,
  CouponTemplateAdminView,
  CouponTemplateView,
  UserCouponView,
} from '@weshop/shared';
import type { CouponTemplate, UserCoupon } from '../generated/prisma/client';
import { couponTitle, effectiveStatus, type HeldCoupon } from './coupon.policy';

/** The ids a template's scope lists (stored as a JSON array of strings). */
export function scopeIdsOf(t: Pick<CouponTemplate, 'scopeIds'>): string[] {
  return Array.isArray(t.scopeIds) ? t.scopeIds.map(String) : [];
}

function terms(t: CouponTemplate) {
  return {
    name: t.name,
    kind: t.kind,
    threshold: t.threshold,
    amount: t.amount,
    percentBp: t.percentBp,
    cap: t.cap,
    scope: t.scope as CouponScope,
    scopeIds: scopeIdsOf(t),
    stackWithPromotions: t.stackWithPromotions,
    title: couponTitle(t),
  };
}

export function toTemplateView(t: CouponTemplate): CouponTemplateView {
  return {
    id: String(t.id),
    ...terms(t),
    validity: t.validity as 'FIXED' | 'DAYS',
    validFrom: t.validFrom?.toISOString() ?? null,
    validTo: t.validTo?.toISOString() ?? null,
    validDays: t.validDays,
    channel: t.channel as CouponChannel,
    communityId: t.communityId === null ? null : String(t.communityId),
    perUserLimit: t.perUserLimit,
  };
}

export function toTemplateAdminView(t: CouponTemplate, used: number): CouponTemplateAdminView {
  return {
    ...toTemplateView(t),
    status: t.status,
    totalQuantity: t.totalQuantity,
    issued: t.issued,
    used,
    createdAt: t.createdAt.toISOString(),
  };
}

export function toUserCouponView(c: UserCoupon, t: CouponTemplate, now: Date): UserCouponView {
  return {
    id: String(c.id),
    templateId: String(c.templateId),
    ...terms(t),
    status: effectiveStatus(c.status, c.validTo, now),
    channel: c.channel as CouponChannel,
    validFrom: c.validFrom.toISOString(),
    validTo: c.validTo.toISOString(),
    claimedAt: c.claimedAt.toISOString(),
    usedAt: c.usedAt?.toISOString() ?? null,
    orderId: c.orderId === null ? null : String(c.orderId),
  };
}

/** A user coupon with its template's terms, as the pricing policy reads it. */
export function heldCoupon(c: UserCoupon, t: CouponTemplate): HeldCoupon {
  return {
    kind: t.kind,
    threshold: t.threshold,
    amount: t.amount,
    percentBp: t.percentBp,
    cap: t.cap,
    scope: t.scope as CouponScope,
    scopeIds: scopeIdsOf(t),
    stackWithPromotions: t.stackWithPromotions,
    status: c.status,
    validFrom: c.validFrom,
    validTo: c.validTo,
  };
}
