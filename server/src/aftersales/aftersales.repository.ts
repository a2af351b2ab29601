import { Inject, Injectable } from '@nestjs/common';
import type { AftersaleStatus, AftersaleType, OrderStatus } from '@weshop/shared';
import type { Prisma } from '../generated/prisma/client';
import type { Tx } from '../infra/events/domain-events';
import { PrismaService } from '../infra/prisma/prisma.service';
import { OPEN_AFTERSALE_STATUSES, sourcesOf } from './aftersale-state';

const DETAIL = {
  order: { select: { orderNo: true } },
  orderLine: {
    select: { id: true, skuId: true, title: true, quantity: true, paidAmount: true, refundedAmount: true },
  },
} as const satisfies Prisma.AftersaleInclude;

type DetailRow = Prisma.AftersaleGetPayload<{ include: typeof DETAIL }>;

/** An after-sale with its order number, its line, and its WeChat refund when there is one. */
export type AftersaleRecord = DetailRow & {
  refund: {
    status: 'PROCESSING' | 'SUCCESS' | 'ABNORMAL' | 'CLOSED';
    amount: number;
    createdAt: Date;
    succeededAt: Date | null;
  } | null;
};

/** What the after-sales rules need to know about an order and one of its lines (read only). */
export interface OrderFacts {
  id: number;
  userId: number;
  status: OrderStatus;
  aftersaleDeadline: Date | null;
}
export interface LineFacts {
  id: number;
  orderId: number;
  skuId: number;
  quantity: number;
  paidAmount: number;
  refundedAmount: number;
  restockedQuantity: number;
}

export interface NewAftersale {
  aftersaleNo: string;
  orderId: number;
  orderLineId: number;
  userId: number;
  type: AftersaleType;
  amount: number;
  quantity: number;
  reason: string;
  createdAt: Date;
}

/**
 * After-sales rows. Status changes only through `transition` (compare-and-set). Order rows are
 * read here, never written: their changes go through OrderLifecycle.
 */
@Injectable()
export class AftersalesRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.transaction((tx) => work(tx));
  }

  /**
   * Locks the order line (SELECT … FOR UPDATE) so that requests on the same line run one after the
   * other: the refundable amount is read and reserved without a race. Call it first in the
   * transaction, before any other read, so later reads see what the previous holder committed.
   */
  async lockLine(tx: Tx, orderId: number, lineId: number): Promise<LineFacts | null> {
    const [row] = await tx.$queryRaw<
      Array<{ id: number }>
    >`SELECT id FROM order_line WHERE id = ${lineId} AND order_id = ${orderId} FOR UPDATE`;
    if (!row) return null;
    return tx.orderLine.findUniqueOrThrow({
      where: { id: lineId },
      select: {
        id: true,
        orderId: true,
        skuId: true,
        quantity: true,
        paidAmount: true,
        refundedAmount: true,
        restockedQuantity: true,
      },
    });
  }

  orderFacts(tx: Tx, orderId: number): Promise<OrderFacts | null> {
    return tx.order.findUnique({
      where: { id: orderId },
      select: { id: true, userId: true, status: true, aftersaleDeadline: true },
    });
  }

  openOnLine(tx: Tx, lineId: number): Promise<Array<{ id: number; amount: number }>> {
    return tx.aftersale.findMany({
      where: { orderLineId: lineId, status: { in: [...OPEN_AFTERSALE_STATUSES] } },
      select: { id: true, amount: true },
    });
  }

  async create(tx: Tx, data: NewAftersale): Promise<number> {
    const row = await tx.aftersale.create({ data: { ...data, status: 'REQUESTED', updatedAt: data.createdAt } });
    return row.id;
  }

  async find(id: number, tx?: Tx): Promise<AftersaleRecord | null> {
    const row = await (tx ?? this.prisma.client).aftersale.findUnique({ where: { id }, include: DETAIL });
    return row ? (await this.withRefunds([row], tx))[0] : null;
  }

  async findOwned(userId: number, id: number): Promise<AftersaleRecord | null> {
    const row = await this.prisma.client.aftersale.findFirst({ where: { id, userId }, include: DETAIL });
    return row ? (await this.withRefunds([row]))[0] : null;
  }

  async list(filter: { userId?: number; status?: AftersaleStatus; page: number; pageSize: number }) {
    const where: Prisma.AftersaleWhereInput = {
      ...(filter.userId !== undefined ? { userId: filter.userId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
    };
    const [rows, total] = await Promise.all([
      this.prisma.client.aftersale.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        skip: (filter.page - 1) * filter.pageSize,
        take: filter.pageSize,
        include: DETAIL,
      }),
      this.prisma.client.aftersale.count({ where }),
    ]);
    return { rows: await this.withRefunds(rows), total };
  }

  /**
   * Compare-and-set: moves the after-sale to `to` only if it is still in a state from which an
   * after-sale of its type reaches `to` (from the state table). False when someone moved it first.
   */
  async transition(
    tx: Tx,
    current: { id: number; type: AftersaleType },
    to: AftersaleStatus,
    at: Date,
    fields: Pick<Prisma.AftersaleUpdateManyMutationInput, 'rejectReason' | 'returnCarrier' | 'returnTrackingNo'> = {},
  ): Promise<boolean> {
    const from = sourcesOf(current.type, to);
    if (from.length === 0) return false;
    const { count } = await tx.aftersale.updateMany({
      where: { id: current.id, status: { in: from } },
      data: { ...fields, status: to, updatedAt: at },
    });
    return count === 1;
  }

  private async withRefunds(rows: DetailRow[], tx?: Tx): Promise<AftersaleRecord[]> {
    const refunds = await (tx ?? this.prisma.client).refund.findMany({
      where: { aftersaleId: { in: rows.map((r) => r.id) } },
      select: { aftersaleId: true, status: true, amount: true, createdAt: true, succeededAt: true },
    });
    const byAftersale = new Map(refunds.map(({ aftersaleId, ...refund }) => [aftersaleId, refund]));
    return rows.map((row) => ({ ...row, refund: byAftersale.get(row.id) ?? null }));
  }
}
