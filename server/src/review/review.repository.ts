import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client';
import type { Tx } from '../infra/events/domain-events';
import { PrismaService } from '../infra/prisma/prisma.service';
import type { ScoreTotals } from './dsr.policy';
import type { ReviewImages } from './review.policy';

const WITH_LINE = { orderLine: { select: { specs: true } } } as const;
export type ReviewRow = Prisma.ReviewGetPayload<{ include: typeof WITH_LINE }>;

export interface NewReview {
  orderId: number;
  orderLineId: number;
  userId: number;
  productId: number;
  productScore: number;
  logisticsScore: number;
  serviceScore: number;
  text: string;
  images: string[];
  createdAt: Date;
}

/** Reviews (one per order line), follow-ups, replies and the DSR aggregate. */
@Injectable()
export class ReviewRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  /** Inserts the review; the unique order line makes a second one fail with P2002. */
  create(review: NewReview, tx?: Tx): Promise<ReviewRow> {
    return (tx ?? this.prisma.client).review.create({ data: review, include: WITH_LINE });
  }

  findById(id: number): Promise<ReviewRow | null> {
    return this.prisma.client.review.findUnique({ where: { id }, include: WITH_LINE });
  }

  ofOrder(userId: number, orderId: number): Promise<ReviewRow[]> {
    return this.prisma.client.review.findMany({
      where: { orderId, userId },
      include: WITH_LINE,
      orderBy: { id: 'asc' },
    });
  }

  /** Compare-and-set: the follow-up is written only if there is none yet. */
  async addFollowUp(id: number, userId: number, text: string, images: string[] | ReviewImages, at: Date) {
    const { count } = await this.prisma.client.review.updateMany({
      where: { id, userId, followUpAt: null },
      data: { followUpText: text, followUpAt: at, images: images as Prisma.InputJsonValue },
    });
    return count === 1;
  }

  async addReply(id: number, text: string, at: Date): Promise<boolean> {
    const { count } = await this.prisma.client.review.updateMany({
      where: { id, repliedAt: null },
      data: { reply: text, repliedAt: at },
    });
    return count === 1;
  }

  async productExists(productId: number): Promise<boolean> {
    return (await this.prisma.client.product.count({ where: { id: productId } })) > 0;
  }

  async ofProduct(productId: number, page: number, pageSize: number) {
    const where = { productId };
    const [rows, total] = await Promise.all([
      this.prisma.client.review.findMany({
        where,
        include: WITH_LINE,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        skip: (page - 1) * pageSize,
        take: pageSize,
      }),
      this.prisma.client.review.count({ where }),
    ]);
    return { rows, total };
  }

  reviewers(userIds: number[]) {
    return this.prisma.client.user.findMany({
      where: { id: { in: [...new Set(userIds)] } },
      select: { id: true, nickname: true, avatarUrl: true },
    });
  }

  /** Score sums and count of the reviews written in [from, to]. */
  async totals(from: Date, to: Date): Promise<ScoreTotals> {
    const result = await this.prisma.client.review.aggregate({
      where: { createdAt: { gte: from, lte: to } },
      _sum: { productScore: true, logisticsScore: true, serviceScore: true },
      _count: { _all: true },
    });
    return {
      product: Number(result._sum.productScore ?? 0),
      logistics: Number(result._sum.logisticsScore ?? 0),
      service: Number(result._sum.serviceScore ?? 0),
      count: result._count._all,
    };
  }
}
