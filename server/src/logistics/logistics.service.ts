import { Inject, Injectable } from '@nestjs/common';
import { carrierName, type OrderLogistics } from '@weshop/shared';
import { Clock } from '../infra/clock';
import { OrderService } from '../order/order.service';
import { TRACKING_PROVIDER, type TrackingProvider } from './tracking.provider';

/** 物流跟踪: the buyer's parcels with their routes from the tracking provider (shop clock). */
@Injectable()
export class LogisticsService {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(OrderService) private readonly orders: OrderService,
    @Inject(TRACKING_PROVIDER) private readonly tracking: TrackingProvider,
  ) {}

  /** The caller's own order only (another user's is 404, like every order route). */
  async forBuyer(userId: number, orderId: number): Promise<OrderLogistics> {
    const order = await this.orders.get(userId, orderId);
    const now = this.clock.now();
    const parcels = await Promise.all(
      order.shipments.map(async (shipment) => {
        const events = await this.tracking.track(
          shipment.carrier,
          shipment.trackingNo,
          new Date(shipment.shippedAt),
          now,
        );
        return {
          id: shipment.id,
          carrier: shipment.carrier,
          carrierName: carrierName(shipment.carrier),
          trackingNo: shipment.trackingNo,
          shippedAt: shipment.shippedAt,
          items: shipment.items.map((item) => ({
            lineId: item.lineId,
            title: order.lines.find((l) => l.id === item.lineId)?.title ?? '',
            quantity: item.quantity,
          })),
          status: events[0]?.status ?? null,
          events: events.map((e) => ({ at: e.at.toISOString(), text: e.text, status: e.status })),
        };
      }),
    );
    return { parcels };
  }
}
