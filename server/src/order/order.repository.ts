import { Inject, Injectable } from '@nestjs/common';
import type { OrderStatus } from '@weshop/shared';
import type { Prisma } from '../generated/prisma/client';
import type { Tx } from '../infra/events/domain-events';
import { PrismaService } from '../infra/prisma/prisma.service';

export type OrderActor = 'USER' | 'ADMIN' | 'SYSTEM' | 'WECHAT';

export const ORDER_DETAIL = {
  lines: { orderBy: { id: 'asc' } },
  events: { orderBy: { id: 'asc' } },
  shipments: { orderBy: { id: 'asc' } },
} as const satisfies Prisma.OrderInclude;

export type OrderDetailRow = Prisma.OrderGetPayload<{ include: typeof ORDER_DETAIL }>;

/** A new order as `create` wrote it: its timeline entry as inserted (without the id it was given). */
export type PlacedOrderRow = Omit<OrderDetailRow, 'events'> & {
  events: Array<Omit<OrderDetailRow['events'][number], 'id'>>;
};

export interface NewOrder {
  orderNo: string;
  userId: number;
  kind: 'NORMAL' | 'GROUP_BUY' | 'FLASH_SALE';
  goodsAmount: number;
  discountAmount: number;
  couponDiscount: number;
  pointsDeduction: number;
  pointsUsed: number;
  couponId: number | null;
  shippingFee: number;
  payable: number;
  address: Record<string, string>;
  remark: string;
  expiresAt: Date;
  createdAt: Date;
  lines: Array<{
    productId: number;
    skuId: number;
    title: string;
    specs: Record<string, string>;
    image: string;
    unitPrice: number;
    quantity: number;
    goodsAmount: number;
    discountAmount: number;
    couponDiscount: number;
    pointsDeduction: number;
    paidAmount: number;
    /** 赠品: the promotion that gave the line (priced 0); null for a bought line. */
    giftOfPromotionId: number | null;
    earnsPoints: boolean;
  }>;
}

/** Orders, their lines and their timeline. Status changes only through `transition`. */
@Injectable()
export class OrderRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  /**
   * Writes a new order, its lines and its first timeline entry, and returns them as written: the
   * order row read back once (for its id and the columns the database fills), the lines in one
   * multi-row INSERT and read back once (for their ids), the timeline entry as it was inserted.
   * Every statement counts here: each one costs the server CPU on every order placed.
   */
  async create(tx: Tx, order: NewOrder, actor: OrderActor): Promise<PlacedOrderRow> {
    const { lines, ...fields } = order;
    const row = await tx.order.create({ data: { ...fields, status: 'PENDING_PAYMENT' } });
    await tx.orderLine.createMany({ data: lines.map((line) => ({ ...line, orderId: row.id })) });
    const lineRows = await tx.orderLine.findMany({ where: { orderId: row.id }, orderBy: { id: 'asc' } });
    const event = {
      orderId: row.id,
      fromStatus: null,
      toStatus: 'PENDING_PAYMENT',
      actor,
      note: '下单',
      at: order.createdAt,
    } as const;
    await tx.orderEvent.createMany({ data: [event] });
    return { ...row, lines: lineRows, events: [event], shipments: [] };
  }

  findDetail(id: number, tx?: Tx): Promise<OrderDetailRow | null> {
    return (tx ?? this.prisma.client).order.findUnique({ where: { id }, include: ORDER_DETAIL });
  }

  findOwnedDetail(userId: number, id: number): Promise<OrderDetailRow | null> {
    return this.prisma.client.order.findFirst({ where: { id, userId }, include: ORDER_DETAIL });
  }

  async list(filter: { userId?: number; status?: OrderStatus; page: number; pageSize: number }) {
    const where: Prisma.OrderWhereInput = {
      ...(filter.userId !== undefined ? { userId: filter.userId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
    };
    const [rows, total] = await Promise.all([
      this.prisma.client.order.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        skip: (filter.page - 1) * filter.pageSize,
        take: filter.pageSize,
        include: ORDER_DETAIL,
      }),
      this.prisma.client.order.count({ where }),
    ]);
    return { rows, total };
  }

  /**
   * Compare-and-set: moves the order to `to` only if it is still in one of `from`, writes the
   * stamps and a timeline entry in the same transaction. False when someone else moved it first.
   */
  async transition(
    tx: Tx,
    id: number,
    from: readonly OrderStatus[],
    to: OrderStatus,
    event: { actor: OrderActor; note: string; at: Date },
    stamps: Prisma.OrderUpdateManyMutationInput = {},
  ): Promise<boolean> {
    const [current] = await tx.$queryRaw<
      Array<{ status: OrderStatus }>
    >`SELECT status FROM orders WHERE id = ${id} FOR UPDATE`;
    if (!current || !from.includes(current.status)) return false;
    const { count } = await tx.order.updateMany({
      where: { id, status: { in: [...from] } },
      data: { ...stamps, status: to },
    });
    if (count === 0) return false;
    await tx.orderEvent.create({
      data: {
        orderId: id,
        fromStatus: current.status,
        toStatus: to,
        actor: event.actor,
        note: event.note,
        at: event.at,
      },
    });
    return true;
  }

  /** Units of these products the user bought in orders that still count (not cancelled). */
  async unitsBought(tx: Tx, userId: number, productIds: number[]): Promise<Map<number, number>> {
    const rows = await tx.orderLine.groupBy({
      by: ['productId'],
      where: {
        productId: { in: productIds },
        giftOfPromotionId: null,
        order: { userId, status: { notIn: ['CANCELLED'] } },
      },
      _sum: { quantity: true },
    });
    return new Map(rows.map((r) => [r.productId, r._sum.quantity ?? 0]));
  }

  /** Gift lines whose units were gone when the order took its stock: the order goes on without them. */
  async dropGiftLines(tx: Tx, orderId: number, lineIds: number[]): Promise<void> {
    await tx.orderLine.deleteMany({ where: { orderId, id: { in: lineIds }, giftOfPromotionId: { not: null } } });
  }

  /** Serialises one user's order creation (purchase limits are counted, then written). */
  async lockBuyer(tx: Tx, userId: number): Promise<void> {
    await tx.$queryRaw`SELECT id FROM user WHERE id = ${userId} FOR UPDATE`;
  }

  async addRefunded(tx: Tx, orderId: number, amount: number, line?: { id: number; restock: number }): Promise<void> {
    await tx.order.update({ where: { id: orderId }, data: { refundedAmount: { increment: amount } } });
    if (line) {
      await tx.orderLine.update({
        where: { id: line.id },
        data: { refundedAmount: { increment: amount }, restockedQuantity: { increment: line.restock } },
      });
    }
  }

  /** Unpaid orders past their deadline (the sweeper's view of lost timeout jobs). */
  async overdueUnpaid(now: Date, limit = 100) {
    return this.prisma.client.order.findMany({
      where: { status: 'PENDING_PAYMENT', expiresAt: { lte: now } },
      select: { id: true },
      take: limit,
    });
  }

  async overdueReceipt(now: Date, limit = 100) {
    return this.prisma.client.order.findMany({
      where: { status: 'SHIPPED', autoConfirmAt: { lte: now } },
      select: { id: true },
      take: limit,
    });
  }

  async aftersaleWindowsToClose(now: Date, limit = 100) {
    return this.prisma.client.order.findMany({
      where: { status: { in: ['COMPLETED', 'CLOSED'] }, aftersaleDeadline: { lte: now }, aftersaleClosedAt: null },
      select: { id: true },
      take: limit,
    });
  }

  async markAftersaleWindowClosed(tx: Tx, orderId: number, at: Date): Promise<boolean> {
    const { count } = await tx.order.updateMany({
      where: { id: orderId, aftersaleClosedAt: null },
      data: { aftersaleClosedAt: at },
    });
    return count === 1;
  }
}
