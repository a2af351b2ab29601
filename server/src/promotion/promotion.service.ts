import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  PROMOTION_TYPES,
  type ActivePromotions,
  type FlashSaleSkuInput,
  type PromotionAdminQuery,
  type PromotionCreateRequest,
  type PromotionPage,
  type PromotionView,
  type ReductionTier,
} from '@weshop/shared';
import type { Prisma } from '../generated/prisma/client';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { Clock } from '../infra/clock';
import { DomainEvents, type DomainEventMap, type Tx } from '../infra/events/domain-events';
import { PrismaService } from '../infra/prisma/prisma.service';
import { CheckoutActivities, type PricingContribution, type PricingContributor } from '../order/checkout-activities';
import { FlashSaleLimitExceeded, FlashSaleSoldOut, PromotionInvalid, PromotionNotFound } from './promotion.errors';
import {
  flashSaleRefusal,
  flashUnitPrice,
  fullReductionStage,
  windowsOverlap,
  type FullReduction,
} from './promotion.policy';

type Db = Tx | PrismaService['client'];
type PromotionRow = Prisma.PromotionGetPayload<{ include: { flashSkus: true } }>;

/** A SKU's running flash sale as checkout reads it. */
interface RunningFlashSku {
  promotionId: number;
  skuId: number;
  price: number;
  quota: number;
  sold: number;
  perUserLimit: number;
  startsAt: Date;
  endsAt: Date;
  earnsCommission: boolean | null;
}

/**
 * 营销活动: 限时折扣/秒杀 (a step-1 activity price with its own quota and per-person limit) and 满减
 * (a step-2 promotion), plugged into checkout as a PricingContributor. A flash sale's quota is taken
 * in the order's transaction (a guarded increment: never more than the quota, whatever the
 * concurrency) and given back when the unpaid order is cancelled.
 */
@Injectable()
export class PromotionService implements OnModuleInit, PricingContributor {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(DomainEvents) private readonly events: DomainEvents,
    @Inject(CheckoutActivities) private readonly activities: CheckoutActivities,
  ) {}

  onModuleInit(): void {
    this.activities.register(this);
    this.events.onInTransaction('order.placed', (tx, order) => this.takeQuota(tx, order));
    this.events.onInTransaction('order.cancelled', (tx, order) => this.giveQuotaBack(tx, order.orderId));
  }

  // ---- checkout ------------------------------------------------------------------------------

  /**
   * Step 1: the flash price of SKUs in a running flash sale (refused when its quota has not enough
   * left or the buyer is past the per-person limit); step 2: the running full reductions. A group
   * buy the buyer chose outranks the flash sale, so then no flash sale is consulted.
   */
  async contribute({
    userId,
    body,
    skus,
    now,
    tx,
  }: Parameters<PricingContributor['contribute']>[0]): Promise<PricingContribution> {
    const db = tx ?? this.prisma.client;
    const contribution: PricingContribution = {};
    const reductions = await this.runningReductions(db, now);
    if (reductions.length) contribution.promotions = fullReductionStage(reductions);
    if (body.groupBuy) return contribution;

    const flash = await this.runningFlashSkus(db, [...skus.keys()], now);
    const prices = new Map<string, RunningFlashSku>();
    for (const item of body.items) {
      const skuId = Number(item.skuId);
      const sale = flash.get(skuId);
      const sku = skus.get(skuId);
      if (!sale || !sku || flashUnitPrice(sale, sku.price) === null) continue;
      const already = await this.unitsBought(db, userId, sale);
      const refusal = flashSaleRefusal(sale, item.quantity, already);
      if (refusal === 'SOLD_OUT') throw new FlashSaleSoldOut(skuId);
      if (refusal === 'LIMIT') throw new FlashSaleLimitExceeded(skuId, sale.perUserLimit, already);
      prices.set(String(skuId), sale);
    }
    if (prices.size === 0) return contribution;
    contribution.activityPrices = {
      FLASH_SALE: (line) => {
        const sale = prices.get(line.skuId);
        const unitPrice = sale && flashUnitPrice(sale, line.skuPrice);
        return unitPrice ? { unitPrice, label: '限时折扣', kind: 'FLASH_SALE' } : null;
      },
    };
    contribution.paymentTimeoutMs = this.config.orders.activityPaymentTimeoutMs;
    contribution.lineActivity = (line) => {
      if (line.priceSource !== 'FLASH_SALE') return null;
      return { kind: 'FLASH_SALE', earnsCommission: prices.get(line.skuId)?.earnsCommission ?? null };
    };
    return contribution;
  }

  /** In the order's transaction: each flash-sale line takes its units from the quota, or the order fails. */
  private async takeQuota(tx: Tx, order: DomainEventMap['order.placed']): Promise<void> {
    if (order.kind === 'GROUP_BUY') return;
    const lines = order.lines.filter((l) => l.activity?.kind === 'FLASH_SALE');
    if (!lines.length) return;
    const flash = await this.runningFlashSkus(
      tx,
      lines.map((l) => l.skuId),
      order.createdAt,
    );
    for (const line of [...lines].sort((a, b) => a.skuId - b.skuId)) {
      const sale = flash.get(line.skuId);
      if (!sale) throw new FlashSaleSoldOut(line.skuId);
      const taken = await tx.$executeRaw`
        UPDATE flash_sale_sku SET sold = sold + ${line.quantity}
         WHERE promotion_id = ${sale.promotionId} AND sku_id = ${line.skuId} AND sold + ${line.quantity} <= quota`;
      if (taken !== 1) throw new FlashSaleSoldOut(line.skuId);
    }
  }

  /** An unpaid order was cancelled (by the buyer or the timeout): its flash-sale units go back to the quota. */
  private async giveQuotaBack(tx: Tx, orderId: number): Promise<void> {
    const order = await tx.order.findUnique({ where: { id: orderId }, include: { lines: true } });
    if (!order || order.kind === 'GROUP_BUY') return;
    for (const line of order.lines) {
      // The flash sale the line was bought in: its SKU at its price, running when the order was placed.
      const sale = await tx.flashSaleSku.findFirst({
        where: {
          skuId: line.skuId,
          price: line.unitPrice,
          promotion: { type: 'FLASH_SALE', startsAt: { lte: order.createdAt }, endsAt: { gt: order.createdAt } },
        },
        orderBy: { promotionId: 'asc' },
      });
      if (!sale) continue;
      await tx.$executeRaw`
        UPDATE flash_sale_sku SET sold = sold - ${line.quantity}
         WHERE promotion_id = ${sale.promotionId} AND sku_id = ${line.skuId} AND sold >= ${line.quantity}`;
    }
  }

  /** Running flash sales of these SKUs, one per SKU (overlapping sales of a SKU are refused at creation). */
  private async runningFlashSkus(db: Db, skuIds: number[], now: Date): Promise<Map<number, RunningFlashSku>> {
    if (!skuIds.length) return new Map();
    const rows = await db.flashSaleSku.findMany({
      where: {
        skuId: { in: skuIds },
        promotion: { type: 'FLASH_SALE', status: 'ACTIVE', startsAt: { lte: now }, endsAt: { gt: now } },
      },
      include: { promotion: true },
      orderBy: { promotionId: 'asc' },
    });
    const found = new Map<number, RunningFlashSku>();
    for (const row of rows) {
      if (found.has(row.skuId)) continue;
      found.set(row.skuId, {
        promotionId: row.promotionId,
        skuId: row.skuId,
        price: row.price,
        quota: row.quota,
        sold: row.sold,
        perUserLimit: row.perUserLimit,
        startsAt: row.promotion.startsAt,
        endsAt: row.promotion.endsAt,
        earnsCommission: row.promotion.earnsCommission,
      });
    }
    return found;
  }

  /**
   * Units of the SKU the buyer holds from this flash sale: lines at the flash price in their orders
   * placed during the sale and not cancelled. A plain read: a locking read over the buyer's orders
   * takes gap locks that deadlock concurrent buyers' inserts. So two orders of the same buyer racing
   * each other can both pass (the quota itself is exact); see the report for the table that closes it.
   */
  private async unitsBought(db: Db, userId: number, sale: RunningFlashSku): Promise<number> {
    const [row] = await db.$queryRaw<{ units: unknown }[]>`
      SELECT COALESCE(SUM(l.quantity), 0) AS units
        FROM orders o JOIN order_line l ON l.order_id = o.id
       WHERE o.user_id = ${userId} AND o.status <> 'CANCELLED' AND o.kind <> 'GROUP_BUY'
         AND o.created_at >= ${sale.startsAt} AND o.created_at < ${sale.endsAt}
         AND l.sku_id = ${sale.skuId} AND l.unit_price = ${sale.price}`;
    return Number(row?.units ?? 0);
  }

  private async runningReductions(db: Db, now: Date): Promise<FullReduction[]> {
    const rows = await db.promotion.findMany({
      where: { type: 'FULL_REDUCTION', status: 'ACTIVE', startsAt: { lte: now }, endsAt: { gt: now } },
      orderBy: { id: 'asc' },
    });
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      scope: row.scope as FullReduction['scope'],
      scopeIds: (row.scopeIds as string[]) ?? [],
      tiers: tiersOf(row.rules),
    }));
  }

  // ---- admin ---------------------------------------------------------------------------------

  async create(body: PromotionCreateRequest): Promise<PromotionView> {
    const startsAt = new Date(body.startsAt);
    const endsAt = new Date(body.endsAt);
    return this.prisma.transaction(async (tx) => {
      if (body.type === 'FLASH_SALE') {
        await this.checkFlashSkus(tx, body.skus, { startsAt, endsAt });
      } else if (body.scope !== 'ALL') {
        await this.checkScopeIds(tx, body.scope, body.scopeIds);
      }
      const row = await tx.promotion.create({
        data: {
          type: body.type,
          title: body.title,
          startsAt,
          endsAt,
          scope: body.type === 'FULL_REDUCTION' ? body.scope : 'ALL',
          scopeIds: body.type === 'FULL_REDUCTION' ? body.scopeIds : [],
          rules: body.type === 'FULL_REDUCTION' ? { tiers: body.tiers } : {},
          earnsCommission: body.earnsCommission,
          earnsPoints: body.earnsPoints,
          flashSkus:
            body.type === 'FLASH_SALE'
              ? {
                  create: body.skus.map((s) => ({
                    skuId: Number(s.skuId),
                    price: s.price,
                    quota: s.quota,
                    perUserLimit: s.perUserLimit,
                  })),
                }
              : undefined,
        },
        include: { flashSkus: true },
      });
      return toView(row);
    });
  }

  async list(query: PromotionAdminQuery): Promise<PromotionPage> {
    const where = { type: query.type ?? { in: [...PROMOTION_TYPES] }, status: query.status };
    const [rows, total] = await Promise.all([
      this.prisma.client.promotion.findMany({
        where,
        include: { flashSkus: true },
        orderBy: { id: 'desc' },
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      }),
      this.prisma.client.promotion.count({ where }),
    ]);
    return { items: rows.map(toView), total, page: query.page, pageSize: query.pageSize };
  }

  /** Stops a promotion at once; orders already placed keep their prices and their quota. */
  async disable(id: number): Promise<PromotionView> {
    const found = await this.prisma.client.promotion.findUnique({ where: { id } });
    if (!found) throw new PromotionNotFound(String(id));
    const row = await this.prisma.client.promotion.update({
      where: { id },
      data: { status: 'DISABLED' },
      include: { flashSkus: true },
    });
    return toView(row);
  }

  /** What runs now, for the shop's pages (flash-sale SKUs with the quota left). */
  async active(): Promise<ActivePromotions> {
    const now = this.clock.now();
    const rows = await this.prisma.client.promotion.findMany({
      where: { type: { in: [...PROMOTION_TYPES] }, status: 'ACTIVE', startsAt: { lte: now }, endsAt: { gt: now } },
      include: { flashSkus: true },
      orderBy: { endsAt: 'asc' },
    });
    return {
      items: rows.map((row) => {
        const view = toView(row);
        return {
          id: view.id,
          type: view.type,
          title: view.title,
          startsAt: view.startsAt,
          endsAt: view.endsAt,
          scope: view.scope,
          scopeIds: view.scopeIds,
          tiers: view.tiers,
          skus: view.skus.map((s) => ({
            skuId: s.skuId,
            price: s.price,
            quota: s.quota,
            perUserLimit: s.perUserLimit,
            remaining: Math.max(s.quota - s.sold, 0),
          })),
        };
      }),
    };
  }

  private async checkFlashSkus(
    tx: Tx,
    skus: readonly FlashSaleSkuInput[],
    window: { startsAt: Date; endsAt: Date },
  ): Promise<void> {
    const ids = skus.map((s) => Number(s.skuId));
    const [found, others] = await Promise.all([
      tx.sku.findMany({ where: { id: { in: ids } }, select: { id: true, price: true } }),
      tx.flashSaleSku.findMany({
        where: { skuId: { in: ids }, promotion: { status: 'ACTIVE', type: 'FLASH_SALE' } },
        include: { promotion: true },
      }),
    ]);
    const prices = new Map(found.map((s) => [s.id, s.price]));
    const problems: { path: string; message: string }[] = [];
    skus.forEach((s, i) => {
      const price = prices.get(Number(s.skuId));
      if (price === undefined) problems.push({ path: `skus.${i}.skuId`, message: 'no such SKU' });
      else if (s.price >= price)
        problems.push({ path: `skus.${i}.price`, message: `must be below the SKU's price (${price} fen)` });
      const clash = others.find((o) => o.skuId === Number(s.skuId) && windowsOverlap(o.promotion, window));
      if (clash)
        problems.push({ path: `skus.${i}.skuId`, message: `already in flash sale ${clash.promotionId} at that time` });
    });
    if (problems.length) throw new PromotionInvalid(problems);
  }

  private async checkScopeIds(tx: Tx, scope: 'CATEGORIES' | 'PRODUCTS', ids: string[]): Promise<void> {
    const numbers = [...new Set(ids.map(Number))];
    const count =
      scope === 'CATEGORIES'
        ? await tx.category.count({ where: { id: { in: numbers } } })
        : await tx.product.count({ where: { id: { in: numbers } } });
    if (count !== numbers.length || numbers.length !== ids.length)
      throw new PromotionInvalid([
        {
          path: 'scopeIds',
          message: `each id must be a distinct existing ${scope === 'CATEGORIES' ? 'category' : 'product'}`,
        },
      ]);
  }
}

function tiersOf(rules: unknown): ReductionTier[] {
  const tiers = (rules as { tiers?: ReductionTier[] } | null)?.tiers;
  return Array.isArray(tiers) ? tiers : [];
}

function toView(row: PromotionRow): PromotionView {
  return {
    id: String(row.id),
    type: row.type as PromotionView['type'],
    title: row.title,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    status: row.status,
    scope: row.scope as PromotionView['scope'],
    scopeIds: ((row.scopeIds as string[]) ?? []).map(String),
    tiers: tiersOf(row.rules),
    skus: row.flashSkus.map((s) => ({
      skuId: String(s.skuId),
      price: s.price,
      quota: s.quota,
      sold: s.sold,
      perUserLimit: s.perUserLimit,
    })),
    earnsCommission: row.earnsCommission,
    earnsPoints: row.earnsPoints,
  };
}
