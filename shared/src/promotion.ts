import { z } from 'zod';
import { page, PageQuery } from './list';

/**
 * 营销活动: 限时折扣/秒杀 (FLASH_SALE, step 1 of the price pipeline) and 满减 (FULL_REDUCTION,
 * step 2). Rules checked here (400 VALIDATION_FAILED with the field):
 * - startsAt < endsAt; scope ALL with no ids, CATEGORIES / PRODUCTS with 1..200 ids.
 * - FLASH_SALE: 1..50 distinct SKUs, price ≥ 1 fen, quota ≥ 1, 1 ≤ perUserLimit ≤ quota.
 *   The server refuses (422 PROMOTION_INVALID with the field) a price not below the SKU's price and a
 *   SKU already in another active flash sale over the same time.
 * - FULL_REDUCTION: 1..5 tiers with strictly increasing thresholds and amounts, each amount below its
 *   threshold (满100减120 is a 120% discount and refused).
 * - FULL_GIFT (满赠, step 2): a threshold (fen, on the eligible subtotal after step-1 prices), a gift SKU
 *   and 1..99 gift units per order. The server refuses (422) an unknown gift SKU.
 * - BUNDLE (组合优惠, step 2): 2..10 items, each a SKU or a product (not both) with a quantity, and the
 *   set's price. The server refuses (422) unknown SKUs/products and a price not below the set's price
 *   at SKU prices (for a product item: its cheapest SKU).
 * - BUY_X_GET_Y (买X送Y, step 2): buyQuantity X ≥ 1 and getQuantity Y ≥ 1 on the products in scope
 *   (Y free units of the same SKU per full X bought), an optional cap of free units per order;
 *   memberDayOnly defaults to true (a member-day benefit for the schedule's levels).
 * - stackWithCoupon false: no coupon on an order this promotion applies to (the coupon picker says
 *   NOT_STACKABLE). memberDayOnly: runs only on member day for the levels the schedule names.
 *   earnsPoints false: the lines it applies to earn no points. earnsCommission (null = the shop's
 *   default for activity goods): whether its lines earn commission.
 */

const Id = z.string().regex(/^\d{1,10}$/, 'must be a numeric id');
const Money = z.number().int().min(1, 'must be at least 1 fen').max(100_000_000, 'must be at most ¥1,000,000');
const Instant = z.string().datetime({ offset: true });

export const PROMOTION_TYPES = ['FLASH_SALE', 'FULL_REDUCTION', 'FULL_GIFT', 'BUNDLE', 'BUY_X_GET_Y'] as const;
export const PromotionType = z.enum(PROMOTION_TYPES);
export type PromotionType = z.infer<typeof PromotionType>;

export const PROMOTION_SCOPES = ['ALL', 'CATEGORIES', 'PRODUCTS'] as const;
export const PromotionScope = z.enum(PROMOTION_SCOPES);
export type PromotionScope = z.infer<typeof PromotionScope>;

export const PromotionStatus = z.enum(['ACTIVE', 'DISABLED']);
export type PromotionStatus = z.infer<typeof PromotionStatus>;

export const FlashSaleSkuInput = z
  .object({
    skuId: Id,
    price: Money,
    quota: z.number().int().min(1, 'must be at least 1').max(1_000_000),
    perUserLimit: z.number().int().min(1, 'must be at least 1').max(100),
  })
  .strict();
export type FlashSaleSkuInput = z.infer<typeof FlashSaleSkuInput>;

export const ReductionTier = z.object({ threshold: Money, amount: Money }).strict();
export type ReductionTier = z.infer<typeof ReductionTier>;

const Common = {
  title: z.string().trim().min(1).max(64),
  startsAt: Instant,
  endsAt: Instant,
  earnsCommission: z.boolean().nullable().default(null),
  earnsPoints: z.boolean().default(true),
  stackWithCoupon: z.boolean().default(true),
  memberDayOnly: z.boolean().default(false),
};

const Scoped = {
  scope: PromotionScope.default('ALL'),
  scopeIds: z.array(Id).max(200).default([]),
};

const Units = z.number().int().min(1, 'must be at least 1').max(99, 'must be at most 99');

export const BundleItem = z
  .object({ skuId: Id.optional(), productId: Id.optional(), quantity: Units })
  .strict()
  .refine((item) => (item.skuId === undefined) !== (item.productId === undefined), {
    message: 'name either a skuId or a productId',
  });
export type BundleItem = z.infer<typeof BundleItem>;

const FlashSaleCreate = z
  .object({
    ...Common,
    type: z.literal('FLASH_SALE'),
    skus: z.array(FlashSaleSkuInput).min(1, 'at least one SKU').max(50),
  })
  .strict();

const FullReductionCreate = z
  .object({
    ...Common,
    type: z.literal('FULL_REDUCTION'),
    scope: PromotionScope.default('ALL'),
    scopeIds: z.array(Id).max(200).default([]),
    tiers: z.array(ReductionTier).min(1, 'at least one tier').max(5),
  })
  .strict();

const FullGiftCreate = z
  .object({
    ...Common,
    ...Scoped,
    type: z.literal('FULL_GIFT'),
    threshold: Money,
    giftSkuId: Id,
    giftQuantity: Units,
  })
  .strict();

const BundleCreate = z
  .object({
    ...Common,
    type: z.literal('BUNDLE'),
    items: z.array(BundleItem).min(2, 'a bundle has at least two items').max(10),
    price: Money,
  })
  .strict();

const BuyXGetYCreate = z
  .object({
    ...Common,
    ...Scoped,
    type: z.literal('BUY_X_GET_Y'),
    memberDayOnly: z.boolean().default(true),
    buyQuantity: Units,
    getQuantity: Units,
    maxGiftsPerOrder: z.number().int().min(1, 'must be at least 1').max(999).nullable().default(null),
  })
  .strict();

/** POST /admin/promotions: one body per type. */
export const PromotionCreateRequest = z
  .discriminatedUnion('type', [FlashSaleCreate, FullReductionCreate, FullGiftCreate, BundleCreate, BuyXGetYCreate])
  .superRefine((body, ctx) => {
    if (Date.parse(body.startsAt) >= Date.parse(body.endsAt))
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
    if (body.type === 'FLASH_SALE') {
      const seen = new Set<string>();
      body.skus.forEach((sku, i) => {
        if (seen.has(sku.skuId)) ctx.addIssue({ code: 'custom', path: ['skus', i, 'skuId'], message: 'listed twice' });
        seen.add(sku.skuId);
        if (sku.perUserLimit > sku.quota)
          ctx.addIssue({ code: 'custom', path: ['skus', i, 'perUserLimit'], message: 'must not exceed the quota' });
      });
      return;
    }
    if (body.type === 'BUNDLE') {
      const seen = new Set<string>();
      body.items.forEach((item, i) => {
        const key = item.skuId ? `sku:${item.skuId}` : `product:${item.productId}`;
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['items', i], message: 'listed twice' });
        seen.add(key);
      });
      return;
    }
    if (body.scope === 'ALL' && body.scopeIds.length > 0)
      ctx.addIssue({ code: 'custom', path: ['scopeIds'], message: 'must be empty for scope ALL' });
    if (body.scope !== 'ALL' && body.scopeIds.length === 0)
      ctx.addIssue({ code: 'custom', path: ['scopeIds'], message: 'must name at least one id' });
    if (body.type !== 'FULL_REDUCTION') return;
    body.tiers.forEach((tier, i) => {
      if (tier.amount >= tier.threshold)
        ctx.addIssue({ code: 'custom', path: ['tiers', i, 'amount'], message: 'must be below the threshold' });
      const before = body.tiers[i - 1];
      if (before && tier.threshold <= before.threshold)
        ctx.addIssue({ code: 'custom', path: ['tiers', i, 'threshold'], message: 'must be above the previous tier' });
      if (before && tier.amount <= before.amount)
        ctx.addIssue({ code: 'custom', path: ['tiers', i, 'amount'], message: 'must be above the previous tier' });
    });
  });
export type PromotionCreateRequest = z.infer<typeof PromotionCreateRequest>;

/**
 * PATCH /admin/promotions/:id: the fields to change, each validated as in the create body (no
 * defaults: a field left out keeps its value). The server lays them over the promotion and checks the
 * result exactly as a create request of its type (400 VALIDATION_FAILED, 422 PROMOTION_INVALID), so a
 * field the type has no place for is refused there. `type` may be sent but not changed (422
 * PROMOTION_TYPE_FIXED). What may change depends on where the promotion stands:
 * - not started (ACTIVE, startsAt in the future): every field;
 * - running: the title, the end (still in the future) and, for a flash sale, a SKU's quota raised
 *   (the SKUs, their prices and limits sent unchanged); anything else is 409 PROMOTION_FIELD_LOCKED;
 * - ended or disabled: nothing (409 PROMOTION_NOT_EDITABLE).
 * A field sent with the value it already has is not a change.
 */
export const PromotionUpdateRequest = z
  .object({
    type: PromotionType.optional(),
    title: Common.title.optional(),
    startsAt: Instant.optional(),
    endsAt: Instant.optional(),
    earnsCommission: z.boolean().nullable().optional(),
    earnsPoints: z.boolean().optional(),
    stackWithCoupon: z.boolean().optional(),
    memberDayOnly: z.boolean().optional(),
    scope: PromotionScope.optional(),
    scopeIds: z.array(Id).max(200).optional(),
    skus: z.array(FlashSaleSkuInput).min(1, 'at least one SKU').max(50).optional(),
    tiers: z.array(ReductionTier).min(1, 'at least one tier').max(5).optional(),
    threshold: Money.optional(),
    giftSkuId: Id.optional(),
    giftQuantity: Units.optional(),
    items: z.array(BundleItem).min(2, 'a bundle has at least two items').max(10).optional(),
    price: Money.optional(),
    buyQuantity: Units.optional(),
    getQuantity: Units.optional(),
    maxGiftsPerOrder: z.number().int().min(1, 'must be at least 1').max(999).nullable().optional(),
  })
  .strict()
  .refine((body) => Object.values(body).some((v) => v !== undefined), { message: 'name at least one field to change' });
export type PromotionUpdateRequest = z.infer<typeof PromotionUpdateRequest>;

export const PromotionIdParam = z.object({ id: Id });

export const PromotionAdminQuery = PageQuery.extend({
  type: PromotionType.optional(),
  status: PromotionStatus.optional(),
});
export type PromotionAdminQuery = z.infer<typeof PromotionAdminQuery>;

export const FlashSaleSkuView = z.object({
  skuId: z.string(),
  price: z.number().int(),
  quota: z.number().int(),
  sold: z.number().int(),
  perUserLimit: z.number().int(),
});
export type FlashSaleSkuView = z.infer<typeof FlashSaleSkuView>;

export const FullGiftRule = z.object({
  threshold: z.number().int(),
  giftSkuId: z.string(),
  giftQuantity: z.number().int(),
});
export type FullGiftRule = z.infer<typeof FullGiftRule>;
export const BundleRule = z.object({
  items: z.array(
    z.object({ skuId: z.string().optional(), productId: z.string().optional(), quantity: z.number().int() }),
  ),
  price: z.number().int(),
});
export type BundleRule = z.infer<typeof BundleRule>;
export const BuyXGetYRule = z.object({
  buyQuantity: z.number().int(),
  getQuantity: z.number().int(),
  maxGiftsPerOrder: z.number().int().nullable(),
});
export type BuyXGetYRule = z.infer<typeof BuyXGetYRule>;

export const PromotionView = z.object({
  id: z.string(),
  type: PromotionType,
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: PromotionStatus,
  scope: PromotionScope,
  scopeIds: z.array(z.string()),
  tiers: z.array(ReductionTier),
  skus: z.array(FlashSaleSkuView),
  earnsCommission: z.boolean().nullable(),
  earnsPoints: z.boolean(),
  stackWithCoupon: z.boolean(),
  memberDayOnly: z.boolean(),
  /** FULL_GIFT only. */
  gift: FullGiftRule.nullable(),
  /** BUNDLE only. */
  bundle: BundleRule.nullable(),
  /** BUY_X_GET_Y only. */
  buyXGetY: BuyXGetYRule.nullable(),
});
export type PromotionView = z.infer<typeof PromotionView>;

export const PromotionPage = page(PromotionView);
export type PromotionPage = z.infer<typeof PromotionPage>;

/**
 * A running flash-sale SKU for the 限时秒杀 page: the sale's price and what is left of its quota, with
 * the product it belongs to and the SKU's own price (划线 against the flash price) and stock.
 */
export const ActiveFlashSaleSku = FlashSaleSkuView.omit({ sold: true }).extend({
  remaining: z.number().int(),
  productId: z.string(),
  title: z.string(),
  specs: z.record(z.string(), z.string()),
  /** The product's first image (absolute URL), '' when none. */
  cover: z.string(),
  /** The SKU's normal price (fen). */
  skuPrice: z.number().int(),
  /** The SKU's stock (a flash sale sells within it). */
  stock: z.number().int(),
});
export type ActiveFlashSaleSku = z.infer<typeof ActiveFlashSaleSku>;

/** GET /promotions/active: what runs now (flash-sale SKUs with what is left of their quota), or starts soon. */
export const ActivePromotion = PromotionView.omit({
  status: true,
  earnsCommission: true,
  earnsPoints: true,
  stackWithCoupon: true,
}).extend({
  skus: z.array(ActiveFlashSaleSku),
});
export type ActivePromotion = z.infer<typeof ActivePromotion>;

/**
 * GET /promotions/active. `upcoming`: the flash sales starting within the next 7 days, soonest first,
 * for 即将开始 (their SKUs are not buyable yet: an order before the start is at the SKU's price). A
 * server without it reads as none.
 */
/** How far ahead `upcoming` looks (days). */
export const UPCOMING_FLASH_SALE_DAYS = 7;

export const ActivePromotions = z.object({
  items: z.array(ActivePromotion),
  upcoming: z.array(ActivePromotion).optional(),
});
export type ActivePromotions = z.infer<typeof ActivePromotions>;
