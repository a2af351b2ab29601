import { Inject, Injectable } from '@nestjs/common';
import type {
  CommunityCouponDropResult,
  CommunityCouponTemplates,
  CouponTemplateAdminPage,
  CouponTemplateAdminQuery,
  CouponTemplateAdminView,
  CouponTemplateCreateRequest,
  CouponTemplateUpdateRequest,
} from '@weshop/shared';
import type { CouponTemplate, Prisma } from '../generated/prisma/client';
import { Forbidden, type FieldIssue } from '../infra/http/domain-error';
import { PrismaService } from '../infra/prisma/prisma.service';
import {
  CouponLimitReached,
  CouponNotClaimable,
  CouponSoldOut,
  CouponTemplateInvalid,
  CouponTemplateNotFound,
} from './coupon.errors';
import { templateProblems } from './coupon.policy';
import { CouponService } from './coupon.service';
import { toTemplateAdminView } from './coupon.view';

/** The shop's coupon templates (admin) and community coupon drops (a community's managers). */
@Injectable()
export class CouponAdminService {
  constructor(
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(CouponService) private readonly coupons: CouponService,
  ) {}

  async list(query: CouponTemplateAdminQuery): Promise<CouponTemplateAdminPage> {
    const where: Prisma.CouponTemplateWhereInput = {
      ...(query.status ? { status: query.status } : {}),
      ...(query.channel ? { channel: query.channel } : {}),
    };
    const [rows, total] = await Promise.all([
      this.prisma.client.couponTemplate.findMany({
        where,
        orderBy: { id: 'desc' },
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      }),
      this.prisma.client.couponTemplate.count({ where }),
    ]);
    return { items: await this.views(rows), total, page: query.page, pageSize: query.pageSize };
  }

  async one(id: number): Promise<CouponTemplateAdminView> {
    const row = await this.prisma.client.couponTemplate.findUnique({ where: { id } });
    if (!row) throw new CouponTemplateNotFound(id);
    return (await this.views([row]))[0];
  }

  /** Creates a template after the rules of shared/src/coupon.ts; scope ids and the community must exist. */
  async create(body: CouponTemplateCreateRequest): Promise<CouponTemplateAdminView> {
    const draft = {
      ...body,
      validFrom: body.validFrom ? new Date(body.validFrom) : null,
      validTo: body.validTo ? new Date(body.validTo) : null,
    };
    const problems = templateProblems(draft);
    if (problems.length === 0) problems.push(...(await this.missingReferences(body)));
    if (problems.length) throw new CouponTemplateInvalid(problems);
    const row = await this.prisma.client.couponTemplate.create({
      data: {
        name: body.name,
        kind: body.kind,
        threshold: body.threshold,
        amount: body.amount,
        percentBp: body.percentBp,
        cap: body.cap,
        scope: body.scope,
        scopeIds: body.scopeIds,
        validity: body.validity,
        validFrom: draft.validFrom,
        validTo: draft.validTo,
        validDays: body.validDays,
        totalQuantity: body.totalQuantity,
        perUserLimit: body.perUserLimit,
        stackWithPromotions: body.stackWithPromotions,
        channel: body.channel,
        communityId: body.communityId === null ? null : Number(body.communityId),
      },
    });
    return toTemplateAdminView(row, 0);
  }

  /**
   * Name, quantity, per-user limit and status only. The quantity never goes below what was issued
   * (a guarded update, so a claim racing the change cannot slip past it).
   */
  async update(id: number, body: CouponTemplateUpdateRequest): Promise<CouponTemplateAdminView> {
    const current = await this.prisma.client.couponTemplate.findUnique({ where: { id } });
    if (!current) throw new CouponTemplateNotFound(id);
    const totalQuantity = body.totalQuantity ?? current.totalQuantity;
    const perUserLimit = body.perUserLimit ?? current.perUserLimit;
    const problems: FieldIssue[] = [];
    if (perUserLimit > totalQuantity) problems.push({ path: 'perUserLimit', message: 'must not exceed totalQuantity' });
    if (totalQuantity < current.issued)
      problems.push({ path: 'totalQuantity', message: `must not be below the ${current.issued} already issued` });
    if (problems.length) throw new CouponTemplateInvalid(problems);
    const changed = await this.prisma.client.couponTemplate.updateMany({
      where: { id, issued: { lte: totalQuantity } },
      data: { ...body },
    });
    if (changed.count !== 1)
      throw new CouponTemplateInvalid([{ path: 'totalQuantity', message: 'must not be below what was issued' }]);
    return this.one(id);
  }

  // ——— community managers ———

  async assertManager(userId: number, communityId: number): Promise<void> {
    const member = await this.prisma.client.communityMember.findUnique({
      where: { communityId_userId: { communityId, userId } },
    });
    if (member?.role !== 'MANAGER') throw new Forbidden('You do not manage this community');
  }

  /** The community's own templates (channel COMMUNITY), for its managers to drop. */
  async communityTemplates(communityId: number): Promise<CommunityCouponTemplates> {
    const rows = await this.prisma.client.couponTemplate.findMany({
      where: { channel: 'COMMUNITY', communityId },
      orderBy: { id: 'desc' },
      take: 100,
    });
    return { items: await this.views(rows) };
  }

  /**
   * 社群发券: one coupon of the community's template to each member (oldest member first), each in its
   * own guarded transaction; a member at the per-user limit is skipped; the drop stops when the
   * template runs out.
   */
  async drop(communityId: number, templateId: number): Promise<CommunityCouponDropResult> {
    const template = await this.prisma.client.couponTemplate.findUnique({ where: { id: templateId } });
    if (!template || template.channel !== 'COMMUNITY' || template.communityId !== communityId)
      throw new CouponTemplateNotFound(templateId);
    if (template.status !== 'ACTIVE') throw new CouponNotClaimable('DISABLED');
    const members = await this.prisma.client.communityMember.findMany({
      where: { communityId },
      orderBy: [{ joinedAt: 'asc' }, { userId: 'asc' }],
      select: { userId: true },
    });
    let issued = 0;
    let skipped = 0;
    let soldOut = false;
    for (const { userId } of members) {
      try {
        await this.prisma.transaction((tx) => this.coupons.issue(tx, userId, templateId, 'COMMUNITY'));
        issued++;
      } catch (error) {
        if (error instanceof CouponLimitReached) skipped++;
        else if (error instanceof CouponSoldOut) {
          soldOut = true;
          break;
        } else throw error;
      }
    }
    return { templateId: String(templateId), members: members.length, issued, skipped, soldOut };
  }

  // ——— helpers ———

  private async views(rows: CouponTemplate[]): Promise<CouponTemplateAdminView[]> {
    const used = rows.length
      ? await this.prisma.client.userCoupon.groupBy({
          by: ['templateId'],
          where: { templateId: { in: rows.map((r) => r.id) }, status: 'USED' },
          _count: { _all: true },
        })
      : [];
    const byTemplate = new Map(used.map((u) => [u.templateId, u._count._all]));
    return rows.map((r) => toTemplateAdminView(r, byTemplate.get(r.id) ?? 0));
  }

  private async missingReferences(body: CouponTemplateCreateRequest): Promise<FieldIssue[]> {
    const ids = body.scopeIds.map(Number);
    const problems: FieldIssue[] = [];
    if (body.scope === 'CATEGORIES') {
      const found = await this.prisma.client.category.count({ where: { id: { in: ids } } });
      if (found !== ids.length) problems.push({ path: 'scopeIds', message: 'names a category that does not exist' });
    }
    if (body.scope === 'PRODUCTS') {
      const found = await this.prisma.client.product.count({ where: { id: { in: ids } } });
      if (found !== ids.length) problems.push({ path: 'scopeIds', message: 'names a product that does not exist' });
    }
    if (body.communityId !== null) {
      const community = await this.prisma.client.community.findUnique({ where: { id: Number(body.communityId) } });
      if (!community) problems.push({ path: 'communityId', message: 'no such community' });
    }
    return problems;
  }
}
