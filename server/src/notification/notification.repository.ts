import { Inject, Injectable } from '@nestjs/common';
import type { NotificationTemplateKey, SubscribeAnswer } from '@weshop/shared';
import type { Notification, Prisma } from '../generated/prisma/client';
import type { Tx } from '../infra/events/domain-events';
import { PrismaService } from '../infra/prisma/prisma.service';

export interface NotificationDraft {
  eventKey: string;
  template: NotificationTemplateKey;
  userId: number;
  page: string;
  data: Record<string, { value: string }>;
}

type Db = Tx | PrismaService['client'];

/**
 * Notifications and credits in SQL. A credit is a counter per (user, template) with an
 * append-only entry for each change; spending is a guarded decrement (never below zero), in the
 * same transaction as the message's compare-and-set, so a message holds at most one credit.
 */
@Injectable()
export class NotificationRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  /** Inserts the drafts whose event key is new; returns the ids of those still PENDING. */
  async createPending(tx: Db, drafts: NotificationDraft[], at: Date): Promise<number[]> {
    if (!drafts.length) return [];
    await tx.notification.createMany({
      data: drafts.map((d) => ({
        eventKey: d.eventKey,
        template: d.template,
        userId: d.userId,
        page: d.page,
        data: d.data as Prisma.InputJsonValue,
        createdAt: at,
        updatedAt: at,
      })),
      skipDuplicates: true,
    });
    const rows = await tx.notification.findMany({
      where: { eventKey: { in: drafts.map((d) => d.eventKey) }, status: 'PENDING' },
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  find(id: number): Promise<Notification | null> {
    return this.prisma.client.notification.findUnique({ where: { id } });
  }

  async openidOf(userId: number): Promise<string | null> {
    const user = await this.prisma.client.user.findUnique({ where: { id: userId }, select: { openid: true } });
    return user?.openid ?? null;
  }

  /** Records requestSubscribeMessage's answers: each accept is one more credit. */
  async recordAnswers(
    userId: number,
    answers: Array<[NotificationTemplateKey, SubscribeAnswer]>,
    at: Date,
  ): Promise<void> {
    await this.prisma.transaction(async (tx) => {
      for (const [template, answer] of answers) {
        const delta = answer === 'accept' ? 1 : 0;
        await tx.notificationCreditEntry.create({
          data: { userId, template, type: answer.toUpperCase(), delta, createdAt: at },
        });
        if (delta)
          await tx.$executeRaw`
            INSERT INTO notification_credit (user_id, template, remaining, updated_at)
            VALUES (${userId}, ${template}, 1, ${at})
            ON DUPLICATE KEY UPDATE remaining = remaining + 1, updated_at = ${at}`;
      }
    });
  }

  async credits(userId: number): Promise<Map<string, number>> {
    const rows = await this.prisma.client.notificationCredit.findMany({ where: { userId } });
    return new Map(rows.map((r) => [r.template, r.remaining]));
  }

  /**
   * Holds one credit for a PENDING message, once: the message's compare-and-set and the guarded
   * decrement commit together. No credit → SKIPPED_NO_CREDIT. Returns whether the message may be sent.
   */
  async reserveCredit(id: number, at: Date): Promise<boolean> {
    return this.prisma.transaction(async (tx) => {
      const [row] = await tx.$queryRaw<Array<{ userId: number; template: string; creditSpent: unknown }>>`
        SELECT user_id AS userId, template, credit_spent AS creditSpent
          FROM notification WHERE id = ${id} AND status = 'PENDING' FOR UPDATE`;
      if (!row) return false;
      if (Number(row.creditSpent) === 1 || row.creditSpent === true) return true;
      const spent = await tx.$executeRaw`
        UPDATE notification_credit SET remaining = remaining - 1, updated_at = ${at}
         WHERE user_id = ${row.userId} AND template = ${row.template} AND remaining > 0`;
      if (spent !== 1) {
        await tx.notification.update({ where: { id }, data: { status: 'SKIPPED_NO_CREDIT', updatedAt: at } });
        return false;
      }
      await tx.notificationCreditEntry.create({
        data: {
          userId: Number(row.userId),
          template: row.template,
          type: 'SPEND',
          delta: -1,
          notificationId: id,
          createdAt: at,
        },
      });
      await tx.notification.update({ where: { id }, data: { creditSpent: true, updatedAt: at } });
      return true;
    });
  }

  /** The outcome of one attempt; a final failure may give the credit back (once). */
  async recordAttempt(
    id: number,
    result: {
      status: 'SENT' | 'REFUSED' | 'FAILED' | 'PENDING';
      giveBack: boolean;
      errcode: number | null;
      error: string | null;
    },
    at: Date,
  ): Promise<void> {
    await this.prisma.transaction(async (tx) => {
      const [row] = await tx.$queryRaw<Array<{ userId: number; template: string; creditSpent: unknown }>>`
        SELECT user_id AS userId, template, credit_spent AS creditSpent
          FROM notification WHERE id = ${id} AND status = 'PENDING' FOR UPDATE`;
      if (!row) return;
      const held = Number(row.creditSpent) === 1 || row.creditSpent === true;
      const giveBack = result.giveBack && held && result.status !== 'PENDING';
      await tx.notification.update({
        where: { id },
        data: {
          status: result.status,
          attempts: { increment: 1 },
          errcode: result.errcode,
          lastError: result.error?.slice(0, 255) ?? null,
          updatedAt: at,
          ...(result.status === 'SENT' ? { sentAt: at } : {}),
          ...(giveBack ? { creditSpent: false } : {}),
        },
      });
      if (!giveBack) return;
      await tx.$executeRaw`
        UPDATE notification_credit SET remaining = remaining + 1, updated_at = ${at}
         WHERE user_id = ${row.userId} AND template = ${row.template}`;
      await tx.notificationCreditEntry.create({
        data: {
          userId: Number(row.userId),
          template: row.template,
          type: 'GIVE_BACK',
          delta: 1,
          notificationId: id,
          createdAt: at,
        },
      });
    });
  }

  /** PENDING messages created before `before` (their job may have been lost). */
  async stalePending(before: Date, limit = 200): Promise<number[]> {
    const rows = await this.prisma.client.notification.findMany({
      where: { status: 'PENDING', createdAt: { lte: before } },
      select: { id: true },
      orderBy: { id: 'asc' },
      take: limit,
    });
    return rows.map((r) => r.id);
  }

  /** Marks a fan-out or daily reminder as done; false when it was done already. */
  async claimFanout(key: string, at: Date): Promise<boolean> {
    const inserted = await this.prisma.client.$executeRaw`
      INSERT IGNORE INTO notification_fanout (\`key\`, created_at) VALUES (${key}, ${at})`;
    return inserted === 1;
  }

  async fanoutDone(key: string): Promise<boolean> {
    return (await this.prisma.client.notificationFanout.count({ where: { key } })) > 0;
  }
}
