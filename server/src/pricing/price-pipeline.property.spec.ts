import fc from 'fast-check';
import {
  bundleStage,
  buyXGetYStage,
  fullGiftStage,
  fullReductionStage,
  type Bundle,
  type BuyXGetY,
  type FullGift,
  type FullReduction,
} from '../promotion/promotion.policy';
import {
  activityByPriority,
  combinePromotions,
  pointsStage,
  priceOrder,
  type PricingLine,
  type PricingStages,
  type PromotionOutcome,
  type StageLine,
} from './price-order.policy';

/**
 * The whole price pipeline on random carts: flash prices, member discount, random 满减, 组合优惠,
 * 满赠 and 买X送Y (the real stages) plus an unruly promotion that asks for more than it may, a random
 * coupon and points under a random rule. Whatever the stages ask, the priced order keeps the rules
 * of PRODUCT.md, and gift lines stay at 0 within their stock.
 */

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

const lineArb = fc.record({
  skuPrice: fc.oneof(fc.integer({ min: 1, max: 200_000 }), fc.integer({ min: 0, max: 3 })),
  quantity: fc.integer({ min: 1, max: 5 }),
  category: fc.constantFrom('c1', 'c2'),
  flashBp: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: null }),
  pointsExchangeable: fc.boolean(),
});

const tiersArb = fc
  .uniqueArray(fc.integer({ min: 2, max: 300_000 }), { minLength: 1, maxLength: 4 })
  .chain((thresholds) => {
    const sorted = [...thresholds].sort((a, b) => a - b);
    return fc.tuple(...sorted.map((t) => fc.integer({ min: 1, max: t - 1 }))).map((amounts) => {
      const increasing = [...amounts].sort((a, b) => a - b);
      return sorted.map((threshold, i) => ({ threshold, amount: increasing[i] }));
    });
  });

const reductionArb = fc.record({
  scope: fc.constantFrom('ALL' as const, 'CATEGORIES' as const),
  tiers: tiersArb,
});

const bundleArb = fc.record({
  items: fc.array(fc.record({ line: fc.nat(5), byProduct: fc.boolean(), quantity: fc.integer({ min: 1, max: 3 }) }), {
    minLength: 2,
    maxLength: 3,
  }),
  price: fc.integer({ min: 1, max: 300_000 }),
});

const giftArb = fc.record({
  threshold: fc.integer({ min: 1, max: 300_000 }),
  stock: fc.integer({ min: 0, max: 6 }),
  quantity: fc.integer({ min: 1, max: 3 }),
  /** A gift SKU of its own, or one of the cart's SKUs. */
  sameAsLine: fc.option(fc.nat(5), { nil: null }),
});

const buyXGetYArb = fc.record({
  buyQuantity: fc.integer({ min: 1, max: 3 }),
  getQuantity: fc.integer({ min: 1, max: 2 }),
  maxGiftsPerOrder: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
  stock: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 6, maxLength: 6 }),
});

const caseArb = fc.record({
  lines: fc.array(lineArb, { minLength: 1, maxLength: 6 }),
  memberDiscountBp: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }),
  reductions: fc.array(reductionArb, { maxLength: 3 }),
  bundles: fc.array(bundleArb, { maxLength: 2 }),
  gifts: fc.array(giftArb, { maxLength: 2 }),
  buyXGetY: fc.option(buyXGetYArb, { nil: null }),
  /** An extra promotion that may ask for more than its lines are worth (priceOrder caps it). */
  greedy: fc.option(fc.record({ amount: fc.integer({ min: 0, max: 2_000_000 }), pick: fc.array(fc.boolean()) }), {
    nil: null,
  }),
  coupon: fc.option(fc.record({ amount: fc.integer({ min: 0, max: 2_000_000 }), pick: fc.array(fc.boolean()) }), {
    nil: null,
  }),
  points: fc.record({
    pointsPerYuan: fc.integer({ min: 1, max: 1_000 }),
    maxShareBp: fc.integer({ min: 0, max: 10_000 }),
    minUnit: fc.integer({ min: 1, max: 200 }),
    toUse: fc.integer({ min: 0, max: 5_000_000 }),
    balance: fc.integer({ min: 0, max: 5_000_000 }),
  }),
  freeOver: fc.option(fc.integer({ min: 0, max: 50_000 }), { nil: null }),
});

const picked = (lines: readonly StageLine[], pick: readonly boolean[]) =>
  lines.filter((l, i) => !l.isGift && (pick[i] ?? true)).map((l) => l.index);

describe('price pipeline (property)', () => {
  it('keeps payable ≥ 1 fen, exact line shares, no negative share, discounts within their bases, points within their cap', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const lines: PricingLine[] = c.lines.map((l, i) => ({
          skuId: String(i),
          productId: `p${i}`,
          categoryId: l.category,
          title: `商品${i}`,
          quantity: l.quantity,
          skuPrice: l.skuPrice,
          memberDayEligible: true,
          pointsExchangeable: l.pointsExchangeable,
        }));
        const reductions: FullReduction[] = c.reductions.map((r, i) => ({
          id: i + 1,
          title: `满减${i}`,
          scope: r.scope,
          scopeIds: r.scope === 'ALL' ? [] : ['c1'],
          tiers: r.tiers,
        }));

        // What the stages saw and asked for, to check the caps against.
        let promotionAsk: PromotionOutcome = { discounts: [] };
        let promotionBase = new Map<number, number>();
        let couponAsk: { amount: number; lineIndexes: number[] } | null = null;
        let couponSeen: readonly StageLine[] = [];
        let pointsSeen: readonly StageLine[] = [];

        const flash = activityByPriority({
          FLASH_SALE: (line) => {
            const bp = c.lines[Number(line.skuId)].flashBp;
            if (bp === null || line.skuPrice === 0) return null;
            return {
              unitPrice: Math.max(Math.floor((line.skuPrice * bp) / 10_000), 1),
              label: '限时折扣',
              kind: 'FLASH_SALE',
            };
          },
        });
        const greedy: PricingStages['promotions'] = (stageLines) =>
          c.greedy
            ? {
                discounts: [
                  {
                    type: 'PROMOTION',
                    label: 'greedy',
                    amount: c.greedy.amount,
                    lineIndexes: picked(stageLines, c.greedy.pick),
                  },
                ],
              }
            : { discounts: [] };
        const bundles: Bundle[] = c.bundles.map((b, i) => ({
          id: 10 + i,
          title: `组合${i}`,
          price: b.price,
          items: b.items.map((item) => {
            const at = item.line % lines.length;
            return item.byProduct
              ? { productId: `p${at}`, quantity: item.quantity }
              : { skuId: String(at), quantity: item.quantity };
          }),
        }));
        const fullGifts: FullGift[] = c.gifts.map((g, i) => {
          const at = g.sameAsLine === null ? null : g.sameAsLine % lines.length;
          return {
            id: 20 + i,
            title: `满赠${i}`,
            scope: 'ALL',
            scopeIds: [],
            threshold: g.threshold,
            giftQuantity: g.quantity,
            gift: {
              skuId: at === null ? `gift${i}` : String(at),
              productId: at === null ? `gp${i}` : `p${at}`,
              categoryId: 'gifts',
              title: `赠品${i}`,
              stock: g.stock,
            },
          };
        });
        const bxgy: BuyXGetY[] = c.buyXGetY
          ? [{ id: 30, title: '买X送Y', scope: 'ALL', scopeIds: [], ...c.buyXGetY }]
          : [];
        const bxgyStock = new Map((c.buyXGetY?.stock ?? []).map((units, i) => [String(i), units]));
        const promotions = combinePromotions(
          bundleStage(bundles),
          fullReductionStage(reductions),
          fullGiftStage(fullGifts),
          buyXGetYStage(bxgy, bxgyStock),
          greedy,
        );
        const rule = {
          pointsPerYuan: c.points.pointsPerYuan,
          maxShareBp: c.points.maxShareBp,
          minUnit: c.points.minUnit,
        };
        const points = pointsStage(rule);
        const stages: PricingStages = {
          activityPrice: flash,
          promotions: (stageLines, ctx) => {
            promotionBase = new Map(stageLines.map((l) => [l.index, l.amount]));
            promotionAsk = promotions(stageLines, ctx);
            return promotionAsk;
          },
          coupon: (stageLines) => {
            couponSeen = stageLines;
            if (!c.coupon) return null;
            couponAsk = { amount: c.coupon.amount, lineIndexes: picked(stageLines, c.coupon.pick) };
            return { couponId: 'c', ...couponAsk };
          },
          points: (stageLines, ctx) => {
            pointsSeen = stageLines;
            return points(stageLines, ctx);
          },
        };

        const priced = priceOrder(
          {
            lines,
            memberDiscountBp: c.memberDiscountBp,
            pointsToUse: c.points.toUse,
            pointsBalance: c.points.balance,
            shippingTemplate:
              c.freeOver === null
                ? null
                : { flatFee: 800, freeOver: c.freeOver, remoteRegions: [], remoteSurcharge: 0 },
          },
          stages,
        );

        // payable ≥ 1 fen whenever there is something to pay for.
        if (priced.goodsAmount > 0) expect(priced.payable).toBeGreaterThanOrEqual(1);
        // Line shares add up exactly.
        expect(sum(priced.lines.map((l) => l.paidAmount)) + priced.shippingFee).toBe(priced.payable);
        expect(sum(priced.lines.map((l) => l.discountAmount))).toBe(priced.discountAmount);
        expect(sum(priced.lines.map((l) => l.couponDiscount))).toBe(priced.couponDiscount);
        expect(sum(priced.lines.map((l) => l.pointsDeduction))).toBe(priced.pointsDeduction);
        expect(sum(priced.discounts.map((d) => d.amount))).toBe(priced.discountAmount);
        expect(
          priced.goodsAmount -
            priced.discountAmount -
            priced.couponDiscount -
            priced.pointsDeduction +
            priced.shippingFee,
        ).toBe(priced.payable);
        // No negative share, and no line pays more than it is worth.
        for (const l of priced.lines) {
          for (const v of [l.activityDiscount, l.promotionDiscount, l.couponDiscount, l.pointsDeduction, l.paidAmount])
            expect(Number.isSafeInteger(v) && v >= 0).toBe(true);
          expect(l.paidAmount).toBeLessThanOrEqual(l.listGoodsAmount);
        }

        // Gift lines: at 0 (nothing allocated, nothing paid), after the bought lines, within their stock.
        const gifts = priced.lines.filter((l) => l.isGift);
        expect(priced.lines.slice(0, lines.length).every((l) => !l.isGift)).toBe(true);
        expect(gifts).toHaveLength(priced.lines.length - lines.length);
        for (const g of gifts) {
          for (const v of [
            g.skuPrice,
            g.unitPrice,
            g.goodsAmount,
            g.listGoodsAmount,
            g.discountAmount,
            g.couponDiscount,
            g.pointsDeduction,
            g.paidAmount,
          ])
            expect(v).toBe(0);
          expect(g.quantity).toBeGreaterThanOrEqual(1);
          expect(g.giftOfPromotionId).not.toBeNull();
        }
        const bought = (skuId: string) => sum(lines.filter((l) => l.skuId === skuId).map((l) => l.quantity));
        // Each gift stays within the stock its stage read, after the units the cart buys.
        for (const g of gifts) {
          const fullGift = fullGifts.find((f) => String(f.id) === g.giftOfPromotionId);
          const stock = fullGift ? fullGift.gift.stock : (bxgyStock.get(g.skuId) ?? 0);
          expect(g.quantity).toBeLessThanOrEqual(Math.max(0, stock - bought(g.skuId)));
        }
        for (const [skuId, stock] of bxgyStock) {
          const free = sum(
            gifts.filter((g) => g.skuId === skuId && g.giftOfPromotionId === '30').map((g) => g.quantity),
          );
          expect(free).toBeLessThanOrEqual(Math.max(0, stock - bought(skuId)));
          if (c.buyXGetY?.maxGiftsPerOrder) expect(free).toBeLessThanOrEqual(c.buyXGetY.maxGiftsPerOrder);
        }

        // Promotions: only on the lines they named, never above what those lines were worth after step 1.
        const promoted = new Set(promotionAsk.discounts.flatMap((d) => d.lineIndexes));
        priced.lines.forEach((l, i) => {
          if (!promoted.has(i)) expect(l.promotionDiscount).toBe(0);
          expect(l.promotionDiscount).toBeLessThanOrEqual(promotionBase.get(i) ?? 0);
        });
        for (const d of promotionAsk.discounts) {
          const base = sum(d.lineIndexes.map((i) => promotionBase.get(i) ?? 0));
          const applied = priced.discounts.filter((p) => p.type === d.type && p.label === d.label);
          for (const a of applied) expect(a.amount).toBeLessThanOrEqual(base);
        }
        const fullReductions = sum(priced.discounts.filter((d) => d.type === 'FULL_REDUCTION').map((d) => d.amount));
        expect(fullReductions).toBeLessThanOrEqual(
          sum(promotionAsk.discounts.filter((d) => d.type === 'FULL_REDUCTION').map((d) => d.amount)),
        );

        // The coupon: only on its lines, within what they still owed after step 2.
        const ask = couponAsk as { amount: number; lineIndexes: number[] } | null;
        const couponLines = new Set(ask?.lineIndexes ?? []);
        const couponBase = sum(couponSeen.filter((l) => couponLines.has(l.index)).map((l) => l.amount));
        expect(priced.couponDiscount).toBeLessThanOrEqual(Math.min(ask?.amount ?? 0, couponBase));
        priced.lines.forEach((l, i) => {
          if (!couponLines.has(i)) expect(l.couponDiscount).toBe(0);
        });

        // Points: within the balance, the request, the unit and the share cap; only on exchangeable lines.
        expect(priced.pointsUsed).toBeLessThanOrEqual(Math.min(c.points.balance, c.points.toUse));
        expect(priced.pointsUsed % rule.minUnit).toBe(0);
        const exchangeable = sum(pointsSeen.filter((l) => !l.isGift && l.line.pointsExchangeable).map((l) => l.amount));
        expect(priced.pointsDeduction).toBeLessThanOrEqual(Math.floor((exchangeable * rule.maxShareBp) / 10_000));
        priced.lines.forEach((l, i) => {
          if (!lines[i]?.pointsExchangeable) expect(l.pointsDeduction).toBe(0);
        });
      }),
      { numRuns: 500 },
    );
  });
});
