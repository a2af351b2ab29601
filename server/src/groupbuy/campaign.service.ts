import { Inject, Injectable } from '@nestjs/common';
import type {
  CampaignAdminQuery,
  CampaignCreateRequest,
  CampaignResultPage,
  CampaignResultView,
  GroupBuyCampaignView,
  GroupView,
  MyGroupPage,
  MyGroupsQuery,
} from '@weshop/shared';
import { ProductNotFound } from '../catalog/catalog.errors';
import { specsFromJson } from '../catalog/spec.policy';
import type { GroupBuyCampaign, GroupBuyCampaignSku, GroupBuyGroup } from '../generated/prisma/client';
import { Clock } from '../infra/clock';
import { Forbidden } from '../infra/http/domain-error';
import { PrismaService } from '../infra/prisma/prisma.service';
import { CampaignInvalid, CampaignNotFound, GroupNotFound } from './groupbuy.errors';
import { campaignProblems, seatsLeft } from './groupbuy.policy';

type CampaignWithSkus = GroupBuyCampaign & { skus: GroupBuyCampaignSku[] };

/** What shoppers see of campaigns and groups, and what managers create and watch. */
@Injectable()
export class CampaignService {
  constructor(
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** Campaigns selling now (for a product), with the open groups anyone can join. */
  async active(productId?: number): Promise<GroupBuyCampaignView[]> {
    const now = this.clock.now();
    const campaigns = await this.prisma.client.groupBuyCampaign.findMany({
      where: {
        status: 'ACTIVE',
        startsAt: { lte: now },
        endsAt: { gt: now },
        ...(productId ? { productId } : {}),
      },
      include: { skus: true },
      orderBy: [{ endsAt: 'asc' }, { id: 'asc' }],
      take: 50,
    });
    return Promise.all(campaigns.map((c) => this.view(c)));
  }

  async one(id: number): Promise<GroupBuyCampaignView> {
    const campaign = await this.prisma.client.groupBuyCampaign.findUnique({ where: { id }, include: { skus: true } });
    if (!campaign) throw new CampaignNotFound(String(id));
    return this.view(campaign);
  }

  private async view(c: CampaignWithSkus): Promise<GroupBuyCampaignView> {
    const now = this.clock.now();
    const [skus, open] = await Promise.all([
      this.prisma.client.sku.findMany({ where: { id: { in: c.skus.map((s) => s.skuId) } } }),
      this.prisma.client.groupBuyGroup.findMany({
        where: { campaignId: c.id, status: 'FORMING', expiresAt: { gt: now } },
        orderBy: [{ expiresAt: 'asc' }, { id: 'asc' }],
        take: 20,
      }),
    ]);
    const leaders = await this.users(open.map((g) => g.leaderId));
    const byId = new Map(skus.map((s) => [s.id, s]));
    return {
      id: String(c.id),
      title: c.title,
      productId: String(c.productId),
      communityId: c.communityId === null ? null : String(c.communityId),
      groupSize: c.groupSize,
      durationMinutes: c.durationMinutes,
      startsAt: c.startsAt.toISOString(),
      endsAt: c.endsAt.toISOString(),
      quotaLeft: Math.max(0, c.quota - c.quotaUsed),
      perOrderLimit: c.perOrderLimit,
      perUserLimit: c.perUserLimit,
      newCustomersOnly: c.newCustomersOnly,
      autoComplete: c.autoComplete,
      skus: c.skus
        .filter((s) => byId.has(s.skuId))
        .map((s) => {
          const sku = byId.get(s.skuId)!;
          return {
            skuId: String(s.skuId),
            specs: specsFromJson(sku.specs),
            price: sku.price,
            groupPrice: s.groupPrice,
            leaderPrice: s.leaderPrice,
            stock: sku.stock,
          };
        }),
      openGroups: open
        .filter((g) => seatsLeft(g) > 0)
        .map((g) => ({
          id: String(g.id),
          leader: {
            nickname: leaders.get(g.leaderId)?.nickname ?? '',
            avatar: leaders.get(g.leaderId)?.avatarUrl ?? '',
          },
          seatsLeft: seatsLeft(g),
          expiresAt: g.expiresAt!.toISOString(),
        })),
    };
  }

  private async users(ids: number[]) {
    const rows = await this.prisma.client.user.findMany({
      where: { id: { in: [...new Set(ids)] } },
      select: { id: true, nickname: true, avatarUrl: true },
    });
    return new Map(rows.map((u) => [u.id, u]));
  }

  /** A group as everyone sees it: paid members only, so a refund after success changes nothing here. */
  async group(id: number, viewerId: number): Promise<GroupView> {
    const group = await this.prisma.client.groupBuyGroup.findUnique({
      where: { id },
      include: { members: { orderBy: { id: 'asc' } } },
    });
    if (!group || group.status === 'PENDING' || group.status === 'CANCELLED') throw new GroupNotFound(String(id));
    const campaign = await this.prisma.client.groupBuyCampaign.findUniqueOrThrow({ where: { id: group.campaignId } });
    return this.groupView(group, campaign, viewerId);
  }

  private async groupView(
    group: GroupBuyGroup & {
      members: { userId: number; orderId: number; isLeader: boolean; status: string; paidAt: Date | null }[];
    },
    campaign: GroupBuyCampaign,
    viewerId: number,
  ): Promise<GroupView> {
    const shown = group.members.filter((m) => m.status === 'PAID' || m.status === 'REFUNDED');
    const people = await this.users(shown.map((m) => m.userId));
    const mine = group.members.find((m) => m.userId === viewerId && m.status !== 'RELEASED');
    return {
      id: String(group.id),
      campaignId: String(group.campaignId),
      productId: String(campaign.productId),
      title: campaign.title,
      size: group.size,
      status: group.status as GroupView['status'],
      members: shown.map((m) => ({
        nickname: people.get(m.userId)?.nickname ?? '',
        avatar: people.get(m.userId)?.avatarUrl ?? '',
        isLeader: m.isLeader,
        paidAt: m.paidAt?.toISOString() ?? null,
      })),
      seatsLeft: group.status === 'FORMING' ? seatsLeft(group) : 0,
      expiresAt: (group.expiresAt ?? group.createdAt).toISOString(),
      simulated: group.simulated,
      myOrderId: mine ? String(mine.orderId) : null,
    };
  }

  /** 我的拼团: groups the caller opened or joined (seats released by an unpaid order excluded). */
  async mine(userId: number, query: MyGroupsQuery): Promise<MyGroupPage> {
    const where = {
      members: { some: { userId, status: { in: ['HELD' as const, 'PAID' as const, 'REFUNDED' as const] } } },
      status: query.status ? query.status : { in: ['FORMING' as const, 'SUCCEEDED' as const, 'FAILED' as const] },
    };
    const [groups, total] = await Promise.all([
      this.prisma.client.groupBuyGroup.findMany({
        where,
        include: { members: { orderBy: { id: 'asc' } } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      }),
      this.prisma.client.groupBuyGroup.count({ where }),
    ]);
    const campaigns = new Map(
      (
        await this.prisma.client.groupBuyCampaign.findMany({
          where: { id: { in: [...new Set(groups.map((g) => g.campaignId))] } },
        })
      ).map((c) => [c.id, c]),
    );
    return {
      items: await Promise.all(groups.map((g) => this.groupView(g, campaigns.get(g.campaignId)!, userId))),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** A manager creates a campaign: the shop's (admin) or a community's own (its manager). */
  async create(
    body: CampaignCreateRequest,
    createdBy: number,
    communityId: number | null,
  ): Promise<CampaignResultView> {
    const productId = Number(body.productId);
    const product = await this.prisma.client.product.findUnique({ where: { id: productId }, include: { skus: true } });
    if (!product) throw new ProductNotFound(body.productId);
    const own = new Map(product.skus.map((s) => [s.id, s]));
    const unknown = body.skus.findIndex((s) => !own.has(Number(s.skuId)));
    if (unknown >= 0)
      throw new CampaignInvalid([{ path: `skus[${unknown}].skuId`, message: 'is not a SKU of this product' }]);
    const startsAt = new Date(body.startsAt);
    const endsAt = new Date(body.endsAt);
    const problems = campaignProblems({
      ...body,
      startsAt,
      endsAt,
      skus: body.skus.map((s) => ({ ...s, price: own.get(Number(s.skuId))!.price })),
    });
    if (problems.length) throw new CampaignInvalid(problems);
    const row = await this.prisma.client.groupBuyCampaign.create({
      data: {
        title: body.title,
        productId,
        communityId,
        groupSize: body.groupSize,
        durationMinutes: body.durationMinutes,
        startsAt,
        endsAt,
        quota: body.quota,
        perOrderLimit: body.perOrderLimit,
        perUserLimit: body.perUserLimit,
        newCustomersOnly: body.newCustomersOnly,
        autoComplete: body.autoComplete,
        autoCompleteMinPaidBp: body.autoCompleteMinPaidBp,
        earnsCommission: body.earnsCommission,
        createdBy,
        skus: {
          create: body.skus.map((s) => ({
            skuId: Number(s.skuId),
            groupPrice: s.groupPrice,
            leaderPrice: s.leaderPrice,
          })),
        },
      },
    });
    return this.result(row);
  }

  async disable(id: number, communityId: number | null): Promise<CampaignResultView> {
    const campaign = await this.prisma.client.groupBuyCampaign.findUnique({ where: { id } });
    if (!campaign || (communityId !== null && campaign.communityId !== communityId))
      throw new CampaignNotFound(String(id));
    const row = await this.prisma.client.groupBuyCampaign.update({ where: { id }, data: { status: 'DISABLED' } });
    return this.result(row);
  }

  async results(query: CampaignAdminQuery, communityId: number | null): Promise<CampaignResultPage> {
    const where = {
      ...(query.status ? { status: query.status } : {}),
      ...(communityId !== null ? { communityId } : {}),
    };
    const [rows, total] = await Promise.all([
      this.prisma.client.groupBuyCampaign.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      }),
      this.prisma.client.groupBuyCampaign.count({ where }),
    ]);
    return {
      items: await Promise.all(rows.map((r) => this.result(r))),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** Groups by outcome, success rate, paid orders and GMV (net of refunds) of a campaign. */
  private async result(c: GroupBuyCampaign): Promise<CampaignResultView> {
    const counts = await this.prisma.client.groupBuyGroup.groupBy({
      by: ['status'],
      where: { campaignId: c.id },
      _count: { _all: true },
    });
    const count = (status: string) => counts.find((r) => r.status === status)?._count._all ?? 0;
    const [sales] = await this.prisma.client.$queryRaw<{ orders: unknown; gmv: unknown }[]>`
      SELECT COUNT(*) AS orders, COALESCE(SUM(o.payable - o.refunded_amount), 0) AS gmv
        FROM groupbuy_member m JOIN groupbuy_group g ON g.id = m.group_id JOIN orders o ON o.id = m.order_id
       WHERE g.campaign_id = ${c.id} AND m.paid_at IS NOT NULL`;
    const succeeded = count('SUCCEEDED');
    const failed = count('FAILED');
    return {
      id: String(c.id),
      title: c.title,
      productId: String(c.productId),
      communityId: c.communityId === null ? null : String(c.communityId),
      status: c.status,
      groupSize: c.groupSize,
      startsAt: c.startsAt.toISOString(),
      endsAt: c.endsAt.toISOString(),
      quota: c.quota,
      quotaUsed: c.quotaUsed,
      groups: { forming: count('FORMING'), succeeded, failed },
      successRateBp: succeeded + failed ? Math.floor((succeeded * 10_000) / (succeeded + failed)) : null,
      paidOrders: Number(sales?.orders ?? 0),
      gmv: Number(sales?.gmv ?? 0),
    };
  }

  /** A community manager acts only on their own community. */
  async assertManager(userId: number, communityId: number): Promise<void> {
    const member = await this.prisma.client.communityMember.findUnique({
      where: { communityId_userId: { communityId, userId } },
    });
    if (member?.role !== 'MANAGER') throw new Forbidden('You do not manage this community');
  }
}
