import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type {
  PointsMallAdminList,
  PointsMallAdminQuery,
  PointsMallItemAdminView,
  PointsMallItemCreateRequest,
  PointsMallItemUpdateRequest,
  PointsMallList,
  PointsRedeemRequest,
  PointsRedemptionView,
} from '@weshop/shared';
import { InventoryRepository } from '../catalog/inventory.repository';
import { toTemplateView } from '../coupon/coupon.view';
import { CouponService } from '../coupon/coupon.service';
import type { PointsMallItem, PointsRedemption } from '../generated/prisma/client';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { Clock } from '../infra/clock';
import { DomainEvents, type Tx } from '../infra/events/domain-events';
import { ValidationFailed } from '../infra/http/domain-error';
import { isDatabaseBusy } from '../infra/http/error.filter';
import { IdempotencyStore, requestFingerprint } from '../infra/idempotency/idempotency';
import { PrismaService } from '../infra/prisma/prisma.service';
import { mediaUrl } from '../media/media-url';
import { OrderService } from '../order/order.service';
import {
  PointsMallItemInvalid,
  PointsMallItemNotFound,
  PointsMallLimitReached,
  PointsMallSoldOut,
} from './points-mall.errors';
import { itemProblems, remainingFor, statusOnRedeem, type RedemptionStatus } from './points-mall.policy';
import { PointsService } from './points.service';

/**
 * 积分商城. A redemption is one transaction (with its Idempotency-Key row):
 * 1. the member's points account row is locked, so one member's redemptions queue;
 * 2. one unit of the item's stock is taken by a guarded decrement (never below 0); the item's row
 *    lock, held to the commit, makes the redemptions of one item run one at a time from here (no
 *    interleaved ledger, coupon or order writes of different members, so no deadlocks among them);
 * 3. the member's redemptions of the item are counted (a locking read) against the per-member limit;
 * 4. a GIFT becomes an order through the order domain (one unit, the SKU's stock reserved; 0 fen:
 *    paid at once and TO_SHIP; points + cash: PENDING_PAYMENT, paid through WeChat Pay);
 * 5. the points are spent oldest lot first (REDEEM entries; against the gift's order, so a
 *    cancellation returns them through the ledger's own `order.cancelled` handling);
 * 6. a COUPON is issued from its POINTS_MALL template (its total and per-user limits hold; refused:
 *    the whole redemption rolls back, the unit and the points with it).
 * An unpaid gift order cancelled (by the member or its timeout) gives the item's unit back in the
 * cancellation's transaction, and the redemption no longer counts toward the limit.
 */
@Injectable()
export class PointsMallService implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(DomainEvents) private readonly events: DomainEvents,
    @Inject(IdempotencyStore) private readonly idempotency: IdempotencyStore,
    @Inject(PointsService) private readonly points: PointsService,
    @Inject(CouponService) private readonly coupons: CouponService,
    @Inject(OrderService) private readonly orders: OrderService,
    @Inject(InventoryRepository) private readonly inventory: InventoryRepository,
  ) {}

  onModuleInit(): void {
    this.events.onInTransaction('order.paid', async (tx, order) => {
      await tx.pointsRedemption.updateMany({
        where: { orderId: order.orderId, status: 'PENDING_PAYMENT' },
        data: { status: 'COMPLETED' },
      });
    });
    this.events.onInTransaction('order.cancelled', (tx, order) => this.giveBack(tx, order.orderId, order.userId));
  }

  // ---- the member ----------------------------------------------------------------------------

  async list(userId: number): Promise<PointsMallList> {
    const rows = await this.prisma.client.pointsMallItem.findMany({
      where: { active: true },
      orderBy: [{ id: 'desc' }],
      take: 200,
    });
    const mine = await this.prisma.client.pointsRedemption.groupBy({
      by: ['itemId'],
      where: { userId, itemId: { in: rows.map((r) => r.id) }, status: { not: 'CANCELLED' } },
      _count: { _all: true },
    });
    const byItem = new Map(mine.map((m) => [m.itemId, m._count._all]));
    const looks = await this.looks(rows);
    const items = rows
      .map((row) => ({
        ...this.core(row, looks),
        remainingForMe: remainingFor(row, byItem.get(row.id) ?? 0),
      }))
      .sort((a, b) => Number(b.stock > 0) - Number(a.stock > 0));
    return { available: await this.points.usable(userId), items };
  }

  /** 兑换 (`Idempotency-Key` required): a retry with the same key answers the same redemption. */
  async redeem(userId: number, itemId: number, body: PointsRedeemRequest, key: string | undefined) {
    if (!key) throw new ValidationFailed([{ path: 'Idempotency-Key', message: 'required to redeem' }]);
    const request = {
      scope: 'points-mall.redeem',
      userId,
      key,
      fingerprint: requestFingerprint('POST', `/api/v1/points-mall/items/${itemId}/redeem`, body),
    };
    const stored = await this.idempotency.replay<PointsRedemptionView>(request);
    if (stored) return stored;
    const item = await this.prisma.client.pointsMallItem.findUnique({ where: { id: itemId } });
    if (!item || !item.active) throw new PointsMallItemNotFound(itemId);
    if (item.stock <= 0) throw new PointsMallSoldOut(itemId); // the quick answer; the decrement decides
    // A deadlock rolls the whole transaction back (the key row too): try again, a few times.
    for (let attempt = 1; ; attempt++) {
      const after: Array<() => Promise<void>> = [];
      try {
        const { result } = await this.idempotency.inOneTransaction(
          request,
          (tx) => this.redeemIn(tx, userId, itemId, body, after),
          {
            afterCommit: async () => {
              for (const fn of after) await fn().catch(() => undefined);
            },
          },
        );
        return result;
      } catch (error) {
        if (attempt >= 3 || !rolledBackByDeadlock(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.floor(Math.random() * 30)));
      }
    }
  }

  private async redeemIn(
    tx: Tx,
    userId: number,
    itemId: number,
    body: PointsRedeemRequest,
    after: Array<() => Promise<void>>,
  ): Promise<PointsRedemptionView> {
    await this.points.lockAccount(tx, userId);
    // The unit first: the item's row stays locked to the commit, so the redemptions of one item run
    // one after another past this point (their points, coupon and order writes never interleave).
    const taken = await tx.$executeRaw`
      UPDATE points_mall_item SET stock = stock - 1 WHERE id = ${itemId} AND active = TRUE AND stock >= 1`;
    const item = await tx.pointsMallItem.findUnique({ where: { id: itemId } });
    if (!item || !item.active) throw new PointsMallItemNotFound(itemId);
    if (taken !== 1) throw new PointsMallSoldOut(itemId);
    // Under the member's account lock and the item's: a locking read sees every redemption committed.
    const [mine] = await tx.$queryRaw<Array<{ n: unknown }>>`
      SELECT COUNT(*) AS n FROM points_redemption
       WHERE user_id = ${userId} AND item_id = ${itemId} AND status <> 'CANCELLED' FOR UPDATE`;
    if (Number(mine?.n ?? 0) >= item.perUserLimit) throw new PointsMallLimitReached(item.perUserLimit);
    const now = this.clock.now();
    const note = `积分兑换 ${item.title}`.slice(0, 64);
    let orderId: number | null = null;
    let couponId: number | null = null;
    if (item.kind === 'GIFT') {
      const placed = await this.orders.placeExchangeOrder(tx, {
        userId,
        skuId: item.skuId!,
        addressId: body.addressId ? Number(body.addressId) : undefined,
        cash: item.cash,
        pointsUsed: item.points,
        remark: note,
      });
      orderId = placed.orderId;
      after.push(placed.afterCommit);
    }
    await this.points.redeem(tx, userId, item.points, { orderId, at: now, note });
    if (item.kind === 'COUPON')
      couponId = (await this.coupons.issue(tx, userId, item.couponTemplateId!, 'POINTS_MALL')).id;
    const row = await tx.pointsRedemption.create({
      data: {
        itemId,
        userId,
        points: item.points,
        cash: item.kind === 'GIFT' ? item.cash : 0,
        orderId,
        couponId,
        status: statusOnRedeem(item.kind === 'GIFT' ? item.cash : 0),
        createdAt: now,
      },
    });
    return toRedemptionView(row, item.kind);
  }

  /**
   * `order.cancelled`: an unpaid points + cash gift. Its points come back through the ledger's own
   * handling of the order; here the item's unit comes back and the redemption stops counting.
   * The member's account is locked first, as a redemption does, so the two never deadlock.
   */
  private async giveBack(tx: Tx, orderId: number, userId: number): Promise<void> {
    const pending = await tx.pointsRedemption.findFirst({ where: { orderId, status: 'PENDING_PAYMENT' } });
    if (!pending) return;
    await this.points.lockAccount(tx, userId);
    const cancelled = await tx.pointsRedemption.updateMany({
      where: { id: pending.id, status: 'PENDING_PAYMENT' },
      data: { status: 'CANCELLED' },
    });
    if (cancelled.count !== 1) return;
    await tx.$executeRaw`UPDATE points_mall_item SET stock = stock + 1 WHERE id = ${pending.itemId}`;
  }

  // ---- the manager ---------------------------------------------------------------------------

  async adminList(query: PointsMallAdminQuery): Promise<PointsMallAdminList> {
    const rows = await this.prisma.client.pointsMallItem.findMany({
      where: query.active ? { active: query.active === 'true' } : {},
      orderBy: { id: 'desc' },
      take: 500,
    });
    return { items: await this.adminViews(rows) };
  }

  async create(body: PointsMallItemCreateRequest): Promise<PointsMallItemAdminView> {
    const skuId = body.skuId ? Number(body.skuId) : null;
    const couponTemplateId = body.couponTemplateId ? Number(body.couponTemplateId) : null;
    await this.validate({ kind: body.kind, cash: body.cash, skuId, couponTemplateId });
    const row = await this.prisma.client.pointsMallItem.create({
      data: {
        kind: body.kind,
        title: body.title,
        skuId,
        couponTemplateId,
        points: body.points,
        cash: body.cash,
        stock: body.stock,
        perUserLimit: body.perUserLimit,
        active: body.active,
        createdAt: this.clock.now(),
      },
    });
    return (await this.adminViews([row]))[0];
  }

  async update(id: number, body: PointsMallItemUpdateRequest): Promise<PointsMallItemAdminView> {
    const current = await this.prisma.client.pointsMallItem.findUnique({ where: { id } });
    if (!current) throw new PointsMallItemNotFound(id);
    await this.validate({
      kind: current.kind,
      cash: body.cash ?? current.cash,
      skuId: current.skuId,
      couponTemplateId: current.couponTemplateId,
    });
    const row = await this.prisma.client.pointsMallItem.update({ where: { id }, data: body });
    return (await this.adminViews([row]))[0];
  }

  private async validate(draft: {
    kind: 'GIFT' | 'COUPON';
    cash: number;
    skuId: number | null;
    couponTemplateId: number | null;
  }): Promise<void> {
    const [sku] = draft.skuId === null ? [] : await this.inventory.skusForCheckout([draft.skuId]);
    const template =
      draft.couponTemplateId === null
        ? null
        : await this.prisma.client.couponTemplate.findUnique({ where: { id: draft.couponTemplateId } });
    const problems = itemProblems({
      kind: draft.kind,
      cash: draft.cash,
      sku: sku ? { exchangeable: sku.pointsExchangeable } : null,
      template: template ? { channel: template.channel } : null,
    });
    if (problems.length) throw new PointsMallItemInvalid(problems);
  }

  // ---- views ---------------------------------------------------------------------------------

  /** The gift's image and specs, or the coupon's terms, for a page of items. */
  private async looks(rows: readonly PointsMallItem[]) {
    const skuIds = [...new Set(rows.flatMap((r) => (r.skuId === null ? [] : [r.skuId])))];
    const templateIds = [...new Set(rows.flatMap((r) => (r.couponTemplateId === null ? [] : [r.couponTemplateId])))];
    const [skus, templates] = await Promise.all([
      skuIds.length ? this.inventory.skusForCheckout(skuIds) : [],
      templateIds.length ? this.prisma.client.couponTemplate.findMany({ where: { id: { in: templateIds } } }) : [],
    ]);
    return {
      skus: new Map(skus.map((s) => [s.skuId, s])),
      templates: new Map(templates.map((t) => [t.id, toTemplateView(t)])),
    };
  }

  private core(row: PointsMallItem, looks: Awaited<ReturnType<PointsMallService['looks']>>) {
    const sku = row.skuId === null ? undefined : looks.skus.get(row.skuId);
    const template = row.couponTemplateId === null ? undefined : looks.templates.get(row.couponTemplateId);
    return {
      id: String(row.id),
      kind: row.kind,
      title: row.title,
      points: row.points,
      cash: row.cash,
      stock: row.stock,
      perUserLimit: row.perUserLimit,
      image: sku?.image ? mediaUrl(this.config.publicBaseUrl, sku.image) : '',
      subtitle: sku ? Object.values(sku.specs).join(' ') || sku.title : (template?.title ?? ''),
    };
  }

  private async adminViews(rows: readonly PointsMallItem[]): Promise<PointsMallItemAdminView[]> {
    const counts = await this.prisma.client.pointsRedemption.groupBy({
      by: ['itemId'],
      where: { itemId: { in: rows.map((r) => r.id) }, status: { not: 'CANCELLED' } },
      _count: { _all: true },
    });
    const redeemed = new Map(counts.map((c) => [c.itemId, c._count._all]));
    const looks = await this.looks(rows);
    return rows.map((row) => ({
      ...this.core(row, looks),
      skuId: row.skuId === null ? null : String(row.skuId),
      couponTemplateId: row.couponTemplateId === null ? null : String(row.couponTemplateId),
      active: row.active,
      redeemed: redeemed.get(row.id) ?? 0,
      createdAt: row.createdAt.toISOString(),
    }));
  }
}

/** A deadlock or lock wait timeout (Prisma's own code, or the driver's under a raw query). */
function rolledBackByDeadlock(error: unknown): boolean {
  if (isDatabaseBusy(error)) return true;
  const e = error as { code?: unknown; message?: unknown };
  return e?.code === 'P2010' && typeof e.message === 'string' && /\b(1213|1205)\b/.test(e.message);
}

function toRedemptionView(row: PointsRedemption, kind: 'GIFT' | 'COUPON'): PointsRedemptionView {
  return {
    id: String(row.id),
    itemId: String(row.itemId),
    kind,
    points: row.points,
    cash: row.cash,
    status: row.status as RedemptionStatus,
    orderId: row.orderId === null ? null : String(row.orderId),
    couponId: row.couponId === null ? null : String(row.couponId),
    createdAt: row.createdAt.toISOString(),
  };
}
