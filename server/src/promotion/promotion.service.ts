import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  BundleRule,
  BuyXGetYRule,
  FullGiftRule,
  PROMOTION_TYPES,
  UPCOMING_FLASH_SALE_DAYS,
  type ActiveFlashSaleSku,
  type ActivePromotion,
  type ActivePromotions,
  type BundleItem,
  type FlashSaleSkuInput,
  type OrderPreviewRequest,
  type PromotionAdminQuery,
  type PromotionCreateRequest,
  type PromotionPage,
  type PromotionUpdateRequest,
  type PromotionView,
  type ReductionTier,
} from '@weshop/shared';
import { Prisma } from '../generated/prisma/client';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { Clock } from '../infra/clock';
import { DomainEvents, type DomainEventMap, type Tx } from '../infra/events/domain-events';
import { ValidationFailed } from '../infra/http/domain-error';
import { PrismaService } from '../infra/prisma/prisma.service';
import { MemberService } from '../member/member.service';
import { StockGate } from '../catalog/stock-gate';
import { mediaUrl } from '../media/media-url';
import {
  CheckoutActivities,
  type CheckoutHold,
  type PricingContribution,
  type PricingContributor,
} from '../order/checkout-activities';
import { combinePromotions, type PricedLine, type PricingStages } from '../pricing/price-order.policy';
import { planPromotionEdit, type GateAdjustment, type PromotionEdit } from './promotion-edit.policy';
import {
  FlashSaleLimitExceeded,
  FlashSaleSoldOut,
  PromotionFieldLocked,
  PromotionInvalid,
  PromotionNotEditable,
  PromotionNotFound,
  PromotionTypeFixed,
} from './promotion.errors';
import {
  bundleListPrice,
  bundleStage,
  buyXGetYStage,
  flashSaleRefusal,
  flashUnitPrice,
  fullGiftStage,
  fullReductionStage,
  windowsOverlap,
  type Bundle,
  type BuyXGetY,
  type FullGift,
  type FullReduction,
  type ScopeRule,
} from './promotion.policy';

type Db = Tx | PrismaService['client'];
type PromotionRow = Prisma.PromotionGetPayload<{ include: { flashSkus: true } }>;

/** What GET /promotions/active adds to a flash-sale SKU for the 限时秒杀 page. */
type FlashSkuShowcase = Pick<ActiveFlashSaleSku, 'productId' | 'title' | 'specs' | 'cover' | 'skuPrice' | 'stock'>;

/** The stock-gate counter of a flash sale's quota for one SKU. */
const flashCounter = (sale: { promotionId: number; skuId: number }) => `flash:${sale.promotionId}:${sale.skuId}`;

/** A SKU's running flash sale as checkout reads it. */
/** A running flash sale's SKU as the joined read returns it (integers may come as bigints, flags as 0/1). */
interface FlashSkuRow {
  promotionId: number | bigint;
  skuId: number | bigint;
  price: number | bigint;
  quota: number | bigint;
  sold: number | bigint;
  perUserLimit: number | bigint;
  startsAt: Date;
  endsAt: Date;
  earnsCommission: boolean | number | null;
  memberDayOnly: boolean | number;
}

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
  memberDayOnly: boolean;
}

/** The step-2 promotions running for one checkout, with the flags checkout enforces per line. */
interface RunningOrderPromotions {
  reductions: FullReduction[];
  gifts: FullGift[];
  bundles: Bundle[];
  buyXGetY: BuyXGetY[];
  flags: Map<string, { earnsPoints: boolean; earnsCommission: boolean | null }>;
}

const STEP_TWO_TYPES = ['FULL_REDUCTION', 'FULL_GIFT', 'BUNDLE', 'BUY_X_GET_Y'] as const;

/**
 * 营销活动: 限时折扣/秒杀 (a step-1 activity price with its own quota and per-person limit) and the
 * step-2 promotions 满减, 满赠, 组合优惠 and 买X送Y, plugged into checkout as a PricingContributor. A
 * flash sale's quota is taken in the order's transaction (a guarded increment: never more than the
 * quota, whatever the concurrency) and given back when the unpaid order is cancelled. Gift lines
 * (满赠, 买X送Y) are priced here from a plain read of the gift's stock; the order service takes
 * their units with the same guarded decrement as any line and drops a gift whose units are gone.
 */
@Injectable()
export class PromotionService implements OnModuleInit, PricingContributor {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(DomainEvents) private readonly events: DomainEvents,
    @Inject(CheckoutActivities) private readonly activities: CheckoutActivities,
    @Inject(MemberService) private readonly members: MemberService,
    @Inject(StockGate) private readonly gate: StockGate,
  ) {}

  onModuleInit(): void {
    this.activities.register(this);
    this.events.onInTransaction('order.placed', (tx, order) => this.takeQuota(tx, order));
    this.events.onInTransaction('order.cancelled', (tx, order) => this.giveQuotaBack(tx, order.orderId));
  }

  // ---- checkout ------------------------------------------------------------------------------

  /**
   * Step 1: the flash price of SKUs in a running flash sale (refused when its quota has not enough
   * left or the buyer is past the per-person limit); step 2: the running 组合优惠, 满减, 满赠 and
   * 买X送Y. A group buy the buyer chose outranks the flash sale, so then no flash sale is consulted.
   * A promotion marked memberDayOnly runs only when it is member day for the buyer's level. Per
   * line: gift lines and lines of a promotion with earnsCommission false earn no commission, lines
   * of a promotion with earnsPoints false earn no points.
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
    let memberDay: boolean | undefined;
    const isMemberDay = async () => (memberDay ??= (await this.members.standing(userId, now, db)).memberDay);
    const running = await this.runningOrderPromotions(db, now, isMemberDay);
    const stock = new Map([...skus.values()].map((s) => [String(s.skuId), s.stock]));
    const stages: Array<PricingStages['promotions']> = [];
    if (running.bundles.length) stages.push(bundleStage(running.bundles));
    if (running.reductions.length) stages.push(fullReductionStage(running.reductions));
    if (running.gifts.length) stages.push(fullGiftStage(running.gifts));
    if (running.buyXGetY.length) stages.push(buyXGetYStage(running.buyXGetY, stock));
    if (stages.length) contribution.promotions = stages.length === 1 ? stages[0] : combinePromotions(...stages);
    const flagsOf = (line: PricedLine) =>
      line.promotionIds.flatMap((id) => {
        const flags = running.flags.get(id);
        return flags ? [flags] : [];
      });
    contribution.lineEarnsPoints = (line) => !line.isGift && flagsOf(line).every((f) => f.earnsPoints);
    const promotionActivity = (line: PricedLine) => {
      if (line.isGift) return { kind: 'GIFT', earnsCommission: false };
      return flagsOf(line).some((f) => f.earnsCommission === false)
        ? { kind: 'PROMOTION', earnsCommission: false }
        : null;
    };
    contribution.lineActivity = promotionActivity;
    if (body.groupBuy) return contribution;

    const flash = await this.runningFlashSkus(db, [...skus.keys()], now);
    const prices = new Map<string, RunningFlashSku>();
    for (const item of body.items) {
      const skuId = Number(item.skuId);
      const sale = flash.get(skuId);
      if (sale?.memberDayOnly && !(await isMemberDay())) continue;
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
      if (line.priceSource !== 'FLASH_SALE') return promotionActivity(line);
      return { kind: 'FLASH_SALE', earnsCommission: prices.get(line.skuId)?.earnsCommission ?? null };
    };
    return contribution;
  }

  /**
   * Before the order's transaction: each item of a running flash sale takes its units from the
   * sale's gate counter (seeded with the quota left), so a rush past the quota is answered
   * FLASH_SALE_SOLD_OUT without a transaction. Only a gate: `takeQuota` stays the truth, and what
   * the created order did not buy at the flash price goes back.
   */
  async holdBeforeTransaction({ userId, body, now }: { userId: number; body: OrderPreviewRequest; now: Date }) {
    const none: CheckoutHold = { giveBack: async () => undefined, settle: async () => undefined };
    if (body.groupBuy) return none;
    const flash = await this.runningFlashSkus(
      this.prisma.client,
      body.items.map((i) => Number(i.skuId)),
      now,
    );
    if (flash.size === 0) return none;
    let memberDay: boolean | undefined;
    const taken: Array<{ sale: RunningFlashSku; quantity: number }> = [];
    const giveBack = async (which = taken) => {
      for (const t of which) await this.gate.giveBack(flashCounter(t.sale), t.quantity);
    };
    for (const item of [...body.items].sort((a, b) => Number(a.skuId) - Number(b.skuId))) {
      const sale = flash.get(Number(item.skuId));
      if (!sale) continue;
      if (sale.memberDayOnly && !(memberDay ??= (await this.members.standing(userId, now)).memberDay)) continue;
      const seed = () => this.quotaLeft(sale);
      if (!(await this.gate.take(flashCounter(sale), item.quantity, seed))) {
        await giveBack();
        throw new FlashSaleSoldOut(sale.skuId);
      }
      taken.push({ sale, quantity: item.quantity });
    }
    return {
      giveBack: () => giveBack(),
      settle: async (lines) => {
        const unused = taken.flatMap((t) => {
          const bought = lines
            .filter((l) => Number(l.skuId) === t.sale.skuId && l.unitPrice === t.sale.price)
            .reduce((sum, l) => sum + l.quantity, 0);
          return bought < t.quantity ? [{ sale: t.sale, quantity: t.quantity - bought }] : [];
        });
        await giveBack(unused);
      },
    } satisfies CheckoutHold;
  }

  private async quotaLeft(sale: RunningFlashSku): Promise<number> {
    const row = await this.prisma.client.flashSaleSku.findUnique({
      where: { promotionId_skuId: { promotionId: sale.promotionId, skuId: sale.skuId } },
      select: { quota: true, sold: true },
    });
    return row ? Math.max(row.quota - row.sold, 0) : 0;
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
      if (taken !== 1) {
        await this.gate.forget(flashCounter(sale)); // the gate let too many through: seed it again
        throw new FlashSaleSoldOut(line.skuId);
      }
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
      const given = await tx.$executeRaw`
        UPDATE flash_sale_sku SET sold = sold - ${line.quantity}
         WHERE promotion_id = ${sale.promotionId} AND sku_id = ${line.skuId} AND sold >= ${line.quantity}`;
      const counter = flashCounter(sale);
      if (given === 1) this.prisma.afterCommitOf(tx, () => this.gate.giveBack(counter, line.quantity));
    }
  }

  /** Running flash sales of these SKUs, one per SKU (overlapping sales of a SKU are refused at creation). */
  private async runningFlashSkus(db: Db, skuIds: number[], now: Date): Promise<Map<number, RunningFlashSku>> {
    if (!skuIds.length) return new Map();
    // One joined read (every checkout makes it, twice under a rush: at the gate and in the
    // transaction); through the relation Prisma would make two, the second even when none was found.
    const rows = await db.$queryRaw<FlashSkuRow[]>`
      SELECT f.promotion_id AS promotionId, f.sku_id AS skuId, f.price, f.quota, f.sold,
             f.per_user_limit AS perUserLimit, p.starts_at AS startsAt, p.ends_at AS endsAt,
             p.earns_commission AS earnsCommission, p.member_day_only AS memberDayOnly
        FROM flash_sale_sku f JOIN promotion p ON p.id = f.promotion_id
       WHERE f.sku_id IN (${Prisma.join(skuIds)}) AND p.type = 'FLASH_SALE' AND p.status = 'ACTIVE'
         AND p.starts_at <= ${now} AND p.ends_at > ${now}
       ORDER BY f.promotion_id`;
    const found = new Map<number, RunningFlashSku>();
    for (const row of rows) {
      const skuId = Number(row.skuId);
      if (found.has(skuId)) continue;
      found.set(skuId, {
        promotionId: Number(row.promotionId),
        skuId,
        price: Number(row.price),
        quota: Number(row.quota),
        sold: Number(row.sold),
        perUserLimit: Number(row.perUserLimit),
        startsAt: row.startsAt,
        endsAt: row.endsAt,
        earnsCommission: row.earnsCommission === null ? null : Boolean(Number(row.earnsCommission)),
        memberDayOnly: Boolean(Number(row.memberDayOnly)),
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

  /**
   * The running step-2 promotions (memberDayOnly ones only on the buyer's member day), their rules
   * read by type (a row whose rules do not parse is skipped), 满赠 gift SKUs with their stock.
   */
  private async runningOrderPromotions(
    db: Db,
    now: Date,
    isMemberDay: () => Promise<boolean>,
  ): Promise<RunningOrderPromotions> {
    const rows = await db.promotion.findMany({
      where: { type: { in: [...STEP_TWO_TYPES] }, status: 'ACTIVE', startsAt: { lte: now }, endsAt: { gt: now } },
      orderBy: { id: 'asc' },
    });
    const running: RunningOrderPromotions = { reductions: [], gifts: [], bundles: [], buyXGetY: [], flags: new Map() };
    const giftRules = new Map<number, FullGiftRule>();
    for (const row of rows) {
      if (row.memberDayOnly && !(await isMemberDay())) continue;
      const base = { id: row.id, title: row.title, stackWithCoupon: row.stackWithCoupon };
      const scope: ScopeRule = {
        scope: row.scope as ScopeRule['scope'],
        scopeIds: ((row.scopeIds as unknown[]) ?? []).map(String),
      };
      running.flags.set(String(row.id), { earnsPoints: row.earnsPoints, earnsCommission: row.earnsCommission });
      if (row.type === 'FULL_REDUCTION') running.reductions.push({ ...base, ...scope, tiers: tiersOf(row.rules) });
      if (row.type === 'BUNDLE') {
        const rule = BundleRule.safeParse(row.rules);
        if (rule.success) running.bundles.push({ ...base, ...rule.data });
      }
      if (row.type === 'BUY_X_GET_Y') {
        const rule = BuyXGetYRule.safeParse(row.rules);
        if (rule.success) running.buyXGetY.push({ ...base, ...scope, ...rule.data });
      }
      if (row.type === 'FULL_GIFT') {
        const rule = FullGiftRule.safeParse(row.rules);
        if (rule.success) giftRules.set(row.id, rule.data);
      }
    }
    if (giftRules.size) {
      const skuIds = [...new Set([...giftRules.values()].map((r) => Number(r.giftSkuId)))];
      const skus = new Map(
        (await db.sku.findMany({ where: { id: { in: skuIds } }, include: { product: true } })).map((s) => [
          String(s.id),
          s,
        ]),
      );
      for (const row of rows) {
        const rule = giftRules.get(row.id);
        const sku = rule && skus.get(rule.giftSkuId);
        if (!rule || !sku) continue;
        running.gifts.push({
          id: row.id,
          title: row.title,
          stackWithCoupon: row.stackWithCoupon,
          scope: row.scope as ScopeRule['scope'],
          scopeIds: ((row.scopeIds as unknown[]) ?? []).map(String),
          threshold: rule.threshold,
          giftQuantity: rule.giftQuantity,
          gift: {
            skuId: String(sku.id),
            productId: String(sku.productId),
            categoryId: String(sku.product.categoryId),
            title: sku.product.title,
            stock: sku.stock,
          },
        });
      }
    }
    return running;
  }

  // ---- admin ---------------------------------------------------------------------------------

  async create(body: PromotionCreateRequest): Promise<PromotionView> {
    return this.prisma.transaction(async (tx) => {
      await this.checkCatalogue(tx, body);
      const row = await tx.promotion.create({
        data: {
          type: body.type,
          ...settingsOf(body),
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

  /**
   * 编辑: lays the patch over the promotion under a lock on its row, as planPromotionEdit allows at
   * this moment (everything before the start; the title, the end and raised flash quotas while it
   * runs; nothing once ended or disabled), with the catalogue checks of create. After the commit
   * the flash-sale gate hears of it: a raised quota is added to the sale's counter, other changes of
   * a sale not yet started drop the counters to be seeded again. Orders placed keep their prices.
   */
  async update(id: number, patch: PromotionUpdateRequest): Promise<PromotionView> {
    return this.prisma.transaction(async (tx, afterCommit) => {
      // One edit at a time per promotion: the plan below is made on what this read sees.
      const [locked] = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM promotion WHERE id = ${id} FOR UPDATE`;
      if (!locked) throw new PromotionNotFound(String(id));
      const row = await tx.promotion.findUniqueOrThrow({ where: { id }, include: { flashSkus: true } });
      const plan = planPromotionEdit(
        {
          body: createBodyOf(row),
          status: row.status,
          sold: new Map(row.flashSkus.map((s) => [String(s.skuId), s.sold])),
        },
        patch,
        this.clock.now(),
      );
      if (!plan.ok) throw editRefusal(id, plan);
      const { body } = plan;
      // A running promotion's rules are as they were checked at creation; only a longer flash sale
      // can newly clash with another sale of its SKUs.
      if (plan.phase === 'UPCOMING') await this.checkCatalogue(tx, body, id);
      else if (body.type === 'FLASH_SALE') await this.checkFlashSkus(tx, body.skus, windowOf(body), id, false);

      await tx.promotion.update({ where: { id }, data: settingsOf(body) });
      if (body.type === 'FLASH_SALE') {
        await tx.flashSaleSku.deleteMany({
          where: { promotionId: id, skuId: { notIn: body.skus.map((s) => Number(s.skuId)) } },
        });
        for (const s of body.skus) {
          const terms = { price: s.price, quota: s.quota, perUserLimit: s.perUserLimit };
          await tx.flashSaleSku.upsert({
            where: { promotionId_skuId: { promotionId: id, skuId: Number(s.skuId) } },
            update: terms,
            create: { promotionId: id, skuId: Number(s.skuId), ...terms },
          });
        }
      }
      afterCommit(() => this.adjustGate(id, plan.gate));
      return toView(await tx.promotion.findUniqueOrThrow({ where: { id }, include: { flashSkus: true } }));
    });
  }

  /**
   * The gate's counter of a raised quota gets the difference (GIVE never creates a counter, so a
   * missing one is seeded from the committed quota); the others are dropped and seeded again.
   */
  private async adjustGate(promotionId: number, adjustments: readonly GateAdjustment[]): Promise<void> {
    for (const a of adjustments) {
      const counter = flashCounter({ promotionId, skuId: Number(a.skuId) });
      if ('raiseBy' in a) await this.gate.giveBack(counter, a.raiseBy);
      else await this.gate.forget(counter);
    }
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

  /**
   * What runs now, for the shop's pages (flash-sale SKUs with the quota left), ending soonest first;
   * and the flash sales starting within UPCOMING_FLASH_SALE_DAYS, starting soonest first, for 即将开始.
   */
  async active(): Promise<ActivePromotions> {
    const now = this.clock.now();
    const horizon = new Date(now.getTime() + UPCOMING_FLASH_SALE_DAYS * 86_400_000);
    const rows = await this.prisma.client.promotion.findMany({
      where: {
        status: 'ACTIVE',
        endsAt: { gt: now },
        OR: [
          { type: { in: [...PROMOTION_TYPES] }, startsAt: { lte: now } },
          { type: 'FLASH_SALE', startsAt: { gt: now, lte: horizon } },
        ],
      },
      include: { flashSkus: true },
    });
    const running = rows.filter((r) => r.startsAt <= now).sort((a, b) => +a.endsAt - +b.endsAt || a.id - b.id);
    const upcoming = rows.filter((r) => r.startsAt > now).sort((a, b) => +a.startsAt - +b.startsAt || a.id - b.id);
    const skus = await this.flashSkuShowcase(rows.flatMap((row) => row.flashSkus.map((s) => s.skuId)));
    return {
      items: running.map((row) => shownPromotion(row, skus)),
      upcoming: upcoming.map((row) => shownPromotion(row, skus)),
    };
  }

  /** What the 限时秒杀 page shows of each SKU: its product, specs, cover, own price and stock. */
  private async flashSkuShowcase(ids: number[]): Promise<Map<string, FlashSkuShowcase>> {
    if (ids.length === 0) return new Map();
    const rows = await this.prisma.client.sku.findMany({
      where: { id: { in: [...new Set(ids)] } },
      select: {
        id: true,
        specs: true,
        price: true,
        stock: true,
        product: { select: { id: true, title: true, images: true } },
      },
    });
    return new Map(
      rows.map((row) => {
        const images = Array.isArray(row.product.images) ? (row.product.images as unknown[]) : [];
        const first = typeof images[0] === 'string' ? images[0] : '';
        return [
          String(row.id),
          {
            productId: String(row.product.id),
            title: row.product.title,
            specs: (row.specs ?? {}) as Record<string, string>,
            cover: first ? mediaUrl(this.config.publicBaseUrl, first) : '',
            skuPrice: row.price,
            stock: row.stock,
          },
        ];
      }),
    );
  }

  /**
   * What create checks against the catalogue (and an edit of a promotion not started yet): the SKUs,
   * products and categories named exist, prices are below the SKUs', no SKU in two flash sales at once.
   */
  private async checkCatalogue(tx: Tx, body: PromotionCreateRequest, editedId?: number): Promise<void> {
    if (body.type === 'FLASH_SALE') {
      await this.checkFlashSkus(tx, body.skus, windowOf(body), editedId);
    } else if (body.type === 'BUNDLE') {
      await this.checkBundle(tx, body.items, body.price);
    } else if (body.scope !== 'ALL') {
      await this.checkScopeIds(tx, body.scope, body.scopeIds);
    }
    if (body.type === 'FULL_GIFT' && !(await tx.sku.findUnique({ where: { id: Number(body.giftSkuId) } })))
      throw new PromotionInvalid([{ path: 'giftSkuId', message: 'no such SKU' }]);
  }

  /**
   * The SKUs exist and each flash price is below its SKU's price (unless `againstCatalogue` is false:
   * a running sale keeps the SKUs and prices it was checked with), and no SKU is in another active
   * flash sale over the same time (`editedId`: the sale being edited does not clash with itself).
   */
  private async checkFlashSkus(
    tx: Tx,
    skus: readonly FlashSaleSkuInput[],
    window: { startsAt: Date; endsAt: Date },
    editedId?: number,
    againstCatalogue = true,
  ): Promise<void> {
    const ids = skus.map((s) => Number(s.skuId));
    const [found, others] = await Promise.all([
      tx.sku.findMany({ where: { id: { in: ids } }, select: { id: true, price: true } }),
      tx.flashSaleSku.findMany({
        where: {
          skuId: { in: ids },
          promotionId: editedId === undefined ? undefined : { not: editedId },
          promotion: { status: 'ACTIVE', type: 'FLASH_SALE' },
        },
        include: { promotion: true },
      }),
    ]);
    const prices = new Map(found.map((s) => [s.id, s.price]));
    const problems: { path: string; message: string }[] = [];
    skus.forEach((s, i) => {
      const price = prices.get(Number(s.skuId));
      if (againstCatalogue && price === undefined) problems.push({ path: `skus.${i}.skuId`, message: 'no such SKU' });
      else if (againstCatalogue && price !== undefined && s.price >= price)
        problems.push({ path: `skus.${i}.price`, message: `must be below the SKU's price (${price} fen)` });
      const clash = others.find((o) => o.skuId === Number(s.skuId) && windowsOverlap(o.promotion, window));
      if (clash)
        problems.push({ path: `skus.${i}.skuId`, message: `already in flash sale ${clash.promotionId} at that time` });
    });
    if (problems.length) throw new PromotionInvalid(problems);
  }

  /** Every item names an existing SKU or product, and the set's price is below its price at SKU prices. */
  private async checkBundle(tx: Tx, items: readonly BundleItem[], price: number): Promise<void> {
    const skuIds = items.flatMap((i) => (i.skuId ? [Number(i.skuId)] : []));
    const productIds = items.flatMap((i) => (i.productId ? [Number(i.productId)] : []));
    const [skus, products] = await Promise.all([
      tx.sku.findMany({ where: { id: { in: skuIds } }, select: { id: true, price: true } }),
      tx.sku.groupBy({ by: ['productId'], where: { productId: { in: productIds } }, _min: { price: true } }),
    ]);
    const skuPrice = new Map(skus.map((s) => [String(s.id), s.price]));
    const productMin = new Map(products.map((p) => [String(p.productId), p._min.price ?? 0]));
    const problems: { path: string; message: string }[] = [];
    items.forEach((item, i) => {
      if (item.skuId && !skuPrice.has(item.skuId)) problems.push({ path: `items.${i}.skuId`, message: 'no such SKU' });
      if (item.productId && !productMin.has(item.productId))
        problems.push({ path: `items.${i}.productId`, message: 'no such product (or it has no SKU)' });
    });
    const listPrice = bundleListPrice(items, skuPrice, productMin);
    if (listPrice !== null && price >= listPrice)
      problems.push({ path: 'price', message: `must be below the set's price (${listPrice} fen at SKU prices)` });
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

function windowOf(body: { startsAt: string; endsAt: string }): { startsAt: Date; endsAt: Date } {
  return { startsAt: new Date(body.startsAt), endsAt: new Date(body.endsAt) };
}

/** The promotion row's columns from a create body (the type and the flash SKUs aside). */
function settingsOf(body: PromotionCreateRequest) {
  const scoped = body.type !== 'FLASH_SALE' && body.type !== 'BUNDLE';
  return {
    title: body.title,
    ...windowOf(body),
    scope: scoped ? body.scope : 'ALL',
    scopeIds: scoped ? body.scopeIds : [],
    rules: rulesOf(body),
    earnsCommission: body.earnsCommission,
    earnsPoints: body.earnsPoints,
    stackWithCoupon: body.stackWithCoupon,
    memberDayOnly: body.memberDayOnly,
  };
}

/**
 * A promotion row as the create body of its type, for an edit to be laid over and checked as a
 * create. Rules that no longer parse are left out, so the edit must name them again (400).
 */
function createBodyOf(row: PromotionRow): PromotionCreateRequest {
  const view = toView(row);
  const common = {
    title: view.title,
    startsAt: view.startsAt,
    endsAt: view.endsAt,
    earnsCommission: view.earnsCommission,
    earnsPoints: view.earnsPoints,
    stackWithCoupon: view.stackWithCoupon,
    memberDayOnly: view.memberDayOnly,
  };
  const scoped = { scope: view.scope, scopeIds: view.scopeIds };
  switch (view.type) {
    case 'FLASH_SALE':
      return {
        ...common,
        type: view.type,
        skus: view.skus.map(({ skuId, price, quota, perUserLimit }) => ({ skuId, price, quota, perUserLimit })),
      };
    case 'FULL_REDUCTION':
      return { ...common, ...scoped, type: view.type, tiers: view.tiers };
    case 'FULL_GIFT':
      return { ...common, ...scoped, type: view.type, ...view.gift } as PromotionCreateRequest;
    case 'BUNDLE':
      return { ...common, type: view.type, ...view.bundle } as PromotionCreateRequest;
    case 'BUY_X_GET_Y':
      return { ...common, ...scoped, type: view.type, ...view.buyXGetY } as PromotionCreateRequest;
  }
}

/** The error a refused edit answers with. */
function editRefusal(id: number, plan: Extract<PromotionEdit, { ok: false }>): Error {
  switch (plan.refusal) {
    case 'NOT_EDITABLE':
      return new PromotionNotEditable(id, plan.phase);
    case 'TYPE_FIXED':
      return new PromotionTypeFixed(plan.from, plan.to);
    case 'MALFORMED':
      return new ValidationFailed(plan.fields);
    case 'LOCKED':
      return new PromotionFieldLocked(plan.fields);
    case 'INVALID':
      return new PromotionInvalid(plan.fields);
  }
}

/** A promotion as GET /promotions/active shows it; a SKU deleted since the sale was set up is left out. */
function shownPromotion(row: PromotionRow, showcase: ReadonlyMap<string, FlashSkuShowcase>): ActivePromotion {
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
    memberDayOnly: view.memberDayOnly,
    gift: view.gift,
    bundle: view.bundle,
    buyXGetY: view.buyXGetY,
    skus: view.skus.flatMap((s) => {
      const shown = showcase.get(s.skuId);
      if (!shown) return [];
      return [
        {
          skuId: s.skuId,
          price: s.price,
          quota: s.quota,
          perUserLimit: s.perUserLimit,
          remaining: Math.max(s.quota - s.sold, 0),
          ...shown,
        },
      ];
    }),
  };
}

function tiersOf(rules: unknown): ReductionTier[] {
  const tiers = (rules as { tiers?: ReductionTier[] } | null)?.tiers;
  return Array.isArray(tiers) ? tiers : [];
}

/** The `rules` column by type (read back with the shared rule schemas). */
function rulesOf(body: PromotionCreateRequest): Prisma.InputJsonValue {
  switch (body.type) {
    case 'FULL_REDUCTION':
      return { tiers: body.tiers };
    case 'FULL_GIFT':
      return { threshold: body.threshold, giftSkuId: body.giftSkuId, giftQuantity: body.giftQuantity };
    case 'BUNDLE':
      return { items: body.items, price: body.price };
    case 'BUY_X_GET_Y':
      return {
        buyQuantity: body.buyQuantity,
        getQuantity: body.getQuantity,
        maxGiftsPerOrder: body.maxGiftsPerOrder,
      };
    default:
      return {};
  }
}

function ruleViews(row: PromotionRow): Pick<PromotionView, 'gift' | 'bundle' | 'buyXGetY'> {
  const parsed = <T>(
    type: string,
    schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  ) => {
    if (row.type !== type) return null;
    const result = schema.safeParse(row.rules);
    return result.success ? result.data : null;
  };
  return {
    gift: parsed('FULL_GIFT', FullGiftRule),
    bundle: parsed('BUNDLE', BundleRule),
    buyXGetY: parsed('BUY_X_GET_Y', BuyXGetYRule),
  };
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
    stackWithCoupon: row.stackWithCoupon,
    memberDayOnly: row.memberDayOnly,
    ...ruleViews(row),
  };
}
