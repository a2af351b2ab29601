import { Inject, Injectable } from '@nestjs/common';
import type {
  AdminOrderDetail,
  AdminOrderListQuery,
  AdminOrderPage,
  AdminOrderView,
  ShipRequest,
} from '@weshop/shared';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { Clock } from '../infra/clock';
import { PrismaService } from '../infra/prisma/prisma.service';
import { JobQueue } from '../infra/queue/job-queue';
import { OrderLifecycle } from '../order/order-lifecycle.service';
import { OrderNotFound } from '../order/order.errors';
import { toOrderView } from '../order/order.view';
import {
  NothingToShip,
  OrderNotShippable,
  ShipmentLineUnknown,
  ShipmentQuantityExceeded,
  TrackingNoTaken,
} from './logistics.errors';
import { parcelItemsOf, planParcel, unshipped } from './shipping.policy';
import { ShippingRepository, type AdminOrderRow } from './shipping.repository';

const isUniqueViolation = (error: unknown) => (error as { code?: unknown })?.code === 'P2002';

/**
 * 发货: the merchant puts an order's units into parcels (split shipping allowed). The parcel that
 * completes the order moves it TO_SHIP → SHIPPED in the same transaction, then the auto-confirm
 * deadline and the WeChat shipping upload are scheduled after commit. Also the console's order list.
 */
@Injectable()
export class ShippingService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(JobQueue) private readonly jobs: JobQueue,
    @Inject(OrderLifecycle) private readonly lifecycle: OrderLifecycle,
    @Inject(ShippingRepository) private readonly shipping: ShippingRepository,
  ) {}

  async ship(orderId: number, request: ShipRequest): Promise<AdminOrderDetail> {
    await this.prisma.transaction(async (tx, afterCommit) => {
      const order = await this.shipping.lockForShipping(tx, orderId);
      if (!order) throw new OrderNotFound(orderId);
      if (order.status !== 'TO_SHIP') throw new OrderNotShippable(order.status);
      const plan = planParcel(
        order.lines,
        order.shipments.map((s) => parcelItemsOf(s.items)),
        request.items?.map((i) => ({ lineId: Number(i.lineId), quantity: i.quantity })),
      );
      if ('error' in plan) {
        if (plan.error === 'UNKNOWN_LINE') throw new ShipmentLineUnknown(plan.lineId);
        if (plan.error === 'TOO_MANY') throw new ShipmentQuantityExceeded(plan.lineId, plan.left);
        throw new NothingToShip();
      }
      if (await this.shipping.trackingTaken(tx, request.carrier, request.trackingNo))
        throw new TrackingNoTaken(request.carrier, request.trackingNo);
      const shippedAt = this.clock.now();
      try {
        await this.shipping.createShipment(tx, {
          orderId,
          carrier: request.carrier,
          trackingNo: request.trackingNo,
          items: plan.ok.items,
          shippedAt,
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new TrackingNoTaken(request.carrier, request.trackingNo);
        throw error;
      }
      if (!plan.ok.completes) return;
      const autoConfirmAt = await this.lifecycle.markShipped(tx, orderId, 'ADMIN');
      if (!autoConfirmAt) throw new OrderNotShippable(order.status); // the row is locked: cannot happen
      await this.shipping.createUpload(tx, orderId);
      afterCommit(async () => {
        await this.lifecycle.scheduleAutoConfirm(orderId, autoConfirmAt);
        await this.jobs.add('wechat.upload-shipping', { orderId }, { key: orderId });
      });
    });
    return this.detail(orderId);
  }

  async list(query: AdminOrderListQuery): Promise<AdminOrderPage> {
    const { rows, total } = await this.shipping.listAdminOrders(query);
    return { items: rows.map((r) => this.view(r)), total, page: query.page, pageSize: query.pageSize };
  }

  async detail(orderId: number): Promise<AdminOrderDetail> {
    const row = await this.shipping.findAdminOrder(orderId);
    if (!row) throw new OrderNotFound(orderId);
    const upload = await this.shipping.uploadOf(orderId);
    const left = ['PAID', 'GROUPING', 'TO_SHIP'].includes(row.status)
      ? unshipped(
          row.lines,
          row.shipments.map((s) => parcelItemsOf(s.items)),
        )
      : [];
    return {
      ...this.view(row),
      unshipped: left.map((i) => ({ lineId: String(i.lineId), quantity: i.quantity })),
      wechatShipping: upload
        ? {
            status: upload.status,
            attempts: upload.attempts,
            lastError: upload.lastError,
            uploadedAt: upload.uploadedAt?.toISOString() ?? null,
          }
        : null,
    };
  }

  private view(row: AdminOrderRow): AdminOrderView {
    return {
      ...toOrderView(row, this.config.publicBaseUrl),
      buyer: { id: String(row.user.id), nickname: row.user.nickname, phone: row.user.phone },
    };
  }
}
