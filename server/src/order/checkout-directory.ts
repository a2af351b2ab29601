import { Inject, Injectable } from '@nestjs/common';
import { AddressService } from '../address/address.service';
import { CartRepository } from '../cart/cart.repository';
import { ShippingTemplateRepository } from '../catalog/shipping-template.repository';
import type { Tx } from '../infra/events/domain-events';
import { PrismaService } from '../infra/prisma/prisma.service';
import type { ShippingRule } from '../pricing/shipping.policy';

/**
 * What checkout needs from neighbouring domains (addresses, the shipping template, the cart),
 * behind one small seam so the order service stays about orders.
 */
@Injectable()
export class CheckoutDirectory {
  constructor(
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(AddressService) private readonly addresses: AddressService,
    @Inject(ShippingTemplateRepository) private readonly shippingTemplates: ShippingTemplateRepository,
    @Inject(CartRepository) private readonly cart: CartRepository,
  ) {}

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.transaction((tx) => work(tx));
  }

  /** The buyer's own address as it is now (copied onto the order), or null when it is not theirs. */
  async addressSnapshot(userId: number, addressId: number, tx?: Tx): Promise<Record<string, string> | null> {
    const address = await this.addresses.findOwned(userId, addressId, tx);
    if (!address) return null;
    const { name, phone, province, city, district, detail } = address;
    return { name, phone, province, city, district, detail };
  }

  /** The buyer's default address (or their newest one), null when they have none. */
  async defaultAddressId(userId: number, tx?: Tx): Promise<number | null> {
    const row = await (tx ?? this.prisma.client).address.findFirst({
      where: { userId },
      orderBy: [{ isDefault: 'desc' }, { id: 'desc' }],
      select: { id: true },
    });
    return row?.id ?? null;
  }

  async shippingTemplate(tx?: Tx): Promise<ShippingRule | null> {
    const template = await this.shippingTemplates.checkoutTemplate(tx);
    if (!template) return null;
    const { flatFee, freeOver, remoteRegions, remoteSurcharge } = template;
    return { flatFee, freeOver, remoteRegions, remoteSurcharge };
  }

  removeFromCart(tx: Tx, userId: number, skuIds: number[]): Promise<void> {
    return this.cart.removeSkus(tx, userId, skuIds);
  }
}
