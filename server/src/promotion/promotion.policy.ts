import type { ReductionTier } from '@weshop/shared';
import type { PricingStages, PromotionDiscount, StageLine } from '../pricing/price-order.policy';

/** A promotion's window and switch, as every rule reads them. */
export interface PromotionWindow {
  status: 'ACTIVE' | 'DISABLED';
  startsAt: Date;
  endsAt: Date;
}

/** Running at `now`: ACTIVE and now in [startsAt, endsAt). */
export function isRunning(promotion: PromotionWindow, now: Date): boolean {
  const t = now.getTime();
  return promotion.status === 'ACTIVE' && promotion.startsAt.getTime() <= t && t < promotion.endsAt.getTime();
}

/** Two windows share an instant ([a, b) and [c, d) overlap). */
export function windowsOverlap(a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

// ---- 限时折扣/秒杀 ---------------------------------------------------------------------------------

export interface FlashSaleTerms {
  price: number;
  quota: number;
  sold: number;
  perUserLimit: number;
}

/**
 * The flash price of a line, or null when the flash sale does not lower it (the SKU's price was
 * lowered to the flash price or below after the sale was set up).
 */
export function flashUnitPrice(terms: Pick<FlashSaleTerms, 'price'>, skuPrice: number): number | null {
  return terms.price >= 1 && terms.price < skuPrice ? terms.price : null;
}

/**
 * Why `quantity` more units cannot be bought at the flash price by a buyer who holds `alreadyBought`
 * (this order's units not included): SOLD_OUT when the quota has not that many left, LIMIT past the
 * per-user limit; null when they can.
 */
export function flashSaleRefusal(
  terms: FlashSaleTerms,
  quantity: number,
  alreadyBought: number,
): 'SOLD_OUT' | 'LIMIT' | null {
  if (terms.sold + quantity > terms.quota) return 'SOLD_OUT';
  if (alreadyBought + quantity > terms.perUserLimit) return 'LIMIT';
  return null;
}

// ---- 满减 ------------------------------------------------------------------------------------------

export interface ScopeRule {
  scope: 'ALL' | 'CATEGORIES' | 'PRODUCTS';
  scopeIds: readonly string[];
}

/** Whether a line's product is in a promotion's scope (its own category, not the parents). */
export function inScope(rule: ScopeRule, line: { productId: string; categoryId: string }): boolean {
  if (rule.scope === 'ALL') return true;
  const id = rule.scope === 'CATEGORIES' ? line.categoryId : line.productId;
  return rule.scopeIds.includes(id);
}

/** The highest tier whose threshold the eligible subtotal reaches (tiers in any order), or null. */
export function reductionTier(tiers: readonly ReductionTier[], subtotal: number): ReductionTier | null {
  let best: ReductionTier | null = null;
  for (const tier of tiers) if (subtotal >= tier.threshold && (!best || tier.threshold > best.threshold)) best = tier;
  return best;
}

export interface FullReduction extends ScopeRule {
  id: number;
  title: string;
  tiers: readonly ReductionTier[];
}

/** 满200减20 style label; yuan without trailing zeros. */
export function tierLabel(tier: ReductionTier): string {
  const yuan = (fen: number) => String(fen / 100);
  return `满${yuan(tier.threshold)}减${yuan(tier.amount)}`;
}

/**
 * Step 2 for 满减: each running full reduction on the lines of its scope, its tier chosen on their
 * subtotal after step 1. Flash-sale and group-buy lines (activity prices) and gift lines never take
 * part. A line joins at most one full reduction: the reductions worth the most go first, and the
 * lines they take are not offered to the others.
 */
export function fullReductionStage(reductions: readonly FullReduction[]): PricingStages['promotions'] {
  return (lines) => {
    const open = lines.filter(
      (l) => !l.isGift && l.amount > 0 && l.priceSource !== 'FLASH_SALE' && l.priceSource !== 'GROUP_BUY',
    );
    const offers = reductions
      .map((r) => offer(r, open))
      .filter((o): o is Offer => o !== null)
      .sort((a, b) => b.discount.amount - a.discount.amount || a.id - b.id);
    const taken = new Set<number>();
    const discounts: PromotionDiscount[] = [];
    for (const { id } of offers) {
      const reduction = reductions.find((r) => r.id === id)!;
      const again = offer(
        reduction,
        open.filter((l) => !taken.has(l.index)),
      );
      if (!again) continue;
      again.discount.lineIndexes.forEach((i) => taken.add(i));
      discounts.push(again.discount);
    }
    return { discounts };
  };
}

interface Offer {
  id: number;
  discount: PromotionDiscount;
}

function offer(reduction: FullReduction, lines: readonly StageLine[]): Offer | null {
  const eligible = lines.filter((l) => inScope(reduction, l.line));
  const subtotal = eligible.reduce((s, l) => s + l.amount, 0);
  const tier = reductionTier(reduction.tiers, subtotal);
  if (!tier) return null;
  return {
    id: reduction.id,
    discount: {
      type: 'FULL_REDUCTION',
      label: tierLabel(tier),
      amount: Math.min(tier.amount, subtotal),
      lineIndexes: eligible.map((l) => l.index),
    },
  };
}
