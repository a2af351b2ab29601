import { Inject, Injectable } from '@nestjs/common';
import { DistributionSettings, type CommissionRuleInput, type CommissionRuleView } from '@weshop/shared';
import { ValidationFailed } from '../infra/http/domain-error';
import { PrismaService } from '../infra/prisma/prisma.service';
import { ProductNotFound } from '../catalog/catalog.errors';
import { DistributionSettingsStore } from './distribution-settings.store';
import { CommissionRuleInvalid, DistributionSettingsNoncompliant } from './distribution.errors';
import { ruleViolations, settingsViolations } from './settings.policy';

/** 分销设置 and product commission rules, each checked against the compliance rules before saving. */
@Injectable()
export class DistributionAdminService {
  constructor(
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(DistributionSettingsStore) private readonly store: DistributionSettingsStore,
  ) {}

  settings(): Promise<DistributionSettings> {
    return this.store.get();
  }

  async saveSettings(raw: unknown): Promise<DistributionSettings> {
    const violations = settingsViolations(raw);
    if (violations.length) throw new DistributionSettingsNoncompliant(violations);
    const parsed = DistributionSettings.safeParse(raw);
    if (!parsed.success)
      throw new ValidationFailed(
        parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      );
    return this.store.save(parsed.data);
  }

  async rules(): Promise<CommissionRuleView[]> {
    const rows = await this.prisma.client.commissionRule.findMany({
      orderBy: [{ productId: 'asc' }, { skuId: 'asc' }],
    });
    return rows.map((r) => ({
      id: String(r.id),
      productId: String(r.productId),
      skuId: r.skuId ? String(r.skuId) : null,
      percent: r.l1RateBp !== null && r.l2RateBp !== null ? { l1Bp: r.l1RateBp, l2Bp: r.l2RateBp } : null,
      fixed: r.l1Fixed !== null && r.l2Fixed !== null ? { l1: r.l1Fixed, l2: r.l2Fixed } : null,
    }));
  }

  /** Sets (or, with neither percent nor fixed… refused) a product's or a SKU's own commission. */
  async saveRule(input: CommissionRuleInput): Promise<CommissionRuleView[]> {
    const violations = ruleViolations(input);
    if (violations.length) throw new CommissionRuleInvalid(violations);
    const productId = Number(input.productId);
    const skuId = input.skuId ? Number(input.skuId) : 0;
    const product = await this.prisma.client.product.findUnique({ where: { id: productId }, select: { id: true } });
    if (!product) throw new ProductNotFound(input.productId);
    if (skuId) {
      const sku = await this.prisma.client.sku.findFirst({ where: { id: skuId, productId }, select: { id: true } });
      if (!sku) throw new CommissionRuleInvalid([{ path: 'skuId', message: 'The SKU is not one of this product' }]);
    }
    const data = {
      l1RateBp: input.percent?.l1Bp ?? null,
      l2RateBp: input.percent?.l2Bp ?? null,
      l1Fixed: input.fixed?.l1 ?? null,
      l2Fixed: input.fixed?.l2 ?? null,
    };
    await this.prisma.client.commissionRule.upsert({
      where: { productId_skuId: { productId, skuId } },
      create: { productId, skuId, ...data },
      update: data,
    });
    return this.rules();
  }
}
