import { z } from 'zod';
import { MAX_FEN } from './money';

/**
 * 积分商城: gifts (a SKU shipped to the member) and coupons (issued from a POINTS_MALL template) for
 * points, or for points + cash (gifts only: the cash is paid through WeChat Pay like any order).
 * Each item has its own stock and a per-member limit.
 */

const Id = z.string().regex(/^[1-9]\d{0,9}$/, 'must be a numeric id');
export const POINTS_MALL_KINDS = ['GIFT', 'COUPON'] as const;
export const PointsMallKind = z.enum(POINTS_MALL_KINDS);
export type PointsMallKind = z.infer<typeof PointsMallKind>;

const Fields = {
  title: z.string().trim().min(1, 'a title is required').max(64, 'a title is at most 64 characters'),
  /** Points per unit; at least 1. */
  points: z.number().int('points must be a whole number').min(1, 'points must be at least 1').max(10_000_000),
  /** Cash on top of the points, fen; 0 = points only. */
  cash: z.number().int('cash is a whole number of fen').min(0, 'cash cannot be negative').max(MAX_FEN),
  stock: z.number().int('stock must be a whole number').min(0, 'stock cannot be negative').max(10_000_000),
  perUserLimit: z
    .number()
    .int('the per-member limit must be a whole number')
    .min(1, 'the per-member limit is at least 1')
    .max(1_000),
  active: z.boolean(),
};

/** `POST /api/v1/admin/points-mall`: a GIFT names a SKU, a COUPON a template of channel POINTS_MALL. */
export const PointsMallItemCreateRequest = z
  .object({
    kind: PointsMallKind,
    title: Fields.title,
    skuId: Id.optional(),
    couponTemplateId: Id.optional(),
    points: Fields.points,
    cash: Fields.cash.default(0),
    stock: Fields.stock,
    perUserLimit: Fields.perUserLimit,
    active: Fields.active.default(true),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.kind === 'GIFT' && !body.skuId)
      ctx.addIssue({ code: 'custom', path: ['skuId'], message: 'a gift needs the SKU to ship' });
    if (body.kind === 'GIFT' && body.couponTemplateId)
      ctx.addIssue({ code: 'custom', path: ['couponTemplateId'], message: 'a gift has no coupon template' });
    if (body.kind === 'COUPON' && !body.couponTemplateId)
      ctx.addIssue({ code: 'custom', path: ['couponTemplateId'], message: 'a coupon item needs its coupon template' });
    if (body.kind === 'COUPON' && body.skuId)
      ctx.addIssue({ code: 'custom', path: ['skuId'], message: 'a coupon item has no SKU' });
  });
export type PointsMallItemCreateRequest = z.infer<typeof PointsMallItemCreateRequest>;

/** `PATCH /api/v1/admin/points-mall/:id`: the kind and what it gives stay; the terms may change. */
export const PointsMallItemUpdateRequest = z
  .object({
    title: Fields.title.optional(),
    points: Fields.points.optional(),
    cash: Fields.cash.optional(),
    stock: Fields.stock.optional(),
    perUserLimit: Fields.perUserLimit.optional(),
    active: Fields.active.optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' });
export type PointsMallItemUpdateRequest = z.infer<typeof PointsMallItemUpdateRequest>;

export const PointsMallItemIdParam = z.object({ id: Id }).strict();
export type PointsMallItemIdParam = z.infer<typeof PointsMallItemIdParam>;

export const PointsMallAdminQuery = z.object({ active: z.enum(['true', 'false']).optional() }).strict();
export type PointsMallAdminQuery = z.infer<typeof PointsMallAdminQuery>;

const ItemCore = {
  id: z.string(),
  kind: PointsMallKind,
  title: z.string(),
  points: z.number().int(),
  /** fen */
  cash: z.number().int(),
  /** Units left. */
  stock: z.number().int(),
  perUserLimit: z.number().int(),
  /** The gift's product image, or '' for a coupon. */
  image: z.string(),
  /** What it is: the gift's specs, or the coupon's terms (e.g. "满100减20"). */
  subtitle: z.string(),
};

/** The manager's view: what the item gives and how many were redeemed. */
export const PointsMallItemAdminView = z.object({
  ...ItemCore,
  skuId: z.string().nullable(),
  couponTemplateId: z.string().nullable(),
  active: z.boolean(),
  /** Redemptions that count (not cancelled). */
  redeemed: z.number().int(),
  createdAt: z.string(),
});
export type PointsMallItemAdminView = z.infer<typeof PointsMallItemAdminView>;
export const PointsMallAdminList = z.object({ items: z.array(PointsMallItemAdminView) });
export type PointsMallAdminList = z.infer<typeof PointsMallAdminList>;

/** The member's view: the item and how many more the caller may redeem. */
export const PointsMallItemView = z.object({
  ...ItemCore,
  /** min(per-member limit − the caller's redemptions, stock). */
  remainingForMe: z.number().int(),
});
export type PointsMallItemView = z.infer<typeof PointsMallItemView>;
/** `GET /api/v1/points-mall/items` (also `GET /api/v1/points-mall`). */
export const PointsMallList = z.object({
  /** The caller's usable points. */
  available: z.number().int(),
  items: z.array(PointsMallItemView),
});
export type PointsMallList = z.infer<typeof PointsMallList>;

/** `POST /api/v1/points-mall/items/:id/redeem` (`Idempotency-Key` required). */
export const PointsRedeemRequest = z
  .object({
    /** Where a gift goes; default: the member's default address. Ignored for a coupon. */
    addressId: Id.optional(),
  })
  .strict();
export type PointsRedeemRequest = z.infer<typeof PointsRedeemRequest>;

export const POINTS_REDEMPTION_STATUSES = ['COMPLETED', 'PENDING_PAYMENT', 'CANCELLED'] as const;
export const PointsRedemptionView = z.object({
  id: z.string(),
  itemId: z.string(),
  kind: PointsMallKind,
  points: z.number().int(),
  /** fen */
  cash: z.number().int(),
  /** COMPLETED (coupon issued, or gift order to ship), PENDING_PAYMENT (points + cash, pay the order), CANCELLED. */
  status: z.enum(POINTS_REDEMPTION_STATUSES),
  /** The gift's order (to pay when `cash` > 0). */
  orderId: z.string().nullable(),
  /** The coupon issued (a user coupon id). */
  couponId: z.string().nullable(),
  createdAt: z.string(),
});
export type PointsRedemptionView = z.infer<typeof PointsRedemptionView>;
