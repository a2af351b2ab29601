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
 */

const Id = z.string().regex(/^\d{1,10}$/, 'must be a numeric id');
const Money = z.number().int().min(1, 'must be at least 1 fen').max(100_000_000, 'must be at most ¥1,000,000');
const Instant = z.string().datetime({ offset: true });

export const PROMOTION_TYPES = ['FLASH_SALE', 'FULL_REDUCTION'] as const;
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
};

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

/** POST /admin/promotions: one body per type. */
export const PromotionCreateRequest = z
  .discriminatedUnion('type', [FlashSaleCreate, FullReductionCreate])
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
    if (body.scope === 'ALL' && body.scopeIds.length > 0)
      ctx.addIssue({ code: 'custom', path: ['scopeIds'], message: 'must be empty for scope ALL' });
    if (body.scope !== 'ALL' && body.scopeIds.length === 0)
      ctx.addIssue({ code: 'custom', path: ['scopeIds'], message: 'must name at least one id' });
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
});
export type PromotionView = z.infer<typeof PromotionView>;

export const PromotionPage = page(PromotionView);
export type PromotionPage = z.infer<typeof PromotionPage>;

/** GET /promotions/active: what runs now (flash-sale SKUs with what is left of their quota). */
export const ActivePromotion = PromotionView.omit({ status: true, earnsCommission: true, earnsPoints: true }).extend({
  skus: z.array(FlashSaleSkuView.omit({ sold: true }).extend({ remaining: z.number().int() })),
});
export type ActivePromotion = z.infer<typeof ActivePromotion>;

export const ActivePromotions = z.object({ items: z.array(ActivePromotion) });
export type ActivePromotions = z.infer<typeof ActivePromotions>;
