import { Inject, Injectable } from '@nestjs/common';
import {
  communityScene,
  POST_STATUSES,
  type CommunityCreateRequest,
  type CommunityListQuery,
  type CommunityMemberPage,
  type CommunityMemberView,
  type CommunityPage,
  type CommunityRole,
  type CommunityShareView,
  type CommunityStatsQuery,
  type CommunityStatsWithAnalytics,
  type CommunityUpdateRequest,
  type CommunityView,
  type JoinSource,
  type MemberListQuery,
  type PostStatus,
} from '@weshop/shared';
import { AnalyticsQueryService } from '../analytics/analytics-query.service';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { Clock } from '../infra/clock';
import { Forbidden } from '../infra/http/domain-error';
import { PrismaService } from '../infra/prisma/prisma.service';
import { RedisService } from '../infra/redis/redis.service';
import { WechatMiniClient } from '../wechat/wechat-mini.client';
import { CommunityAccess } from './community-access';
import { leavesAManager } from './community.policy';
import { CommunityLastManager, CommunityMemberNotFound, CommunityNotFound, UserNotFound } from './community.errors';
import { CommunityRepository } from './community.repository';
import { communityView, memberView } from './community.view';

/** The page a community's card and mini-program code open (it reads `id`, or `scene` = `c=<id>`). */
export const COMMUNITY_PAGE = 'pages/community/index';
const CODE_TTL_S = 24 * 3600;

/**
 * 社群: the shop creates communities and appoints managers; users join by link or code and leave;
 * managers keep the announcement and the member list. The last manager cannot go.
 */
@Injectable()
export class CommunityService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(RedisService) private readonly redis: RedisService,
    @Inject(WechatMiniClient) private readonly wechat: WechatMiniClient,
    @Inject(CommunityRepository) private readonly communities: CommunityRepository,
    @Inject(CommunityAccess) private readonly access: CommunityAccess,
    @Inject(AnalyticsQueryService) private readonly analytics: AnalyticsQueryService,
  ) {}

  // ——— everyone ———

  async list(userId: number, query: CommunityListQuery): Promise<CommunityPage> {
    const { rows, total } = await this.communities.list({
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      memberId: query.mine === 'true' ? userId : undefined,
    });
    return this.page(userId, rows, total, query);
  }

  async get(userId: number, communityId: number): Promise<CommunityView> {
    const row = await this.communities.find(communityId);
    if (!row) throw new CommunityNotFound(communityId);
    return communityView(row, await this.communities.roleOf(communityId, userId), this.config.publicBaseUrl);
  }

  /** Joins once (joining again changes nothing). */
  async join(userId: number, communityId: number, source: JoinSource): Promise<CommunityView> {
    await this.prisma.transaction(async (tx) => {
      if (!(await this.communities.lock(tx, communityId))) throw new CommunityNotFound(communityId);
      await this.communities.addMember(tx, { communityId, userId, role: 'MEMBER', source, at: this.clock.now() });
    });
    return this.get(userId, communityId);
  }

  /** Leaves (leaving twice changes nothing); the last manager stays. */
  async leave(userId: number, communityId: number): Promise<CommunityView> {
    await this.prisma.transaction(async (tx) => {
      if (!(await this.communities.lock(tx, communityId))) throw new CommunityNotFound(communityId);
      const role = await this.communities.roleOf(communityId, userId, tx);
      if (leavesAManager(role, await this.communities.managerCount(tx, communityId)) === 'last-manager')
        throw new CommunityLastManager(communityId);
      await this.communities.removeMember(tx, communityId, userId);
      if (role === 'MANAGER') await this.communities.syncManagerRole(tx, userId);
    });
    return this.get(userId, communityId);
  }

  async members(userId: number, communityId: number, query: MemberListQuery): Promise<CommunityMemberPage> {
    await this.access.requireMemberListAccess(userId, communityId);
    const { items, total } = await this.communities.members(communityId, {
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      role: query.role,
    });
    return {
      items: items.map((m) => memberView(m, this.config.publicBaseUrl)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** The share card path and the community's mini-program code (cached a day: it never changes). */
  async share(communityId: number): Promise<CommunityShareView> {
    if (!(await this.communities.exists(communityId))) throw new CommunityNotFound(communityId);
    const scene = communityScene(communityId);
    const key = this.redis.key('community-code', scene);
    let codeImage = await this.redis.client.get(key);
    if (!codeImage) {
      const png = await this.wechat.unlimitedCode({ scene, page: COMMUNITY_PAGE, checkPath: false });
      codeImage = `data:image/png;base64,${png.toString('base64')}`;
      await this.redis.client.set(key, codeImage, 'EX', CODE_TTL_S);
    }
    return { path: `/${COMMUNITY_PAGE}?id=${communityId}`, scene, codeImage };
  }

  // ——— community managers ———

  /** The communities the caller manages (an admin: every community). */
  async managed(userId: number, query: CommunityListQuery): Promise<CommunityPage> {
    const isAdmin = await this.access.isAdmin(userId);
    const { rows, total } = await this.communities.list({
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      ...(isAdmin ? {} : { memberId: userId, role: 'MANAGER' as const }),
    });
    return this.page(userId, rows, total, query);
  }

  async setAnnouncement(userId: number, communityId: number, announcement: string): Promise<CommunityView> {
    await this.access.requireManager(userId, communityId);
    await this.communities.update(communityId, {
      announcement,
      announcementAt: announcement ? this.clock.now() : null,
    });
    return this.get(userId, communityId);
  }

  async managerMembers(userId: number, communityId: number, query: MemberListQuery): Promise<CommunityMemberPage> {
    await this.access.requireManager(userId, communityId);
    return this.members(userId, communityId, query);
  }

  /** Sets a member's role (promote to co-manager, or demote — never the last manager). */
  async setMemberRole(
    userId: number,
    communityId: number,
    memberId: number,
    role: CommunityRole,
  ): Promise<CommunityMemberView> {
    await this.access.requireManager(userId, communityId);
    return this.changeRole(communityId, memberId, role, { mustBeMember: true });
  }

  /** Removes a member (not a manager: demote them first). */
  async removeMember(userId: number, communityId: number, memberId: number): Promise<{ ok: true }> {
    await this.access.requireManager(userId, communityId);
    await this.prisma.transaction(async (tx) => {
      await this.communities.lock(tx, communityId);
      const role = await this.communities.roleOf(communityId, memberId, tx);
      if (!role) throw new CommunityMemberNotFound(communityId, memberId);
      if (role === 'MANAGER') throw new Forbidden('Managers cannot be removed; change their role to MEMBER first');
      await this.communities.removeMember(tx, communityId, memberId);
    });
    return { ok: true };
  }

  /** The community page's counts and its 数据看板 figures for the period (that community's only). */
  async stats(
    userId: number,
    communityId: number,
    query: CommunityStatsQuery = {},
  ): Promise<CommunityStatsWithAnalytics> {
    await this.access.requireManager(userId, communityId);
    const row = await this.communities.find(communityId);
    if (!row) throw new CommunityNotFound(communityId);
    this.analytics.period(query); // 400 before any work when the period is invalid
    const stats = await this.communities.stats(communityId);
    const analytics = await this.analytics.community(
      communityId,
      query,
      stats.groups.map((g) => g.opengid),
    );
    const posts = Object.fromEntries(POST_STATUSES.map((s) => [s, 0])) as Record<PostStatus, number>;
    for (const group of stats.byStatus) posts[group.status] = group._count._all;
    return {
      communityId: String(communityId),
      members: row.memberCount,
      managers: stats.managers,
      posts,
      likes: stats.sums.likeCount ?? 0,
      favourites: stats.sums.favouriteCount ?? 0,
      comments: stats.sums.commentCount ?? 0,
      views: stats.sums.viewCount ?? 0,
      reports: stats.reports,
      wechatGroups: stats.groups.map((g) => ({
        opengid: g.opengid,
        members: Number(g.members),
        lastSeenAt: new Date(g.lastSeenAt).toISOString(),
      })),
      analytics,
    };
  }

  // ——— the shop (ADMIN) ———

  async adminList(userId: number, query: CommunityListQuery): Promise<CommunityPage> {
    const { rows, total } = await this.communities.list({
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return this.page(userId, rows, total, query);
  }

  async create(userId: number, body: CommunityCreateRequest): Promise<CommunityView> {
    const row = await this.communities.create({ ...body, at: this.clock.now() });
    return communityView(row, null, this.config.publicBaseUrl);
  }

  async update(userId: number, communityId: number, body: CommunityUpdateRequest): Promise<CommunityView> {
    if (!(await this.communities.exists(communityId))) throw new CommunityNotFound(communityId);
    await this.communities.update(communityId, {
      ...body,
      ...(body.announcement !== undefined ? { announcementAt: body.announcement ? this.clock.now() : null } : {}),
    });
    return this.get(userId, communityId);
  }

  /** Appoints a manager, adding them as a member first when needed. */
  async assignManager(communityId: number, memberId: number): Promise<CommunityMemberView> {
    if (!(await this.communities.userExists(memberId))) throw new UserNotFound(memberId);
    return this.changeRole(communityId, memberId, 'MANAGER', { mustBeMember: false });
  }

  async revokeManager(communityId: number, memberId: number): Promise<CommunityMemberView> {
    return this.changeRole(communityId, memberId, 'MEMBER', { mustBeMember: true });
  }

  private async changeRole(
    communityId: number,
    memberId: number,
    role: CommunityRole,
    options: { mustBeMember: boolean },
  ): Promise<CommunityMemberView> {
    await this.prisma.transaction(async (tx) => {
      if (!(await this.communities.lock(tx, communityId))) throw new CommunityNotFound(communityId);
      const current = await this.communities.roleOf(communityId, memberId, tx);
      if (!current) {
        if (options.mustBeMember) throw new CommunityMemberNotFound(communityId, memberId);
        await this.communities.addMember(tx, {
          communityId,
          userId: memberId,
          role,
          source: 'MANUAL',
          at: this.clock.now(),
        });
      } else if (current !== role) {
        if (
          role !== 'MANAGER' &&
          leavesAManager(current, await this.communities.managerCount(tx, communityId)) === 'last-manager'
        )
          throw new CommunityLastManager(communityId);
        await this.communities.setRole(tx, communityId, memberId, role);
      }
      await this.communities.syncManagerRole(tx, memberId);
    });
    const member = await this.communities.member(communityId, memberId);
    if (!member) throw new CommunityMemberNotFound(communityId, memberId);
    return memberView(member, this.config.publicBaseUrl);
  }

  private async page(
    userId: number,
    rows: Awaited<ReturnType<CommunityRepository['list']>>['rows'],
    total: number,
    query: { page: number; pageSize: number },
  ): Promise<CommunityPage> {
    const roles = await this.communities.rolesIn(
      userId,
      rows.map((r) => r.id),
    );
    return {
      items: rows.map((r) => communityView(r, roles.get(r.id) ?? null, this.config.publicBaseUrl)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}
