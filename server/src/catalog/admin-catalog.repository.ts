import { Inject, Injectable } from '@nestjs/common';
import type { Tx } from '../infra/events/domain-events';
import { PrismaService } from '../infra/prisma/prisma.service';
import { specsFromJson } from './spec.policy';

export interface AdminSkuRow {
  id: number;
  productId: number;
  specs: Record<string, string>;
  /** fen */
  price: number;
  /** fen */
  listPrice: number;
  stock: number;
  /** grams */
  weight: number;
  code: string;
}

export interface AdminProductRow {
  id: number;
  categoryId: number;
  title: string;
  subtitle: string;
  images: string[];
  videoUrl: string | null;
  detailHtml: string;
  /** space-separated */
  tags: string;
  onShelf: boolean;
  /** fen */
  minPrice: number;
  sales: number;
  purchaseLimit: number | null;
  memberDayEligible: boolean;
  notPointsExchangeable: boolean;
  createdAt: Date;
  updatedAt: Date;
  skus: AdminSkuRow[];
}

export interface ProductFieldsInput {
  categoryId?: number;
  title?: string;
  subtitle?: string;
  images?: string[];
  videoUrl?: string | null;
  detailHtml?: string;
  tags?: string;
  onShelf?: boolean;
  purchaseLimit?: number | null;
  memberDayEligible?: boolean;
  notPointsExchangeable?: boolean;
}

export interface SkuInput {
  specs: Record<string, string>;
  price: number;
  listPrice: number;
  stock: number;
  weight: number;
  code: string;
}

export interface StockAdjustmentRow {
  id: number;
  skuId: number;
  delta: number;
  stockAfter: number;
  reason: string;
  actorId: number;
  createdAt: Date;
}

type SkuRecord = Omit<AdminSkuRow, 'specs'> & { specs: unknown };

const toSku = (row: SkuRecord): AdminSkuRow => ({ ...row, specs: specsFromJson(row.specs) });
const SKU_SELECT = {
  id: true,
  productId: true,
  specs: true,
  price: true,
  listPrice: true,
  stock: true,
  weight: true,
  code: true,
} as const;

/** Is this a unique-key violation (e.g. sku.code taken by a concurrent write)? */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown })?.code === 'P2002';
}

/** The merchant's writes to the catalog: products, SKUs, stock adjustments (库存调整). */
@Injectable()
export class AdminCatalogRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.transaction((tx) => work(tx));
  }

  findCategory(id: number): Promise<{ id: number; parentId: number | null } | null> {
    return this.prisma.client.category.findUnique({ where: { id }, select: { id: true, parentId: true } });
  }

  async findProduct(id: number, tx?: Tx): Promise<AdminProductRow | null> {
    const row = await (tx ?? this.prisma.client).product.findUnique({
      where: { id },
      include: { skus: { select: SKU_SELECT, orderBy: { id: 'asc' } } },
    });
    if (!row) return null;
    const images = Array.isArray(row.images) ? row.images.filter((i): i is string => typeof i === 'string') : [];
    return { ...row, images, skus: row.skus.map(toSku) };
  }

  async findSku(id: number, tx?: Tx): Promise<AdminSkuRow | null> {
    const row = await (tx ?? this.prisma.client).sku.findUnique({ where: { id }, select: SKU_SELECT });
    return row ? toSku(row) : null;
  }

  /** Codes among `codes` already used by a SKU (other than `exceptSkuId`). */
  async takenCodes(tx: Tx, codes: string[], exceptSkuId?: number): Promise<string[]> {
    const rows = await tx.sku.findMany({
      where: { code: { in: codes }, ...(exceptSkuId ? { id: { not: exceptSkuId } } : {}) },
      select: { code: true },
    });
    return rows.map((r) => r.code);
  }

  async createProduct(
    tx: Tx,
    fields: ProductFieldsInput & { categoryId: number; title: string; images: string[] },
    skus: SkuInput[],
    minPrice: number,
  ): Promise<number> {
    const row = await tx.product.create({
      data: { ...fields, detailHtml: fields.detailHtml ?? '', minPrice, skus: { create: skus } },
      select: { id: true },
    });
    return row.id;
  }

  /** Locks the product row: SKU changes of one product are serialized (minPrice stays exact). */
  async lockProduct(tx: Tx, productId: number): Promise<boolean> {
    const rows = await tx.$queryRaw<Array<{ id: number }>>`SELECT id FROM product WHERE id = ${productId} FOR UPDATE`;
    return rows.length === 1;
  }

  async updateProduct(tx: Tx, id: number, fields: ProductFieldsInput): Promise<void> {
    await tx.product.update({ where: { id }, data: fields });
  }

  async skuSpecsOf(tx: Tx, productId: number): Promise<Array<{ specs: Record<string, string> }>> {
    const rows = await tx.sku.findMany({ where: { productId }, select: { specs: true }, orderBy: { id: 'asc' } });
    return rows.map((r) => ({ specs: specsFromJson(r.specs) }));
  }

  async addSku(tx: Tx, productId: number, sku: SkuInput): Promise<number> {
    const row = await tx.sku.create({ data: { ...sku, productId }, select: { id: true } });
    return row.id;
  }

  async updateSku(
    tx: Tx,
    id: number,
    fields: { price?: number; listPrice?: number; weight?: number; code?: string },
  ): Promise<void> {
    await tx.sku.update({ where: { id }, data: fields });
  }

  /** 最低价: sets product.minPrice to the lowest price of its SKUs, in the caller's transaction. */
  async refreshMinPrice(tx: Tx, productId: number): Promise<void> {
    await tx.$executeRaw`UPDATE product SET min_price = COALESCE((SELECT MIN(price) FROM sku WHERE product_id = ${productId}), 0), updated_at = NOW(3) WHERE id = ${productId}`;
  }

  /**
   * One guarded UPDATE: the stock moves by `delta` only when the result stays within 0..max.
   * Returns the stock after the change, or null when the guard refused it (nothing written).
   */
  async moveStock(tx: Tx, skuId: number, delta: number, max: number): Promise<number | null> {
    const changed =
      await tx.$executeRaw`UPDATE sku SET stock = stock + ${delta}, updated_at = NOW(3) WHERE id = ${skuId} AND stock + ${delta} >= 0 AND stock + ${delta} <= ${max}`;
    if (changed !== 1) return null;
    // the row is locked by our UPDATE until commit: this read is the stock we left
    const row = await tx.sku.findUniqueOrThrow({ where: { id: skuId }, select: { stock: true } });
    return row.stock;
  }

  async recordAdjustment(
    tx: Tx,
    entry: { skuId: number; delta: number; stockAfter: number; reason: string; actorId: number },
  ): Promise<StockAdjustmentRow> {
    return tx.stockAdjustment.create({ data: entry });
  }

  async adjustments(
    skuId: number,
    page: number,
    pageSize: number,
  ): Promise<{ rows: StockAdjustmentRow[]; total: number }> {
    const where = { skuId };
    const [rows, total] = await Promise.all([
      this.prisma.client.stockAdjustment.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        skip: (page - 1) * pageSize,
        take: pageSize,
      }),
      this.prisma.client.stockAdjustment.count({ where }),
    ]);
    return { rows, total };
  }
}
