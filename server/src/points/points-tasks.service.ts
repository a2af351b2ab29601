import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { POINTS_TASK_LABELS, type PointsTaskKind, type PointsTaskList } from '@weshop/shared';
import { Clock } from '../infra/clock';
import { DomainEvents, type Tx } from '../infra/events/domain-events';
import { PrismaService } from '../infra/prisma/prisma.service';
import { completesFirstOrder, profileComplete, taskPoints, taskViews } from './points-tasks.policy';
import { PointsService } from './points.service';

/**
 * 积分任务: FIRST_REVIEW (`review.written`), COMPLETE_PROFILE (`user.profile-updated` with every
 * field set), FIRST_ORDER (`order.aftersale-window-closed` of a completed, paid order: the same
 * moment an order's own points become usable, so nothing earned here is ever clawed back by a
 * refund). Each is rewarded in the transaction of its fact, exactly once per member: the
 * points_task row (primary key user + task) is inserted first, and a concurrent second fact waits on
 * that key and then inserts nothing. A task whose points are 0 (off) is not recorded, so it can
 * still be earned once switched on.
 */
@Injectable()
export class PointsTasksService implements OnModuleInit {
  constructor(
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(DomainEvents) private readonly events: DomainEvents,
    @Inject(PointsService) private readonly points: PointsService,
  ) {}

  onModuleInit(): void {
    this.events.onInTransaction('review.written', (tx, review) => this.complete(tx, review.userId, 'FIRST_REVIEW'));
    this.events.onInTransaction('user.profile-updated', async (tx, profile) => {
      if (profileComplete(profile)) await this.complete(tx, profile.userId, 'COMPLETE_PROFILE');
    });
    this.events.onInTransaction('order.aftersale-window-closed', async (tx, closed) => {
      const order = await tx.order.findUnique({
        where: { id: closed.orderId },
        select: { status: true, payable: true, refundedAmount: true },
      });
      if (order && completesFirstOrder(order)) await this.complete(tx, closed.userId, 'FIRST_ORDER');
    });
  }

  async list(userId: number): Promise<PointsTaskList> {
    const [rules, done] = await Promise.all([
      this.points.rules(),
      this.prisma.client.pointsTask.findMany({ where: { userId } }),
    ]);
    return { items: taskViews(rules, done) };
  }

  /** Records the task (once: the primary key) and awards its points, in the fact's transaction. */
  private async complete(tx: Tx, userId: number, task: PointsTaskKind): Promise<void> {
    const amount = taskPoints(await this.points.rules(tx), task);
    if (amount <= 0) return;
    const at = this.clock.now();
    // 1 row inserted, or 0 when the task was done already (a concurrent insert waits on the key).
    const inserted = await tx.$executeRaw`
      INSERT IGNORE INTO points_task (user_id, task, points, at) VALUES (${userId}, ${task}, ${amount}, ${at})`;
    if (inserted !== 1) return;
    await this.points.award(tx, userId, amount, { at, note: `任务：${POINTS_TASK_LABELS[task]}` });
  }
}
