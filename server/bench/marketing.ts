import type mysql from 'mysql2/promise';
import { HOT_STOCK, log, rows, type Buyer, type HotSku } from './fixture';
import { rush, type HotItemOptions, type HotItemTimeline } from './hot-item';
import { closedLoop, HttpClient, type Measurement } from './load';
import type { ProfileSummary } from './profile-summary';
import type { HostReady } from './server-host';

/**
 * The marketing layer under load (issue 7): coupon claims from the claim centre in a closed loop
 * (issued never above what was claimed, one row per coupon), the flash-sale hot item (1,000 buyers
 * at once for a quota of 100 on a SKU with plenty of stock) and the price preview of a 20-line cart
 * with a 满减, a coupon and points.
 */

type LoopOptions = { concurrency: number; warmupMs: number; durationMs: number; serverPid?: number };

const api = (ready: HostReady, path: string) => `${ready.baseUrl}/api/v1${path}`;
const codeOf = (res: { status: number; body: unknown }) =>
  `${res.status} ${(res.body as { error?: { code?: string } } | undefined)?.error?.code ?? ''}`.trim();
const fail = (what: string, res: { status: number; body: unknown }): never => {
  throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
};

/** A promotion window that runs now (the server's clock is the real one in the bench). */
const runningNow = () => ({
  startsAt: new Date(Date.now() - 60_000).toISOString(),
  endsAt: new Date(Date.now() + 6 * 3_600_000).toISOString(),
});

// ——— coupon claims ———

/** The claim-centre template: more than any run claims, each buyer up to the highest limit allowed. */
const CLAIM_TEMPLATE = {
  name: '领券中心 满100减10',
  kind: 'AMOUNT_OFF',
  threshold: 10_000,
  amount: 1_000,
  scope: 'ALL',
  validity: 'DAYS',
  validDays: 30,
  totalQuantity: 10_000_000,
  perUserLimit: 100,
  stackWithPromotions: true,
  channel: 'CENTER',
} as const;

export interface CouponClaimsResult {
  measurement: Measurement;
  templateId: number;
  claimers: number;
  /** 201 answers over the whole run (warm-up and window). */
  claimed: number;
  /** Any other answer over the whole run, by status and code. */
  otherAnswers: Record<string, number>;
  /** coupon_template.issued after the run. */
  issued: number;
  /** Rows of the template in user_coupon. */
  userCoupons: number;
  mostByOneUser: number;
  perUserLimit: number;
  correct: boolean;
}

/**
 * 领券: one template, claimed in a closed loop; each claim is by the next of the claimers in turn,
 * so no one reaches the per-user limit. Correct when every claim was answered 201 and the template's
 * `issued` equals both the 201s and its rows in user_coupon.
 */
export async function couponClaims(
  pool: mysql.Pool,
  ready: HostReady,
  adminToken: string,
  claimers: Buyer[],
  loop: LoopOptions,
): Promise<CouponClaimsResult> {
  const http = new HttpClient(loop.concurrency);
  try {
    const created = await http.request(api(ready, '/admin/coupons'), {
      method: 'POST',
      token: adminToken,
      body: CLAIM_TEMPLATE,
    });
    if (created.status !== 201) fail('coupon template', created);
    const templateId = Number((created.body as { id: string }).id);
    let next = 0;
    let claimed = 0;
    const otherAnswers: Record<string, number> = {};
    const measurement = await closedLoop('coupon claims', loop, async () => {
      const buyer = claimers[next++ % claimers.length];
      const res = await http.request(api(ready, `/coupons/${templateId}/claim`), {
        method: 'POST',
        token: buyer.token,
        parse: false,
      });
      if (res.status === 201) {
        claimed += 1;
        return true;
      }
      const key = codeOf(res);
      otherAnswers[key] = (otherAnswers[key] ?? 0) + 1;
      return key;
    });
    const [template] = await rows<{ issued: number }>(pool, 'SELECT issued FROM coupon_template WHERE id = ?', [
      templateId,
    ]);
    const [{ n, most }] = await rows<{ n: number | string; most: number | string | null }>(
      pool,
      `SELECT COALESCE(SUM(c), 0) AS n, MAX(c) AS most
         FROM (SELECT COUNT(*) AS c FROM user_coupon WHERE template_id = ? GROUP BY user_id) per_user`,
      [templateId],
    );
    const issued = Number(template.issued);
    const userCoupons = Number(n);
    const mostByOneUser = Number(most ?? 0);
    return {
      measurement,
      templateId,
      claimers: claimers.length,
      claimed,
      otherAnswers,
      issued,
      userCoupons,
      mostByOneUser,
      perUserLimit: CLAIM_TEMPLATE.perUserLimit,
      correct:
        Object.keys(otherAnswers).length === 0 &&
        issued === claimed &&
        userCoupons === claimed &&
        mostByOneUser <= CLAIM_TEMPLATE.perUserLimit,
    };
  } finally {
    http.close();
  }
}

export const describeCouponClaims = (c: CouponClaimsResult) =>
  `template ${c.templateId} claimed by ${c.claimers} buyers in turn: ${c.claimed} answered 201` +
  (Object.keys(c.otherAnswers).length ? `, other answers ${JSON.stringify(c.otherAnswers)}` : '') +
  `; issued ${c.issued}, ${c.userCoupons} rows in user_coupon, at most ${c.mostByOneUser} for one buyer ` +
  `(limit ${c.perUserLimit})`;

// ——— the flash-sale hot item ———

export interface FlashSaleChecks {
  buyers: number;
  flashPrice: number;
  quota: number;
  created: number;
  refusedSoldOut: number;
  serverErrors: number;
  otherResponses: Record<string, number>;
  /** Order lines of the SKU written during the rush, and those at the flash price in FLASH_SALE orders. */
  orderLinesInDatabase: number;
  unitsInDatabase: number;
  linesAtFlashPrice: number;
  /** flash_sale_sku.sold after the rush, and the lowest quota − sold sampled during it. */
  quotaSold: number;
  lowestQuotaLeftSeen: number;
  /** The SKU's own stock before and after: the 100 sold units come out of it too. */
  stockBefore: number;
  stockAfter: number;
  soldPerSecond: number;
  correct: boolean;
}

export interface FlashSaleRun {
  promotionId: number;
  measurement: Measurement;
  checks: FlashSaleChecks;
  timeline: HotItemTimeline;
  profile?: ProfileSummary;
}

/**
 * 秒杀 as a promotion: a flash sale on one SKU whose own stock is large (quota 100, one per buyer,
 * at half the price), and the 1,000 buyers of the hot item ordering one unit each at the same
 * moment on phones with the product page open. Checks: exactly 100 orders, all at the flash price,
 * the other 900 refused FLASH_SALE_SOLD_OUT, no 5xx, the quota never below zero (sold = 100), and
 * 100 units out of the SKU's stock. The sale is stopped afterwards, so later runs see the SKU plain.
 */
export async function flashSaleHotItem(
  pool: mysql.Pool,
  ready: HostReady,
  adminToken: string,
  buyers: Buyer[],
  sku: HotSku,
  options: HotItemOptions,
): Promise<FlashSaleRun> {
  const quota = HOT_STOCK;
  const [{ price, stock: stockBefore }] = await rows<{ price: number; stock: number }>(
    pool,
    'SELECT price, stock FROM sku WHERE id = ?',
    [sku.skuId],
  );
  if (stockBefore < buyers.length) throw new Error(`flash-sale SKU ${sku.skuId} has only ${stockBefore} in stock`);
  const flashPrice = Math.max(1, Math.floor(price / 2));
  const http = new HttpClient(1);
  const created = await http.request(api(ready, '/admin/promotions'), {
    method: 'POST',
    token: adminToken,
    body: {
      type: 'FLASH_SALE',
      title: '整点秒杀',
      ...runningNow(),
      skus: [{ skuId: String(sku.skuId), price: flashPrice, quota, perUserLimit: 1 }],
    },
  });
  if (created.status !== 201) fail('flash sale', created);
  const promotionId = Number((created.body as { id: string }).id);
  const [{ lastLine }] = await rows<{ lastLine: number | null }>(pool, 'SELECT MAX(id) AS lastLine FROM order_line');

  const quotaLeft = async () =>
    (
      await rows<{ left: number }>(
        pool,
        'SELECT quota - sold AS `left` FROM flash_sale_sku WHERE promotion_id = ? AND sku_id = ?',
        [promotionId, sku.skuId],
        true,
      )
    )[0].left;
  const run = await rush(pool, ready, buyers, sku, {
    ...options,
    name: 'flash-sale hot item',
    refusal: 'FLASH_SALE_SOLD_OUT',
    remaining: { before: quota, read: quotaLeft },
  });

  const [lines] = await rows<{ n: number | string; units: number | string | null; atFlash: number | string | null }>(
    pool,
    `SELECT COUNT(*) AS n, SUM(l.quantity) AS units,
            SUM(l.unit_price = ? AND o.kind = 'FLASH_SALE') AS atFlash
       FROM order_line l JOIN orders o ON o.id = l.order_id
      WHERE l.sku_id = ? AND l.id > ?`,
    [flashPrice, sku.skuId, lastLine ?? 0],
  );
  const [{ sold }] = await rows<{ sold: number }>(
    pool,
    'SELECT sold FROM flash_sale_sku WHERE promotion_id = ? AND sku_id = ?',
    [promotionId, sku.skuId],
  );
  const [{ stock: stockAfter }] = await rows<{ stock: number }>(pool, 'SELECT stock FROM sku WHERE id = ?', [
    sku.skuId,
  ]);
  const stopped = await http.request(api(ready, `/admin/promotions/${promotionId}/disable`), {
    method: 'POST',
    token: adminToken,
  });
  http.close();
  if (stopped.status !== 200) fail('stopping the flash sale', stopped);

  const checks: FlashSaleChecks = {
    buyers: buyers.length,
    flashPrice,
    quota,
    created: run.created,
    refusedSoldOut: run.refused,
    serverErrors: run.serverErrors,
    otherResponses: run.otherResponses,
    orderLinesInDatabase: Number(lines.n),
    unitsInDatabase: Number(lines.units ?? 0),
    linesAtFlashPrice: Number(lines.atFlash ?? 0),
    quotaSold: Number(sold),
    lowestQuotaLeftSeen: run.lowestRemainingSeen,
    stockBefore,
    stockAfter,
    soldPerSecond: run.soldPerSecond,
    correct:
      run.created === quota &&
      Number(lines.n) === quota &&
      Number(lines.units ?? 0) === quota &&
      Number(lines.atFlash ?? 0) === quota &&
      Number(sold) === quota &&
      run.lowestRemainingSeen >= 0 &&
      stockBefore - stockAfter === quota &&
      run.refused === buyers.length - quota &&
      run.serverErrors === 0,
  };
  return { promotionId, measurement: run.measurement, checks, timeline: run.timeline, profile: run.profile };
}

/** Two lines per rush: outcomes and counters, then when the answers came. */
export function describeFlashSale(run: FlashSaleRun): string[] {
  const { checks: c, timeline: t } = run;
  return [
    `${c.created} created, ${c.refusedSoldOut} FLASH_SALE_SOLD_OUT, ${c.serverErrors} 5xx; ` +
      `${c.orderLinesInDatabase} order lines in the database, ${c.linesAtFlashPrice} at the flash price ${c.flashPrice} fen; ` +
      `sold ${c.quotaSold} of quota ${c.quota} (lowest left seen ${c.lowestQuotaLeftSeen}); ` +
      `stock ${c.stockBefore} → ${c.stockAfter}` +
      (Object.keys(c.otherResponses).length ? `; other answers ${JSON.stringify(c.otherResponses)}` : ''),
    (t.warmupSeconds !== null ? `pages opened in ${t.warmupSeconds}s; ` : '') +
      `${t.newConnectionsDuringRush} new connections during the rush; first answer ${t.firstAnswerMs} ms, ` +
      `last sale ${t.lastSaleMs} ms, last answer ${t.lastAnswerMs} ms; ` +
      `sold p50/p99 ${t.sold.p50Ms}/${t.sold.p99Ms} ms, refused p50/p99 ${t.refused.p50Ms}/${t.refused.p99Ms} ms`,
  ];
}

// ——— the price preview ———

export const PREVIEW_LINES = 20;
/** Points each previewing buyer asks to use (¥50 at the default 100 points per yuan). */
const POINTS_TO_USE = 5_000;
/** What one sign-in gives during the set-up (the rule is put back afterwards). */
const SIGN_IN_POINTS = 10_000;

export interface PricePreviewCart {
  lines: number;
  goodsAmount: number;
  discountAmount: number;
  couponDiscount: number;
  pointsUsed: number;
  pointsDeduction: number;
  shippingFee: number;
  payable: number;
  discounts: string[];
}

export interface PricePreviewResult {
  /** One buyer previewing again and again (the latency a buyer sees: the p99 target). */
  oneBuyer: Measurement;
  /** The buyers previewing together (the throughput, as a ratio of PK-SELECT). */
  crowd: Measurement;
  cart: PricePreviewCart;
  promotionId: number;
  previewOnce: (caller: number) => Promise<true | string>;
  /** Stops the 满减 and closes the connections. */
  close: () => Promise<void>;
}

/**
 * 确认订单: each buyer has 10,000 points (one sign-in, under a rule raised for the set-up through the
 * admin route and put back) and a claimed 满200减20 coupon; a 满减 (tiers up to 满2000减200) covers the
 * products of a 20-line cart (20 SKUs of 20 products). The preview of that cart with the coupon and
 * 5,000 points is checked once per buyer (the 满减, the coupon and the points all applied), then
 * measured in a closed loop by one buyer and by all of them.
 */
export async function pricePreview(
  pool: mysql.Pool,
  ready: HostReady,
  adminToken: string,
  buyers: Buyer[],
  skuIds: number[],
  loop: LoopOptions,
): Promise<PricePreviewResult> {
  const http = new HttpClient(loop.concurrency);
  let promotionId: number | undefined;
  const stopPromotion = async () => {
    if (promotionId === undefined) return;
    const res = await http.request(api(ready, `/admin/promotions/${promotionId}/disable`), {
      method: 'POST',
      token: adminToken,
    });
    if (res.status !== 200) fail('stopping the 满减', res);
  };
  try {
    // 20 SKUs of different products with stock (one per product, the cheapest ones last).
    const candidates = await rows<{ id: number; product_id: number; stock: number }>(
      pool,
      'SELECT id, product_id, stock FROM sku WHERE id IN (?) AND stock >= 1000 ORDER BY price DESC, id',
      [skuIds],
    );
    const byProduct = new Map<number, number>();
    for (const c of candidates) if (!byProduct.has(c.product_id)) byProduct.set(c.product_id, c.id);
    const cart = [...byProduct.entries()].slice(0, PREVIEW_LINES);
    if (cart.length < PREVIEW_LINES) throw new Error(`only ${cart.length} products for a ${PREVIEW_LINES}-line cart`);

    const reduction = await http.request(api(ready, '/admin/promotions'), {
      method: 'POST',
      token: adminToken,
      body: {
        type: 'FULL_REDUCTION',
        title: '满减狂欢',
        ...runningNow(),
        scope: 'PRODUCTS',
        scopeIds: cart.map(([productId]) => String(productId)),
        tiers: [
          { threshold: 50_000, amount: 3_000 },
          { threshold: 100_000, amount: 8_000 },
          { threshold: 200_000, amount: 20_000 },
        ],
      },
    });
    if (reduction.status !== 201) fail('满减', reduction);
    promotionId = Number((reduction.body as { id: string }).id);

    const template = await http.request(api(ready, '/admin/coupons'), {
      method: 'POST',
      token: adminToken,
      body: {
        name: '满200减20',
        kind: 'AMOUNT_OFF',
        threshold: 20_000,
        amount: 2_000,
        scope: 'ALL',
        validity: 'DAYS',
        validDays: 30,
        totalQuantity: buyers.length,
        perUserLimit: 1,
        stackWithPromotions: true,
        channel: 'CENTER',
      },
    });
    if (template.status !== 201) fail('preview coupon template', template);
    const templateId = (template.body as { id: string }).id;

    // Points through the ledger: one sign-in each, under a rule that gives SIGN_IN_POINTS.
    const rules = await http.request(api(ready, '/admin/points-rules'), { token: adminToken });
    if (rules.status !== 200) fail('points rules', rules);
    const original = rules.body as { signIn: Record<string, unknown> };
    const raised = await http.request(api(ready, '/admin/points-rules'), {
      method: 'PUT',
      token: adminToken,
      body: { ...original, signIn: { ...original.signIn, dailyPoints: SIGN_IN_POINTS } },
    });
    if (raised.status !== 200) fail('raising the sign-in points', raised);
    const couponIds: string[] = [];
    try {
      await Promise.all(
        buyers.map(async (buyer, i) => {
          const signed = await http.request(api(ready, '/points/sign-in'), {
            method: 'POST',
            token: buyer.token,
            body: {},
          });
          if (signed.status !== 201) fail('sign-in', signed);
          const claimed = await http.request(api(ready, `/coupons/${templateId}/claim`), {
            method: 'POST',
            token: buyer.token,
          });
          if (claimed.status !== 201) fail('claiming the preview coupon', claimed);
          couponIds[i] = (claimed.body as { id: string }).id;
        }),
      );
    } finally {
      const restored = await http.request(api(ready, '/admin/points-rules'), {
        method: 'PUT',
        token: adminToken,
        body: original,
      });
      if (restored.status !== 200) fail('restoring the points rules', restored);
    }

    const bodies = buyers.map((buyer, i) => ({
      items: cart.map(([, skuId]) => ({ skuId: String(skuId), quantity: 1 })),
      addressId: String(buyer.addressId),
      couponId: couponIds[i],
      pointsToUse: POINTS_TO_USE,
    }));
    let shown: PricePreviewCart | undefined;
    for (const [i, buyer] of buyers.entries()) {
      const res = await http.request(api(ready, '/orders/preview'), {
        method: 'POST',
        token: buyer.token,
        body: bodies[i],
      });
      if (res.status !== 200) fail('preview', res);
      const p = res.body as Omit<PricePreviewCart, 'lines' | 'discounts'> & {
        lines: unknown[];
        discounts: { label: string; amount: number }[];
      };
      const applied =
        p.lines.length === PREVIEW_LINES &&
        p.discountAmount > 0 &&
        p.couponDiscount > 0 &&
        p.pointsUsed === POINTS_TO_USE &&
        p.pointsDeduction > 0 &&
        p.payable >= 1;
      if (!applied)
        throw new Error(`the preview does not apply the 满减, the coupon and the points: ${JSON.stringify(p)}`);
      shown ??= {
        lines: p.lines.length,
        goodsAmount: p.goodsAmount,
        discountAmount: p.discountAmount,
        couponDiscount: p.couponDiscount,
        pointsUsed: p.pointsUsed,
        pointsDeduction: p.pointsDeduction,
        shippingFee: p.shippingFee,
        payable: p.payable,
        discounts: p.discounts.map((d) => `${d.label} −${d.amount}`),
      };
    }
    log(
      `price preview: ${PREVIEW_LINES} lines, goods ${shown!.goodsAmount} fen, ${shown!.discounts.join(', ')}, ` +
        `coupon −${shown!.couponDiscount}, ${shown!.pointsUsed} points −${shown!.pointsDeduction}, ` +
        `shipping ${shown!.shippingFee}, payable ${shown!.payable} (checked for each of ${buyers.length} buyers)`,
    );

    const previewOnce = async (caller: number): Promise<true | string> => {
      const i = caller % buyers.length;
      const res = await http.request(api(ready, '/orders/preview'), {
        method: 'POST',
        token: buyers[i].token,
        body: bodies[i],
        parse: false,
      });
      return res.status === 200 ? true : codeOf(res);
    };
    const oneBuyer = await closedLoop(
      `price preview (${PREVIEW_LINES} lines, one buyer)`,
      { ...loop, concurrency: 1 },
      previewOnce,
    );
    const crowd = await closedLoop(
      `price preview (${PREVIEW_LINES} lines, ${loop.concurrency} buyers)`,
      loop,
      previewOnce,
    );
    return {
      oneBuyer,
      crowd,
      cart: shown!,
      promotionId,
      previewOnce,
      close: async () => {
        try {
          await stopPromotion();
        } finally {
          http.close();
        }
      },
    };
  } catch (error) {
    await stopPromotion().catch(() => undefined);
    http.close();
    throw error;
  }
}
