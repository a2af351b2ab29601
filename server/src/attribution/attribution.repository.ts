import { Inject, Injectable } from '@nestjs/common';
import type { Tx } from '../infra/events/domain-events';
import { PrismaService } from '../infra/prisma/prisma.service';
import type { EventRow } from './events.policy';

export interface VisitInput {
  userId: number | null;
  deviceId: string | null;
  scene: number | null;
  source: string;
  path: string;
  opengid: string | null;
  sharerId: number | null;
  ref: string | null;
  postId: number | null;
  communityId: number | null;
  groupBuyId: number | null;
  createdAt: Date;
}

export interface VisitRecord extends VisitInput {
  id: number;
}

/** Visits, the WeChat groups users came from, order attribution and behaviour events. */
@Injectable()
export class AttributionRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  async insertVisit(input: VisitInput): Promise<number> {
    const row = await this.prisma.client.visit.create({ data: input, select: { id: true } });
    return row.id;
  }

  /** The user was seen coming from this WeChat group (first and last time). */
  async touchUserGroup(userId: number, opengid: string, at: Date): Promise<void> {
    await this.prisma.client.userWechatGroup.upsert({
      where: { userId_opengid: { userId, opengid } },
      create: { userId, opengid, firstSeenAt: at, lastSeenAt: at },
      update: { lastSeenAt: at },
    });
  }

  /** The user owning a referral code (whatever the distributor's status now). */
  async userOfReferralCode(code: string): Promise<number | null> {
    const row = await this.prisma.client.distributor.findUnique({ where: { code }, select: { userId: true } });
    return row?.userId ?? null;
  }

  async userExists(userId: number): Promise<boolean> {
    return (await this.prisma.client.user.count({ where: { id: userId }, take: 1 })) > 0;
  }

  /** The user's visits in `[from, to]`, newest first, at most `limit`. */
  async visitsOf(tx: Tx, userId: number, from: Date, to: Date, limit = 50): Promise<VisitRecord[]> {
    return tx.visit.findMany({
      where: { userId, createdAt: { gte: from, lte: to } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
    });
  }

  async insertOrderAttribution(
    tx: Tx,
    input: {
      orderId: number;
      visitId: number | null;
      source: string;
      scene: number | null;
      opengid: string | null;
      sharerId: number | null;
      ref: string | null;
      postId: number | null;
      communityId: number | null;
      createdAt: Date;
    },
  ): Promise<void> {
    // createMany: one INSERT, where create would read the row back.
    await tx.orderAttribution.createMany({ data: [input] });
  }

  /** One multi-row INSERT for the whole batch. */
  async insertEvents(
    rows: readonly EventRow[],
    who: { userId: number | null; deviceId: string | null },
    receivedAt: Date,
  ): Promise<number> {
    if (rows.length === 0) return 0;
    const result = await this.prisma.client.analyticsEvent.createMany({
      data: rows.map((row) => ({ ...row, ...who, receivedAt })),
    });
    return result.count;
  }
}
