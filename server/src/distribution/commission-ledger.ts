import { Inject, Injectable } from '@nestjs/common';
import type { DistributorBalances } from '@weshop/shared';
import type { LedgerEntryType } from '../generated/prisma/client';
import type { Tx } from '../infra/events/domain-events';
import { PrismaService } from '../infra/prisma/prisma.service';

/** How an entry moves money between a distributor's buckets (fen; any may be negative). */
export interface Movement {
  pending?: number;
  balance?: number;
  inFlight?: number;
  withdrawn?: number;
}

export interface Buckets {
  pending: number;
  balance: number;
  inFlight: number;
  withdrawn: number;
}

export const bucketsView = (b: Buckets): DistributorBalances => ({
  pending: b.pending,
  balance: b.balance,
  withdrawable: Math.max(0, b.balance),
  inFlight: b.inFlight,
  withdrawn: b.withdrawn,
});

export interface LedgerPosting {
  distributorId: number;
  type: LedgerEntryType;
  movement: Movement;
  at: Date;
  commissionId?: number;
  withdrawalId?: number;
  note?: string;
}

/** Writes one entry and moves the cached buckets by the same amounts, in the caller's transaction. */
export async function postLedgerEntry(tx: Tx, entry: LedgerPosting): Promise<void> {
  const m = entry.movement;
  await tx.ledgerEntry.create({
    data: {
      distributorId: entry.distributorId,
      type: entry.type,
      commissionId: entry.commissionId ?? null,
      withdrawalId: entry.withdrawalId ?? null,
      pendingDelta: m.pending ?? 0,
      balanceDelta: m.balance ?? 0,
      inFlightDelta: m.inFlight ?? 0,
      withdrawnDelta: m.withdrawn ?? 0,
      note: (entry.note ?? '').slice(0, 64),
      createdAt: entry.at,
    },
  });
  await tx.distributor.update({
    where: { userId: entry.distributorId },
    data: {
      pendingAmount: { increment: m.pending ?? 0 },
      balance: { increment: m.balance ?? 0 },
      inFlightAmount: { increment: m.inFlight ?? 0 },
      withdrawnAmount: { increment: m.withdrawn ?? 0 },
    },
  });
}

/**
 * 佣金账本: append-only entries, each moving money between the buckets pending → balance →
 * in flight → withdrawn (or back). The distributor row caches the sums; every post writes the
 * entry and the cached sums in the caller's transaction, so they can never drift apart, and
 * {@link recompute} proves it from the entries alone.
 */
@Injectable()
export class CommissionLedger {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  post(tx: Tx, entry: LedgerPosting): Promise<void> {
    return postLedgerEntry(tx, entry);
  }

  /** The buckets of one distributor (or all) summed from the ledger, beside the cached ones. */
  async recompute(userId?: number): Promise<{ userId: number; cached: Buckets; ledger: Buckets }[]> {
    const where = userId === undefined ? '' : 'WHERE d.user_id = ?';
    const rows = await this.prisma.client.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT d.user_id AS userId,
              d.pending_amount AS cp, d.balance AS cb, d.in_flight_amount AS ci, d.withdrawn_amount AS cw,
              COALESCE(SUM(e.pending_delta), 0) AS lp, COALESCE(SUM(e.balance_delta), 0) AS lb,
              COALESCE(SUM(e.in_flight_delta), 0) AS li, COALESCE(SUM(e.withdrawn_delta), 0) AS lw
         FROM distributor d LEFT JOIN ledger_entry e ON e.distributor_id = d.user_id
         ${where}
        GROUP BY d.user_id`,
      ...(userId === undefined ? [] : [userId]),
    );
    const n = (v: unknown) => Number(v);
    return rows.map((r) => ({
      userId: n(r.userId),
      cached: { pending: n(r.cp), balance: n(r.cb), inFlight: n(r.ci), withdrawn: n(r.cw) },
      ledger: { pending: n(r.lp), balance: n(r.lb), inFlight: n(r.li), withdrawn: n(r.lw) },
    }));
  }
}
