import { Inject, Injectable } from '@nestjs/common';
import { DistributionSettings } from '@weshop/shared';
import { SettingsMemo } from '../infra/cache/settings-memo';
import type { Tx } from '../infra/events/domain-events';
import { PrismaService } from '../infra/prisma/prisma.service';
import { DEFAULT_DISTRIBUTION_SETTINGS } from './settings.policy';

export interface TierRecord {
  id: number;
  name: string;
  minSales: number;
  l1RateBp: number | null;
  l2RateBp: number | null;
}

/**
 * 分销设置: one JSON row (validated on the way in and out) and the tier table. Read on every order,
 * so kept two seconds in memory; a save clears it in this process.
 */
@Injectable()
export class DistributionSettingsStore {
  private readonly memo = new SettingsMemo<DistributionSettings>();

  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  /**
   * Inside a transaction pass `tx`: a second connection taken from the pool while the
   * transaction holds one can starve the pool under a rush of orders.
   */
  get(tx?: Tx): Promise<DistributionSettings> {
    return this.memo.get(() => this.load(tx));
  }

  private async load(tx?: Tx): Promise<DistributionSettings> {
    const db = tx ?? this.prisma.client;
    const row = await db.distributionSetting.findUnique({ where: { id: 1 } });
    const tiers = await this.tiers(tx);
    const stored = row ? DistributionSettings.omit({ tiers: true }).safeParse(row.data) : null;
    const settings: DistributionSettings = {
      ...(stored?.success ? stored.data : DEFAULT_DISTRIBUTION_SETTINGS),
      tiers: tiers.map((t) => ({
        id: String(t.id),
        name: t.name,
        minSales: t.minSales,
        l1RateBp: t.l1RateBp,
        l2RateBp: t.l2RateBp,
      })),
    };
    return settings;
  }

  tiers(tx?: Tx): Promise<TierRecord[]> {
    return (tx ?? this.prisma.client).distributorTier.findMany({ orderBy: [{ minSales: 'asc' }, { id: 'asc' }] });
  }

  /** Saves validated settings; tiers are matched by id (new ones created, missing ones removed). */
  async save(settings: DistributionSettings): Promise<DistributionSettings> {
    await this.prisma.transaction(async (tx) => {
      const { tiers, ...rest } = settings;
      await tx.distributionSetting.upsert({ where: { id: 1 }, create: { id: 1, data: rest }, update: { data: rest } });
      const kept: number[] = [];
      const before = await tx.distributorTier.findMany();
      for (const tier of tiers) {
        const data = { name: tier.name, minSales: tier.minSales, l1RateBp: tier.l1RateBp, l2RateBp: tier.l2RateBp };
        // Matched by id, else by name: re-saving a tier without its id keeps distributors on it.
        const existing =
          before.find((t) => tier.id !== undefined && String(t.id) === tier.id) ??
          (tier.id === undefined ? before.find((t) => t.name === tier.name) : undefined);
        const id = existing?.id ?? NaN;
        const row = existing
          ? await tx.distributorTier.update({ where: { id }, data })
          : await tx.distributorTier.create({ data });
        kept.push(row.id);
      }
      const removed = await tx.distributorTier.findMany({ where: { id: { notIn: kept } }, select: { id: true } });
      if (removed.length) {
        const ids = removed.map((r) => r.id);
        await tx.distributor.updateMany({ where: { tierId: { in: ids } }, data: { tierId: null } });
        await tx.distributorTier.deleteMany({ where: { id: { in: ids } } });
      }
    });
    this.memo.clear();
    return this.get();
  }
}
