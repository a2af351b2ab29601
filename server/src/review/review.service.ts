import { Inject, Injectable } from '@nestjs/common';
import type {
  OrderReviewList,
  ProductReviewPage,
  ProductReviewQuery,
  ReviewCreateRequest,
  ReviewFollowUpRequest,
  ReviewView,
  ShopDsr,
} from '@weshop/shared';
import { specsFromJson } from '../catalog/spec.policy';
import { Clock } from '../infra/clock';
import { DomainEvents } from '../infra/events/domain-events';
import { PrismaService } from '../infra/prisma/prisma.service';
import { OrderService } from '../order/order.service';
import { dsrFromTotals, dsrWindowStart } from './dsr.policy';
import {
  AlreadyReplied,
  AlreadyReviewed,
  FollowUpExists,
  OrderNotReviewable,
  ProductNotFoundForReviews,
  ReviewLineUnknown,
  ReviewNotFound,
} from './review.errors';
import { imagesColumn, imagesOf, maskNickname } from './review.policy';
import { ReviewRepository, type ReviewRow } from './review.repository';

const isUniqueViolation = (error: unknown) => (error as { code?: unknown })?.code === 'P2002';

/**
 * 评价: the buyer reviews each line of a COMPLETED order once (product, logistics and service
 * scores, text, images), may add one follow-up (追评), and the shop replies once (商家回复).
 * Reviews are public under their product with the reviewer's nickname masked; the shop's DSR is
 * the 180-day average of the three scores.
 */
@Injectable()
export class ReviewService {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(DomainEvents) private readonly events: DomainEvents,
    @Inject(OrderService) private readonly orders: OrderService,
    @Inject(ReviewRepository) private readonly reviews: ReviewRepository,
  ) {}

  async create(userId: number, orderId: number, request: ReviewCreateRequest): Promise<ReviewView> {
    const order = await this.orders.get(userId, orderId); // another buyer's order is 404
    if (order.status !== 'COMPLETED') throw new OrderNotReviewable(order.status);
    const line = order.lines.find((l) => l.id === request.lineId);
    if (!line) throw new ReviewLineUnknown(request.lineId);
    try {
      // review.written in the review's transaction: the points task is rewarded with it or not at all.
      const row = await this.prisma.transaction(async (tx, afterCommit) => {
        const created = await this.reviews.create(
          {
            orderId,
            orderLineId: Number(line.id),
            userId,
            productId: Number(line.productId),
            productScore: request.productScore,
            logisticsScore: request.logisticsScore,
            serviceScore: request.serviceScore,
            text: request.text,
            images: request.images,
            createdAt: this.clock.now(),
          },
          tx,
        );
        afterCommit(
          await this.events.publish(tx, 'review.written', {
            reviewId: created.id,
            userId,
            orderId,
            at: created.createdAt,
          }),
        );
        return created;
      });
      return this.view(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw new AlreadyReviewed(request.lineId);
      throw error;
    }
  }

  async ofOrder(userId: number, orderId: number): Promise<OrderReviewList> {
    await this.orders.get(userId, orderId);
    return { items: (await this.reviews.ofOrder(userId, orderId)).map((r) => this.view(r)) };
  }

  /** 追评: the author only (anyone else: 404), once. */
  async followUp(userId: number, reviewId: number, request: ReviewFollowUpRequest): Promise<ReviewView> {
    const row = await this.reviews.findById(reviewId);
    if (!row || row.userId !== userId) throw new ReviewNotFound(reviewId);
    if (row.followUpAt) throw new FollowUpExists();
    const images = imagesColumn({ review: imagesOf(row.images).review, followUp: request.images });
    if (!(await this.reviews.addFollowUp(reviewId, userId, request.text, images, this.clock.now())))
      throw new FollowUpExists();
    return this.view((await this.reviews.findById(reviewId))!);
  }

  /** 商家回复: once per review. */
  async reply(reviewId: number, text: string): Promise<ReviewView> {
    const row = await this.reviews.findById(reviewId);
    if (!row) throw new ReviewNotFound(reviewId);
    if (row.repliedAt || !(await this.reviews.addReply(reviewId, text, this.clock.now()))) throw new AlreadyReplied();
    return this.view((await this.reviews.findById(reviewId))!);
  }

  async ofProduct(productId: number, query: ProductReviewQuery): Promise<ProductReviewPage> {
    if (!(await this.reviews.productExists(productId))) throw new ProductNotFoundForReviews(productId);
    const { rows, total } = await this.reviews.ofProduct(productId, query.page, query.pageSize);
    const users = new Map((await this.reviews.reviewers(rows.map((r) => r.userId))).map((u) => [u.id, u]));
    return {
      items: rows.map((row) => {
        const { orderId: _orderId, lineId: _lineId, ...review } = this.view(row);
        const user = users.get(row.userId);
        return { ...review, reviewer: { nickname: maskNickname(user?.nickname ?? ''), avatar: user?.avatarUrl ?? '' } };
      }),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /**
   * The shop's DSR: averages of the reviews written in the last 180 days (shop clock), 2 decimals;
   * 5.00 each with count 0 when there are none.
   */
  async dsr(): Promise<ShopDsr> {
    const now = this.clock.now();
    return dsrFromTotals(await this.reviews.totals(dsrWindowStart(now), now));
  }

  private view(row: ReviewRow): ReviewView {
    const images = imagesOf(row.images);
    return {
      id: String(row.id),
      orderId: String(row.orderId),
      lineId: String(row.orderLineId),
      productId: String(row.productId),
      specs: specsFromJson(row.orderLine.specs),
      productScore: row.productScore,
      logisticsScore: row.logisticsScore,
      serviceScore: row.serviceScore,
      text: row.text,
      images: images.review,
      followUp:
        row.followUpAt && row.followUpText !== null
          ? { text: row.followUpText, images: images.followUp, at: row.followUpAt.toISOString() }
          : null,
      reply: row.repliedAt && row.reply !== null ? { text: row.reply, at: row.repliedAt.toISOString() } : null,
      createdAt: row.createdAt.toISOString(),
    };
  }
}
