import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type {
  CheckoutCoupons,
  CouponCenter,
  CouponChannel,
  MyCouponsQuery,
  OrderPreviewRequest,
  UserCouponPage,
  UserCouponView,
} from '@weshop/shared';
import { CENTER_CHANNELS, COUPON_REASONS } from '@weshop/shared';
import { Prisma, type CouponTemplate, type UserCoupon } from '../generated/prisma/client';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { Clock } from '../infra/clock';
import { DomainEvents, type Tx } from '../infra/events/domain-events';
import { DomainError } from '../infra/http/domain-error';
import { PrismaService } from '../infra/prisma/prisma.service';
import { memberDayOn, type MemberDaySchedule } from '../member/member-day.policy';
import { CheckoutActivities, type PricingContributor } from '../order/checkout-activities';
import { CouponNotApplicable } from '../order/order.errors';
import { OrderService } from '../order/order.service';
import type { StageLine } from '../pricing/price-order.policy';
import { CouponLimitReached, CouponNotClaimable, CouponSoldOut, CouponTemplateNotFound } from './coupon.errors';
import { claimRefusal, couponUse, validityOnClaim } from './coupon.policy';
import { heldCoupon, toTemplateView, toUserCouponView } from './coupon.view';

/** What `forCheckout` learns from a preview: the lines after step 2, as the coupon stage sees them. */
interface StageCapture {
  lines?: readonly StageLine[];
}

/**
 * 优惠券 for shoppers and checkout.
 *
 * - Issuing never over-issues: the template row's `issued` is taken with a guarded increment
 *   (`issued < total_quantity`), which also holds that row's lock for the rest of the transaction,
 *   so the per-user count that follows is serialized per template (a locking read, then the insert).
 * - Stage 3 of the price pipeline: registered with CheckoutActivities; the buyer's coupon is priced
 *   by the pure `couponUse` on the lines after promotions.
 * - With the order, in its transactions: locked on `order.placed` (AVAILABLE → LOCKED, compare-and-set;
 *   a coupon taken by another order fails the order), USED on `order.paid`, AVAILABLE again on
 *   `order.cancelled` and on a full refund of an order that never shipped.
 * - 复购券: after `order.completed` commits, each active REPURCHASE template is granted once per order.
 */
@Injectable()
export class CouponService implements OnModuleInit, PricingContributor {
  private readonly capture = new AsyncLocalStorage<StageCapture>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(DomainEvents) private readonly events: DomainEvents,
    @Inject(CheckoutActivities) private readonly activities: CheckoutActivities,
    @Inject(OrderService) private readonly orders: OrderService,
  ) {}

  onModuleInit(): void {
    this.activities.register(this);
    this.events.onInTransaction('order.placed', (tx, order) =>
      order.couponId ? this.lock(tx, order.couponId, order.userId, order.orderId, order.createdAt) : Promise.resolve(),
    );
    this.events.onInTransaction('order.paid', async (tx, order) => {
      await tx.userCoupon.updateMany({
        where: { orderId: order.orderId, status: 'LOCKED' },
        data: { status: 'USED', usedAt: order.paidAt },
      });
    });
    this.events.onInTransaction('order.cancelled', (tx, order) => this.giveBack(tx, order.orderId, 'LOCKED'));
    this.events.onInTransaction('order.refunded', async (tx, refund) => {
      if (!refund.everythingRefunded) return;
      const order = await tx.order.findUnique({ where: { id: refund.orderId }, select: { shippedAt: true } });
      if (order && order.shippedAt === null) await this.giveBack(tx, refund.orderId, 'USED');
    });
    this.events.onAfterCommit('order.completed', async (order) => {
      await this.grantRepurchase(order.userId, order.orderId);
    });
  }

  // ——— issuing ———

  /**
   * Issues one coupon of a template to a user inside `tx` (claim centre, community drop, 复购券,
   * new-customer gift, and the points mall). Throws COUPON_TEMPLATE_NOT_FOUND, COUPON_NOT_CLAIMABLE
   * (stopped, or its fixed window is over), COUPON_SOLD_OUT or COUPON_LIMIT_REACHED; the caller's
   * transaction then rolls back, the taken quantity with it.
   */
  async issue(tx: Tx, userId: number, templateId: number, channel: CouponChannel): Promise<UserCoupon> {
    const now = this.clock.now();
    const taken = await tx.$executeRaw`
      UPDATE coupon_template SET issued = issued + 1
       WHERE id = ${templateId} AND status = 'ACTIVE' AND issued < total_quantity`;
    if (taken !== 1) {
      const template = await tx.couponTemplate.findUnique({ where: { id: templateId } });
      if (!template) throw new CouponTemplateNotFound(templateId);
      if (template.status !== 'ACTIVE') throw new CouponNotClaimable('DISABLED');
      throw new CouponSoldOut();
    }
    const template = await tx.couponTemplate.findUniqueOrThrow({ where: { id: templateId } });
    if (template.validity === 'FIXED' && template.validTo && template.validTo.getTime() <= now.getTime())
      throw new CouponNotClaimable('CLAIM_ENDED');
    // The template row is locked by the increment above: claims of this template queue here, so the
    // count is exact. A locking read sees what the previous holder of the lock committed.
    const [mine] = await tx.$queryRaw<{ n: unknown }[]>`
      SELECT COUNT(*) AS n FROM user_coupon WHERE template_id = ${templateId} AND user_id = ${userId} FOR UPDATE`;
    if (Number(mine?.n ?? 0) >= template.perUserLimit) throw new CouponLimitReached(template.perUserLimit);
    return tx.userCoupon.create({
      data: { templateId, userId, channel, claimedAt: now, ...validityOnClaim(template, now) },
    });
  }

  /** 领券: a template of the claim centre (CENTER, NEW_CUSTOMER for new customers, MEMBER_DAY on member day). */
  async claim(userId: number, templateId: number): Promise<UserCouponView> {
    const template = await this.prisma.client.couponTemplate.findUnique({ where: { id: templateId } });
    if (!template || !(CENTER_CHANNELS as readonly string[]).includes(template.channel))
      throw new CouponTemplateNotFound(templateId);
    const now = this.clock.now();
    const refusal = claimRefusal(
      {
        status: template.status,
        channel: template.channel,
        validity: template.validity,
        validTo: template.validTo,
        remaining: 1, // checked atomically by issue()
        claimedByMe: 0, // likewise
        perUserLimit: template.perUserLimit,
        ...(await this.audience(userId, [template], now)),
      },
      now,
    );
    if (refusal) throw new CouponNotClaimable(refusal);
    const coupon = await this.prisma.transaction((tx) =>
      this.issue(tx, userId, templateId, template.channel as CouponChannel),
    );
    return toUserCouponView(coupon, template, now);
  }

  /**
   * 新人礼: every active NEW_CUSTOMER template once, for a user who has never paid an order. For the
   * auth domain to call at first login (no such event exists yet); until then new customers claim
   * these in the claim centre. Returns how many were issued.
   */
  async grantNewCustomerGifts(userId: number): Promise<number> {
    if (!(await this.isNewCustomer(userId))) return 0;
    const templates = await this.prisma.client.couponTemplate.findMany({
      where: { channel: 'NEW_CUSTOMER', status: 'ACTIVE' },
    });
    let issued = 0;
    for (const t of templates)
      if (await this.grantOnce('coupon.new-customer', userId, String(t.id), t.id, 'NEW_CUSTOMER')) issued++;
    return issued;
  }

  /** 复购券: each active REPURCHASE template once per completed order (idempotent per order and template). */
  async grantRepurchase(userId: number, orderId: number): Promise<number> {
    const templates = await this.prisma.client.couponTemplate.findMany({
      where: { channel: 'REPURCHASE', status: 'ACTIVE' },
    });
    let issued = 0;
    for (const t of templates)
      if (await this.grantOnce('coupon.repurchase', userId, `${orderId}-${t.id}`, t.id, 'REPURCHASE')) issued++;
    return issued;
  }

  /**
   * One issue guarded by a marker row (idempotency_key, scope + user + key unique) written in the same
   * transaction: a second grant for the same key finds the marker and issues nothing. A grant refused
   * (sold out, at the limit, stopped) writes no marker either.
   */
  private async grantOnce(scope: string, userId: number, key: string, templateId: number, channel: CouponChannel) {
    try {
      await this.prisma.transaction(async (tx) => {
        await tx.idempotencyKey.create({
          data: {
            scope,
            userId,
            key,
            fingerprint: createHash('sha256').update(`${scope}:${key}`).digest('hex'),
            status: 'COMPLETED',
          },
        });
        await this.issue(tx, userId, templateId, channel);
      });
      return true;
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return false;
      if (error instanceof DomainError) return false;
      throw error;
    }
  }

  // ——— the shopper's views ———

  /** 领券中心: active CENTER / NEW_CUSTOMER / MEMBER_DAY templates, each claimable or with the reason. */
  async center(userId: number): Promise<CouponCenter> {
    const now = this.clock.now();
    const templates = await this.prisma.client.couponTemplate.findMany({
      where: {
        status: 'ACTIVE',
        channel: { in: [...CENTER_CHANNELS] },
        OR: [{ validity: 'DAYS' }, { validTo: { gt: now } }],
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: 100,
    });
    const mine = await this.prisma.client.userCoupon.groupBy({
      by: ['templateId'],
      where: { userId, templateId: { in: templates.map((t) => t.id) } },
      _count: { _all: true },
    });
    const claimed = new Map(mine.map((m) => [m.templateId, m._count._all]));
    const audience = await this.audience(userId, templates, now);
    return {
      memberDay: audience.memberDay,
      items: templates.map((t) => {
        const remaining = Math.max(0, t.totalQuantity - t.issued);
        const claimedByMe = claimed.get(t.id) ?? 0;
        const reason = claimRefusal({ ...t, remaining, claimedByMe, ...audience }, now);
        return {
          ...toTemplateView(t),
          remaining,
          claimedByMe,
          claimable: reason === null,
          reason,
          reasonText: reason ? COUPON_REASONS[reason] : null,
        };
      }),
    };
  }

  /** 我的券, by status; AVAILABLE ones past their end are EXPIRED (and listed under EXPIRED). */
  async mine(userId: number, query: MyCouponsQuery): Promise<UserCouponPage> {
    const now = this.clock.now();
    const where: Prisma.UserCouponWhereInput = { userId };
    if (query.status === 'AVAILABLE') Object.assign(where, { status: 'AVAILABLE', validTo: { gt: now } });
    else if (query.status === 'EXPIRED')
      where.OR = [{ status: 'EXPIRED' }, { status: 'AVAILABLE', validTo: { lte: now } }];
    else if (query.status) where.status = query.status;
    const [rows, total] = await Promise.all([
      this.prisma.client.userCoupon.findMany({
        where,
        orderBy: [{ claimedAt: 'desc' }, { id: 'desc' }],
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      }),
      this.prisma.client.userCoupon.count({ where }),
    ]);
    const templates = await this.templatesOf(rows);
    return {
      items: rows.map((c) => toUserCouponView(c, templates.get(c.templateId)!, now)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /**
   * 选券: the caller's AVAILABLE coupons for a cart, each usable with its discount or with the reason,
   * priced on exactly the lines checkout prices (the order preview runs, and the coupon stage
   * reports the lines it was given).
   */
  async forCheckout(userId: number, body: OrderPreviewRequest): Promise<CheckoutCoupons> {
    const capture: StageCapture = {};
    await this.capture.run(capture, () =>
      this.orders.preview(userId, { ...body, couponId: undefined, pointsToUse: undefined }),
    );
    const lines = capture.lines ?? [];
    const now = this.clock.now();
    const rows = await this.prisma.client.userCoupon.findMany({
      where: { userId, status: 'AVAILABLE', validTo: { gt: now } },
      orderBy: [{ validTo: 'asc' }, { id: 'asc' }],
      take: 200,
    });
    const templates = await this.templatesOf(rows);
    const items = rows
      .map((c) => {
        const t = templates.get(c.templateId)!;
        const use = couponUse(heldCoupon(c, t), lines, now);
        return {
          coupon: toUserCouponView(c, t, now),
          usable: use.usable,
          discount: use.amount,
          reason: use.usable ? null : use.reason,
          reasonText: use.usable ? null : COUPON_REASONS[use.reason],
        };
      })
      .sort((a, b) => Number(b.usable) - Number(a.usable) || b.discount - a.discount);
    return { items, bestCouponId: items[0]?.usable ? items[0].coupon.id : null };
  }

  // ——— checkout (stage 3) and the order's events ———

  /** The coupon stage for one checkout: the buyer's coupon, loaded in the order's transaction when there is one. */
  async contribute({ userId, body, now, tx }: Parameters<PricingContributor['contribute']>[0]) {
    const capture = this.capture.getStore();
    const db = tx ?? this.prisma.client;
    const id = body.couponId ? Number(body.couponId) : null;
    const row = id === null ? null : await db.userCoupon.findUnique({ where: { id } });
    const mine = row && row.userId === userId ? row : null;
    const template = mine ? await db.couponTemplate.findUnique({ where: { id: mine.templateId } }) : null;
    return {
      coupon: (lines: readonly StageLine[], ctx: { couponId?: string }) => {
        if (capture) capture.lines = lines;
        if (ctx.couponId === undefined) return null;
        // Another user's coupon is reported as not found: its existence is not the caller's business.
        if (!mine || !template) return { rejected: 'NOT_FOUND' };
        const use = couponUse(heldCoupon(mine, template), lines, now);
        return use.usable
          ? { couponId: String(mine.id), amount: use.amount, lineIndexes: use.lineIndexes }
          : { rejected: use.reason };
      },
    };
  }

  /** order.placed: AVAILABLE → LOCKED by this order, or the order fails (another order took it first). */
  private async lock(tx: Tx, couponId: number, userId: number, orderId: number, at: Date): Promise<void> {
    const locked = await tx.userCoupon.updateMany({
      where: { id: couponId, userId, status: 'AVAILABLE', validFrom: { lte: at }, validTo: { gt: at } },
      data: { status: 'LOCKED', orderId },
    });
    if (locked.count !== 1) throw new CouponNotApplicable('IN_USE');
  }

  /** The order's coupon comes back (cancelled unpaid: LOCKED; refunded in full before shipping: USED). */
  private async giveBack(tx: Tx, orderId: number, from: 'LOCKED' | 'USED'): Promise<void> {
    await tx.userCoupon.updateMany({
      where: { orderId, status: from },
      data: { status: 'AVAILABLE', orderId: null, usedAt: null },
    });
  }

  // ——— helpers ———

  private async templatesOf(rows: readonly UserCoupon[]): Promise<Map<number, CouponTemplate>> {
    const ids = [...new Set(rows.map((r) => r.templateId))];
    const templates = ids.length
      ? await this.prisma.client.couponTemplate.findMany({ where: { id: { in: ids } } })
      : [];
    return new Map(templates.map((t) => [t.id, t]));
  }

  private async isNewCustomer(userId: number): Promise<boolean> {
    return (await this.prisma.client.order.count({ where: { userId, paidAt: { not: null } }, take: 1 })) === 0;
  }

  /** Who the caller is for the centre's channel rules: member day today (for their level), new customer. */
  private async audience(userId: number, templates: readonly CouponTemplate[], now: Date) {
    const channels = new Set(templates.map((t) => t.channel));
    let memberDay = false;
    let memberLevelOk = false;
    if (channels.has('MEMBER_DAY')) {
      const schedule = await this.memberDaySchedule();
      memberDay = schedule !== null && memberDayOn(now, schedule, this.config.shopTimeZone);
      if (memberDay) {
        const levels = schedule?.levelIds ?? [];
        const profile = await this.prisma.client.memberProfile.findUnique({ where: { userId } });
        memberLevelOk = levels.length === 0 || (profile?.levelId != null && levels.includes(profile.levelId));
      }
    }
    const newCustomer = channels.has('NEW_CUSTOMER') ? await this.isNewCustomer(userId) : false;
    return { memberDay, memberLevelOk, newCustomer };
  }

  /** The member-day schedule (MarketingSetting 'member-day'); none or malformed = member day off. */
  private async memberDaySchedule(): Promise<(MemberDaySchedule & { levelIds: number[] }) | null> {
    const row = await this.prisma.client.marketingSetting.findUnique({ where: { key: 'member-day' } });
    const data = row?.data as Record<string, unknown> | null | undefined;
    if (!data || typeof data !== 'object') return null;
    const days = Array.isArray(data.days) ? data.days.filter((d): d is number => Number.isInteger(d)) : [];
    const kind = data.kind === 'MONTHLY' ? 'MONTHLY' : data.kind === 'WEEKLY' ? 'WEEKLY' : null;
    if (!kind) return null;
    const levelIds = Array.isArray(data.levelIds) ? data.levelIds.map(Number).filter(Number.isInteger) : [];
    return { enabled: data.enabled === true, kind, days, levelIds };
  }
}
