import { Inject, Injectable } from '@nestjs/common';
import type { Tx } from '../infra/events/domain-events';
import { PrismaService } from '../infra/prisma/prisma.service';

export interface ShippingTemplateRule {
  flatFee: number;
  freeOver: number | null;
  remoteRegions: string[];
  remoteSurcharge: number;
}

/**
 * What checkout needs from neighbouring domains (addresses, the shipping template, the cart),
 * behind one small seam so the order service stays about orders.
 */
@Injectable()
export class CheckoutDirectory {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.transaction((tx) => work(tx));
  }

  /** The buyer's own address as it is now (copied onto the order), or null when it is not theirs. */
  async addressSnapshot(userId: number, addressId: number, tx?: Tx): Promise<Record<string, string> | null> {
    const row = await (tx ?? this.prisma.client).address.findFirst({ where: { id: addressId, userId } });
    if (!row) return null;
    return {
      name: row.name,
      phone: row.phone,
      province: row.province,
      city: row.city,
      district: row.district,
      detail: row.detail,
    };
  }

  async shippingTemplate(tx?: Tx): Promise<ShippingTemplateRule | null> {
    const row = await (tx ?? this.prisma.client).shippingTemplate.findFirst({ where: { isDefault: true } });
    if (!row) return null;
    const regions = Array.isArray(row.remoteRegions)
      ? row.remoteRegions.filter((r): r is string => typeof r === 'string')
      : [];
    return {
      flatFee: row.flatFee,
      freeOver: row.freeOver,
      remoteRegions: regions,
      remoteSurcharge: row.remoteSurcharge,
    };
  }

  async removeFromCart(tx: Tx, userId: number, skuIds: number[]): Promise<void> {
    await tx.cartItem.deleteMany({ where: { userId, skuId: { in: skuIds } } });
  }
}
