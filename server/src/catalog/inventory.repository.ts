import { Inject, Injectable } from '@nestjs/common';
import type { Tx } from '../infra/events/domain-events';
import { PrismaService } from '../infra/prisma/prisma.service';
import { StockGate } from './stock-gate';
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
    @Inject(StockGate) private readonly gate: StockGate,
  ) {}

  async skusForCheckout(skuIds: number[], tx?: Tx): Promise<CheckoutSku[]> {
    const rows = await (tx ?? this.prisma.client).sku.findMany({
      where: { id: { in: skuIds } },
      // Only what checkout uses: a product's detail page (detail_html) is large, and every order reads this.
      select: {
        id: true,
        productId: true,
        specs: true,
        price: true,
        stock: true,
        product: {
          select: {
            categoryId: true,
            title: true,
            images: true,
            onShelf: true,
            purchaseLimit: true,
            memberDayEligible: true,
            notPointsExchangeable: true,
          },
        },
      },
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
   * Passes buyers through the stock gate before their order transaction: each item's quantity is
   * taken from the hot-stock counter. Returns the sold-out SKU id (and nothing taken), or a
   * function that gives everything back when the order is not created after all.
   */
  async holdForCheckout(
    items: Array<{ skuId: number; quantity: number }>,
  ): Promise<{ soldOut: number } | { giveBack: () => Promise<void> }> {
    const taken: Array<{ skuId: number; quantity: number }> = [];
    const giveBack = async () => {
      for (const item of taken) await this.gate.giveBack(item.skuId, item.quantity);
    };
    for (const item of [...items].sort((a, b) => a.skuId - b.skuId)) {
      const seed = async () => (await this.stockOf([item.skuId])).get(item.skuId) ?? 0;
      if (!(await this.gate.take(item.skuId, item.quantity, seed))) {
        await giveBack();
        return { soldOut: item.skuId };
      }
      taken.push(item);
    }
    return { giveBack };
  }

  /** The database refused a reservation the gate let through: the counter is wrong, seed it again. */
  async gateWasWrong(skuId: number): Promise<void> {
    await this.gate.forget(skuId);
  }

  /** Gives units back (cancel, timeout, refund before shipping, goods returned). */
  async release(tx: Tx, skuId: number, quantity: number): Promise<void> {
    if (quantity <= 0) return;
    await tx.$executeRaw`UPDATE sku SET stock = stock + ${quantity}, updated_at = NOW(3) WHERE id = ${skuId}`;
    await this.gate.giveBack(skuId, quantity);
  }

  /** Counts paid units towards the product's sales (sort by sales). */
  async recordSales(tx: Tx, productId: number, quantity: number): Promise<void> {
    await tx.$executeRaw`UPDATE product SET sales = sales + ${quantity} WHERE id = ${productId}`;
  }
}
