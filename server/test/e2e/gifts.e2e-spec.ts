import { Clock } from '../../src/infra/clock';
import { http, loginAs } from '../support/http';
import { shop } from '../support/shop';
import { startStack, type Stack } from '../support/stack';

/**
 * 满赠, 组合优惠 and 买X送Y over HTTP: a gift line at 0 in the preview and the order at and above the
 * threshold (none below); a gift out of stock leaves the order without it ("赠品已送完") and 20
 * concurrent orders never take more than the gift's 5 units; cancelling an unpaid order gives the
 * gift's units back; a bundle's discount allocated to its lines by largest remainder; on member day
 * (weekly on Wednesday for levels ≥ silver, Asia/Shanghai) a silver member's preview and order get
 * the member-day price, the multiplied points and the 买X送Y units together, not on the days around
 * it, and a bronze member never does; admin settings that make no sense are refused.
 */

let stack: Stack;
let given: ReturnType<typeof shop>;
let admin: string;
const usedProducts = new Set<string>();

const call = (method: string, path: string, token?: string, body?: unknown) =>
  http(stack.baseUrl, method, path, { token, body });
const token = async (name: string) => (await loginAs(stack.baseUrl, name)).token;
const userIdOf = (t: string) => Number(JSON.parse(Buffer.from(t.split('.')[1], 'base64url').toString()).sub);

/** A SKU of a product no other SKU of this spec uses (promotions here are scoped by product). */
async function freshSku(stock: number, price: number) {
  for (;;) {
    const sku = await given.skuWithStock(stock, price);
    if (usedProducts.has(sku.productId)) continue;
    usedProducts.add(sku.productId);
    return sku;
  }
}

/** Running from a month before to a month after the member days below (and now). */
const window = { startsAt: '2026-11-01T00:00:00Z', endsAt: '2027-01-31T00:00:00Z' };

async function promotion(body: Record<string, unknown>): Promise<string> {
  const created = await call('POST', '/api/v1/admin/promotions', admin, { ...window, ...body });
  expect({ status: created.status, body: created.body }).toMatchObject({ status: 201 });
  return created.body.id;
}

async function buyer(name: string) {
  const t = await token(name);
  return { token: t, addressId: await given.addressFor(t) };
}

type Line = { skuId: string; isGift: boolean; quantity: number; unitPrice: number; paidAmount: number };
const gifts = (lines: Line[]) => lines.filter((l) => l.isGift);

async function setClock(now: string | null) {
  const moved = await http(stack.sandboxUrl, 'POST', '/sandbox/clock', { body: { now } });
  expect(moved.status).toBeLessThan(300);
  await stack.server.app.get(Clock).refresh();
}

beforeAll(async () => {
  stack = await startStack({ label: 'gifts', seed: true, env: { DATABASE_POOL_SIZE: '20' } });
  given = shop(stack);
  admin = await token('admin');
}, 120_000);
afterAll(async () => {
  await setClock(null);
  await stack?.close();
});

describe('满赠 (FULL_GIFT)', () => {
  it('adds the gift line at 0 from the threshold on, not below it', async () => {
    const item = await freshSku(100, 10_000);
    const gift = await freshSku(50, 3_000);
    const promotionId = await promotion({
      type: 'FULL_GIFT',
      title: '满200送杯子',
      scope: 'PRODUCTS',
      scopeIds: [item.productId],
      threshold: 20_000,
      giftSkuId: gift.skuId,
      giftQuantity: 1,
    });
    const b = await buyer('gift-threshold');

    const below = await call('POST', '/api/v1/orders/preview', b.token, {
      items: [{ skuId: item.skuId, quantity: 1 }],
    });
    expect(below.status).toBe(200);
    expect(gifts(below.body.lines)).toEqual([]);
    expect(below.body.notices).toEqual([]);

    const body = { items: [{ skuId: item.skuId, quantity: 2 }], addressId: b.addressId };
    const at = await call('POST', '/api/v1/orders/preview', b.token, body);
    expect(at.status).toBe(200);
    expect(at.body.lines).toHaveLength(2);
    expect(gifts(at.body.lines)).toEqual([
      expect.objectContaining({ skuId: gift.skuId, quantity: 1, unitPrice: 0, goodsAmount: 0, paidAmount: 0 }),
    ]);
    expect(at.body.payable - at.body.shippingFee).toBe(20_000);

    const order = await given.order(b.token, body);
    expect(order.status).toBe(201);
    expect(gifts(order.body.lines)).toEqual([
      expect.objectContaining({ skuId: gift.skuId, quantity: 1, unitPrice: 0, paidAmount: 0, isGift: true }),
    ]);
    expect(order.body.payable).toBe(at.body.payable);
    expect(await given.stockOf(gift.skuId)).toBe(49);
    expect(await given.stockOf(item.skuId)).toBe(98);
    const row = await given.db().orderLine.findFirstOrThrow({
      where: { orderId: Number(order.body.id), skuId: Number(gift.skuId) },
    });
    expect(row).toMatchObject({ giftOfPromotionId: Number(promotionId), earnsPoints: false, paidAmount: 0 });
    // The gift does not count against the buyer's purchase of the gift product, and has nothing to refund.
    expect((await given.getOrder(b.token, order.body.id)).body.lines.map((l: Line) => l.isGift)).toEqual([false, true]);
  });

  it('never oversells the gift: 20 concurrent orders for a gift with stock 5 -> 5 gifts, every order placed', async () => {
    const item = await freshSku(100, 5_000);
    const gift = await freshSku(5, 1_000);
    await promotion({
      type: 'FULL_GIFT',
      title: '买就送',
      scope: 'PRODUCTS',
      scopeIds: [item.productId],
      threshold: 5_000,
      giftSkuId: gift.skuId,
      giftQuantity: 1,
    });
    const crowd = await Promise.all(Array.from({ length: 20 }, (_, i) => buyer(`gift-rush-${i}`)));
    const results = await Promise.all(
      crowd.map((b) => given.order(b.token, { items: [{ skuId: item.skuId, quantity: 1 }], addressId: b.addressId })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const withGift = results.filter((r) => gifts(r.body.lines).length > 0);
    expect(withGift).toHaveLength(5);
    expect(await given.stockOf(gift.skuId)).toBe(0);
    expect(await given.stockOf(item.skuId)).toBe(80);
    const giftUnits = await given.db().orderLine.aggregate({
      where: { skuId: Number(gift.skuId) },
      _sum: { quantity: true },
    });
    expect(giftUnits._sum.quantity).toBe(5);
    // Stored orders agree with what was answered.
    for (const r of results) {
      const stored = await given.getOrder(crowd[results.indexOf(r)].token, r.body.id);
      expect(gifts(stored.body.lines)).toHaveLength(gifts(r.body.lines).length);
    }

    // The gift is gone now: the preview says so and the order goes through without it.
    const late = await buyer('gift-late');
    const body = { items: [{ skuId: item.skuId, quantity: 1 }], addressId: late.addressId };
    const preview = await call('POST', '/api/v1/orders/preview', late.token, body);
    expect(gifts(preview.body.lines)).toEqual([]);
    expect(preview.body.notices).toEqual([{ type: 'FULL_GIFT', label: '买就送', message: '赠品已送完' }]);
    const order = await given.order(late.token, body);
    expect(order.status).toBe(201);
    expect(order.body.lines).toHaveLength(1);
    expect(await given.stockOf(gift.skuId)).toBe(0);
  }, 120_000);

  it('gives the gift units back when the unpaid order is cancelled', async () => {
    const item = await freshSku(10, 8_000);
    const gift = await freshSku(3, 500);
    await promotion({
      type: 'FULL_GIFT',
      title: '满80送2',
      scope: 'PRODUCTS',
      scopeIds: [item.productId],
      threshold: 8_000,
      giftSkuId: gift.skuId,
      giftQuantity: 2,
    });
    const b = await buyer('gift-cancel');
    const order = await given.order(b.token, { items: [{ skuId: item.skuId, quantity: 1 }], addressId: b.addressId });
    expect(order.status).toBe(201);
    expect(gifts(order.body.lines)).toEqual([expect.objectContaining({ skuId: gift.skuId, quantity: 2 })]);
    expect(await given.stockOf(gift.skuId)).toBe(1);

    const cancelled = await call('POST', `/api/v1/orders/${order.body.id}/cancel`, b.token, { reason: '不要了' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('CANCELLED');
    expect(await given.stockOf(gift.skuId)).toBe(3);
    expect(await given.stockOf(item.skuId)).toBe(10);
  });
});

describe('满赠 refunds', () => {
  it('a gift line has nothing to refund; a full refund before shipping restocks the gift', async () => {
    const item = await freshSku(10, 9_000);
    const gift = await freshSku(4, 700);
    await promotion({
      type: 'FULL_GIFT',
      title: '满90送1',
      scope: 'PRODUCTS',
      scopeIds: [item.productId],
      threshold: 9_000,
      giftSkuId: gift.skuId,
      giftQuantity: 1,
    });
    const b = await buyer('gift-refund');
    const created = await given.order(b.token, { items: [{ skuId: item.skuId, quantity: 1 }], addressId: b.addressId });
    expect(created.status).toBe(201);
    await given.pay(b.token, created.body.id);
    const order = await given.waitForStatus(b.token, created.body.id, ['TO_SHIP']);
    const [bought, giftLine] = order.lines as Array<Line & { id: string }>;
    expect(giftLine).toMatchObject({ isGift: true, paidAmount: 0 });
    expect(await given.stockOf(gift.skuId)).toBe(3);

    const onGift = await call('POST', `/api/v1/orders/${order.id}/aftersales`, b.token, {
      lineId: giftLine.id,
      type: 'REFUND',
      amount: 1,
      reason: '不想要了',
    });
    expect(onGift.status).toBeGreaterThanOrEqual(400);
    expect(onGift.status).toBeLessThan(500);
    expect(onGift.body.error.code).toEqual(expect.any(String));

    const asked = await call('POST', `/api/v1/orders/${order.id}/aftersales`, b.token, {
      lineId: bought.id,
      type: 'REFUND',
      amount: bought.paidAmount,
      reason: '不想要了',
    });
    expect(asked.status).toBe(201);
    expect((await call('POST', `/api/v1/admin/aftersales/${asked.body.id}/approve`, admin)).status).toBe(200);
    await given.waitForStatus(b.token, order.id, ['CLOSED']);
    expect(await given.stockOf(item.skuId)).toBe(10);
    expect(await given.stockOf(gift.skuId)).toBe(4);
    const giftRow = await given.db().orderLine.findUniqueOrThrow({ where: { id: Number(giftLine.id) } });
    expect(giftRow.restockedQuantity).toBe(1);
  });
});

describe('组合优惠 (BUNDLE)', () => {
  it('prices whole sets at the bundle price, the discount allocated to the set lines by largest remainder', async () => {
    const a = await freshSku(20, 6_001);
    const c = await freshSku(20, 4_000);
    await promotion({
      type: 'BUNDLE',
      title: 'A+B 组合价 80',
      items: [
        { skuId: a.skuId, quantity: 1 },
        { productId: c.productId, quantity: 1 },
      ],
      price: 8_000,
    });
    const b = await buyer('bundle');
    // Two A and one C: one set (6,001 + 4,000 → 8,000), discount 2,001.
    const body = {
      items: [
        { skuId: a.skuId, quantity: 2 },
        { skuId: c.skuId, quantity: 1 },
      ],
      addressId: b.addressId,
    };
    const preview = await call('POST', '/api/v1/orders/preview', b.token, body);
    expect(preview.status).toBe(200);
    expect(preview.body.discounts).toEqual([{ type: 'BUNDLE', label: 'A+B 组合价 80', amount: 2_001 }]);
    // 2,001 over 12,002 and 4,000: exact shares 1,500.81 and 500.19 → 1,501 and 500.
    expect(preview.body.lines.map((l: { discountAmount: number }) => l.discountAmount)).toEqual([1_501, 500]);
    expect(preview.body.payable - preview.body.shippingFee).toBe(16_002 - 2_001);

    const order = await given.order(b.token, body);
    expect(order.status).toBe(201);
    expect(order.body.discountAmount).toBe(2_001);
    expect(order.body.lines.map((l: { paidAmount: number }) => l.paidAmount)).toEqual([10_501, 3_500]);
    expect(order.body.payable).toBe(preview.body.payable);

    // Two sets when the cart holds two of each.
    const two = await call('POST', '/api/v1/orders/preview', b.token, {
      items: [
        { skuId: a.skuId, quantity: 2 },
        { skuId: c.skuId, quantity: 2 },
      ],
    });
    expect(two.body.discounts).toEqual([{ type: 'BUNDLE', label: 'A+B 组合价 80', amount: 4_002 }]);
    // A lone item is no set.
    const one = await call('POST', '/api/v1/orders/preview', b.token, { items: [{ skuId: a.skuId, quantity: 3 }] });
    expect(one.body.discounts).toEqual([]);
  });
});

describe('the promotion flags', () => {
  it('stackWithCoupon false refuses the coupon (NOT_STACKABLE in the picker); earnsPoints false: its lines earn nothing', async () => {
    const a = await freshSku(20, 6_000);
    const c = await freshSku(20, 4_000);
    const plain = await freshSku(20, 5_000);
    await promotion({
      type: 'BUNDLE',
      title: '不与券同享',
      items: [
        { skuId: a.skuId, quantity: 1 },
        { skuId: c.skuId, quantity: 1 },
      ],
      price: 9_000,
      stackWithCoupon: false,
      earnsPoints: false,
      earnsCommission: false,
    });
    const template = await call('POST', '/api/v1/admin/coupons', admin, {
      name: '无门槛减5',
      kind: 'NO_THRESHOLD',
      amount: 500,
      validity: 'DAYS',
      validDays: 7,
      totalQuantity: 100,
      perUserLimit: 1,
    });
    expect(template.status).toBe(201);
    const b = await buyer('flags');
    const claimed = await call('POST', `/api/v1/coupons/${template.body.id}/claim`, b.token);
    expect(claimed.status).toBe(201);

    const bundled = {
      items: [
        { skuId: a.skuId, quantity: 1 },
        { skuId: c.skuId, quantity: 1 },
        { skuId: plain.skuId, quantity: 1 },
      ],
      addressId: b.addressId,
    };
    const picker = await call('POST', '/api/v1/me/coupons/for-checkout', b.token, bundled);
    expect(picker.status).toBe(200);
    expect(picker.body.items).toEqual([
      expect.objectContaining({ usable: false, reason: 'NOT_STACKABLE', reasonText: '不可与促销同享' }),
    ]);
    const refused = await given.order(b.token, { ...bundled, couponId: claimed.body.id });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('COUPON_NOT_APPLICABLE');
    // Without the bundle the coupon is fine.
    const alone = await call('POST', '/api/v1/me/coupons/for-checkout', b.token, {
      items: [{ skuId: plain.skuId, quantity: 1 }],
    });
    expect(alone.body.items).toEqual([expect.objectContaining({ usable: true, discount: 500 })]);

    // The bundle lines earn no points; the plain line earns 1 point per yuan.
    const order = await given.order(b.token, bundled);
    expect(order.status).toBe(201);
    expect(order.body.discountAmount).toBe(1_000);
    const rows = await given
      .db()
      .orderLine.findMany({ where: { orderId: Number(order.body.id) }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => r.earnsPoints)).toEqual([false, false, true]);
    await given.pay(b.token, order.body.id);
    await given.waitForStatus(b.token, order.body.id, ['TO_SHIP']);
    expect((await call('GET', '/api/v1/points', b.token)).body.frozen).toBe(50);
  });
});

describe('admin settings that make no sense', () => {
  it('are refused with a clear message in the error shape', async () => {
    const a = await freshSku(5, 3_000);
    const c = await freshSku(5, 2_000);
    const bundle = {
      type: 'BUNDLE',
      title: '组合',
      ...window,
      items: [
        { skuId: a.skuId, quantity: 1 },
        { skuId: c.skuId, quantity: 1 },
      ],
      price: 4_000,
    };
    const bxgy = { type: 'BUY_X_GET_Y', title: '买2送1', ...window, buyQuantity: 2, getQuantity: 1 };
    const fullGift = {
      type: 'FULL_GIFT',
      title: '满赠',
      ...window,
      threshold: 10_000,
      giftSkuId: c.skuId,
      giftQuantity: 1,
    };
    const table: Array<[string, unknown, number, string, string]> = [
      ['a bundle price equal to the set', { ...bundle, price: 5_000 }, 422, 'PROMOTION_INVALID', 'price'],
      ['a bundle price above the set', { ...bundle, price: 9_000 }, 422, 'PROMOTION_INVALID', 'price'],
      ['a bundle of one item', { ...bundle, items: [bundle.items[0]] }, 400, 'VALIDATION_FAILED', 'items'],
      [
        'a bundle item naming SKU and product',
        { ...bundle, items: [{ ...bundle.items[0], productId: a.productId }, bundle.items[1]] },
        400,
        'VALIDATION_FAILED',
        'items',
      ],
      [
        'a bundle with an unknown SKU',
        { ...bundle, items: [{ skuId: '999999', quantity: 1 }, bundle.items[1]] },
        422,
        'PROMOTION_INVALID',
        'items.0.skuId',
      ],
      ['buy 0', { ...bxgy, buyQuantity: 0 }, 400, 'VALIDATION_FAILED', 'buyQuantity'],
      ['get 0', { ...bxgy, getQuantity: 0 }, 400, 'VALIDATION_FAILED', 'getQuantity'],
      ['get -1', { ...bxgy, getQuantity: -1 }, 400, 'VALIDATION_FAILED', 'getQuantity'],
      ['an unknown gift SKU', { ...fullGift, giftSkuId: '999999' }, 422, 'PROMOTION_INVALID', 'giftSkuId'],
      ['no gift units', { ...fullGift, giftQuantity: 0 }, 400, 'VALIDATION_FAILED', 'giftQuantity'],
      ['a zero threshold', { ...fullGift, threshold: 0 }, 400, 'VALIDATION_FAILED', 'threshold'],
      [
        'an unknown product in scope',
        { ...bxgy, scope: 'PRODUCTS', scopeIds: ['999999'] },
        422,
        'PROMOTION_INVALID',
        'scopeIds',
      ],
    ];
    for (const [name, body, status, code, field] of table) {
      const result = await call('POST', '/api/v1/admin/promotions', admin, body);
      expect({ name, status: result.status, code: result.body?.error?.code }).toEqual({ name, status, code });
      expect(result.body.error.message).toEqual(expect.any(String));
      expect({ name, details: JSON.stringify(result.body.error.details) }).toEqual({
        name,
        details: expect.stringContaining(field),
      });
    }
    // The sensible ones are stored with their rules.
    const made = await call('POST', '/api/v1/admin/promotions', admin, { ...bxgy, maxGiftsPerOrder: 3 });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      type: 'BUY_X_GET_Y',
      memberDayOnly: true,
      buyXGetY: { buyQuantity: 2, getQuantity: 1, maxGiftsPerOrder: 3 },
    });
    await call('POST', `/api/v1/admin/promotions/${made.body.id}/disable`, admin, {});
  });
});

describe('会员日: member-day price, points multiplier and 买X送Y together', () => {
  const levels: Record<string, string> = {};
  let sku: { skuId: string; productId: string; price: number };

  beforeAll(async () => {
    for (const [name, minGrowth, discountBp, memberDayAccess] of [
      ['bronze', 0, 10_000, false],
      ['silver', 1_000, 9_500, true],
      ['gold', 5_000, 9_000, true],
    ] as const) {
      const created = await call('POST', '/api/v1/admin/member-levels', admin, {
        name,
        minGrowth,
        discountBp,
        pointsMultiplierBp: 10_000,
        memberDayAccess,
      });
      expect(created.status).toBe(201);
      levels[name] = created.body.id;
    }
    sku = await freshSku(200, 10_000);
    const saved = await call('PUT', '/api/v1/admin/member-days', admin, {
      enabled: true,
      kind: 'WEEKLY',
      days: [3],
      levelIds: [levels.silver, levels.gold],
      pointsMultiplierBp: 20_000,
      prices: [{ skuId: sku.skuId, price: 6_000 }],
    });
    expect(saved.status).toBe(200);
    // 会员日买2送1 on the product (memberDayOnly is the default for 买X送Y).
    await promotion({
      type: 'BUY_X_GET_Y',
      title: '会员日买2送1',
      scope: 'PRODUCTS',
      scopeIds: [sku.productId],
      buyQuantity: 2,
      getQuantity: 1,
    });
  });

  async function member(name: string, level: 'silver' | 'bronze') {
    const b = await buyer(name);
    if (level === 'silver')
      await given.db().memberProfile.upsert({
        where: { userId: userIdOf(b.token) },
        create: { userId: userIdOf(b.token), growthFen: 150_000, levelId: Number(levels.silver) },
        update: { growthFen: 150_000 },
      });
    return b;
  }

  // 2026-12-02 is a Wednesday.
  const cases = [
    ['Wednesday 00:00:30 Shanghai', '2026-12-01T16:00:30Z', true],
    ['Wednesday 23:59:30 Shanghai', '2026-12-02T15:59:30Z', true],
    ['Tuesday 23:59:30 Shanghai', '2026-12-01T15:59:30Z', false],
    ['Thursday 00:00:30 Shanghai', '2026-12-02T16:00:30Z', false],
  ] as const;

  describe.each(cases)('at %s (%s)', (_name, instant, isMemberDay) => {
    const tag = instant.replace(/\D/g, '').slice(4, 12);

    it(`a silver member ${isMemberDay ? 'gets' : 'does not get'} the price, the points and the free unit`, async () => {
      await setClock(instant);
      try {
        const b = await member(`gift-md-silver-${tag}`, 'silver');
        const body = { items: [{ skuId: sku.skuId, quantity: 2 }], addressId: b.addressId };
        const unit = isMemberDay ? 6_000 : 9_500; // 会员日价, else the silver discount
        const expectedLines = [
          expect.objectContaining({ skuId: sku.skuId, quantity: 2, unitPrice: unit, isGift: false }),
          ...(isMemberDay
            ? [expect.objectContaining({ skuId: sku.skuId, quantity: 1, unitPrice: 0, paidAmount: 0, isGift: true })]
            : []),
        ];
        const stockBefore = await given.stockOf(sku.skuId);

        const preview = await call('POST', '/api/v1/orders/preview', b.token, body);
        expect(preview.status).toBe(200);
        expect(preview.body.lines).toEqual(expectedLines);
        expect(preview.body.payable - preview.body.shippingFee).toBe(unit * 2);

        const order = await given.order(b.token, body);
        expect(order.status).toBe(201);
        expect(order.body.lines).toEqual(expectedLines);
        expect(order.body.payable).toBe(preview.body.payable);
        expect(await given.stockOf(sku.skuId)).toBe(stockBefore - (isMemberDay ? 3 : 2));

        await given.pay(b.token, order.body.id);
        await given.waitForStatus(b.token, order.body.id, ['TO_SHIP']);
        const points = await call('GET', '/api/v1/points', b.token);
        // 1 point per yuan paid, ×2 on member day: 120 yuan → 240; else 190 yuan → 190.
        expect(points.body).toMatchObject({ available: 0, frozen: isMemberDay ? 240 : 190 });
      } finally {
        await setClock(null);
      }
    });

    it('a bronze member never does', async () => {
      await setClock(instant);
      try {
        const b = await member(`gift-md-bronze-${tag}`, 'bronze');
        const body = { items: [{ skuId: sku.skuId, quantity: 2 }], addressId: b.addressId };
        const preview = await call('POST', '/api/v1/orders/preview', b.token, body);
        expect(preview.body.lines).toEqual([expect.objectContaining({ unitPrice: 10_000, isGift: false })]);
        const order = await given.order(b.token, body);
        expect(order.status).toBe(201);
        expect(order.body.lines).toHaveLength(1);
        await given.pay(b.token, order.body.id);
        await given.waitForStatus(b.token, order.body.id, ['TO_SHIP']);
        expect((await call('GET', '/api/v1/points', b.token)).body.frozen).toBe(200);
      } finally {
        await setClock(null);
      }
    });
  });
});
