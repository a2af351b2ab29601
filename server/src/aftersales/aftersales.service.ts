import { Inject, Injectable } from '@nestjs/common';
import type {
  AftersaleCreateRequest,
  AftersaleListQuery,
  AftersalePage,
  AftersaleReturnRequest,
  AftersaleView,
} from '@weshop/shared';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { Clock } from '../infra/clock';
import { OrderLifecycle } from '../order/order-lifecycle.service';
import { OrderNotFound } from '../order/order.errors';
import { orderNumberAt } from '../order/order-number';
import { aftersaleQuantity, canChooseType, canRequestAftersale, refundableFor } from './aftersale.policy';
import {
  AftersaleAlreadyOpen,
  AftersaleAmountTooHigh,
  AftersaleNotAllowed,
  AftersaleNotFound,
  AftersaleQuantityInvalid,
  AftersaleStateConflict,
  AftersaleWindowClosed,
  OrderLineNotFound,
} from './aftersales.errors';
import { AftersalesRepository } from './aftersales.repository';
import { toAftersaleView } from './aftersales.view';

/**
 * 售后, the buyer's side: ask for a refund (or a return and refund) on one line of their own order,
 * follow it, send the goods back, or cancel it before the merchant decides. Another user's order
 * or after-sale is "not found".
 */
@Injectable()
export class AftersalesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(AftersalesRepository) private readonly aftersales: AftersalesRepository,
  ) {}

  /**
   * One open after-sale per line, for at most what is still refundable. Requests on the same line
   * are serialised by locking the line, so two at once can never reserve more than was paid.
   */
  async request(userId: number, orderId: number, body: AftersaleCreateRequest): Promise<AftersaleView> {
    const id = await this.aftersales.transaction(async (tx) => {
      const line = await this.aftersales.lockLine(tx, orderId, Number(body.lineId));
      const order = await this.aftersales.orderFacts(tx, orderId);
      if (!order || order.userId !== userId) throw new OrderNotFound(orderId);
      if (!line) throw new OrderLineNotFound(body.lineId);
      const now = this.clock.now();
      const allowed = canRequestAftersale(order.status, order.aftersaleDeadline, now);
      if (!allowed.ok) {
        if (allowed.reason === 'WINDOW_CLOSED') throw new AftersaleWindowClosed(order.aftersaleDeadline);
        throw new AftersaleNotAllowed(allowed.reason, order.status);
      }
      if (!canChooseType(body.type, order.status)) throw new AftersaleNotAllowed('NOT_SHIPPED', order.status);
      const open = await this.aftersales.openOnLine(tx, line.id);
      if (open.length > 0) throw new AftersaleAlreadyOpen(open[0].id);
      const max = refundableFor(line, open);
      if (body.amount > max) throw new AftersaleAmountTooHigh(max);
      const quantity = aftersaleQuantity({
        type: body.type,
        orderNotYetShipped: OrderLifecycle.notYetShipped(order.status),
        lineQuantity: line.quantity,
        restockedQuantity: line.restockedQuantity,
        requested: body.quantity,
      });
      if (!quantity.ok) throw new AftersaleQuantityInvalid(quantity.reason, quantity.max);
      return this.aftersales.create(tx, {
        aftersaleNo: `S${orderNumberAt(now, this.config.shopTimeZone)}`,
        orderId,
        orderLineId: line.id,
        userId,
        type: body.type,
        amount: body.amount,
        quantity: quantity.quantity,
        reason: body.reason,
        createdAt: now,
      });
    });
    return this.get(userId, id);
  }

  async get(userId: number, id: number): Promise<AftersaleView> {
    const row = await this.aftersales.findOwned(userId, id);
    if (!row) throw new AftersaleNotFound(id);
    return toAftersaleView(row);
  }

  async list(userId: number, query: AftersaleListQuery): Promise<AftersalePage> {
    const { rows, total } = await this.aftersales.list({ userId, ...query });
    return { items: rows.map(toAftersaleView), total, page: query.page, pageSize: query.pageSize };
  }

  /** 寄回: the buyer sent the goods of an approved return back (APPROVED → RETURNING). */
  async sendBack(userId: number, id: number, body: AftersaleReturnRequest): Promise<AftersaleView> {
    const row = await this.aftersales.findOwned(userId, id);
    if (!row) throw new AftersaleNotFound(id);
    await this.aftersales.transaction(async (tx) => {
      const moved = await this.aftersales.transition(tx, row, 'RETURNING', this.clock.now(), {
        returnCarrier: body.carrier,
        returnTrackingNo: body.trackingNo,
      });
      if (!moved) throw new AftersaleStateConflict(row.status, 'RETURNING');
    });
    return this.get(userId, id);
  }

  /** The buyer withdraws a request the merchant has not decided yet (REQUESTED → CANCELLED). */
  async cancel(userId: number, id: number): Promise<AftersaleView> {
    const row = await this.aftersales.findOwned(userId, id);
    if (!row) throw new AftersaleNotFound(id);
    await this.aftersales.transaction(async (tx) => {
      if (!(await this.aftersales.transition(tx, row, 'CANCELLED', this.clock.now()))) {
        throw new AftersaleStateConflict(row.status, 'CANCELLED');
      }
    });
    return this.get(userId, id);
  }
}
