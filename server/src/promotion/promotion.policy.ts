import type { ReductionTier } from '@weshop/shared';
import type {
  GiftLine,
  PricingNotice,
  PricingStages,
  PromotionDiscount,
  StageLine,
} from '../pricing/price-order.policy';

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

export interface FullReduction extends ScopeRule, PromotionFlags {
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
    const open = promotableLines(lines);
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
      ...flagsOf(reduction),
    },
  };
}

/** What every order-level promotion carries into the pipeline besides its rule. */
export interface PromotionFlags {
  id: number;
  title: string;
  /** Absent = true. */
  stackWithCoupon?: boolean;
}

function flagsOf(p: PromotionFlags): { promotionId: string; stackWithCoupon?: boolean } {
  return p.stackWithCoupon === false
    ? { promotionId: String(p.id), stackWithCoupon: false }
    : { promotionId: String(p.id) };
}

/**
 * The lines an order-level promotion may use: bought (not gifts), still payable, and not at a
 * flash-sale or group-buy price (those activities do not stack with promotions).
 */
export function promotableLines(lines: readonly StageLine[]): StageLine[] {
  return lines.filter(
    (l) => !l.isGift && l.amount > 0 && l.priceSource !== 'FLASH_SALE' && l.priceSource !== 'GROUP_BUY',
  );
}

const GIFT_GONE = '赠品已送完';

// ---- 满赠 ------------------------------------------------------------------------------------------

/** A SKU given away, as checkout read it (a plain read: the order's guarded decrement decides). */
export interface GiftSku {
  skuId: string;
  productId: string;
  categoryId: string;
  title: string;
  stock: number;
}

export interface FullGift extends ScopeRule, PromotionFlags {
  /** On the subtotal of the lines in scope after step-1 prices (fen). */
  threshold: number;
  gift: GiftSku;
  giftQuantity: number;
}

/**
 * Step 2 for 满赠: each running full gift whose threshold the subtotal of its lines in scope reaches
 * (after step-1 prices; flash-sale and group-buy lines and gifts never count) adds `giftQuantity` of
 * its gift SKU as a gift line at 0. When the gift's stock (less what the cart itself buys and what
 * earlier gifts took) cannot cover the whole quantity, no gift is added and a notice says
 * "赠品已送完". No discount: a gift costs the buyer nothing and takes nothing off the other lines.
 */
export function fullGiftStage(gifts: readonly FullGift[]): PricingStages['promotions'] {
  return (lines) => {
    const open = promotableLines(lines);
    const stock = new StockLeft(lines);
    const out: GiftLine[] = [];
    const notices: PricingNotice[] = [];
    for (const promotion of [...gifts].sort((a, b) => a.id - b.id)) {
      const subtotal = open.filter((l) => inScope(promotion, l.line)).reduce((s, l) => s + l.amount, 0);
      if (subtotal < promotion.threshold) continue;
      const { skuId, productId, categoryId, title } = promotion.gift;
      if (!stock.take(skuId, promotion.gift.stock, promotion.giftQuantity)) {
        notices.push({ type: 'FULL_GIFT', label: promotion.title, message: GIFT_GONE });
        continue;
      }
      out.push({ skuId, productId, categoryId, title, quantity: promotion.giftQuantity, ...flagsOf(promotion) });
    }
    return { discounts: [], gifts: out, notices };
  };
}

/** Stock left for gifts per SKU: the read stock less the units the cart buys and the gifts given so far. */
class StockLeft {
  private readonly taken = new Map<string, number>();
  constructor(lines: readonly StageLine[]) {
    for (const l of lines) if (!l.isGift) this.add(l.line.skuId, l.line.quantity);
  }
  private add(skuId: string, units: number): void {
    this.taken.set(skuId, (this.taken.get(skuId) ?? 0) + units);
  }
  left(skuId: string, stock: number): number {
    return Math.max(0, stock - (this.taken.get(skuId) ?? 0));
  }
  /** Takes exactly `units` or nothing. */
  take(skuId: string, stock: number, units: number): boolean {
    if (this.left(skuId, stock) < units) return false;
    this.add(skuId, units);
    return true;
  }
}

// ---- 买X送Y ----------------------------------------------------------------------------------------

export interface BuyXGetY extends ScopeRule, PromotionFlags {
  buyQuantity: number;
  getQuantity: number;
  /** Free units per order at most; null = no cap. */
  maxGiftsPerOrder: number | null;
}

/** Free units for `bought` units: Y per full X, at most `capLeft`. */
export function freeUnits(bought: number, rule: Pick<BuyXGetY, 'buyQuantity' | 'getQuantity'>, capLeft = Infinity) {
  if (rule.buyQuantity < 1 || rule.getQuantity < 1) return 0;
  return Math.max(0, Math.min(Math.floor(bought / rule.buyQuantity) * rule.getQuantity, capLeft));
}

/** "买2送1". */
export function buyXGetYLabel(rule: Pick<BuyXGetY, 'buyQuantity' | 'getQuantity'>): string {
  return `买${rule.buyQuantity}送${rule.getQuantity}`;
}

/**
 * Step 2 for 买X送Y: for each line in scope (flash-sale and group-buy lines excepted), Y free units of
 * the same SKU per full X bought, as a gift line at 0; a line takes part in one 买X送Y at most (the
 * lowest id first); the cap counts the free units of the whole order. `stock` is the SKUs' stock as
 * read: when it cannot cover what the buyer earned (after the units bought), only what is left is
 * given and a notice says "赠品已送完".
 */
export function buyXGetYStage(
  offers: readonly BuyXGetY[],
  stock: ReadonlyMap<string, number>,
): PricingStages['promotions'] {
  return (lines) => {
    const open = promotableLines(lines);
    const left = new StockLeft(lines);
    const taken = new Set<number>();
    const out: GiftLine[] = [];
    const notices: PricingNotice[] = [];
    for (const offer of [...offers].sort((a, b) => a.id - b.id)) {
      let capLeft = offer.maxGiftsPerOrder ?? Infinity;
      for (const l of open) {
        if (taken.has(l.index) || !inScope(offer, l.line)) continue;
        const earned = freeUnits(l.line.quantity, offer, capLeft);
        if (earned === 0) continue;
        taken.add(l.index);
        const units = Math.min(earned, left.left(l.line.skuId, stock.get(l.line.skuId) ?? 0));
        if (units < earned) notices.push({ type: 'BUY_X_GET_Y', label: offer.title, message: GIFT_GONE });
        if (units === 0) continue;
        left.take(l.line.skuId, stock.get(l.line.skuId) ?? 0, units);
        capLeft -= units;
        const { skuId, productId, categoryId, title } = l.line;
        out.push({ skuId, productId, categoryId, title, quantity: units, ...flagsOf(offer) });
      }
    }
    return { discounts: [], gifts: out, notices };
  };
}

// ---- 组合优惠 --------------------------------------------------------------------------------------

export interface BundleItemRule {
  /** Exactly one of skuId and productId. */
  skuId?: string;
  productId?: string;
  quantity: number;
}

export interface Bundle extends PromotionFlags {
  items: readonly BundleItemRule[];
  /** The set's price (fen). */
  price: number;
}

/**
 * Step 2 for 组合优惠: as many whole sets as the cart holds (a unit belongs to one set of one bundle;
 * bundles by lowest id first; a product item takes units from its lines in cart order), each set
 * costing `price` instead of the sum of its units' step-1 prices. The discount is that difference
 * summed over the sets (a set not cheaper than its units is not formed), allocated by priceOrder to
 * the lines that gave units, by largest remainder over what is payable on them. Flash-sale and
 * group-buy lines and gifts never take part.
 */
export function bundleStage(bundles: readonly Bundle[]): PricingStages['promotions'] {
  return (lines) => {
    const open = promotableLines(lines);
    const unitsLeft = new Map(open.map((l) => [l.index, l.line.quantity]));
    const discounts: PromotionDiscount[] = [];
    for (const bundle of [...bundles].sort((a, b) => a.id - b.id)) {
      let amount = 0;
      const used = new Set<number>();
      for (;;) {
        const set = takeSet(bundle, open, unitsLeft);
        if (!set) break;
        const value = set.reduce((s, t) => s + t.units * open.find((l) => l.index === t.index)!.unitPrice, 0);
        if (value <= bundle.price) {
          for (const t of set) unitsLeft.set(t.index, unitsLeft.get(t.index)! + t.units);
          break;
        }
        amount += value - bundle.price;
        set.forEach((t) => used.add(t.index));
      }
      if (amount > 0)
        discounts.push({
          type: 'BUNDLE',
          label: bundle.title,
          amount,
          lineIndexes: [...used].sort((a, b) => a - b),
          ...flagsOf(bundle),
        });
    }
    return { discounts };
  };
}

/** Takes one set's units from `unitsLeft` (changed in place), or returns null and changes nothing. */
function takeSet(
  bundle: Bundle,
  open: readonly StageLine[],
  unitsLeft: Map<number, number>,
): Array<{ index: number; units: number }> | null {
  const taken: Array<{ index: number; units: number }> = [];
  const undo = () => taken.forEach((t) => unitsLeft.set(t.index, unitsLeft.get(t.index)! + t.units));
  for (const item of bundle.items) {
    let need = item.quantity;
    for (const l of open) {
      if (need === 0) break;
      const matches = item.skuId !== undefined ? l.line.skuId === item.skuId : l.line.productId === item.productId;
      const left = unitsLeft.get(l.index) ?? 0;
      if (!matches || left === 0) continue;
      const units = Math.min(left, need);
      unitsLeft.set(l.index, left - units);
      taken.push({ index: l.index, units });
      need -= units;
    }
    if (need > 0) {
      undo();
      return null;
    }
  }
  return taken;
}

/** The set's price at SKU prices for admin validation: a product item at its cheapest SKU. */
export function bundleListPrice(
  items: readonly BundleItemRule[],
  skuPrice: ReadonlyMap<string, number>,
  productMinPrice: ReadonlyMap<string, number>,
): number | null {
  let total = 0;
  for (const item of items) {
    const unit = item.skuId !== undefined ? skuPrice.get(item.skuId) : productMinPrice.get(item.productId ?? '');
    if (unit === undefined) return null;
    total += unit * item.quantity;
  }
  return total;
}
