import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DomainEvents, type DomainEventMap, type Tx } from '../infra/events/domain-events';
import { AttributionRepository } from './attribution.repository';
import { ATTRIBUTION_WINDOW_MS, visitForOrder } from './visit-choice.policy';

/**
 * 订单归因: when an order is placed (inside its transaction) the buyer's visit that led to it — the
 * last non-direct one within 7 days, see visit-choice.policy — is copied onto the order; without
 * such a visit the order is DIRECT. Later visits never move an order's attribution.
 */
@Injectable()
export class OrderAttributionService implements OnModuleInit {
  private readonly logger = new Logger('Attribution');

  constructor(
    @Inject(DomainEvents) private readonly events: DomainEvents,
    @Inject(AttributionRepository) private readonly repo: AttributionRepository,
  ) {}

  onModuleInit(): void {
    this.events.onInTransaction('order.placed', (tx, order) => this.attribute(tx, order));
  }

  private async attribute(tx: Tx, order: DomainEventMap['order.placed']): Promise<void> {
    try {
      const from = new Date(order.createdAt.getTime() - ATTRIBUTION_WINDOW_MS);
      const visits = await this.repo.visitsOf(tx, order.userId, from, order.createdAt);
      const visit = visitForOrder(visits, order.createdAt);
      await this.repo.insertOrderAttribution(tx, {
        orderId: order.orderId,
        visitId: visit?.id ?? null,
        source: visit?.source ?? 'DIRECT',
        scene: visit?.scene ?? null,
        opengid: visit?.opengid ?? null,
        sharerId: visit?.sharerId ?? null,
        ref: visit?.ref ?? null,
        postId: visit?.postId ?? null,
        communityId: visit?.communityId ?? null,
        createdAt: order.createdAt,
      });
    } catch (error) {
      // Analytics never costs a sale: the order commits without its attribution.
      this.logger.warn(`order ${order.orderId} not attributed: ${String((error as Error)?.message).slice(0, 200)}`);
    }
  }
}
