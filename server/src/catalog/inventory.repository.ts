import { Inject, Injectable } from '@nestjs/common';
import type { Tx } from '../infra/events/domain-events';
import { PrismaService } from '../infra/prisma/prisma.service';
import { SoldOutGate } from './sold-out-gate';
import { specsFromJson } from './spec.policy';

/** What checkout needs to know about a SKU and its product. */
export interface CheckoutSku {
  skuId: number;
  productId: number;
  categoryId: number;
  title: string;
  image: string;
  specs: Record<string, string>;
  /** fen */
  price: number;
  stock: number;
  onShelf: boolean;
  purchaseLimit: number | null;
  memberDayEligible: boolean;
  pointsExchangeable: boolean;
}

/**
 * 库存: reservations and releases. Every decrement is one guarded UPDATE
 * (`stock = stock - n WHERE stock >= n`), so stock never goes below zero under any concurrency.
 */
@Injectable()
export class InventoryRepository {
  constructor(
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(SoldOutGate) private readonly soldOut: SoldOutGate,
  ) {}

  async skusForCheckout(skuIds: number[], tx?: Tx): Promise<CheckoutSku[]> {
    const rows = await (tx ?? this.prisma.client).sku.findMany({
      where: { id: { in: skuIds } },
      include: { product: true },
    });
    return rows.map((row) => {
      const images = Array.isArray(row.product.images) ? (row.product.images as unknown[]) : [];
      return {
        skuId: row.id,
        productId: row.productId,
        categoryId: row.product.categoryId,
        title: row.product.title,
        image: typeof images[0] === 'string' ? images[0] : '',
        specs: specsFromJson(row.specs),
        price: row.price,
        stock: row.stock,
        onShelf: row.product.onShelf,
        purchaseLimit: row.product.purchaseLimit,
        memberDayEligible: row.product.memberDayEligible,
        pointsExchangeable: !row.product.notPointsExchangeable,
      };
    });
  }

  /** Current stock of these SKUs, in one plain query (the sold-out check before checkout). */
  async stockOf(skuIds: number[]): Promise<Map<number, number>> {
    if (!skuIds.length) return new Map();
    const rows = await this.prisma.client.sku.findMany({
      where: { id: { in: skuIds } },
      select: { id: true, stock: true },
    });
    return new Map(rows.map((r) => [r.id, r.stock]));
  }

  /** Takes `quantity` units of a SKU; false (and nothing changed) when there are not enough. */
  async reserve(tx: Tx, skuId: number, quantity: number): Promise<boolean> {
    const changed =
      await tx.$executeRaw`UPDATE sku SET stock = stock - ${quantity}, updated_at = NOW(3) WHERE id = ${skuId} AND stock >= ${quantity}`;
    return changed === 1;
  }

  /**
   * Refuses at once what cannot be sold: a SKU marked sold out in Redis, or whose stock (one plain
   * read) is below the quantity; a SKU seen at zero is marked. Returns the refused SKU id, if any.
   */
  async refuseSoldOut(items: Array<{ skuId: number; quantity: number }>): Promise<number | undefined> {
    const marked = await this.soldOut.firstSoldOut(items.map((i) => i.skuId));
    if (marked !== undefined) return marked;
    const stock = await this.stockOf(items.map((i) => i.skuId));
    for (const item of items) {
      const left = stock.get(item.skuId);
      if (left === undefined || left >= item.quantity) continue;
      if (left === 0) await this.soldOut.markSoldOut(item.skuId);
      return item.skuId;
    }
    return undefined;
  }

  /** Gives units back (cancel, timeout, refund before shipping, goods returned). */
  async release(tx: Tx, skuId: number, quantity: number): Promise<void> {
    if (quantity <= 0) return;
    await tx.$executeRaw`UPDATE sku SET stock = stock + ${quantity}, updated_at = NOW(3) WHERE id = ${skuId}`;
    await this.soldOut.restocked(skuId);
  }

  /** Counts paid units towards the product's sales (sort by sales). */
  async recordSales(tx: Tx, productId: number, quantity: number): Promise<void> {
    await tx.$executeRaw`UPDATE product SET sales = sales + ${quantity} WHERE id = ${productId}`;
  }
}
