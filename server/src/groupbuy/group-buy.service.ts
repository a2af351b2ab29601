import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { Clock } from '../infra/clock';
import { DomainEvents, type DomainEventMap, type Tx } from '../infra/events/domain-events';
import { PrismaService } from '../infra/prisma/prisma.service';
import { JobQueue } from '../infra/queue/job-queue';
import { CheckoutActivities, type ActivityQuote, type CheckoutActivity } from '../order/checkout-activities';
import { OrderLifecycle } from '../order/order-lifecycle.service';
import {
  CampaignNotActive,
  CampaignNotFound,
  GroupBuyLimitExceeded,
  GroupBuyMembersOnly,
  GroupBuyNewCustomersOnly,
  GroupBuyQuotaExhausted,
  GroupJoinRefused,
  GroupNotFound,
  SkuNotInCampaign,
} from './groupbuy.errors';
import { campaignRefusal, expiryOutcome, groupUnitPrice, joinRefusal } from './groupbuy.policy';

const LIVE_SEAT = ['HELD', 'PAID'] as const;

/**
 * 拼团 at checkout and over time. A seat is taken in the order's own transaction (a guarded
 * increment: never more seats than the group's size, whatever the concurrency) and held until the
 * order's payment timeout; the group opens (FORMING, timer started) when its leader pays and
 * succeeds when every seat is paid — all members' orders GROUPING → TO_SHIP in one transaction. At
 * the deadline (a delayed job with a business-key id, backed by a sweeper) it succeeds by 模拟成团
 * or fails: every paid order is refunded through WeChat Pay by a retried job, and stock and quota
 * come back.
 */
@Injectable()
export class GroupBuyService implements OnModuleInit, CheckoutActivity {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(DomainEvents) private readonly events: DomainEvents,
    @Inject(JobQueue) private readonly jobs: JobQueue,
    @Inject(CheckoutActivities) private readonly activities: CheckoutActivities,
    @Inject(OrderLifecycle) private readonly lifecycle: OrderLifecycle,
  ) {}

  onModuleInit(): void {
    this.activities.groupBuy = this;
    this.events.onInTransaction('order.placed', (tx, order) => this.takeSeat(tx, order));
    this.events.onInTransaction('order.paid', (tx, order) => this.seatPaid(tx, order.orderId, order.paidAt));
    this.events.onAfterCommit('order.paid', (order) => this.scheduleExpiry(order.orderId));
    this.events.onInTransaction('order.cancelled', (tx, order) => this.releaseSeat(tx, order.orderId));
    this.jobs.handle('groupbuy.expire', ({ groupId }) => this.expire(groupId));
    this.jobs.addSweeper({
      name: 'groupbuys',
      run: async () => {
        const due = await this.prisma.client.groupBuyGroup.findMany({
          where: { status: 'FORMING', expiresAt: { lte: this.clock.now() } },
          select: { id: true },
          take: 100,
        });
        for (const { id } of due) await this.expire(id);
      },
    });
  }

  /** Checks the buyer's group-buy choice and prices it (拼团价, 团长价). */
  async quote({ userId, body, skus, now, tx }: Parameters<CheckoutActivity['quote']>[0]): Promise<ActivityQuote> {
    const db = tx ?? this.prisma.client;
    const choice = body.groupBuy!;
    const campaign = await db.groupBuyCampaign.findUnique({
      where: { id: Number(choice.campaignId) },
      include: { skus: true },
    });
    if (!campaign) throw new CampaignNotFound(choice.campaignId);
    const refusal = campaignRefusal(campaign, now);
    if (refusal) throw new CampaignNotActive(refusal);
    const prices = new Map(campaign.skus.map((s) => [s.skuId, s]));
    let units = 0;
    for (const item of body.items) {
      const sku = skus.get(Number(item.skuId));
      if (!prices.has(Number(item.skuId)) || sku?.productId !== campaign.productId)
        throw new SkuNotInCampaign(item.skuId);
      units += item.quantity;
    }
    if (units > campaign.perOrderLimit) throw new GroupBuyLimitExceeded('PER_ORDER', campaign.perOrderLimit);
    if (campaign.communityId !== null) {
      const member = await db.communityMember.findUnique({
        where: { communityId_userId: { communityId: campaign.communityId, userId } },
      });
      if (!member) throw new GroupBuyMembersOnly(campaign.communityId);
    }
    if (campaign.newCustomersOnly) {
      const paid = await db.order.count({ where: { userId, paidAt: { not: null } }, take: 1 });
      if (paid > 0) throw new GroupBuyNewCustomersOnly();
    }
    const groupId = choice.groupId ? Number(choice.groupId) : null;
    if (groupId !== null) {
      const group = await db.groupBuyGroup.findUnique({ where: { id: groupId } });
      if (!group || group.campaignId !== campaign.id) throw new GroupNotFound(String(groupId));
      const member = await db.groupBuyMember.count({ where: { groupId, userId, status: { in: [...LIVE_SEAT] } } });
      const refused = joinRefusal(group, userId, member > 0, now);
      if (refused) throw new GroupJoinRefused(refused);
    }
    const isLeader = groupId === null;
    return {
      kind: 'GROUP_BUY',
      activityPrice: (line) => {
        const price = prices.get(Number(line.skuId));
        if (!price) return null;
        return {
          unitPrice: Math.min(groupUnitPrice(price, isLeader), line.skuPrice),
          label: isLeader && price.leaderPrice !== null ? '团长价' : '拼团价',
          kind: 'GROUP_BUY',
        };
      },
      paymentTimeoutMs: this.config.orders.activityPaymentTimeoutMs,
      lineActivity: { kind: 'GROUP_BUY', earnsCommission: campaign.earnsCommission },
      choice: { campaignId: campaign.id, groupId },
    };
  }

  /**
   * In the order's transaction: the campaign's quota (a guarded increment on the campaign row,
   * which also queues this campaign's buyers for the per-person check), then the seat.
   */
  private async takeSeat(tx: Tx, order: DomainEventMap['order.placed']): Promise<void> {
    if (order.activity?.kind !== 'GROUP_BUY') return;
    const campaignId = Number(order.activity.campaignId);
    const groupId = order.activity.groupId === null ? null : Number(order.activity.groupId);
    const units = order.lines.reduce((sum, line) => sum + line.quantity, 0);
    const quota = await tx.$executeRaw`
      UPDATE groupbuy_campaign SET quota_used = quota_used + ${units}
       WHERE id = ${campaignId} AND quota_used + ${units} <= quota`;
    if (quota !== 1) throw new GroupBuyQuotaExhausted();
    const campaign = await tx.groupBuyCampaign.findUniqueOrThrow({ where: { id: campaignId } });
    const [mine] = await tx.$queryRaw<{ units: unknown }[]>`
      SELECT COALESCE(SUM(m.quantity), 0) AS units
        FROM groupbuy_member m JOIN groupbuy_group g ON g.id = m.group_id
       WHERE g.campaign_id = ${campaignId} AND m.user_id = ${order.userId} AND m.status IN ('HELD', 'PAID')`;
    const already = Number(mine?.units ?? 0);
    if (already + units > campaign.perUserLimit)
      throw new GroupBuyLimitExceeded('PER_USER', campaign.perUserLimit, already);

    const now = order.createdAt;
    let seatGroupId: number;
    if (groupId !== null) {
      const [group] = await tx.$queryRaw<
        { status: string; leaderId: number; size: number; seatsTaken: number; expiresAt: Date | null }[]
      >`SELECT status, leader_id AS leaderId, size, seats_taken AS seatsTaken, expires_at AS expiresAt
          FROM groupbuy_group WHERE id = ${groupId} FOR UPDATE`;
      if (!group) throw new GroupNotFound(String(groupId));
      const member = await tx.groupBuyMember.count({
        where: { groupId, userId: order.userId, status: { in: [...LIVE_SEAT] } },
      });
      const refused = joinRefusal(
        { ...group, status: group.status as 'FORMING', leaderId: Number(group.leaderId) },
        order.userId,
        member > 0,
        now,
      );
      if (refused) throw new GroupJoinRefused(refused);
      const taken = await tx.$executeRaw`
        UPDATE groupbuy_group SET seats_taken = seats_taken + 1
         WHERE id = ${groupId} AND status = 'FORMING' AND seats_taken < size`;
      if (taken !== 1) throw new GroupJoinRefused('FULL');
      seatGroupId = groupId;
    } else {
      const group = await tx.groupBuyGroup.create({
        data: { campaignId, leaderId: order.userId, size: campaign.groupSize, seatsTaken: 1, createdAt: now },
      });
      seatGroupId = group.id;
    }
    await tx.groupBuyMember.create({
      data: {
        groupId: seatGroupId,
        userId: order.userId,
        orderId: order.orderId,
        isLeader: groupId === null,
        quantity: units,
        heldUntil: new Date(now.getTime() + this.config.orders.activityPaymentTimeoutMs),
        createdAt: now,
      },
    });
  }

  /** Paid: the seat is paid; the leader's payment opens the group; the last seat completes it. */
  private async seatPaid(tx: Tx, orderId: number, paidAt: Date): Promise<void> {
    const member = await tx.groupBuyMember.findUnique({ where: { orderId } });
    if (!member) return;
    const moved = await tx.groupBuyMember.updateMany({
      where: { id: member.id, status: 'HELD' },
      data: { status: 'PAID', paidAt },
    });
    if (moved.count !== 1) return;
    const [group] = await tx.$queryRaw<{ status: string; campaignId: number }[]>`
      SELECT status, campaign_id AS campaignId FROM groupbuy_group WHERE id = ${member.groupId} FOR UPDATE`;
    if (member.isLeader && group?.status === 'PENDING') {
      const campaign = await tx.groupBuyCampaign.findUniqueOrThrow({ where: { id: Number(group.campaignId) } });
      await tx.groupBuyGroup.update({
        where: { id: member.groupId },
        data: {
          status: 'FORMING',
          openedAt: paidAt,
          expiresAt: new Date(paidAt.getTime() + campaign.durationMinutes * 60_000),
        },
      });
    }
    const updated = await tx.groupBuyGroup.update({
      where: { id: member.groupId },
      data: { paidCount: { increment: 1 } },
    });
    if (updated.status === 'FORMING' && updated.paidCount >= updated.size)
      await this.succeed(tx, member.groupId, paidAt, false);
  }

  private async scheduleExpiry(orderId: number): Promise<void> {
    const member = await this.prisma.client.groupBuyMember.findUnique({ where: { orderId } });
    if (!member?.isLeader) return;
    const group = await this.prisma.client.groupBuyGroup.findUnique({ where: { id: member.groupId } });
    if (group?.status !== 'FORMING' || !group.expiresAt) return;
    await this.jobs.add(
      'groupbuy.expire',
      { groupId: group.id },
      { key: group.id, delayMs: group.expiresAt.getTime() - this.clock.now().getTime() },
    );
  }

  /** FORMING → SUCCEEDED, and every paid member's order moves on to shipping, in one transaction. */
  private async succeed(tx: Tx, groupId: number, at: Date, simulated: boolean): Promise<boolean> {
    const moved = await tx.groupBuyGroup.updateMany({
      where: { id: groupId, status: 'FORMING' },
      data: { status: 'SUCCEEDED', succeededAt: at, simulated },
    });
    if (moved.count !== 1) return false;
    // A locking read: seats paid by transactions that committed after this one began count too.
    const paid = await tx.$queryRaw<{ orderId: number; userId: number }[]>`
      SELECT order_id AS orderId, user_id AS userId FROM groupbuy_member
       WHERE group_id = ${groupId} AND status = 'PAID' ORDER BY order_id FOR UPDATE`;
    for (const member of paid) await this.lifecycle.releaseFromGrouping(tx, Number(member.orderId), at);
    const members = paid.map((m) => ({ userId: Number(m.userId), orderId: Number(m.orderId) }));
    this.prisma.afterCommitOf(tx, await this.events.publish(tx, 'groupbuy.succeeded', { groupId, members, at }));
    return true;
  }

  /** An unpaid order was cancelled (timeout or by the buyer): its seat and its quota come back. */
  private async releaseSeat(tx: Tx, orderId: number): Promise<void> {
    const member = await tx.groupBuyMember.findUnique({ where: { orderId } });
    if (!member) return;
    const moved = await tx.groupBuyMember.updateMany({
      where: { id: member.id, status: 'HELD' },
      data: { status: 'RELEASED' },
    });
    if (moved.count !== 1) return;
    const group = await tx.groupBuyGroup.update({
      where: { id: member.groupId },
      data: { seatsTaken: { decrement: 1 } },
    });
    await tx.groupBuyCampaign.update({
      where: { id: group.campaignId },
      data: { quotaUsed: { decrement: member.quantity } },
    });
    if (member.isLeader && group.status === 'PENDING')
      await tx.groupBuyGroup.update({ where: { id: group.id }, data: { status: 'CANCELLED' } });
  }

  /**
   * The deadline: 模拟成团 when enabled and the threshold is met, else FAILED with every paid
   * order refunded (a retried job) and its stock and quota returned. Unpaid seats are cancelled
   * after commit. Safe to run twice (the group row is locked and its status checked).
   */
  async expire(groupId: number): Promise<void> {
    const unpaid: number[] = [];
    await this.prisma.transaction(async (tx, afterCommit) => {
      const [group] = await tx.$queryRaw<
        { status: string; expiresAt: Date | null; size: number; paidCount: number; campaignId: number }[]
      >`SELECT status, expires_at AS expiresAt, size, paid_count AS paidCount, campaign_id AS campaignId
          FROM groupbuy_group WHERE id = ${groupId} FOR UPDATE`;
      const now = this.clock.now();
      if (group?.status !== 'FORMING' || !group.expiresAt || group.expiresAt.getTime() > now.getTime()) return;
      const row = { size: Number(group.size), paidCount: Number(group.paidCount) };
      const campaign = await tx.groupBuyCampaign.findUniqueOrThrow({ where: { id: Number(group.campaignId) } });
      // Locking reads see what other transactions committed since this one began (a plain read would not).
      const members = (
        await tx.$queryRaw<{ id: number; orderId: number; userId: number; status: string; quantity: number }[]>`
          SELECT id, order_id AS orderId, user_id AS userId, status, quantity FROM groupbuy_member
           WHERE group_id = ${groupId} AND status IN ('HELD', 'PAID') FOR UPDATE`
      ).map((m) => ({
        id: Number(m.id),
        orderId: Number(m.orderId),
        userId: Number(m.userId),
        status: m.status,
        quantity: Number(m.quantity),
      }));
      unpaid.push(...members.filter((m) => m.status === 'HELD').map((m) => m.orderId));
      if (expiryOutcome(row, campaign) === 'SUCCEED') {
        await this.succeed(tx, groupId, now, true);
      } else {
        await tx.groupBuyGroup.update({ where: { id: groupId }, data: { status: 'FAILED', failedAt: now } });
        for (const member of members.filter((m) => m.status === 'PAID')) {
          await this.lifecycle.refundNeverShipped(tx, member.orderId, 'GROUP_FAILED', `G${groupId}`);
          await tx.groupBuyMember.update({ where: { id: member.id }, data: { status: 'REFUNDED' } });
          await tx.groupBuyCampaign.update({
            where: { id: campaign.id },
            data: { quotaUsed: { decrement: member.quantity } },
          });
        }
        const paid = members.filter((m) => m.status === 'PAID').map((m) => ({ userId: m.userId, orderId: m.orderId }));
        afterCommit(await this.events.publish(tx, 'groupbuy.failed', { groupId, members: paid, at: now }));
      }
      afterCommit(async () => {
        for (const orderId of unpaid) await this.lifecycle.closeUnpaidHook(orderId).catch(() => undefined);
      });
    });
  }
}
