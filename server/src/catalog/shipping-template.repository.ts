import { Inject, Injectable } from '@nestjs/common';
import { SettingsMemo } from '../infra/cache/settings-memo';
import type { Tx } from '../infra/events/domain-events';
import { PrismaService } from '../infra/prisma/prisma.service';

/** 运费模板: the shop's shipping fee rule. Money in fen. */
export interface ShippingTemplateRule {
  id: number;
  name: string;
  /** fen */
  flatFee: number;
  /** 包邮门槛 (fen): goods amount from which shipping is free; null = never free. */
  freeOver: number | null;
  /** 偏远地区: province names that pay the surcharge. */
  remoteRegions: string[];
  /** fen */
  remoteSurcharge: number;
  updatedAt: Date;
}

export type ShippingTemplateInput = Omit<ShippingTemplateRule, 'id' | 'updatedAt'>;

type Row = {
  id: number;
  name: string;
  flatFee: number;
  freeOver: number | null;
  remoteRegions: unknown;
  remoteSurcharge: number;
  updatedAt: Date;
};

function toRule(row: Row): ShippingTemplateRule {
  const regions = Array.isArray(row.remoteRegions)
    ? row.remoteRegions.filter((r): r is string => typeof r === 'string')
    : [];
  return {
    id: row.id,
    name: row.name,
    flatFee: row.flatFee,
    freeOver: row.freeOver,
    remoteRegions: regions,
    remoteSurcharge: row.remoteSurcharge,
    updatedAt: row.updatedAt,
  };
}

/** The default shipping template (one row with isDefault). Exported for order pricing. */
@Injectable()
export class ShippingTemplateRepository {
  /** The default template as checkout reads it on every order; cleared by `saveDefault`. */
  private readonly forCheckout = new SettingsMemo<ShippingTemplateRule | null>();

  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  /** The shop's default template, or null when the merchant has not set one. */
  async defaultTemplate(tx?: Tx): Promise<ShippingTemplateRule | null> {
    const row = await (tx ?? this.prisma.client).shippingTemplate.findFirst({
      where: { isDefault: true },
      orderBy: { id: 'asc' },
    });
    return row ? toRule(row) : null;
  }

  /** The default template for pricing an order: kept two seconds (see SettingsMemo). */
  checkoutTemplate(tx?: Tx): Promise<ShippingTemplateRule | null> {
    return this.forCheckout.get(() => this.defaultTemplate(tx));
  }

  /** Replaces the default template's rule (creating it the first time). */
  async saveDefault(input: ShippingTemplateInput): Promise<ShippingTemplateRule> {
    return this.prisma.transaction(async (tx, afterCommit) => {
      afterCommit(async () => this.forCheckout.clear());
      const current = await tx.shippingTemplate.findFirst({ where: { isDefault: true }, orderBy: { id: 'asc' } });
      const row = current
        ? await tx.shippingTemplate.update({ where: { id: current.id }, data: input })
        : await tx.shippingTemplate.create({ data: { ...input, isDefault: true } });
      return toRule(row);
    });
  }
}
