import { z } from 'zod';
import { page, PageQuery } from './list';

/**
 * 优惠券 (stage 3 of the price pipeline). A template (满减券, 折扣券 with a cap, 无门槛) is issued to
 * users through a channel; a user coupon is AVAILABLE → LOCKED (by an unpaid order) → USED (paid),
 * and AVAILABLE again when that order is cancelled unpaid or refunded in full before shipping.
 *
 * Rules of a template (refused with COUPON_TEMPLATE_INVALID and the field):
 * - AMOUNT_OFF (满减券): amount ≥ 1 fen, threshold ≥ 1 fen, amount ≤ threshold (a coupon worth more
 *   than its threshold is refused); no percentBp, no cap.
 * - PERCENT_OFF (折扣券): percentBp = the share KEPT, 1..9999 bp (8500 = 8.5折 = 15% off); a cap
 *   (最高抵扣) ≥ 1 fen is required; amount 0; any threshold ≥ 0.
 * - NO_THRESHOLD (无门槛): threshold 0, amount ≥ 1 fen; no percentBp, no cap.
 * - validity FIXED: validFrom < validTo (validDays absent); DAYS: validDays 1..3650 after claim (exactly
 *   N × 24 h from the moment of claiming; validFrom/validTo absent).
 * - scope ALL with no ids; CATEGORIES / PRODUCTS with 1..200 distinct existing ids.
 * - totalQuantity ≥ 1, 1 ≤ perUserLimit ≤ totalQuantity.
 * - channel COMMUNITY needs a communityId (that community's managers drop it); other channels none.
 * Value, scope and validity are fixed once created (holders' coupons read them): PATCH changes only
 * the name, quantities, limit and status.
 */

const Id = z.string().regex(/^\d{1,10}$/, 'must be a numeric id');
const Fen = z.number().int();
const Money = z.number().int().min(0, 'must not be negative').max(100_000_000, 'must be at most ¥1,000,000');

export const COUPON_KINDS = ['AMOUNT_OFF', 'PERCENT_OFF', 'NO_THRESHOLD'] as const;
export const CouponKind = z.enum(COUPON_KINDS);
export type CouponKind = z.infer<typeof CouponKind>;

export const COUPON_SCOPES = ['ALL', 'CATEGORIES', 'PRODUCTS'] as const;
export const CouponScope = z.enum(COUPON_SCOPES);
export type CouponScope = z.infer<typeof CouponScope>;

export const COUPON_CHANNELS = [
  'CENTER',
  'NEW_CUSTOMER',
  'MEMBER_DAY',
  'REPURCHASE',
  'POINTS_MALL',
  'COMMUNITY',
] as const;
export const CouponChannel = z.enum(COUPON_CHANNELS);
export type CouponChannel = z.infer<typeof CouponChannel>;

/** Channels a shopper claims from the claim centre (the others are granted or dropped). */
export const CENTER_CHANNELS = ['CENTER', 'NEW_CUSTOMER', 'MEMBER_DAY'] as const satisfies readonly CouponChannel[];

export const USER_COUPON_STATUSES = ['AVAILABLE', 'LOCKED', 'USED', 'EXPIRED'] as const;
export const UserCouponStatus = z.enum(USER_COUPON_STATUSES);
export type UserCouponStatus = z.infer<typeof UserCouponStatus>;

/**
 * Why a coupon cannot be claimed or used: stable codes with the text the mini-program shows.
 * At checkout these are `details.reason` of COUPON_NOT_APPLICABLE and `reason` of the picker.
 */
export const COUPON_REASONS = {
  // using (checkout)
  NOT_FOUND: '优惠券不存在',
  NOT_STARTED: '未到使用时间',
  EXPIRED: '已过期',
  IN_USE: '已被其他订单占用',
  USED: '已使用',
  NOT_STACKABLE: '不可与促销同享',
  OUT_OF_SCOPE: '订单中没有适用商品',
  BELOW_THRESHOLD: '未满足使用门槛',
  NO_DISCOUNT: '订单金额过低，无可抵扣金额',
  // claiming
  SOLD_OUT: '已领完',
  LIMIT_REACHED: '已达领取上限',
  NOT_MEMBER_DAY: '仅会员日可领',
  MEMBER_LEVEL_REQUIRED: '会员等级不符',
  NEW_CUSTOMERS_ONLY: '仅限新客领取',
  NOT_CLAIMABLE: '该券不可在领券中心领取',
  CLAIM_ENDED: '活动已结束',
  DISABLED: '活动已停止',
} as const;
export type CouponReason = keyof typeof COUPON_REASONS;

// ——— admin: templates ———

const TemplateFields = {
  name: z.string().trim().min(1).max(32),
  kind: CouponKind,
  threshold: Money.default(0),
  amount: Money.default(0),
  percentBp: z.number().int().min(0, 'must not be negative').nullable().default(null),
  cap: Money.nullable().default(null),
  scope: CouponScope.default('ALL'),
  scopeIds: z.array(Id).max(200).default([]),
  validity: z.enum(['FIXED', 'DAYS']),
  validFrom: z.string().datetime({ offset: true }).nullable().default(null),
  validTo: z.string().datetime({ offset: true }).nullable().default(null),
  validDays: z.number().int().min(0, 'must not be negative').max(3650).nullable().default(null),
  totalQuantity: z.number().int().min(1, 'must be at least 1').max(10_000_000),
  perUserLimit: z.number().int().min(1, 'must be at least 1').max(100).default(1),
  stackWithPromotions: z.boolean().default(true),
  channel: CouponChannel.default('CENTER'),
  communityId: Id.nullable().default(null),
};

/** POST /admin/coupons. Shapes here; the rules above are checked by the server (422 with the field). */
export const CouponTemplateCreateRequest = z.object(TemplateFields).strict();
export type CouponTemplateCreateRequest = z.infer<typeof CouponTemplateCreateRequest>;

/** PATCH /admin/coupons/:id: what may change after creation. */
export const CouponTemplateUpdateRequest = z
  .object({
    name: TemplateFields.name.optional(),
    totalQuantity: TemplateFields.totalQuantity.optional(),
    perUserLimit: z.number().int().min(1, 'must be at least 1').max(100).optional(),
    status: z.enum(['ACTIVE', 'DISABLED']).optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' });
export type CouponTemplateUpdateRequest = z.infer<typeof CouponTemplateUpdateRequest>;

/** What a coupon is worth and where it applies, as every view shows it. */
const CouponTerms = {
  name: z.string(),
  kind: CouponKind,
  threshold: Fen,
  amount: Fen,
  percentBp: z.number().int().nullable(),
  cap: Fen.nullable(),
  scope: CouponScope,
  scopeIds: z.array(z.string()),
  stackWithPromotions: z.boolean(),
  /** e.g. "满100减20", "8.5折 最高减50", "无门槛减10". */
  title: z.string(),
};

export const CouponTemplateView = z.object({
  id: z.string(),
  ...CouponTerms,
  validity: z.enum(['FIXED', 'DAYS']),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  validDays: z.number().int().nullable(),
  channel: CouponChannel,
  communityId: z.string().nullable(),
  perUserLimit: z.number().int(),
});
export type CouponTemplateView = z.infer<typeof CouponTemplateView>;

export const CouponTemplateAdminView = CouponTemplateView.extend({
  status: z.enum(['ACTIVE', 'DISABLED']),
  totalQuantity: z.number().int(),
  issued: z.number().int(),
  used: z.number().int(),
  createdAt: z.string(),
});
export type CouponTemplateAdminView = z.infer<typeof CouponTemplateAdminView>;
export const CouponTemplateAdminPage = page(CouponTemplateAdminView);
export type CouponTemplateAdminPage = z.infer<typeof CouponTemplateAdminPage>;

export const CouponTemplateAdminQuery = PageQuery.extend({
  status: z.enum(['ACTIVE', 'DISABLED']).optional(),
  channel: CouponChannel.optional(),
}).strict();
export type CouponTemplateAdminQuery = z.infer<typeof CouponTemplateAdminQuery>;

export const CouponTemplateIdParam = z.object({ id: Id }).strict();
export const ClaimTemplateParam = z.object({ templateId: Id }).strict();
export const CouponCommunityParam = z.object({ id: Id }).strict();

// ——— shoppers: the claim centre, my coupons ———

/** GET /coupons/center: one entry per template the caller could claim there. */
export const CouponCenterItem = CouponTemplateView.extend({
  remaining: z.number().int(),
  claimedByMe: z.number().int(),
  claimable: z.boolean(),
  /** Why not (a COUPON_REASONS code) and its text; null when claimable. */
  reason: z.string().nullable(),
  reasonText: z.string().nullable(),
});
export type CouponCenterItem = z.infer<typeof CouponCenterItem>;
export const CouponCenter = z.object({ items: z.array(CouponCenterItem), memberDay: z.boolean() });
export type CouponCenter = z.infer<typeof CouponCenter>;

export const UserCouponView = z.object({
  id: z.string(),
  templateId: z.string(),
  ...CouponTerms,
  /** AVAILABLE coupons past their validTo are shown as EXPIRED. */
  status: UserCouponStatus,
  channel: CouponChannel,
  validFrom: z.string(),
  validTo: z.string(),
  claimedAt: z.string(),
  usedAt: z.string().nullable(),
  /** The order holding (LOCKED) or that used (USED) it. */
  orderId: z.string().nullable(),
});
export type UserCouponView = z.infer<typeof UserCouponView>;

export const MyCouponsQuery = PageQuery.extend({ status: UserCouponStatus.optional() }).strict();
export type MyCouponsQuery = z.infer<typeof MyCouponsQuery>;
export const UserCouponPage = page(UserCouponView);
export type UserCouponPage = z.infer<typeof UserCouponPage>;

/**
 * POST /me/coupons/for-checkout with the OrderPreviewRequest body (its couponId and pointsToUse are
 * ignored): the caller's AVAILABLE coupons for that cart, each with what it would take off or why
 * it cannot be used, priced on the same lines checkout uses (after promotions). Usable ones first,
 * biggest discount first; `bestCouponId` is the first usable one.
 */
export const CheckoutCouponOption = z.object({
  coupon: UserCouponView,
  usable: z.boolean(),
  /** Fen this coupon would take off this cart (0 when not usable). */
  discount: Fen,
  reason: z.string().nullable(),
  reasonText: z.string().nullable(),
});
export type CheckoutCouponOption = z.infer<typeof CheckoutCouponOption>;
export const CheckoutCoupons = z.object({
  items: z.array(CheckoutCouponOption),
  bestCouponId: z.string().nullable(),
});
export type CheckoutCoupons = z.infer<typeof CheckoutCoupons>;

// ——— community managers: coupon drops ———

export const CommunityCouponDropRequest = z.object({ templateId: Id }).strict();
export type CommunityCouponDropRequest = z.infer<typeof CommunityCouponDropRequest>;
/** How a drop went: each member gets one coupon unless at their limit; it stops when none are left. */
export const CommunityCouponDropResult = z.object({
  templateId: z.string(),
  members: z.number().int(),
  issued: z.number().int(),
  skipped: z.number().int(),
  soldOut: z.boolean(),
});
export type CommunityCouponDropResult = z.infer<typeof CommunityCouponDropResult>;
export const CommunityCouponTemplates = z.object({ items: z.array(CouponTemplateAdminView) });
export type CommunityCouponTemplates = z.infer<typeof CommunityCouponTemplates>;
