import { Inject, Injectable } from '@nestjs/common';
import type { CommunityRole } from '@weshop/shared';
import type { Prisma } from '../generated/prisma/client';
import type { Tx } from '../infra/events/domain-events';
import { PrismaService } from '../infra/prisma/prisma.service';

export type CommunityRow = Prisma.CommunityGetPayload<object>;

export interface MemberRow {
  userId: number;
  role: CommunityRole;
  source: string;
  joinedAt: Date;
  nickname: string;
  avatarUrl: string;
}

/** Communities and their members. Member counts move in the same transaction as the membership. */
@Injectable()
export class CommunityRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  find(id: number): Promise<CommunityRow | null> {
    return this.prisma.client.community.findUnique({ where: { id } });
  }

  async exists(id: number): Promise<boolean> {
    return (await this.prisma.client.community.count({ where: { id } })) > 0;
  }

  create(data: { name: string; cover: string; intro: string; announcement: string; at: Date }): Promise<CommunityRow> {
    return this.prisma.client.community.create({
      data: {
        name: data.name,
        cover: data.cover,
        intro: data.intro,
        announcement: data.announcement,
        announcementAt: data.announcement ? data.at : null,
        createdAt: data.at,
      },
    });
  }

  update(
    id: number,
    data: { name?: string; cover?: string; intro?: string; announcement?: string; announcementAt?: Date | null },
  ): Promise<CommunityRow> {
    return this.prisma.client.community.update({ where: { id }, data });
  }

  /** Communities newest first; `memberId` keeps those this user belongs to (`role`: only as that role). */
  async list(options: { skip: number; take: number; memberId?: number; role?: CommunityRole }) {
    const where: Prisma.CommunityWhereInput = {};
    if (options.memberId !== undefined) {
      const ids = await this.prisma.client.communityMember.findMany({
        where: { userId: options.memberId, ...(options.role ? { role: options.role } : {}) },
        select: { communityId: true },
      });
      where.id = { in: ids.map((m) => m.communityId) };
    }
    const [rows, total] = await Promise.all([
      this.prisma.client.community.findMany({
        where,
        orderBy: [{ memberCount: 'desc' }, { id: 'desc' }],
        skip: options.skip,
        take: options.take,
      }),
      this.prisma.client.community.count({ where }),
    ]);
    return { rows, total };
  }

  async roleOf(communityId: number, userId: number, tx?: Tx): Promise<CommunityRole | null> {
    const row = await (tx ?? this.prisma.client).communityMember.findUnique({
      where: { communityId_userId: { communityId, userId } },
      select: { role: true },
    });
    return row?.role ?? null;
  }

  /** The caller's role in each of these communities. */
  async rolesIn(userId: number, communityIds: number[]): Promise<Map<number, CommunityRole>> {
    if (communityIds.length === 0) return new Map();
    const rows = await this.prisma.client.communityMember.findMany({
      where: { userId, communityId: { in: communityIds } },
      select: { communityId: true, role: true },
    });
    return new Map(rows.map((r) => [r.communityId, r.role]));
  }

  /** Serialises membership changes of one community (the last-manager rule). */
  async lock(tx: Tx, communityId: number): Promise<boolean> {
    const rows = await tx.$queryRaw<
      Array<{ id: number }>
    >`SELECT id FROM community WHERE id = ${communityId} FOR UPDATE`;
    return rows.length > 0;
  }

  /** Adds the member once (a second join changes nothing); true when added. */
  async addMember(
    tx: Tx,
    input: { communityId: number; userId: number; role: CommunityRole; source: string; at: Date },
  ): Promise<boolean> {
    const added = await tx.$executeRaw`
      INSERT IGNORE INTO community_member (community_id, user_id, role, source, joined_at)
      VALUES (${input.communityId}, ${input.userId}, ${input.role}, ${input.source}, ${input.at})`;
    if (added > 0)
      await tx.$executeRaw`UPDATE community SET member_count = member_count + 1 WHERE id = ${input.communityId}`;
    return added > 0;
  }

  /** Removes the member; true when they were one. */
  async removeMember(tx: Tx, communityId: number, userId: number): Promise<boolean> {
    const removed =
      await tx.$executeRaw`DELETE FROM community_member WHERE community_id = ${communityId} AND user_id = ${userId}`;
    if (removed > 0)
      await tx.$executeRaw`UPDATE community SET member_count = GREATEST(member_count - 1, 0) WHERE id = ${communityId}`;
    return removed > 0;
  }

  async setRole(tx: Tx, communityId: number, userId: number, role: CommunityRole): Promise<void> {
    await tx.communityMember.update({ where: { communityId_userId: { communityId, userId } }, data: { role } });
  }

  managerCount(tx: Tx, communityId: number): Promise<number> {
    return tx.communityMember.count({ where: { communityId, role: 'MANAGER' } });
  }

  /** Keeps the user's COMMUNITY_MANAGER role equal to "manages at least one community". */
  async syncManagerRole(tx: Tx, userId: number): Promise<void> {
    const manages = await tx.communityMember.count({ where: { userId, role: 'MANAGER' } });
    if (manages > 0) {
      await tx.$executeRaw`INSERT IGNORE INTO user_role (user_id, role, created_at) VALUES (${userId}, 'COMMUNITY_MANAGER', NOW(3))`;
    } else {
      await tx.userRole.deleteMany({ where: { userId, role: 'COMMUNITY_MANAGER' } });
    }
  }

  async member(communityId: number, userId: number): Promise<MemberRow | null> {
    const row = await this.prisma.client.communityMember.findUnique({
      where: { communityId_userId: { communityId, userId } },
    });
    if (!row) return null;
    const user = await this.prisma.client.user.findUnique({
      where: { id: userId },
      select: { nickname: true, avatarUrl: true },
    });
    return { ...row, nickname: user?.nickname ?? '', avatarUrl: user?.avatarUrl ?? '' };
  }

  /** Members, managers first, then by join time. */
  async members(communityId: number, options: { skip: number; take: number; role?: CommunityRole }) {
    const where: Prisma.CommunityMemberWhereInput = { communityId, ...(options.role ? { role: options.role } : {}) };
    const [rows, total] = await Promise.all([
      this.prisma.client.communityMember.findMany({
        where,
        orderBy: [{ role: 'asc' }, { joinedAt: 'asc' }, { userId: 'asc' }],
        skip: options.skip,
        take: options.take,
      }),
      this.prisma.client.communityMember.count({ where }),
    ]);
    const users = await this.prisma.client.user.findMany({
      where: { id: { in: rows.map((r) => r.userId) } },
      select: { id: true, nickname: true, avatarUrl: true },
    });
    const byId = new Map(users.map((u) => [u.id, u]));
    const items: MemberRow[] = rows.map((r) => ({
      ...r,
      nickname: byId.get(r.userId)?.nickname ?? '',
      avatarUrl: byId.get(r.userId)?.avatarUrl ?? '',
    }));
    return { items, total };
  }

  async userExists(userId: number): Promise<boolean> {
    return (await this.prisma.client.user.count({ where: { id: userId } })) > 0;
  }

  /** Simple counts for the manager's stats page. */
  async stats(communityId: number) {
    const db = this.prisma.client;
    const [managers, byStatus, sums, reports, groups] = await Promise.all([
      db.communityMember.count({ where: { communityId, role: 'MANAGER' } }),
      db.post.groupBy({ by: ['status'], where: { communityId }, _count: { _all: true } }),
      db.post.aggregate({
        where: { communityId, status: 'PUBLISHED' },
        _sum: { likeCount: true, favouriteCount: true, commentCount: true, viewCount: true, reportCount: true },
      }),
      db.post.aggregate({ where: { communityId }, _sum: { reportCount: true } }),
      db.$queryRaw<Array<{ opengid: string; members: bigint | number; lastSeenAt: Date }>>`
        SELECT g.opengid AS opengid, COUNT(DISTINCT g.user_id) AS members, MAX(g.last_seen_at) AS lastSeenAt
        FROM user_wechat_group g
        JOIN community_member m ON m.user_id = g.user_id AND m.community_id = ${communityId}
        GROUP BY g.opengid
        ORDER BY members DESC, lastSeenAt DESC
        LIMIT 50`,
    ]);
    return { managers, byStatus, sums: sums._sum, reports: reports._sum.reportCount ?? 0, groups };
  }
}
