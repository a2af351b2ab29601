import { Inject, Injectable } from '@nestjs/common';
import type { OrderStatus } from '@weshop/shared';
import type { Prisma } from '../generated/prisma/client';
import type { Tx } from '../infra/events/domain-events';
import { PrismaService } from '../infra/prisma/prisma.service';
import { ORDER_DETAIL } from '../order/order.repository';
import type { ParcelItem } from './shipping.policy';

const ADMIN_ORDER = { ...ORDER_DETAIL, user: { select: { id: true, nickname: true, phone: true } } } as const;
export type AdminOrderRow = Prisma.OrderGetPayload<{ include: typeof ADMIN_ORDER }>;

/**
 * Parcels (Shipment), the WeChat shipping uploads, and the merchant's read of orders for the
 * console. Order status changes go through OrderLifecycle, never here.
 */
@Injectable()
export class ShippingRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  /** Locks the order row for this transaction (parcels of one order are serialised) and reads it. */
  async lockForShipping(tx: Tx, orderId: number) {
    const [row] = await tx.$queryRaw<Array<{ id: number }>>`SELECT id FROM orders WHERE id = ${orderId} FOR UPDATE`;
    if (!row) return null;
    return tx.order.findUnique({
      where: { id: orderId },
      select: {
        id: true,
        status: true,
        lines: {
          orderBy: { id: 'asc' },
          select: { id: true, quantity: true, paidAmount: true, refundedAmount: true, restockedQuantity: true },
        },
        shipments: { orderBy: { id: 'asc' }, select: { items: true } },
      },
    });
  }

  async trackingTaken(tx: Tx, carrier: string, trackingNo: string): Promise<boolean> {
    return (await tx.shipment.count({ where: { carrier, trackingNo } })) > 0;
  }

  async createShipment(
    tx: Tx,
    shipment: { orderId: number; carrier: string; trackingNo: string; items: ParcelItem[]; shippedAt: Date },
  ): Promise<number> {
    const row = await tx.shipment.create({
      data: { ...shipment, items: shipment.items.map((i) => ({ lineId: i.lineId, quantity: i.quantity })) },
      select: { id: true },
    });
    return row.id;
  }

  /** The upload WeChat needs, PENDING (idempotent per order). */
  async createUpload(tx: Tx, orderId: number): Promise<void> {
    await tx.wechatShippingUpload.upsert({ where: { orderId }, create: { orderId }, update: {} });
  }

  uploadOf(orderId: number) {
    return this.prisma.client.wechatShippingUpload.findUnique({ where: { orderId } });
  }

  /**
   * Takes the upload for one attempt: compare-and-set on `updatedAt`, so the job and the sweeper
   * never run the same attempt twice. False when someone else took it or it is no longer PENDING.
   */
  async claimUpload(id: number, seenUpdatedAt: Date): Promise<boolean> {
    const { count } = await this.prisma.client.wechatShippingUpload.updateMany({
      where: { id, status: 'PENDING', updatedAt: seenUpdatedAt },
      data: { attempts: { increment: 1 } },
    });
    return count === 1;
  }

  async markUploaded(id: number, at: Date): Promise<void> {
    await this.prisma.client.wechatShippingUpload.update({
      where: { id },
      data: { status: 'UPLOADED', uploadedAt: at, lastError: null },
    });
  }

  async recordUploadError(id: number, error: string, status: 'PENDING' | 'FAILED' = 'PENDING'): Promise<void> {
    await this.prisma.client.wechatShippingUpload.update({
      where: { id },
      data: { status, lastError: error.slice(0, 255) },
    });
  }

  /** PENDING uploads untouched since `before` (lost jobs, or failures waiting for the next try). */
  staleUploads(before: Date, limit = 50) {
    return this.prisma.client.wechatShippingUpload.findMany({
      where: { status: 'PENDING', updatedAt: { lt: before } },
      select: { orderId: true },
      orderBy: { id: 'asc' },
      take: limit,
    });
  }

  /** What the upload is built from: the order's lines and parcels, and its successful payment. */
  async uploadContext(orderId: number) {
    const order = await this.prisma.client.order.findUnique({
      where: { id: orderId },
      select: {
        address: true,
        lines: { orderBy: { id: 'asc' }, select: { id: true, title: true } },
        shipments: { orderBy: { id: 'asc' }, select: { carrier: true, trackingNo: true, items: true } },
        payments: {
          where: { status: 'SUCCESS', transactionId: { not: null } },
          orderBy: { id: 'asc' },
          select: { transactionId: true, payerOpenid: true },
        },
      },
    });
    return order;
  }

  findAdminOrder(id: number): Promise<AdminOrderRow | null> {
    return this.prisma.client.order.findUnique({ where: { id }, include: ADMIN_ORDER });
  }

  /** Every buyer's orders, newest first; `q` matches an order number prefix or a phone (buyer's or receiver's). */
  async listAdminOrders(filter: { status?: OrderStatus; q?: string; page: number; pageSize: number }) {
    const q = filter.q;
    const where: Prisma.OrderWhereInput = {
      ...(filter.status ? { status: filter.status } : {}),
      ...(q
        ? {
            OR: [{ orderNo: { startsWith: q } }, { user: { phone: q } }, { address: { path: '$.phone', equals: q } }],
          }
        : {}),
    };
    const [rows, total] = await Promise.all([
      this.prisma.client.order.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        skip: (filter.page - 1) * filter.pageSize,
        take: filter.pageSize,
        include: ADMIN_ORDER,
      }),
      this.prisma.client.order.count({ where }),
    ]);
    return { rows, total };
  }
}
