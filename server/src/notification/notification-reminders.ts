import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { Clock } from '../infra/clock';
import { PrismaService } from '../infra/prisma/prisma.service';
import { JobQueue } from '../infra/queue/job-queue';
import { localDate, memberDayOn } from '../member/member-day.policy';
import { MemberService } from '../member/member.service';
import { NotificationOutbox } from './notification-outbox';
import { NotificationRepository } from './notification.repository';
import { zonedFormatter } from '../infra/zoned-format';

/** Member-day reminders go out from this local hour on the day before. */
export const MEMBER_DAY_REMINDER_HOUR = 10;
/** Points expiring within this many days are reminded of. */
export const POINTS_EXPIRING_WITHIN_DAYS = 7;
/** Posts published longer ago than this are not announced any more (e.g. when first deployed). */
const POST_ANNOUNCE_WINDOW_MS = 24 * 3600_000;
const BATCH = 500;

const dayKey = (d: { year: number; month: number; day: number }) =>
  `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/**
 * Messages no single request causes, found by sweepers (so nothing is lost with Redis) and sent
 * only to users holding a credit for them:
 * - 会员日: the day before a member day, from 10:00 shop time, once, to members whose level has
 *   member-day access;
 * - points expiring within 7 days: one message per user and expiry date (the soonest), to users
 *   holding a credit — a sent reminder spends it, so the next sweep passes them by;
 * - a new post in a community the user joined: each published post fanned out once, by a job.
 */
@Injectable()
export class NotificationReminders implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(JobQueue) private readonly jobs: JobQueue,
    @Inject(MemberService) private readonly members: MemberService,
    @Inject(NotificationRepository) private readonly notifications: NotificationRepository,
    @Inject(NotificationOutbox) private readonly outbox: NotificationOutbox,
  ) {}

  onModuleInit(): void {
    this.jobs.handle('notification.fan-out-post', ({ postId }) => this.fanOutPost(postId));
    this.jobs.addSweeper({ name: 'notification-member-day', run: () => this.memberDay() });
    this.jobs.addSweeper({ name: 'notification-points-expiring', run: () => this.pointsExpiring() });
    this.jobs.addSweeper({ name: 'notification-new-posts', run: () => this.newPosts() });
  }

  async memberDay(): Promise<void> {
    const now = this.clock.now();
    const zone = this.config.shopTimeZone;
    const schedule = await this.members.memberDaySettings();
    // Tomorrow, the same time of day (the shop's zone has no DST; elsewhere an hour off is harmless).
    const tomorrow = new Date(now.getTime() + 86_400_000);
    if (!memberDayOn(tomorrow, schedule, zone)) return;
    const hour = Number(zonedFormatter('en-US', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(now));
    if (hour < MEMBER_DAY_REMINDER_HOUR) return;
    const day = dayKey(localDate(tomorrow, zone));
    const fanout = `MEMBER_DAY:${day}`;
    if (await this.notifications.fanoutDone(fanout)) return;
    const multiplier = schedule.pointsMultiplierBp / 10_000;
    const benefit = multiplier > 1 ? `会员专享价，积分${multiplier}倍` : '会员专享价，快来看看';
    for (let after = 0; ;) {
      const users = await this.creditHolders('MEMBER_DAY_REMINDER', after);
      if (!users.length) break;
      const entitled = await this.members.memberDayMembers(users);
      await this.outbox.recordNow(
        users
          .filter((userId) => entitled.has(userId))
          .map((userId) =>
            this.outbox.draft('MEMBER_DAY_REMINDER', userId, [day, 'user', userId], { day: tomorrow, benefit }),
          ),
      );
      after = users[users.length - 1];
    }
    await this.notifications.claimFanout(fanout, now);
  }

  async pointsExpiring(): Promise<void> {
    const now = this.clock.now();
    const zone = this.config.shopTimeZone;
    const until = new Date(now.getTime() + POINTS_EXPIRING_WITHIN_DAYS * 86_400_000);
    for (let after = 0; ;) {
      const rows = await this.prisma.client.$queryRaw<Array<{ userId: number; points: unknown; expiresAt: Date }>>`
        SELECT l.user_id AS userId, SUM(l.remaining) AS points, MIN(l.expires_at) AS expiresAt
          FROM points_lot l
          JOIN notification_credit c ON c.user_id = l.user_id AND c.template = 'POINTS_EXPIRING' AND c.remaining > 0
         WHERE l.status = 'ACTIVE' AND l.remaining > 0 AND l.expires_at > ${now} AND l.expires_at <= ${until}
           AND l.user_id > ${after}
         GROUP BY l.user_id ORDER BY l.user_id LIMIT ${BATCH}`;
      if (!rows.length) break;
      await this.outbox.recordNow(
        rows.map((r) => {
          const expiresAt = new Date(r.expiresAt);
          return this.outbox.draft(
            'POINTS_EXPIRING',
            Number(r.userId),
            [dayKey(localDate(expiresAt, zone)), 'user', Number(r.userId)],
            { points: Number(r.points), expiresAt },
          );
        }),
      );
      after = Number(rows[rows.length - 1].userId);
    }
  }

  /** Posts published lately and not yet fanned out: one job each. */
  async newPosts(): Promise<void> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - POST_ANNOUNCE_WINDOW_MS);
    const posts = await this.prisma.client.$queryRaw<Array<{ id: number }>>`
      SELECT p.id FROM post p
       WHERE p.status = 'PUBLISHED' AND p.published_at >= ${since} AND p.published_at <= ${now}
         AND NOT EXISTS (SELECT 1 FROM notification_fanout f WHERE f.\`key\` = CONCAT('POST:', p.id))
       ORDER BY p.id LIMIT 100`;
    for (const { id } of posts) await this.jobs.add('notification.fan-out-post', { postId: Number(id) }, { key: id });
  }

  /** A new post → a message to each member of its community holding a credit (the author excepted). */
  async fanOutPost(postId: number): Promise<void> {
    const fanout = `POST:${postId}`;
    if (await this.notifications.fanoutDone(fanout)) return;
    const post = await this.prisma.client.post.findUnique({ where: { id: postId } });
    if (!post || post.status !== 'PUBLISHED') return;
    const community = await this.prisma.client.community.findUnique({
      where: { id: post.communityId },
      select: { name: true },
    });
    const author = await this.prisma.client.user.findUnique({
      where: { id: post.authorId },
      select: { nickname: true },
    });
    for (let after = 0; ;) {
      const rows = await this.prisma.client.$queryRaw<Array<{ userId: number }>>`
        SELECT m.user_id AS userId FROM community_member m
          JOIN notification_credit c ON c.user_id = m.user_id AND c.template = 'COMMUNITY_NEW_POST' AND c.remaining > 0
         WHERE m.community_id = ${post.communityId} AND m.user_id <> ${post.authorId} AND m.user_id > ${after}
         ORDER BY m.user_id LIMIT ${BATCH}`;
      if (!rows.length) break;
      await this.outbox.recordNow(
        rows.map((r) =>
          this.outbox.draft('COMMUNITY_NEW_POST', Number(r.userId), ['post', postId, 'user', Number(r.userId)], {
            communityName: community?.name ?? '',
            postId,
            title: post.title || post.text,
            author: author?.nickname ?? '',
            at: post.publishedAt ?? this.clock.now(),
          }),
        ),
      );
      after = Number(rows[rows.length - 1].userId);
    }
    await this.notifications.claimFanout(fanout, this.clock.now());
  }

  private async creditHolders(template: 'MEMBER_DAY_REMINDER', after: number): Promise<number[]> {
    const rows = await this.prisma.client.notificationCredit.findMany({
      where: { template, remaining: { gt: 0 }, userId: { gt: after } },
      select: { userId: true },
      orderBy: { userId: 'asc' },
      take: BATCH,
    });
    return rows.map((r) => r.userId);
  }
}
