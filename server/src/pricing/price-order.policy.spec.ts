import {
  activityByPriority,
  combinePromotions,
  DEFAULT_POINTS_RULE,
  DEFAULT_STAGES,
  pointsStage,
  priceOrder,
  type PricedOrder,
  type PricingInput,
  type PricingLine,
  type PricingStages,
} from './price-order.policy';
import type { ShippingRule } from './shipping.policy';

const line = (skuId: string, skuPrice: number, quantity: number, extra: Partial<PricingLine> = {}): PricingLine => ({
  skuId,
  productId: `p-${skuId}`,
  categoryId: 'c1',
  title: `商品${skuId}`,
  quantity,
  skuPrice,
  memberDayEligible: true,
  pointsExchangeable: true,
  ...extra,
});
const template: ShippingRule = { flatFee: 800, freeOver: 9_900, remoteRegions: ['新疆'], remoteSurcharge: 1_500 };
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Every priced order, in every case, must keep these. */
function assertInvariants(priced: PricedOrder): void {
  const { lines } = priced;
  expect(sum(lines.map((l) => l.paidAmount)) + priced.shippingFee).toBe(priced.payable);
  expect(
    priced.goodsAmount - priced.discountAmount - priced.couponDiscount - priced.pointsDeduction + priced.shippingFee,
  ).toBe(priced.payable);
  expect(sum(priced.discounts.map((d) => d.amount))).toBe(priced.discountAmount);
  expect(sum(lines.map((l) => l.listGoodsAmount))).toBe(priced.goodsAmount);
  expect(sum(lines.map((l) => l.discountAmount))).toBe(priced.discountAmount);
  expect(sum(lines.map((l) => l.couponDiscount))).toBe(priced.couponDiscount);
  expect(sum(lines.map((l) => l.pointsDeduction))).toBe(priced.pointsDeduction);
  const orderAmounts = [
    priced.goodsAmount,
    priced.discountAmount,
    priced.couponDiscount,
    priced.pointsDeduction,
    priced.pointsUsed,
    priced.shippingFee,
    priced.payable,
    ...priced.discounts.map((d) => d.amount),
  ];
  for (const v of orderAmounts) {
    expect(Number.isSafeInteger(v)).toBe(true);
    expect(v).toBeGreaterThanOrEqual(0);
  }
  for (const l of lines) {
    const amounts = [
      l.skuPrice,
      l.unitPrice,
      l.goodsAmount,
      l.listGoodsAmount,
      l.activityDiscount,
      l.promotionDiscount,
      l.discountAmount,
      l.couponDiscount,
      l.pointsDeduction,
      l.paidAmount,
    ];
    for (const v of amounts) {
      expect(Number.isSafeInteger(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(0);
    }
    expect(l.unitPrice).toBeLessThanOrEqual(l.skuPrice);
    expect(l.goodsAmount).toBe(l.unitPrice * l.quantity);
    expect(l.listGoodsAmount).toBe(l.skuPrice * l.quantity);
    expect(l.activityDiscount).toBe(l.listGoodsAmount - l.goodsAmount);
    expect(l.discountAmount).toBe(l.activityDiscount + l.promotionDiscount);
    expect(l.discountAmount + l.couponDiscount + l.pointsDeduction).toBeLessThanOrEqual(l.listGoodsAmount);
    expect(l.paidAmount).toBe(l.listGoodsAmount - l.discountAmount - l.couponDiscount - l.pointsDeduction);
    if (l.isGift) expect([l.skuPrice, l.paidAmount]).toEqual([0, 0]);
  }
  if (priced.goodsAmount > 0) expect(priced.payable - priced.shippingFee).toBeGreaterThanOrEqual(1);
}

// ---- test stages: how later features plug in -------------------------------------------------

/** 满199减20 / 满299减40 over lines of category c1, tiers checked highest first. */
const fullReduction: PricingStages['promotions'] = (lines) => {
  const eligible = lines.filter((l) => l.line.categoryId === 'c1');
  const total = sum(eligible.map((l) => l.amount));
  const tier = [
    [29_900, 4_000],
    [19_900, 2_000],
  ].find(([threshold]) => total >= threshold);
  if (!tier) return { discounts: [] };
  const label = `满${tier[0] / 100}减${tier[1] / 100}`;
  return { discounts: [{ type: 'PROMOTION', label, amount: tier[1], lineIndexes: eligible.map((l) => l.index) }] };
};

/** 满赠: a free gift from ¥100. */
const giftOver100: PricingStages['promotions'] = (lines) => ({
  discounts: [],
  gifts:
    sum(lines.map((l) => l.amount)) >= 10_000
      ? [{ skuId: 'gift', productId: 'p-gift', categoryId: 'c9', title: '赠品', quantity: 1 }]
      : [],
});

/** Coupon 7: ¥10 off from ¥50 on category c1 (满50减10); anything else is unknown. */
const coupon7: PricingStages['coupon'] = (lines, ctx) => {
  if (ctx.couponId !== '7') return ctx.couponId ? { rejected: 'NOT_FOUND' } : null;
  const eligible = lines.filter((l) => l.line.categoryId === 'c1' && !l.isGift);
  if (sum(eligible.map((l) => l.amount)) < 5_000) return { rejected: 'BELOW_THRESHOLD' };
  return { couponId: '7', amount: 1_000, lineIndexes: eligible.map((l) => l.index) };
};

/** 无门槛 ¥100 coupon on everything: bigger than small orders. */
const bigCoupon: PricingStages['coupon'] = (lines, ctx) =>
  ctx.couponId ? { couponId: ctx.couponId, amount: 10_000, lineIndexes: lines.map((l) => l.index) } : null;

const flashSaleOnF = activityByPriority({
  FLASH_SALE: (l) =>
    l.skuId === 'f' ? { unitPrice: Math.min(5_000, l.skuPrice), label: '限时折扣', kind: 'FLASH_SALE' } : null,
  MEMBER_DAY: (l) =>
    l.memberDayEligible
      ? { unitPrice: Math.min(l.skuPrice, Math.max(l.skuPrice - 100, 1)), label: '会员日价', kind: 'MEMBER_DAY' }
      : null,
});

const stages = (overrides: Partial<PricingStages>): PricingStages => ({ ...DEFAULT_STAGES, ...overrides });
const noShip = { shippingTemplate: null } as const;
const points = (pointsToUse: number, pointsBalance: number) => ({ pointsToUse, pointsBalance });

type Expected = Partial<Omit<PricedOrder, 'lines'>> & { lines?: Array<Partial<PricedOrder['lines'][number]>> };

describe('priceOrder', () => {
  it.each<[string, PricingInput, PricingStages, Expected]>([
    [
      'a single line, flat shipping',
      { lines: [line('a', 5_000, 1)], shippingTemplate: template },
      DEFAULT_STAGES,
      { goodsAmount: 5_000, discountAmount: 0, shippingFee: 800, payable: 5_800, lines: [{ paidAmount: 5_000 }] },
    ],
    [
      'several lines',
      { lines: [line('a', 1_990, 2), line('b', 350, 3)], shippingTemplate: template },
      DEFAULT_STAGES,
      { goodsAmount: 5_030, shippingFee: 800, payable: 5_830, lines: [{ paidAmount: 3_980 }, { paidAmount: 1_050 }] },
    ],
    [
      'member-level discount floors each unit price (999 × 95% = 949.05 → 949)',
      { lines: [line('a', 999, 3)], memberDiscountBp: 9_500, ...noShip },
      DEFAULT_STAGES,
      {
        goodsAmount: 2_997,
        discounts: [{ type: 'MEMBER_LEVEL', label: '会员折扣', amount: 150 }],
        discountAmount: 150,
        payable: 2_847,
        lines: [{ unitPrice: 949, goodsAmount: 2_847, listGoodsAmount: 2_997, priceSource: 'MEMBER_LEVEL' }],
      },
    ],
    [
      'member-level discount never below 1 fen',
      { lines: [line('a', 1, 2), line('b', 3, 1)], memberDiscountBp: 1, ...noShip },
      DEFAULT_STAGES,
      { lines: [{ unitPrice: 1 }, { unitPrice: 1 }], discountAmount: 2, payable: 3 },
    ],
    [
      'memberDiscountBp 10000 is no discount',
      { lines: [line('a', 999, 1)], memberDiscountBp: 10_000, ...noShip },
      DEFAULT_STAGES,
      { discounts: [], payable: 999, lines: [{ priceSource: 'SKU' }] },
    ],
    [
      'an activity price replaces the member discount on its line',
      {
        lines: [line('f', 8_000, 1), line('b', 1_000, 1, { memberDayEligible: false })],
        memberDiscountBp: 9_000,
        ...noShip,
      },
      stages({ activityPrice: flashSaleOnF }),
      {
        discounts: [
          { type: 'ACTIVITY', label: '限时折扣', amount: 3_000 },
          { type: 'MEMBER_LEVEL', label: '会员折扣', amount: 100 },
        ],
        discountAmount: 3_100,
        payable: 5_900,
        lines: [
          { unitPrice: 5_000, priceSource: 'FLASH_SALE' },
          { unitPrice: 900, priceSource: 'MEMBER_LEVEL' },
        ],
      },
    ],
    [
      'flash sale outranks member day; member day applies elsewhere (no stacking with member level)',
      { lines: [line('f', 8_000, 1), line('m', 1_000, 2)], memberDiscountBp: 5_000, ...noShip },
      stages({ activityPrice: flashSaleOnF }),
      {
        discounts: [
          { type: 'ACTIVITY', label: '限时折扣', amount: 3_000 },
          { type: 'ACTIVITY', label: '会员日价', amount: 200 },
        ],
        payable: 6_800,
        lines: [{ priceSource: 'FLASH_SALE' }, { priceSource: 'MEMBER_DAY', unitPrice: 900 }],
      },
    ],
    [
      '满199减20 allocated over three lines with a remainder fen',
      { lines: [line('a', 10_000, 1), line('b', 9_800, 1), line('c', 100, 1)], ...noShip },
      stages({ promotions: fullReduction }),
      {
        discounts: [{ type: 'PROMOTION', label: '满199减20', amount: 2_000 }],
        discountAmount: 2_000,
        payable: 17_900,
        // exact shares 1005.03, 984.92, 10.05: the spare fen goes to the largest remainder (line b)
        lines: [{ promotionDiscount: 1_005 }, { promotionDiscount: 985 }, { promotionDiscount: 10 }],
      },
    ],
    [
      '满299减40 picks the higher tier, only on eligible lines, after member prices',
      { lines: [line('a', 20_000, 2), line('x', 5_000, 1, { categoryId: 'c2' })], memberDiscountBp: 9_000, ...noShip },
      stages({ promotions: fullReduction }),
      {
        discounts: [
          { type: 'MEMBER_LEVEL', label: '会员折扣', amount: 4_500 },
          { type: 'PROMOTION', label: '满299减40', amount: 4_000 },
        ],
        discountAmount: 8_500,
        payable: 36_500,
        lines: [
          { discountAmount: 8_000, promotionDiscount: 4_000 },
          { discountAmount: 500, promotionDiscount: 0 },
        ],
      },
    ],
    [
      'a coupon after the promotion, checked against the subtotal after step 2',
      { lines: [line('a', 10_000, 2)], couponId: '7', ...noShip },
      stages({ promotions: fullReduction, coupon: coupon7 }),
      { discountAmount: 2_000, couponId: '7', couponDiscount: 1_000, couponRejected: null, payable: 17_000 },
    ],
    [
      'a coupon allocated over its eligible lines only',
      {
        lines: [line('a', 3_000, 1), line('b', 4_000, 1), line('x', 2_000, 1, { categoryId: 'c2' })],
        couponId: '7',
        ...noShip,
      },
      stages({ coupon: coupon7 }),
      { couponDiscount: 1_000, lines: [{ couponDiscount: 429 }, { couponDiscount: 571 }, { couponDiscount: 0 }] },
    ],
    [
      'a coupon refused by the stage carries its reason and is not applied',
      { lines: [line('a', 4_000, 1)], couponId: '7', ...noShip },
      stages({ coupon: coupon7 }),
      { couponId: null, couponDiscount: 0, couponRejected: 'BELOW_THRESHOLD', payable: 4_000 },
    ],
    [
      'a coupon with no coupon stage is NOT_APPLICABLE',
      { lines: [line('a', 10_000, 1)], couponId: '7', ...noShip },
      DEFAULT_STAGES,
      { couponDiscount: 0, couponRejected: 'NOT_APPLICABLE', payable: 10_000 },
    ],
    [
      'a 无门槛 coupon larger than the order is capped so 1 fen remains',
      { lines: [line('a', 3_000, 1), line('b', 2_000, 1)], couponId: '9', shippingTemplate: template },
      stages({ coupon: bigCoupon }),
      { couponDiscount: 4_999, payable: 1 + 800, shippingFee: 800 },
    ],
    [
      'points exactly as asked (100 points = ¥1)',
      { lines: [line('a', 10_000, 1)], ...points(1_000, 5_000), ...noShip },
      DEFAULT_STAGES,
      { pointsUsed: 1_000, pointsDeduction: 1_000, payable: 9_000 },
    ],
    [
      'points above the 50% cap: the maximum allowed is used',
      { lines: [line('a', 10_001, 1)], ...points(900_000, 900_000), ...noShip },
      DEFAULT_STAGES,
      { pointsUsed: 5_000, pointsDeduction: 5_000, payable: 5_001 },
    ],
    [
      'points above the balance: the balance, in whole units',
      { lines: [line('a', 10_000, 1)], ...points(1_000, 350), ...noShip },
      DEFAULT_STAGES,
      { pointsUsed: 300, pointsDeduction: 300, payable: 9_700 },
    ],
    [
      'points not a multiple of the unit: floored to it',
      { lines: [line('a', 10_000, 1)], ...points(250, 1_000), ...noShip },
      DEFAULT_STAGES,
      { pointsUsed: 200, pointsDeduction: 200 },
    ],
    [
      'points below one unit: none used',
      { lines: [line('a', 10_000, 1)], ...points(99, 1_000), ...noShip },
      DEFAULT_STAGES,
      { pointsUsed: 0, pointsDeduction: 0, payable: 10_000 },
    ],
    [
      'points only on exchangeable lines, capped at half of those',
      {
        lines: [line('a', 10_000, 1), line('b', 10_000, 1, { pointsExchangeable: false }), line('c', 3_000, 1)],
        ...points(100_000, 100_000),
        ...noShip,
      },
      DEFAULT_STAGES,
      {
        pointsUsed: 6_500,
        pointsDeduction: 6_500,
        lines: [{ pointsDeduction: 5_000 }, { pointsDeduction: 0 }, { pointsDeduction: 1_500 }],
      },
    ],
    [
      'points with no exchangeable line: none used',
      { lines: [line('a', 10_000, 1, { pointsExchangeable: false })], ...points(1_000, 1_000), ...noShip },
      DEFAULT_STAGES,
      { pointsUsed: 0, pointsDeduction: 0 },
    ],
    [
      'points never take the last fen (a 100% cap, 1-point unit)',
      { lines: [line('a', 2, 1)], ...points(100, 100), ...noShip },
      stages({ points: pointsStage({ pointsPerYuan: 100, maxShareBp: 10_000, minUnit: 1 }) }),
      { pointsUsed: 1, pointsDeduction: 1, payable: 1 },
    ],
    [
      'points after promotion and coupon: the cap is on the amount after steps 1–3',
      { lines: [line('a', 10_000, 2)], couponId: '7', ...points(100_000, 100_000), ...noShip },
      stages({ promotions: fullReduction, coupon: coupon7 }),
      { discountAmount: 2_000, couponDiscount: 1_000, pointsUsed: 8_500, pointsDeduction: 8_500, payable: 8_500 },
    ],
    [
      'points at a non-default rate floor to the fen (300 points = ¥1)',
      { lines: [line('a', 10_000, 1)], ...points(1_000, 1_000), ...noShip },
      stages({ points: pointsStage({ pointsPerYuan: 300, maxShareBp: 5_000, minUnit: 100 }) }),
      { pointsUsed: 1_000, pointsDeduction: 333, payable: 9_667 },
    ],
    [
      'free shipping over the threshold, on the amount after discounts',
      { lines: [line('a', 5_000, 2)], shippingTemplate: template },
      DEFAULT_STAGES,
      { shippingFee: 0, payable: 10_000 },
    ],
    [
      'the member discount takes the order under the 包邮 threshold',
      { lines: [line('a', 5_000, 2)], memberDiscountBp: 9_500, shippingTemplate: template },
      DEFAULT_STAGES,
      { shippingFee: 800, payable: 9_500 + 800 },
    ],
    [
      'points do not cost the buyer 包邮 (points are cash, not a discount)',
      { lines: [line('a', 10_000, 1)], ...points(5_000, 5_000), shippingTemplate: template },
      DEFAULT_STAGES,
      { pointsDeduction: 5_000, shippingFee: 0, payable: 5_000 },
    ],
    [
      'remote surcharge on top of the flat fee',
      { lines: [line('a', 5_000, 1)], shippingTemplate: template, province: '新疆维吾尔自治区' },
      DEFAULT_STAGES,
      { shippingFee: 2_300, payable: 7_300 },
    ],
    [
      'remote surcharge even when 包邮',
      { lines: [line('a', 5_000, 2)], shippingTemplate: template, province: '新疆' },
      DEFAULT_STAGES,
      { shippingFee: 1_500, payable: 11_500 },
    ],
    [
      'a zero-price line in the order',
      { lines: [line('a', 10_000, 1), line('z', 0, 2)], memberDiscountBp: 9_000, ...points(10_000, 10_000), ...noShip },
      DEFAULT_STAGES,
      { goodsAmount: 10_000, lines: [{ paidAmount: 4_500 }, { paidAmount: 0, unitPrice: 0 }] },
    ],
    [
      '满赠 adds a gift line at 0 that takes no share of coupon or points',
      { lines: [line('a', 12_000, 1)], couponId: '7', ...points(1_000, 1_000), ...noShip },
      stages({ promotions: combinePromotions(fullReduction, giftOver100), coupon: coupon7 }),
      {
        goodsAmount: 12_000,
        discountAmount: 0,
        couponDiscount: 1_000,
        pointsDeduction: 1_000,
        payable: 10_000,
        lines: [
          { isGift: false, paidAmount: 10_000 },
          { isGift: true, skuId: 'gift', quantity: 1, skuPrice: 0, paidAmount: 0 },
        ],
      },
    ],
    [
      'everything at once: member day, 满减, coupon, points, remote shipping',
      {
        lines: [
          line('f', 8_000, 1),
          line('m', 12_345, 3),
          line('n', 999, 1, { pointsExchangeable: false, memberDayEligible: false }),
        ],
        memberDiscountBp: 9_200,
        couponId: '7',
        ...points(12_345, 20_000),
        shippingTemplate: template,
        province: '新疆',
      },
      stages({ activityPrice: flashSaleOnF, promotions: fullReduction, coupon: coupon7 }),
      { pointsUsed: 12_300, shippingFee: 1_500 },
    ],
    [
      'an order of ¥21M with half paid in points',
      { lines: [line('a', 2_147_483_647, 1)], ...points(2_000_000_000, 2_000_000_000), ...noShip },
      DEFAULT_STAGES,
      { pointsUsed: 1_073_741_800, pointsDeduction: 1_073_741_800, payable: 1_073_741_847 },
    ],
  ])('%s', (_what, input, pricingStages, expected) => {
    const priced = priceOrder(input, pricingStages);
    expect(priced).toMatchObject(expected);
    assertInvariants(priced);
  });

  it('uses DEFAULT_STAGES when none are given (no activity, no promotion, no coupon, 100 points = ¥1)', () => {
    const priced = priceOrder({ lines: [line('a', 10_000, 1)], ...points(1_000, 1_000), couponId: '1' });
    expect(priced).toMatchObject({ pointsDeduction: 1_000, couponRejected: 'NOT_APPLICABLE', shippingFee: 0 });
    expect(DEFAULT_POINTS_RULE).toEqual({ pointsPerYuan: 100, maxShareBp: 5_000, minUnit: 100 });
    assertInvariants(priced);
  });

  it('hands the stages the running amounts (copies they cannot change)', () => {
    const seen: number[][] = [];
    const spy: PricingStages = stages({
      promotions: (lines, ctx) => {
        seen.push(lines.map((l) => l.amount));
        const outcome = fullReduction(lines, ctx);
        (lines[0] as { amount: number }).amount = 0;
        return outcome;
      },
      coupon: (lines, ctx) => {
        seen.push(lines.map((l) => l.amount));
        return coupon7(lines, ctx);
      },
      points: (lines, ctx) => {
        seen.push(lines.map((l) => l.amount));
        return DEFAULT_STAGES.points(lines, ctx);
      },
    });
    const priced = priceOrder(
      { lines: [line('a', 15_000, 1), line('b', 5_000, 1)], couponId: '7', ...points(100, 100) },
      spy,
    );
    expect(seen).toEqual([
      [15_000, 5_000],
      [15_000 - 1_500, 5_000 - 500],
      [13_500 - 750, 4_500 - 250],
    ]);
    assertInvariants(priced);
  });

  it('keeps the invariants on 400 generated orders (seeded)', () => {
    let seed = 20_261_124;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const int = (max: number) => Math.floor(random() * (max + 1));
    for (let n = 0; n < 400; n += 1) {
      const lines = Array.from({ length: 1 + int(5) }, (_x, i) =>
        line(i === 0 && random() < 0.3 ? 'f' : String(i), random() < 0.1 ? int(3) : int(50_000), 1 + int(4), {
          categoryId: random() < 0.7 ? 'c1' : 'c2',
          pointsExchangeable: random() > 0.3,
          memberDayEligible: random() > 0.7,
        }),
      );
      const input: PricingInput = {
        lines,
        shippingTemplate: random() < 0.8 ? template : null,
        province: random() < 0.2 ? '新疆' : '浙江',
        memberDiscountBp: random() > 0.5 ? int(10_000) : undefined,
        ...points(int(20_000), int(20_000)),
        couponId: random() > 0.5 ? (random() > 0.5 ? '7' : '9') : undefined,
      };
      const coupon = random() > 0.5 ? coupon7 : bigCoupon;
      const rule = { pointsPerYuan: 1 + int(300), maxShareBp: int(10_000), minUnit: 1 + int(200) };
      const pricingStages = stages({
        activityPrice: flashSaleOnF,
        promotions: combinePromotions(fullReduction, giftOver100),
        coupon,
        points: pointsStage(rule),
      });
      const priced = priceOrder(input, pricingStages);
      assertInvariants(priced);
      expect(priced.pointsUsed).toBeLessThanOrEqual(Math.min(input.pointsToUse!, input.pointsBalance!));
      expect(priced.pointsUsed % rule.minUnit).toBe(0);
    }
  });

  it.each<[string, PricingInput, PricingStages]>([
    ['zero quantity', { lines: [line('a', 100, 0)] }, DEFAULT_STAGES],
    ['fractional quantity', { lines: [line('a', 100, 1.5)] }, DEFAULT_STAGES],
    ['negative price', { lines: [line('a', -1, 1)] }, DEFAULT_STAGES],
    ['fractional price', { lines: [line('a', 1.5, 1)] }, DEFAULT_STAGES],
    ['member discount above 10000 bp', { lines: [line('a', 100, 1)], memberDiscountBp: 10_001 }, DEFAULT_STAGES],
    ['negative points', { lines: [line('a', 100, 1)], pointsToUse: -100 }, DEFAULT_STAGES],
    [
      'activity price above the SKU price',
      { lines: [line('a', 100, 1)] },
      stages({ activityPrice: () => ({ unitPrice: 101, label: 'x', kind: 'FLASH_SALE' }) }),
    ],
    [
      'activity price of 0 for a priced SKU',
      { lines: [line('a', 100, 1)] },
      stages({ activityPrice: () => ({ unitPrice: 0, label: 'x', kind: 'FLASH_SALE' }) }),
    ],
    [
      'promotion on an unknown line',
      { lines: [line('a', 100, 1)] },
      stages({ promotions: () => ({ discounts: [{ type: 'PROMOTION', label: 'x', amount: 1, lineIndexes: [1] }] }) }),
    ],
    [
      'promotion listing a line twice',
      { lines: [line('a', 100, 1)] },
      stages({
        promotions: () => ({ discounts: [{ type: 'PROMOTION', label: 'x', amount: 1, lineIndexes: [0, 0] }] }),
      }),
    ],
    [
      'negative promotion',
      { lines: [line('a', 100, 1)] },
      stages({ promotions: () => ({ discounts: [{ type: 'PROMOTION', label: 'x', amount: -1, lineIndexes: [0] }] }) }),
    ],
    [
      'points stage spending more than the balance',
      { lines: [line('a', 10_000, 1)], pointsToUse: 100, pointsBalance: 0 },
      stages({ points: () => ({ pointsUsed: 100, amount: 100, lineIndexes: [0] }) }),
    ],
    [
      'points stage taking the last fen',
      { lines: [line('a', 100, 1)], pointsToUse: 100, pointsBalance: 100 },
      stages({ points: () => ({ pointsUsed: 100, amount: 100, lineIndexes: [0] }) }),
    ],
    [
      'points stage on a non-exchangeable line',
      { lines: [line('a', 10_000, 1, { pointsExchangeable: false })], pointsToUse: 100, pointsBalance: 100 },
      stages({ points: () => ({ pointsUsed: 100, amount: 100, lineIndexes: [0] }) }),
    ],
  ])('refuses a programmer error: %s', (_what, input, pricingStages) => {
    expect(() => priceOrder(input, pricingStages)).toThrow(RangeError);
  });

  it('refuses an invalid points rule', () => {
    expect(() => pointsStage({ pointsPerYuan: 0, maxShareBp: 5_000, minUnit: 100 })).toThrow(RangeError);
    expect(() => pointsStage({ pointsPerYuan: 100, maxShareBp: 10_001, minUnit: 100 })).toThrow(RangeError);
    expect(() => pointsStage({ pointsPerYuan: 100, maxShareBp: 5_000, minUnit: 0 })).toThrow(RangeError);
  });
});

describe('priceOrder: which promotions touched a line', () => {
  const two = { lines: [line('a', 6_000, 1), line('b', 4_000, 1)], ...noShip };
  const bundle: PricingStages['promotions'] = () => ({
    discounts: [{ type: 'BUNDLE', label: 'A+B', amount: 1_000, lineIndexes: [0, 1], promotionId: '5' }],
  });

  it('records the promotion on the lines that took a share, and a gift line with its promotion', () => {
    const priced = priceOrder(
      two,
      stages({
        promotions: combinePromotions(bundle, () => ({
          discounts: [],
          gifts: [{ skuId: 'g', productId: 'pg', categoryId: 'c', title: '赠品', quantity: 2, promotionId: '9' }],
          notices: [{ type: 'FULL_GIFT', label: 'x', message: '赠品已送完' }],
        })),
      }),
    );
    assertInvariants(priced);
    expect(priced.lines.map((l) => [l.promotionIds, l.isGift, l.giftOfPromotionId, l.paidAmount])).toEqual([
      [['5'], false, null, 5_400],
      [['5'], false, null, 3_600],
      [['9'], true, '9', 0],
    ]);
    expect(priced.notices).toEqual([{ type: 'FULL_GIFT', label: 'x', message: '赠品已送完' }]);
  });

  it.each([
    ['a promotion that stacks', undefined, false],
    ['a promotion with stackWithCoupon false', false, true],
  ])('marks every line coupon-excluded after %s', (_name, stackWithCoupon, excluded) => {
    let seen: boolean[] = [];
    priceOrder(
      two,
      stages({
        promotions: () => ({
          discounts: [{ type: 'BUNDLE', label: 'A+B', amount: 1_000, lineIndexes: [0], stackWithCoupon }],
        }),
        coupon: (lines) => {
          seen = lines.map((l) => l.couponExcluded ?? false);
          return null;
        },
      }),
    );
    expect(seen).toEqual([excluded, excluded]);
  });

  it('a promotion that applied nothing excludes no coupon', () => {
    let seen: boolean[] = [];
    priceOrder(
      two,
      stages({
        promotions: () => ({
          discounts: [{ type: 'BUNDLE', label: 'x', amount: 0, lineIndexes: [0], stackWithCoupon: false }],
        }),
        coupon: (lines) => {
          seen = lines.map((l) => l.couponExcluded ?? false);
          return null;
        },
      }),
    );
    expect(seen).toEqual([false, false]);
  });
});
