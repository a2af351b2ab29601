import { Inject, Injectable } from '@nestjs/common';
import {
  MAX_FEN,
  type OrderCreateRequest,
  type OrderListQuery,
  type OrderPage,
  type OrderPreview,
  type OrderPreviewRequest,
  type OrderView,
  type RequestPaymentParams,
} from '@weshop/shared';
import { UserRepository } from '../auth/user.repository';
import { InventoryRepository, type CheckoutSku } from '../catalog/inventory.repository';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { Clock } from '../infra/clock';
import { DomainEvents, type Tx } from '../infra/events/domain-events';
import { IdempotencyStore, requestFingerprint } from '../infra/idempotency/idempotency';
import { mediaUrl } from '../media/media-url';
import { PaymentService } from '../payment/payment.service';
import {
  activityByPriority,
  combinePromotions,
  DEFAULT_STAGES,
  priceOrder,
  type ActivityKind,
  type PricedOrder,
  type PricingStages,
} from '../pricing/price-order.policy';
import {
  CheckoutActivities,
  type ActivityQuote,
  type CheckoutHold,
  type PricingContribution,
} from './checkout-activities';
import { CheckoutDirectory } from './checkout-directory';
import { orderNumberAt } from './order-number';
import {
  AddressNotFound,
  AddressRequired,
  CouponNotApplicable,
  GroupBuyUnavailable,
  OrderNotCancellable,
  OrderNotConfirmable,
  OrderNotFound,
  OrderNotPayable,
  OrderTooLarge,
  PointsNotApplicable,
  PurchaseLimitExceeded,
  SkuUnavailable,
  StockInsufficient,
} from './order.errors';
import { OrderLifecycle } from './order-lifecycle.service';
import { OrderRepository } from './order.repository';
import { lineFact, toOrderView } from './order.view';

interface Checkout {
  skus: Map<number, CheckoutSku>;
  priced: PricedOrder;
  address: Record<string, string> | null;
  activity: ActivityQuote | null;
  contributions: PricingContribution[];
}

/**
 * The price pipeline's stages for one checkout: step 1 by the priority of PRODUCT.md (group buy
 * when chosen > flash sale > member-day price; the member-level discount is priceOrder's
 * fallback), promotions combined, one coupon stage, one points stage.
 */
function composeStages(group: ActivityQuote | null, contributions: PricingContribution[]): PricingStages {
  const sources: Partial<Record<ActivityKind, PricingStages['activityPrice']>> = {};
  if (group) sources.GROUP_BUY = group.activityPrice;
  for (const c of contributions) Object.assign(sources, c.activityPrices ?? {});
  const promotions = contributions.flatMap((c) => (c.promotions ? [c.promotions] : []));
  return {
    activityPrice: activityByPriority(sources),
    promotions: promotions.length ? combinePromotions(...promotions) : DEFAULT_STAGES.promotions,
    coupon: contributions.find((c) => c.coupon)?.coupon ?? DEFAULT_STAGES.coupon,
    points: contributions.find((c) => c.points)?.points ?? DEFAULT_STAGES.points,
  };
}

/** The buyer's use cases: preview, place, list, look at, pay, cancel, confirm receipt. */
@Injectable()
export class OrderService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(IdempotencyStore) private readonly idempotency: IdempotencyStore,
    @Inject(OrderRepository) private readonly orders: OrderRepository,
    @Inject(OrderLifecycle) private readonly lifecycle: OrderLifecycle,
    @Inject(InventoryRepository) private readonly inventory: InventoryRepository,
    @Inject(CheckoutDirectory) private readonly directory: CheckoutDirectory,
    @Inject(PaymentService) private readonly payments: PaymentService,
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(DomainEvents) private readonly events: DomainEvents,
    @Inject(CheckoutActivities) private readonly activities: CheckoutActivities,
  ) {
    this.lifecycle.closeUnpaidHook = (orderId) =>
      this.closeUnpaid(orderId, '超时未支付', 'SYSTEM').then(() => undefined);
  }

  /** 确认订单: the full breakdown the server will charge. Nothing is reserved. */
  async preview(userId: number, body: OrderPreviewRequest): Promise<OrderPreview> {
    const checkout = await this.checkout(userId, body, { requireAddress: false });
    return this.previewView(checkout);
  }

  /**
   * 下单: prices again, reserves stock with guarded decrements (never below zero) and writes the
   * order, all in one transaction; with an Idempotency-Key, a retry returns the same order.
   */
  async create(userId: number, body: OrderCreateRequest, idempotencyKey?: string): Promise<OrderView> {
    const work = async (tx: Tx): Promise<OrderView> => {
      const checkout = await this.checkout(userId, body, { requireAddress: true, tx });
      const now = this.clock.now();
      await this.enforcePurchaseLimits(tx, userId, body, checkout.skus);
      const { priced, activity, contributions } = checkout;
      const timeoutMs = Math.min(
        activity?.paymentTimeoutMs ?? this.config.orders.paymentTimeoutMs,
        ...contributions.map((c) => c.paymentTimeoutMs ?? Infinity),
      );
      const lineActivity = (index: number) =>
        activity?.lineActivity ??
        contributions.map((c) => c.lineActivity?.(priced.lines[index])).find((a) => a) ??
        null;
      const earnsPoints = (line: PricedOrder['lines'][number]) =>
        !line.isGift && contributions.every((c) => c.lineEarnsPoints?.(line) ?? true);
      const row = await this.orders.create(
        tx,
        {
          orderNo: orderNumberAt(now, this.config.shopTimeZone),
          userId,
          kind: activity?.kind ?? (priced.lines.some((l) => l.priceSource === 'FLASH_SALE') ? 'FLASH_SALE' : 'NORMAL'),
          goodsAmount: priced.goodsAmount,
          discountAmount: priced.discountAmount,
          couponDiscount: priced.couponDiscount,
          pointsDeduction: priced.pointsDeduction,
          pointsUsed: priced.pointsUsed,
          couponId: priced.couponId === null ? null : Number(priced.couponId),
          shippingFee: priced.shippingFee,
          payable: priced.payable,
          address: checkout.address ?? {},
          remark: body.remark ?? '',
          expiresAt: new Date(now.getTime() + timeoutMs),
          createdAt: now,
          lines: priced.lines.map((line) => {
            const sku = checkout.skus.get(Number(line.skuId))!;
            return {
              productId: sku.productId,
              skuId: sku.skuId,
              title: sku.title,
              specs: sku.specs,
              image: sku.image,
              unitPrice: line.unitPrice,
              quantity: line.quantity,
              goodsAmount: line.listGoodsAmount,
              discountAmount: line.discountAmount,
              couponDiscount: line.couponDiscount,
              pointsDeduction: line.pointsDeduction,
              paidAmount: line.paidAmount,
              giftOfPromotionId: line.giftOfPromotionId === null ? null : Number(line.giftOfPromotionId),
              earnsPoints: earnsPoints(line),
            };
          }),
        },
        'USER',
      );
      await this.events.publish(tx, 'order.placed', {
        orderId: row.id,
        userId,
        kind: row.kind,
        createdAt: now,
        lines: row.lines.map((line, index) => ({ ...lineFact(line), activity: lineActivity(index) })),
        couponId: priced.couponId === null ? null : Number(priced.couponId),
        pointsUsed: priced.pointsUsed,
        activity: activity ? { kind: activity.kind, ...activity.choice } : null,
      });
      if (body.fromCart)
        await this.directory.removeFromCart(
          tx,
          userId,
          body.items.map((i) => Number(i.skuId)),
        );
      // Stock is taken last, so each SKU's row lock is held only from here to the commit: under a
      // rush the buyers queue on that lock for as short a time as possible. Ascending ids: no deadlocks.
      // Gift lines (满赠, 买X送Y) take their units the same way, after the bought units of their SKU;
      // a gift whose units are gone leaves the order, which goes through without it (never oversold).
      const reservations = [
        ...body.items.map((i) => ({ skuId: Number(i.skuId), quantity: i.quantity, giftLineId: null })),
        ...row.lines
          .filter((l) => l.giftOfPromotionId !== null)
          .map((l) => ({ skuId: l.skuId, quantity: l.quantity, giftLineId: l.id })),
      ].sort((a, b) => a.skuId - b.skuId || Number(a.giftLineId !== null) - Number(b.giftLineId !== null));
      const giftsGone: number[] = [];
      for (const r of reservations) {
        if (await this.inventory.reserve(tx, r.skuId, r.quantity)) continue;
        if (r.giftLineId !== null) {
          giftsGone.push(r.giftLineId);
          continue;
        }
        await this.inventory.gateWasWrong(r.skuId);
        throw new StockInsufficient(r.skuId);
      }
      if (giftsGone.length) await this.orders.dropGiftLines(tx, row.id, giftsGone);
      return toOrderView(
        { ...row, lines: row.lines.filter((l) => !giftsGone.includes(l.id)) },
        this.config.publicBaseUrl,
      );
    };
    const schedule = (order: OrderView) =>
      this.lifecycle.scheduleUnpaidTimeout(Number(order.id), new Date(order.expiresAt));
    const request = idempotencyKey && {
      scope: 'order.create',
      userId,
      key: idempotencyKey,
      fingerprint: requestFingerprint('POST', '/api/v1/orders', body),
    };
    if (request) {
      const stored = await this.idempotency.replay<OrderView>(request);
      if (stored) return stored;
    }
    // The stock gate answers a rush for a sold-out SKU before any transaction; what it let
    // through is given back when the order is not created after all.
    // A concurrent retry of the same intent skips the gate and meets the first one in the transaction.
    const gated = !request || (await this.idempotency.firstArrival(request));
    const items = body.items.map((i) => ({ skuId: Number(i.skuId), quantity: i.quantity }));
    const hold = gated ? await this.inventory.holdForCheckout(items) : { giveBack: async () => undefined };
    if ('soldOut' in hold) throw new StockInsufficient(hold.soldOut);
    // Then the activities' own gates (a flash sale's quota), likewise given back.
    const activityHolds: CheckoutHold[] = [];
    const giveAllBack = async () => {
      await hold.giveBack();
      for (const h of activityHolds) await h.giveBack();
    };
    try {
      if (gated)
        for (const contributor of this.activities.contributors)
          if (contributor.holdBeforeTransaction)
            activityHolds.push(await contributor.holdBeforeTransaction({ userId, body, now: this.clock.now() }));
      if (!request) {
        const order = await this.directory.transaction(work);
        for (const h of activityHolds) await h.settle(order.lines);
        await schedule(order);
        return order;
      }
      const { result, replayed } = await this.idempotency.inOneTransaction(request, work, { afterCommit: schedule });
      if (replayed) await giveAllBack();
      else for (const h of activityHolds) await h.settle(result.lines);
      return result;
    } catch (error) {
      await giveAllBack();
      throw error;
    }
  }

  /**
   * 积分商城 gift: an order of one unit of a SKU whose payable is `cash` (the points were the price;
   * the caller spends them against this order in the same transaction, so a cancellation returns
   * them through `order.cancelled`). No pipeline stage, activity, shipping fee or commission applies
   * (no `order.placed`), and the line earns no points. The SKU's stock is reserved with the guarded
   * decrement. A 0-fen order is paid at once (PENDING_PAYMENT → PAID → TO_SHIP, `order.paid`);
   * otherwise it waits for WeChat Pay like any order. Call `afterCommit` once the transaction has
   * committed (the unpaid timeout, the stock gate, the paid order's after-commit listeners).
   */
  async placeExchangeOrder(
    tx: Tx,
    input: { userId: number; skuId: number; addressId?: number; cash: number; pointsUsed: number; remark: string },
  ): Promise<{ orderId: number; afterCommit: () => Promise<void> }> {
    const [sku] = await this.inventory.skusForCheckout([input.skuId], tx);
    if (!sku) throw new SkuUnavailable(String(input.skuId), 'NOT_FOUND');
    const addressId = input.addressId ?? (await this.directory.defaultAddressId(input.userId, tx));
    if (addressId === null) throw new AddressRequired();
    const address = await this.directory.addressSnapshot(input.userId, addressId, tx);
    if (!address) throw new AddressNotFound(String(addressId));
    const now = this.clock.now();
    const row = await this.orders.create(
      tx,
      {
        orderNo: orderNumberAt(now, this.config.shopTimeZone),
        userId: input.userId,
        kind: 'NORMAL',
        goodsAmount: input.cash,
        discountAmount: 0,
        couponDiscount: 0,
        pointsDeduction: 0,
        pointsUsed: input.pointsUsed,
        couponId: null,
        shippingFee: 0,
        payable: input.cash,
        address,
        remark: input.remark,
        expiresAt: new Date(now.getTime() + this.config.orders.paymentTimeoutMs),
        createdAt: now,
        lines: [
          {
            productId: sku.productId,
            skuId: sku.skuId,
            title: sku.title,
            specs: sku.specs,
            image: sku.image,
            unitPrice: input.cash,
            quantity: 1,
            goodsAmount: input.cash,
            discountAmount: 0,
            couponDiscount: 0,
            pointsDeduction: 0,
            paidAmount: input.cash,
            giftOfPromotionId: null,
            earnsPoints: false,
          },
        ],
      },
      'USER',
    );
    if (!(await this.inventory.reserve(tx, sku.skuId, 1))) throw new StockInsufficient(sku.skuId);
    const after: Array<() => Promise<void>> = [() => this.inventory.gateWasWrong(sku.skuId)];
    if (input.cash === 0) after.push(await this.lifecycle.markPaidWithoutPayment(tx, row.id, now));
    else after.push(() => this.lifecycle.scheduleUnpaidTimeout(row.id, row.expiresAt));
    return {
      orderId: row.id,
      afterCommit: async () => {
        for (const fn of after) await fn().catch(() => undefined);
      },
    };
  }

  async list(userId: number, query: OrderListQuery): Promise<OrderPage> {
    const { rows, total } = await this.orders.list({
      userId,
      status: query.status,
      page: query.page,
      pageSize: query.pageSize,
    });
    return {
      items: rows.map((r) => toOrderView(r, this.config.publicBaseUrl)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async get(userId: number, orderId: number): Promise<OrderView> {
    const row = await this.orders.findOwnedDetail(userId, orderId);
    if (!row) throw new OrderNotFound(orderId);
    return toOrderView(row, this.config.publicBaseUrl);
  }

  /** The signed wx.requestPayment arguments for an unpaid order of the caller. */
  async pay(userId: number, orderId: number): Promise<RequestPaymentParams> {
    const row = await this.orders.findOwnedDetail(userId, orderId);
    if (!row) throw new OrderNotFound(orderId);
    if (row.status !== 'PENDING_PAYMENT') throw new OrderNotPayable(row.status);
    if (row.expiresAt.getTime() <= this.clock.now().getTime())
      throw new OrderNotPayable(row.status, 'The payment time is over');
    const user = await this.users.findById(userId);
    if (!user) throw new OrderNotFound(orderId);
    const title = row.lines[0]?.title ?? '商品';
    return this.payments.startPayment({
      orderId: row.id,
      outTradeNo: row.orderNo,
      amount: row.payable,
      description: row.lines.length > 1 ? `${title}等${row.lines.length}件商品` : title,
      openid: user.openid,
      expiresAt: row.expiresAt,
    });
  }

  async cancel(userId: number, orderId: number, reason: string | undefined): Promise<OrderView> {
    const row = await this.orders.findOwnedDetail(userId, orderId);
    if (!row) throw new OrderNotFound(orderId);
    if (row.status !== 'PENDING_PAYMENT') throw new OrderNotCancellable(row.status);
    const outcome = await this.closeUnpaid(orderId, reason || '买家取消', 'USER');
    if (outcome === 'PAID') throw new OrderNotCancellable('PAID');
    return this.get(userId, orderId);
  }

  async confirmReceipt(userId: number, orderId: number): Promise<OrderView> {
    const row = await this.orders.findOwnedDetail(userId, orderId);
    if (!row) throw new OrderNotFound(orderId);
    if (row.status !== 'SHIPPED') throw new OrderNotConfirmable(row.status);
    await this.lifecycle.complete(orderId, 'USER', '确认收货');
    return this.get(userId, orderId);
  }

  /** Closes the WeChat prepay first: a payment found there wins over the cancellation. */
  private async closeUnpaid(
    orderId: number,
    reason: string,
    actor: 'USER' | 'SYSTEM',
  ): Promise<'CANCELLED' | 'PAID' | 'UNCHANGED'> {
    if ((await this.payments.closeForCancel(orderId)) === 'PAID') return 'PAID';
    return (await this.lifecycle.cancelUnpaid(orderId, reason, actor)) ? 'CANCELLED' : 'UNCHANGED';
  }

  private async checkout(
    userId: number,
    body: OrderPreviewRequest,
    options: { requireAddress: boolean; tx?: Tx },
  ): Promise<Checkout> {
    const skuIds = body.items.map((i) => Number(i.skuId));
    const skus = new Map((await this.inventory.skusForCheckout(skuIds, options.tx)).map((s) => [s.skuId, s]));
    for (const item of body.items) {
      const sku = skus.get(Number(item.skuId));
      if (!sku) throw new SkuUnavailable(item.skuId, 'NOT_FOUND');
      if (!sku.onShelf) throw new SkuUnavailable(item.skuId, 'OFF_SHELF');
      if (sku.stock < item.quantity) throw new StockInsufficient(sku.skuId);
    }
    let activity: ActivityQuote | null = null;
    if (body.groupBuy) {
      if (!this.activities.groupBuy) throw new GroupBuyUnavailable();
      activity = await this.activities.groupBuy.quote({ userId, body, skus, now: this.clock.now(), tx: options.tx });
    }
    let address: Record<string, string> | null = null;
    if (body.addressId) {
      address = await this.directory.addressSnapshot(userId, Number(body.addressId), options.tx);
      if (!address) throw new AddressNotFound(body.addressId);
    } else if (options.requireAddress) {
      throw new AddressRequired();
    }
    const now = this.clock.now();
    const contributions = await Promise.all(
      this.activities.contributors.map((c) => c.contribute({ userId, body, skus, now, tx: options.tx })),
    );
    const stages = composeStages(activity, contributions);
    const coupons = contributions.some((c) => c.coupon);
    if (body.couponId && !coupons) throw new CouponNotApplicable('NO_SUCH_COUPON');
    const memberDiscountBp = contributions.find((c) => c.memberDiscountBp !== undefined)?.memberDiscountBp;
    const pointsBalance = contributions.find((c) => c.pointsBalance !== undefined)?.pointsBalance ?? 0;
    const priced = priceOrder(
      {
        lines: body.items.map((item) => {
          const sku = skus.get(Number(item.skuId))!;
          return {
            skuId: String(sku.skuId),
            productId: String(sku.productId),
            categoryId: String(sku.categoryId),
            title: sku.title,
            quantity: item.quantity,
            skuPrice: sku.price,
            memberDayEligible: sku.memberDayEligible,
            pointsExchangeable: sku.pointsExchangeable,
          };
        }),
        province: address?.province,
        shippingTemplate: await this.directory.shippingTemplate(options.tx),
        pointsToUse: body.pointsToUse ?? 0,
        pointsBalance,
        memberDiscountBp,
        couponId: body.couponId,
        groupBuy: body.groupBuy,
      },
      stages,
    );
    if (body.couponId && priced.couponRejected) throw new CouponNotApplicable(priced.couponRejected);
    // Gift lines (满赠, 买X送Y) may name SKUs the buyer did not ask for: checkout needs their titles too.
    const giftSkuIds = priced.lines.filter((l) => l.isGift && !skus.has(Number(l.skuId))).map((l) => Number(l.skuId));
    if (giftSkuIds.length)
      for (const sku of await this.inventory.skusForCheckout([...new Set(giftSkuIds)], options.tx))
        skus.set(sku.skuId, sku);
    if (priced.goodsAmount + priced.shippingFee > MAX_FEN) throw new OrderTooLarge(MAX_FEN);
    if ((body.pointsToUse ?? 0) !== priced.pointsUsed)
      throw new PointsNotApplicable(body.pointsToUse ?? 0, priced.pointsUsed);
    return { skus, priced, address, activity, contributions };
  }

  private async enforcePurchaseLimits(
    tx: Tx,
    userId: number,
    body: OrderCreateRequest,
    skus: Map<number, CheckoutSku>,
  ) {
    const limited = [...skus.values()].filter((s) => s.purchaseLimit !== null);
    if (!limited.length) return;
    await this.orders.lockBuyer(tx, userId);
    const bought = await this.orders.unitsBought(tx, userId, [...new Set(limited.map((s) => s.productId))]);
    const wanted = new Map<number, number>();
    for (const item of body.items) {
      const sku = skus.get(Number(item.skuId))!;
      wanted.set(sku.productId, (wanted.get(sku.productId) ?? 0) + item.quantity);
    }
    for (const sku of limited) {
      const already = bought.get(sku.productId) ?? 0;
      if (already + (wanted.get(sku.productId) ?? 0) > sku.purchaseLimit!) {
        throw new PurchaseLimitExceeded(sku.productId, sku.purchaseLimit!, already);
      }
    }
  }

  private previewView({ skus, priced }: Checkout): OrderPreview {
    return {
      lines: priced.lines.map((line) => {
        const sku = skus.get(Number(line.skuId))!;
        return {
          skuId: line.skuId,
          productId: line.productId,
          title: sku.title,
          image: sku.image ? mediaUrl(this.config.publicBaseUrl, sku.image) : '',
          specs: sku.specs,
          quantity: line.quantity,
          skuPrice: line.skuPrice,
          unitPrice: line.unitPrice,
          goodsAmount: line.listGoodsAmount,
          discountAmount: line.discountAmount,
          couponDiscount: line.couponDiscount,
          pointsDeduction: line.pointsDeduction,
          paidAmount: line.paidAmount,
          isGift: line.isGift,
        };
      }),
      goodsAmount: priced.goodsAmount,
      discounts: priced.discounts,
      discountAmount: priced.discountAmount,
      couponDiscount: priced.couponDiscount,
      pointsDeduction: priced.pointsDeduction,
      pointsUsed: priced.pointsUsed,
      shippingFee: priced.shippingFee,
      payable: priced.payable,
      notices: priced.notices,
    };
  }
}
