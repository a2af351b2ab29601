import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../generated/prisma/client';

/** A Prisma interactive-transaction client. */
export type Tx = Prisma.TransactionClient;

/**
 * Typed domain events. Past tense, published by the domain that owns the fact.
 * Add an event here with its payload; handlers are typed by it.
 */
export interface DomainEventMap {
  /** WeChat Pay confirmed a transaction (verified notification or query); applied once. */
  'payment.succeeded': { paymentId: number; orderId: number; amount: number; paidAt: Date; transactionId: string };
  /**
   * An order was created (in its transaction): other domains copy what they must fix at creation
   * (the referral chain and each line's commission).
   */
  'order.placed': {
    orderId: number;
    userId: number;
    kind: 'NORMAL' | 'GROUP_BUY' | 'FLASH_SALE';
    createdAt: Date;
    lines: OrderLineFact[];
    /** The buyer's coupon (a user coupon id) and points spent, for the marketing domains to lock. */
    couponId?: number | null;
    pointsUsed?: number;
    /** The activity the order was placed under (e.g. `{ kind: 'GROUP_BUY', campaignId, groupId }`). */
    activity?: ({ kind: string } & Record<string, unknown>) | null;
  };
  'order.paid': { orderId: number; userId: number; paidAt: Date };
  'order.cancelled': { orderId: number; userId: number; reason: string };
  'order.shipped': { orderId: number; userId: number };
  'order.completed': { orderId: number; userId: number; completedAt: Date };
  /** The after-sales window closed: commissions and frozen points of these lines may settle. */
  'order.aftersale-window-closed': { orderId: number; userId: number; lineIds: number[] };
  /** A refund was added to the order (and to a line when it was for one); lines as they are now. */
  'order.refunded': {
    orderId: number;
    userId: number;
    lineId: number | null;
    amount: number;
    /** The whole payment has been refunded (also when the refund named no line). */
    everythingRefunded: boolean;
    lines: OrderLineFact[];
  };
  'refund.succeeded': { refundId: number; orderId: number; aftersaleId: number | null; amount: number };
  'refund.failed': { refundId: number; orderId: number; aftersaleId: number | null; status: string };
  /** A group buy's group succeeded (every seat paid, or 模拟成团 at the deadline): its paid members. */
  'groupbuy.succeeded': { groupId: number; members: Array<{ userId: number; orderId: number }>; at: Date };
  /** A group failed at its deadline: its paid members, whose orders are being refunded. */
  'groupbuy.failed': { groupId: number; members: Array<{ userId: number; orderId: number }>; at: Date };
  /** Commissions of an order settled, summed per distributor (user id) over the lines settled now. */
  'commission.settled': { orderId: number; settlements: Array<{ distributorId: number; amount: number }>; at: Date };
  /** A withdrawal reached the distributor's WeChat balance. */
  'withdrawal.paid': { withdrawalId: number; distributorId: number; amount: number; paidAt: Date };
  /** A buyer reviewed an order line (in the review's transaction): the FIRST_REVIEW points task. */
  'review.written': { reviewId: number; userId: number; orderId: number; at: Date };
  /** A user changed their profile (in its transaction), as it is now: the COMPLETE_PROFILE points task. */
  'user.profile-updated': {
    userId: number;
    nickname: string;
    avatarUrl: string;
    phone: string | null;
    birthday: Date | null;
    at: Date;
  };
}
export type DomainEventName = keyof DomainEventMap;

/** An order line as other domains need to know it. Amounts in fen. */
export interface OrderLineFact {
  lineId: number;
  productId: number;
  skuId: number;
  title: string;
  quantity: number;
  paidAmount: number;
  refundedAmount: number;
  /** Bought at an activity price (group buy, flash sale): commission only if the campaign says so. */
  activity: { kind: string; earnsCommission: boolean | null } | null;
}

type TxHandler<K extends DomainEventName> = (tx: Tx, payload: DomainEventMap[K]) => Promise<void>;
type AfterCommitHandler<K extends DomainEventName> = (payload: DomainEventMap[K]) => Promise<void>;

/**
 * In-process event bus with two kinds of handler:
 * - `inTransaction`: runs inside the publisher's transaction, for effects that must commit or roll
 *   back together with the fact (e.g. a refund's effect on the order's refunded amount);
 * - `afterCommit`: runs once the transaction has committed, for side effects (jobs, messages).
 *   Anything that must survive a crash is a BullMQ job scheduled from such a handler, and a sweeper
 *   re-derives it from the database.
 */
@Injectable()
export class DomainEvents {
  private readonly txHandlers = new Map<DomainEventName, TxHandler<never>[]>();
  private readonly afterHandlers = new Map<DomainEventName, AfterCommitHandler<never>[]>();

  onInTransaction<K extends DomainEventName>(name: K, handler: TxHandler<K>): void {
    this.txHandlers.set(name, [...(this.txHandlers.get(name) ?? []), handler as TxHandler<never>]);
  }

  onAfterCommit<K extends DomainEventName>(name: K, handler: AfterCommitHandler<K>): void {
    this.afterHandlers.set(name, [...(this.afterHandlers.get(name) ?? []), handler as AfterCommitHandler<never>]);
  }

  /** Runs the in-transaction handlers now; returns a function to call after commit. */
  async publish<K extends DomainEventName>(tx: Tx, name: K, payload: DomainEventMap[K]): Promise<() => Promise<void>> {
    for (const handler of this.txHandlers.get(name) ?? []) await (handler as TxHandler<K>)(tx, payload);
    return () => this.afterCommit(name, payload);
  }

  /** Runs the after-commit handlers; a failing handler never fails the request that caused it. */
  async afterCommit<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): Promise<void> {
    for (const handler of this.afterHandlers.get(name) ?? []) {
      try {
        await (handler as AfterCommitHandler<K>)(payload);
      } catch {
        // Side effects are re-derived by the sweeper; swallowing keeps the committed fact intact.
      }
    }
  }
}
