import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { DistributionSettings } from '@weshop/shared';
import type { Distributor } from '../generated/prisma/client';
import { Clock } from '../infra/clock';
import { DomainEvents, type DomainEventMap, type OrderLineFact, type Tx } from '../infra/events/domain-events';
import { PrismaService } from '../infra/prisma/prisma.service';
import { JobQueue } from '../infra/queue/job-queue';
import { CommissionLedger } from './commission-ledger';
import { lineCommissions, reversalDue, type Level, type ProductRule } from './commission.policy';
import { DistributionSettingsStore } from './distribution-settings.store';
import { TeamCounters } from './team-counters';

/** After-sale states in which the line's money may still go back. */
const OPEN_AFTERSALE = ['REQUESTED', 'APPROVED', 'RETURNING', 'RECEIVED', 'REFUNDING'] as const;

export interface ReferralChain {
  l1: Distributor | null;
  l2: Distributor | null;
}

/**
 * 佣金: copied onto the order when it is created (ESTIMATED), PENDING when paid, SETTLED when the
 * after-sales window has closed with no after-sale open on the line, REVERSED (in part or in full)
 * by refunds, also after settlement. Every change is a compare-and-set on the commission row plus a
 * ledger entry in the same transaction as the order fact that caused it.
 */
@Injectable()
export class CommissionService implements OnModuleInit {
  constructor(
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(DomainEvents) private readonly events: DomainEvents,
    @Inject(JobQueue) private readonly jobs: JobQueue,
    @Inject(DistributionSettingsStore) private readonly settings: DistributionSettingsStore,
    @Inject(CommissionLedger) private readonly ledger: CommissionLedger,
    @Inject(TeamCounters) private readonly team: TeamCounters,
  ) {}

  onModuleInit(): void {
    this.events.onInTransaction('order.placed', (tx, order) => this.copyOntoOrder(tx, order));
    this.events.onInTransaction('order.paid', (tx, order) => this.markPending(tx, order.orderId, order.paidAt));
    this.events.onInTransaction('order.cancelled', (tx, order) => this.cancelEstimates(tx, order.orderId));
    this.events.onInTransaction('order.refunded', (tx, refund) => this.reverseForRefund(tx, refund));
    this.events.onInTransaction('order.aftersale-window-closed', (tx, order) =>
      this.settleLines(tx, order.orderId, order.lineIds),
    );
    this.jobs.addSweeper({ name: 'commissions', run: () => this.settleDue() });
  }

  /** L1 = the buyer's distributor (the buyer when a distributor buying with self-purchase on), L2 = L1's parent. */
  async chainFor(tx: Tx, buyerId: number, settings: DistributionSettings, now: Date): Promise<ReferralChain> {
    const approved = async (userId: number | null | undefined) => {
      if (!userId) return null;
      const d = await tx.distributor.findUnique({ where: { userId } });
      return d?.status === 'APPROVED' ? d : null;
    };
    const buyer = await approved(buyerId);
    let l1: Distributor | null;
    if (buyer) {
      l1 = settings.selfPurchaseCommission ? buyer : await approved(buyer.parentId);
    } else {
      const binding = await tx.customerBinding.findUnique({ where: { customerId: buyerId } });
      const active = binding && (binding.expiresAt === null || binding.expiresAt.getTime() > now.getTime());
      l1 = active ? await approved(binding.distributorId) : null;
    }
    const l2 = settings.levels >= 2 && l1 ? await approved(l1.parentId) : null;
    return { l1, l2 };
  }

  /** The chain and each line's commission, fixed at creation: later re-binding never moves them. */
  private async copyOntoOrder(tx: Tx, order: DomainEventMap['order.placed']): Promise<void> {
    const settings = await this.settings.get(tx);
    if (!settings.enabled) return;
    const chain = await this.chainFor(tx, order.userId, settings, order.createdAt);
    if (!chain.l1) return;
    await tx.orderReferral.create({
      data: {
        orderId: order.orderId,
        buyerId: order.userId,
        l1Id: chain.l1.userId,
        l2Id: chain.l2?.userId ?? null,
        createdAt: order.createdAt,
      },
    });
    const rules = await this.rulesFor(tx, order.lines);
    const tierRate = await this.tierRates(tx, chain);
    const present: Level[] = chain.l2 ? [1, 2] : [1];
    const rows = order.lines.flatMap((line) =>
      lineCommissions(line, present, {
        shop: { l1: settings.l1RateBp, l2: settings.l2RateBp },
        levels: settings.levels,
        rule: rules.get(`${line.productId}:${line.skuId}`) ?? rules.get(`${line.productId}:0`) ?? null,
        tierRate,
        activityEarns: settings.activityGoodsEarn,
      }).map((c) => ({
        orderId: order.orderId,
        orderLineId: line.lineId,
        beneficiaryId: c.level === 1 ? chain.l1!.userId : chain.l2!.userId,
        buyerId: order.userId,
        level: c.level,
        base: line.paidAmount,
        amount: c.amount,
        rule: c.rule,
        productTitle: line.title.slice(0, 128),
        createdAt: order.createdAt,
      })),
    );
    if (rows.length) await tx.commission.createMany({ data: rows });
  }

  private async rulesFor(tx: Tx, lines: OrderLineFact[]): Promise<Map<string, ProductRule>> {
    const found = await tx.commissionRule.findMany({
      where: { productId: { in: [...new Set(lines.map((l) => l.productId))] } },
    });
    return new Map(
      found.map((r) => [
        `${r.productId}:${r.skuId}`,
        {
          percent: r.l1RateBp !== null && r.l2RateBp !== null ? { l1: r.l1RateBp, l2: r.l2RateBp } : null,
          fixed: r.l1Fixed !== null && r.l2Fixed !== null ? { l1: r.l1Fixed, l2: r.l2Fixed } : null,
        },
      ]),
    );
  }

  private async tierRates(tx: Tx, chain: ReferralChain): Promise<Partial<Record<Level, number | null>>> {
    const ids = [chain.l1?.tierId, chain.l2?.tierId].filter((id): id is number => typeof id === 'number');
    if (!ids.length) return {};
    const tiers = new Map((await tx.distributorTier.findMany({ where: { id: { in: ids } } })).map((t) => [t.id, t]));
    return {
      1: chain.l1?.tierId ? (tiers.get(chain.l1.tierId)?.l1RateBp ?? null) : null,
      2: chain.l2?.tierId ? (tiers.get(chain.l2.tierId)?.l2RateBp ?? null) : null,
    };
  }

  /** Paid: ESTIMATED → PENDING, each with its ledger entry. */
  private async markPending(tx: Tx, orderId: number, paidAt: Date): Promise<void> {
    const estimates = await tx.commission.findMany({ where: { orderId, status: 'ESTIMATED' } });
    for (const c of estimates) {
      const moved = await tx.commission.updateMany({
        where: { id: c.id, status: 'ESTIMATED' },
        data: { status: 'PENDING', paidAt },
      });
      if (moved.count !== 1) continue;
      await this.ledger.post(tx, {
        distributorId: c.beneficiaryId,
        type: 'COMMISSION_EARNED',
        commissionId: c.id,
        movement: { pending: c.amount },
        at: paidAt,
        note: `L${c.level} ${c.productTitle}`,
      });
    }
  }

  private async cancelEstimates(tx: Tx, orderId: number): Promise<void> {
    await tx.commission.updateMany({ where: { orderId, status: 'ESTIMATED' }, data: { status: 'CANCELLED' } });
  }

  /**
   * A refund reverses in proportion to what is left of each line's paid base — from pending before
   * settlement, from the balance after it (which may then go negative and is netted by later
   * commissions). Own and team sales follow settled sales back down.
   */
  private async reverseForRefund(tx: Tx, refund: DomainEventMap['order.refunded']): Promise<void> {
    const commissions = await tx.commission.findMany({
      // REVERSED too: a commission floored to nothing may still have a paid base whose later
      // refunds must come off own and team sales.
      where: { orderId: refund.orderId, status: { in: ['PENDING', 'SETTLED', 'REVERSED'] } },
    });
    const lines = new Map(refund.lines.map((l) => [l.lineId, l]));
    const at = this.clock.now();
    for (const c of commissions) {
      const line = lines.get(c.orderLineId);
      if (!line) continue;
      const refunded = Math.min(c.base, refund.everythingRefunded ? c.base : line.refundedAmount);
      if (refunded <= c.refundedBase) continue;
      const settled = c.settledAt !== null;
      const due = reversalDue(c, refunded);
      const reversed = c.reversedAmount + due;
      const updated = await tx.commission.updateMany({
        where: { id: c.id, reversedAmount: c.reversedAmount, refundedBase: c.refundedBase, status: c.status },
        data: {
          reversedAmount: reversed,
          refundedBase: refunded,
          status: reversed >= c.amount ? 'REVERSED' : c.status,
        },
      });
      if (updated.count !== 1) continue;
      if (due > 0)
        await this.ledger.post(tx, {
          distributorId: c.beneficiaryId,
          type: 'COMMISSION_REVERSED',
          commissionId: c.id,
          movement: settled ? { balance: -due } : { pending: -due },
          at,
          note: `退款 L${c.level} ${c.productTitle}`,
        });
      if (settled && c.level === 1) await this.team.addSales(tx, c.beneficiaryId, -(refunded - c.refundedBase));
    }
  }

  /**
   * PENDING → SETTLED for these lines, except a line with an after-sale still open (the sweeper
   * settles it once the after-sale is over). Settled sales raise own sales, team sales and tiers.
   */
  async settleLines(tx: Tx, orderId: number, lineIds: number[]): Promise<void> {
    if (!lineIds.length) return;
    const pending = await tx.commission.findMany({
      where: { orderId, orderLineId: { in: lineIds }, status: 'PENDING' },
    });
    if (!pending.length) return;
    const open = await tx.aftersale.findMany({
      where: { orderLineId: { in: pending.map((c) => c.orderLineId) }, status: { in: [...OPEN_AFTERSALE] } },
      select: { orderLineId: true },
    });
    const blocked = new Set(open.map((a) => a.orderLineId));
    const at = this.clock.now();
    const settled = new Map<number, number>();
    for (const c of pending) {
      if (blocked.has(c.orderLineId)) continue;
      const moved = await tx.commission.updateMany({
        where: { id: c.id, status: 'PENDING', reversedAmount: c.reversedAmount },
        data: { status: 'SETTLED', settledAt: at },
      });
      if (moved.count !== 1) continue;
      const net = c.amount - c.reversedAmount;
      if (net > 0) settled.set(c.beneficiaryId, (settled.get(c.beneficiaryId) ?? 0) + net);
      if (net > 0)
        await this.ledger.post(tx, {
          distributorId: c.beneficiaryId,
          type: 'COMMISSION_SETTLED',
          commissionId: c.id,
          movement: { pending: -net, balance: net },
          at,
          note: `结算 L${c.level} ${c.productTitle}`,
        });
      if (c.level === 1) await this.team.addSales(tx, c.beneficiaryId, c.base - c.refundedBase);
    }
    if (settled.size === 0) return;
    const settlements = [...settled].map(([distributorId, amount]) => ({ distributorId, amount }));
    this.prisma.afterCommitOf(tx, await this.events.publish(tx, 'commission.settled', { orderId, settlements, at }));
  }

  /** The sweeper: pending commissions of orders whose window has closed (after-sales since finished). */
  async settleDue(limit = 200): Promise<void> {
    const due = await this.prisma.client.$queryRaw<{ orderId: number; lineId: number }[]>`
      SELECT c.order_id AS orderId, c.order_line_id AS lineId
        FROM commission c JOIN orders o ON o.id = c.order_id
       WHERE c.status = 'PENDING' AND o.aftersale_closed_at IS NOT NULL
       LIMIT ${limit}`;
    const byOrder = new Map<number, number[]>();
    for (const row of due)
      byOrder.set(Number(row.orderId), [...(byOrder.get(Number(row.orderId)) ?? []), Number(row.lineId)]);
    for (const [orderId, lineIds] of byOrder)
      await this.prisma.transaction((tx) => this.settleLines(tx, orderId, [...new Set(lineIds)]));
  }
}
