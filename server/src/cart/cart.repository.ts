import { Inject, Injectable } from '@nestjs/common';
import type { Tx } from '../infra/events/domain-events';
import { PrismaService } from '../infra/prisma/prisma.service';
import { specsFromJson } from '../catalog/spec.policy';

/** A cart line joined with its SKU and product as they are now. */
export interface CartLineRow {
  id: number;
  skuId: number;
  productId: number;
  title: string;
  /** First product image as stored (path or URL). */
  image: string;
  specs: Record<string, string>;
  /** fen */
  price: number;
  /** fen */
  listPrice: number;
  stock: number;
  onShelf: boolean;
  quantity: number;
}

/** What adding a SKU needs to know about it. */
export interface CartSkuState {
  skuId: number;
  stock: number;
  onShelf: boolean;
}

// The SKU and only the product columns a cart line shows (not its detail page).
const LINE_INCLUDE = {
  sku: { include: { product: { select: { title: true, images: true, onShelf: true } } } },
} as const;

type LineWithSku = {
  id: number;
  skuId: number;
  quantity: number;
  sku: {
    productId: number;
    specs: unknown;
    price: number;
    listPrice: number;
    stock: number;
    product: { title: string; images: unknown; onShelf: boolean };
  };
};

function toLine(row: LineWithSku): CartLineRow {
  const images = Array.isArray(row.sku.product.images) ? (row.sku.product.images as unknown[]) : [];
  return {
    id: row.id,
    skuId: row.skuId,
    productId: row.sku.productId,
    title: row.sku.product.title,
    image: typeof images[0] === 'string' ? images[0] : '',
    specs: specsFromJson(row.sku.specs),
    price: row.sku.price,
    listPrice: row.sku.listPrice,
    stock: row.sku.stock,
    onShelf: row.sku.product.onShelf,
    quantity: row.quantity,
  };
}

/** 购物车 lines (cart_item), read together with the SKU's current price, stock and shelf state. */
@Injectable()
export class CartRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.transaction((tx) => work(tx));
  }

  /** Serializes one shopper's cart writes (line count and merges stay exact under double taps). */
  async lockCart(tx: Tx, userId: number): Promise<void> {
    await tx.$queryRaw`SELECT id FROM \`user\` WHERE id = ${userId} FOR UPDATE`;
  }

  /** The shopper's lines, newest first. */
  async lines(userId: number, tx?: Tx): Promise<CartLineRow[]> {
    const rows = await (tx ?? this.prisma.client).cartItem.findMany({
      where: { userId },
      include: LINE_INCLUDE,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
    return rows.map(toLine);
  }

  async ownedLine(tx: Tx, userId: number, id: number): Promise<CartLineRow | null> {
    const row = await tx.cartItem.findFirst({ where: { id, userId }, include: LINE_INCLUDE });
    return row ? toLine(row) : null;
  }

  async lineOfSku(tx: Tx, userId: number, skuId: number): Promise<{ id: number; quantity: number } | null> {
    return tx.cartItem.findUnique({ where: { userId_skuId: { userId, skuId } }, select: { id: true, quantity: true } });
  }

  countLines(tx: Tx, userId: number): Promise<number> {
    return tx.cartItem.count({ where: { userId } });
  }

  async skuState(tx: Tx, skuId: number): Promise<CartSkuState | null> {
    const row = await tx.sku.findUnique({
      where: { id: skuId },
      select: { id: true, stock: true, product: { select: { onShelf: true } } },
    });
    return row ? { skuId: row.id, stock: row.stock, onShelf: row.product.onShelf } : null;
  }

  async addLine(tx: Tx, userId: number, skuId: number, quantity: number): Promise<void> {
    await tx.cartItem.create({ data: { userId, skuId, quantity } });
  }

  async setQuantity(tx: Tx, id: number, quantity: number): Promise<void> {
    await tx.cartItem.update({ where: { id }, data: { quantity } });
  }

  /** Deletes the shopper's own line; false when there is no such line of theirs. */
  /** Removes these SKUs from the user's cart (they were just ordered). */
  async removeSkus(tx: Tx, userId: number, skuIds: number[]): Promise<void> {
    await tx.cartItem.deleteMany({ where: { userId, skuId: { in: skuIds } } });
  }

  async removeLine(userId: number, id: number): Promise<boolean> {
    const { count } = await this.prisma.client.cartItem.deleteMany({ where: { id, userId } });
    return count === 1;
  }
}
