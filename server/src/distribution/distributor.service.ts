import { Inject, Injectable } from '@nestjs/common';
import {
  shareScene,
  type AdminDistributorPage,
  type AdminDistributorQuery,
  type CommissionListQuery,
  type CommissionPage,
  type CustomerPage,
  type DistributorMe,
  type Leaderboard,
  type LeaderboardQuery,
  type LedgerCheck,
  type PageQuery,
  type ShareView,
  type TeamView,
} from '@weshop/shared';
import { ProductNotFound } from '../catalog/catalog.errors';
import { Prisma, type Distributor } from '../generated/prisma/client';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { Clock } from '../infra/clock';
import type { Tx } from '../infra/events/domain-events';
import { PrismaService } from '../infra/prisma/prisma.service';
import { RedisService } from '../infra/redis/redis.service';
import { mediaUrl } from '../media/media-url';
import { WechatMiniClient } from '../wechat/wechat-mini.client';
import { newReferralCode } from './binding.policy';
import { bucketsView, CommissionLedger, type Buckets } from './commission-ledger';
import { DistributionSettingsStore } from './distribution-settings.store';
import {
  DistributionDisabled,
  DistributorAlreadyApplied,
  DistributorConditionNotMet,
  DistributorNotFound,
  DistributorStateConflict,
} from './distribution.errors';
import { TeamCounters } from './team-counters';

const PAID_STATUSES = ['PAID', 'GROUPING', 'TO_SHIP', 'SHIPPED', 'COMPLETED'] as const;
const SHARE_PAGE = 'pages/product/index';
const CODE_TTL_S = 86_400;

const bucketsOf = (d: Distributor | null): Buckets => ({
  pending: d?.pendingAmount ?? 0,
  balance: d?.balance ?? 0,
  inFlight: d?.inFlightAmount ?? 0,
  withdrawn: d?.withdrawnAmount ?? 0,
});

/** A customer's name as a distributor sees it: enough to recognise, not to identify (张**). */
export function maskName(nickname: string): string {
  const chars = [...(nickname || '微信用户')];
  return chars.length <= 1 ? `${chars[0]}*` : `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 2))}`;
}

/**
 * 分销员: applying and approval (parent = the distributor the applicant was bound to), the centre's
 * figures, customers, team, leaderboard and the share card; the manager's list and the ledger check.
 */
@Injectable()
export class DistributorService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(RedisService) private readonly redis: RedisService,
    @Inject(DistributionSettingsStore) private readonly settings: DistributionSettingsStore,
    @Inject(CommissionLedger) private readonly ledger: CommissionLedger,
    @Inject(TeamCounters) private readonly team: TeamCounters,
    @Inject(WechatMiniClient) private readonly wechat: WechatMiniClient,
  ) {}

  async me(userId: number): Promise<DistributorMe> {
    const settings = await this.settings.get();
    const [d, binding, spent] = await Promise.all([
      this.prisma.client.distributor.findUnique({ where: { userId } }),
      this.prisma.client.customerBinding.findUnique({ where: { customerId: userId } }),
      this.spent(userId),
    ]);
    const now = this.clock.now().getTime();
    const active = binding && (binding.expiresAt === null || binding.expiresAt.getTime() > now);
    const [tier, parent, boundTo, customers] = await Promise.all([
      d?.tierId ? this.prisma.client.distributorTier.findUnique({ where: { id: d.tierId } }) : null,
      d?.parentId
        ? this.prisma.client.user.findUnique({ where: { id: d.parentId }, select: { nickname: true } })
        : null,
      active
        ? this.prisma.client.distributor.findUnique({
            where: { userId: binding.distributorId },
            select: { code: true, user: { select: { nickname: true } } },
          })
        : null,
      d?.status === 'APPROVED' ? this.prisma.client.customerBinding.count({ where: { distributorId: userId } }) : 0,
    ]);
    return {
      status: d?.status ?? 'NONE',
      code: d?.code ?? null,
      tier: tier ? { id: String(tier.id), name: tier.name } : null,
      parent: parent ? { nickname: parent.nickname } : null,
      boundTo:
        active && boundTo?.code
          ? { code: boundTo.code, nickname: boundTo.user.nickname, until: binding.expiresAt?.toISOString() ?? null }
          : null,
      rejectReason: d?.status === 'REJECTED' ? d.rejectReason : null,
      application: {
        open: settings.enabled && (!d || d.status === 'REJECTED') && spent >= settings.application.minSpend,
        autoApprove: settings.application.autoApprove,
        minSpend: settings.application.minSpend,
        spent,
      },
      balances: bucketsView(bucketsOf(d)),
      withdrawal: settings.withdrawal,
      teamSize: d?.teamSize ?? 0,
      customers,
    };
  }

  /** Paid orders net of refunds: the only condition a shop may set (never a fee, never a product). */
  private async spent(userId: number): Promise<number> {
    const agg = await this.prisma.client.order.aggregate({
      where: { userId, status: { in: [...PAID_STATUSES] } },
      _sum: { payable: true, refundedAmount: true },
    });
    return (agg._sum.payable ?? 0) - (agg._sum.refundedAmount ?? 0);
  }

  async apply(userId: number): Promise<DistributorMe> {
    const settings = await this.settings.get();
    if (!settings.enabled) throw new DistributionDisabled();
    const spent = await this.spent(userId);
    if (spent < settings.application.minSpend)
      throw new DistributorConditionNotMet(settings.application.minSpend, spent);
    const now = this.clock.now();
    await this.prisma.transaction(async (tx) => {
      const [existing] = await tx.$queryRaw<{ status: string }[]>`
        SELECT status FROM distributor WHERE user_id = ${userId} FOR UPDATE`;
      if (existing && existing.status !== 'REJECTED') throw new DistributorAlreadyApplied(existing.status);
      if (existing)
        await tx.distributor.update({
          where: { userId },
          data: { status: 'PENDING', rejectReason: null, appliedAt: now },
        });
      else await tx.distributor.create({ data: { userId, status: 'PENDING', appliedAt: now } });
    });
    if (settings.application.autoApprove) await this.approve(userId);
    return this.me(userId);
  }

  /** PENDING → APPROVED: a referral code, and a place in the tree under the distributor they were bound to. */
  async approve(userId: number): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.prisma.transaction(async (tx) => {
          const [row] = await tx.$queryRaw<{ status: string }[]>`
            SELECT status FROM distributor WHERE user_id = ${userId} FOR UPDATE`;
          if (!row) throw new DistributorNotFound(userId);
          if (row.status !== 'PENDING') throw new DistributorStateConflict(row.status, 'approved');
          const now = this.clock.now();
          const parent = await this.boundDistributor(tx, userId, now);
          await tx.distributor.update({
            where: { userId },
            data: { status: 'APPROVED', approvedAt: now, code: newReferralCode(), rejectReason: null },
          });
          await this.team.join(tx, userId, parent);
          await tx.userRole.upsert({
            where: { userId_role: { userId, role: 'DISTRIBUTOR' } },
            create: { userId, role: 'DISTRIBUTOR' },
            update: {},
          });
        });
        return;
      } catch (error) {
        // The unique index refused a referral code someone already has: draw another.
        const codeTaken = error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
        if (!codeTaken || attempt >= 5) throw error;
      }
    }
  }

  private async boundDistributor(tx: Tx, userId: number, now: Date) {
    const binding = await tx.customerBinding.findUnique({ where: { customerId: userId } });
    if (!binding || (binding.expiresAt && binding.expiresAt.getTime() <= now.getTime())) return null;
    const parent = await tx.distributor.findUnique({ where: { userId: binding.distributorId } });
    return parent?.status === 'APPROVED' ? parent : null;
  }

  async reject(userId: number, reason: string): Promise<void> {
    const moved = await this.prisma.client.distributor.updateMany({
      where: { userId, status: 'PENDING' },
      data: { status: 'REJECTED', rejectReason: reason },
    });
    if (moved.count === 1) return;
    const d = await this.prisma.client.distributor.findUnique({ where: { userId } });
    if (!d) throw new DistributorNotFound(userId);
    throw new DistributorStateConflict(d.status, 'rejected');
  }

  async commissions(userId: number, query: CommissionListQuery): Promise<CommissionPage> {
    const where: Prisma.CommissionWhereInput = {
      beneficiaryId: userId,
      ...(query.status ? { status: query.status } : { status: { not: 'CANCELLED' } }),
    };
    const [rows, total] = await Promise.all([
      this.prisma.client.commission.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      }),
      this.prisma.client.commission.count({ where }),
    ]);
    const orders = new Map(
      (
        await this.prisma.client.order.findMany({
          where: { id: { in: [...new Set(rows.map((r) => r.orderId))] } },
          select: { id: true, orderNo: true, user: { select: { nickname: true } } },
        })
      ).map((o) => [o.id, o]),
    );
    return {
      items: rows.map((c) => ({
        id: String(c.id),
        orderNo: orders.get(c.orderId)?.orderNo ?? '',
        level: c.level === 2 ? 2 : 1,
        productTitle: c.productTitle,
        buyer: maskName(orders.get(c.orderId)?.user.nickname ?? ''),
        base: c.base,
        amount: c.amount,
        reversedAmount: c.reversedAmount,
        net: c.amount - c.reversedAmount,
        rule: c.rule,
        status: c.status,
        createdAt: c.createdAt.toISOString(),
        settledAt: c.settledAt?.toISOString() ?? null,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async customers(userId: number, query: PageQuery): Promise<CustomerPage> {
    const where = { distributorId: userId };
    const [rows, total] = await Promise.all([
      this.prisma.client.customerBinding.findMany({
        where,
        orderBy: [{ boundAt: 'desc' }, { customerId: 'desc' }],
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      }),
      this.prisma.client.customerBinding.count({ where }),
    ]);
    const ids = rows.map((r) => r.customerId);
    const users = new Map(
      (
        await this.prisma.client.user.findMany({
          where: { id: { in: ids } },
          select: { id: true, nickname: true, avatarUrl: true },
        })
      ).map((u) => [u.id, u]),
    );
    const sales = ids.length
      ? await this.prisma.client.$queryRaw<{ buyerId: number; orders: bigint; spent: unknown }[]>`
          SELECT r.buyer_id AS buyerId, COUNT(*) AS orders, COALESCE(SUM(o.payable - o.refunded_amount), 0) AS spent
            FROM order_referral r JOIN orders o ON o.id = r.order_id
           WHERE r.l1_id = ${userId} AND r.buyer_id IN (${Prisma.join(ids)}) AND o.paid_at IS NOT NULL
           GROUP BY r.buyer_id`
      : [];
    const byBuyer = new Map(sales.map((s) => [Number(s.buyerId), s]));
    return {
      items: rows.map((b) => ({
        nickname: maskName(users.get(b.customerId)?.nickname ?? ''),
        avatarUrl: users.get(b.customerId)?.avatarUrl ?? '',
        source: b.source,
        boundAt: b.boundAt.toISOString(),
        until: b.expiresAt?.toISOString() ?? null,
        orders: Number(byBuyer.get(b.customerId)?.orders ?? 0),
        spent: Number(byBuyer.get(b.customerId)?.spent ?? 0),
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async teamOf(userId: number, query: PageQuery): Promise<TeamView> {
    const me = await this.prisma.client.distributor.findUnique({ where: { userId } });
    if (!me || me.status !== 'APPROVED') throw new DistributorNotFound(userId);
    const where = { parentId: userId, status: 'APPROVED' as const };
    const [rows, total] = await Promise.all([
      this.prisma.client.distributor.findMany({
        where,
        orderBy: [{ approvedAt: 'desc' }, { userId: 'desc' }],
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
        include: { user: { select: { nickname: true, avatarUrl: true } } },
      }),
      this.prisma.client.distributor.count({ where }),
    ]);
    return {
      teamSize: me.teamSize,
      directCount: me.directCount,
      teamSales: me.teamSales,
      ownSales: me.ownSales,
      directs: {
        items: rows.map((d) => ({
          nickname: d.user.nickname,
          avatarUrl: d.user.avatarUrl,
          code: d.code ?? '',
          joinedAt: (d.approvedAt ?? d.appliedAt).toISOString(),
          teamSize: d.teamSize,
          sales: d.ownSales,
        })),
        total,
        page: query.page,
        pageSize: query.pageSize,
      },
    };
  }

  /** 排行榜: sales brought in as L1 (paid, net of refunds) in the period, top 20. */
  async leaderboard(userId: number, query: LeaderboardQuery): Promise<Leaderboard> {
    const now = this.clock.now();
    const since =
      query.period === 'all' ? new Date(0) : new Date(now.getTime() - (query.period === 'week' ? 7 : 30) * 86_400_000);
    const rows = await this.prisma.client.$queryRaw<
      { userId: number; nickname: string; avatarUrl: string; sales: unknown }[]
    >`
      SELECT c.beneficiary_id AS userId, u.nickname AS nickname, u.avatar_url AS avatarUrl,
             SUM(c.base - c.refunded_base) AS sales
        FROM commission c JOIN user u ON u.id = c.beneficiary_id
       WHERE c.level = 1 AND c.status IN ('PENDING', 'SETTLED') AND c.paid_at >= ${since}
       GROUP BY c.beneficiary_id, u.nickname, u.avatar_url
       ORDER BY sales DESC, userId ASC
       LIMIT 20`;
    return {
      period: query.period,
      items: rows.map((r, i) => ({
        rank: i + 1,
        nickname: r.nickname,
        avatarUrl: r.avatarUrl,
        sales: Number(r.sales),
        isMe: Number(r.userId) === userId,
      })),
    };
  }

  /** The share card and poster data: the path with `ref`, and a mini-program code carrying it in `scene`. */
  async share(userId: number, productId: number): Promise<ShareView> {
    const product = await this.prisma.client.product.findUnique({
      where: { id: productId },
      select: { id: true, title: true, minPrice: true, images: true, onShelf: true },
    });
    if (!product || !product.onShelf) throw new ProductNotFound(String(productId));
    const d = await this.prisma.client.distributor.findUnique({
      where: { userId },
      select: { status: true, code: true },
    });
    const code = d?.status === 'APPROVED' ? d.code : null;
    const images = Array.isArray(product.images) ? (product.images as string[]) : [];
    const view: ShareView = {
      path: `/${SHARE_PAGE}?id=${product.id}${code ? `&ref=${code}` : ''}`,
      ref: code,
      scene: code ? shareScene(code, product.id) : null,
      codeImage: null,
      product: {
        id: String(product.id),
        title: product.title,
        price: product.minPrice,
        image: images[0] ? mediaUrl(this.config.publicBaseUrl, images[0]) : '',
      },
    };
    if (view.scene) view.codeImage = await this.codeImage(view.scene);
    return view;
  }

  /** wxacode.getUnlimited, cached a day per scene (WeChat limits calls; the code never changes). */
  private async codeImage(scene: string): Promise<string> {
    const key = this.redis.key('share-code', scene);
    const cached = await this.redis.client.get(key);
    if (cached) return cached;
    const png = await this.wechat.unlimitedCode({ scene, page: SHARE_PAGE, checkPath: false });
    const dataUrl = `data:image/png;base64,${png.toString('base64')}`;
    await this.redis.client.set(key, dataUrl, 'EX', CODE_TTL_S);
    return dataUrl;
  }

  async adminList(query: AdminDistributorQuery): Promise<AdminDistributorPage> {
    const where: Prisma.DistributorWhereInput = query.status && query.status !== 'NONE' ? { status: query.status } : {};
    const [rows, total] = await Promise.all([
      this.prisma.client.distributor.findMany({
        where,
        orderBy: [{ appliedAt: 'desc' }, { userId: 'desc' }],
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
        include: { user: { select: { nickname: true } } },
      }),
      this.prisma.client.distributor.count({ where }),
    ]);
    const parents = new Map(
      (
        await this.prisma.client.user.findMany({
          where: { id: { in: rows.map((r) => r.parentId).filter((id): id is number => id !== null) } },
          select: { id: true, nickname: true },
        })
      ).map((u) => [u.id, u.nickname]),
    );
    const tiers = new Map((await this.settings.tiers()).map((t) => [t.id, t.name]));
    return {
      items: rows.map((d) => ({
        userId: String(d.userId),
        nickname: d.user.nickname,
        code: d.code,
        status: d.status,
        parent: d.parentId ? (parents.get(d.parentId) ?? null) : null,
        tier: d.tierId ? (tiers.get(d.tierId) ?? null) : null,
        appliedAt: d.appliedAt.toISOString(),
        approvedAt: d.approvedAt?.toISOString() ?? null,
        rejectReason: d.rejectReason,
        balances: bucketsView(bucketsOf(d)),
        teamSize: d.teamSize,
        ownSales: d.ownSales,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** Every cached balance against the ledger's sums: what an auditor (or a test) runs. */
  async ledgerCheck(): Promise<LedgerCheck> {
    const rows = await this.ledger.recompute();
    const same = (a: Buckets, b: Buckets) =>
      a.pending === b.pending && a.balance === b.balance && a.inFlight === b.inFlight && a.withdrawn === b.withdrawn;
    return {
      distributors: rows.length,
      mismatches: rows
        .filter((r) => !same(r.cached, r.ledger))
        .map((r) => ({ userId: String(r.userId), cached: bucketsView(r.cached), ledger: bucketsView(r.ledger) })),
    };
  }
}
