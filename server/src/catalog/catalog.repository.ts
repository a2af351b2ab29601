import { Inject, Injectable } from '@nestjs/common';
import type { ProductSort } from '@weshop/shared';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../infra/prisma/prisma.service';
import { specsFromJson } from './spec.policy';

export interface CategoryRow {
  id: number;
  parentId: number | null;
  name: string;
  icon: string;
  sort: number;
}

export interface SkuRow {
  id: number;
  specs: Record<string, string>;
  price: number;
  listPrice: number;
  stock: number;
}

export interface ProductRow {
  id: number;
  categoryId: number;
  title: string;
  subtitle: string;
  images: string[];
  videoUrl: string | null;
  detailHtml: string;
  tags: string;
  onShelf: boolean;
  minPrice: number;
  sales: number;
  purchaseLimit: number | null;
  createdAt: Date;
  skus: SkuRow[];
}

export interface ProductSearch {
  categoryIds?: number[];
  q?: string;
  sort: ProductSort;
  page: number;
  pageSize: number;
  onShelfOnly: boolean;
}

const ORDER_BY: Record<ProductSort, Prisma.ProductOrderByWithRelationInput[]> = {
  sales: [{ sales: 'desc' }, { id: 'desc' }],
  price_asc: [{ minPrice: 'asc' }, { id: 'asc' }],
  price_desc: [{ minPrice: 'desc' }, { id: 'desc' }],
  new: [{ createdAt: 'desc' }, { id: 'desc' }],
};

/** Keyword as a LIKE literal: `%`, `_` and `\` match themselves, not any text. */
function likeLiteral(keyword: string): string {
  return keyword.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function imagesFromJson(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Catalog reads: categories, products and SKUs. */
@Injectable()
export class CatalogRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  listCategories(): Promise<CategoryRow[]> {
    return this.prisma.client.category.findMany({
      select: { id: true, parentId: true, name: true, icon: true, sort: true },
      orderBy: [{ sort: 'asc' }, { id: 'asc' }],
    });
  }

  findCategory(id: number): Promise<CategoryRow | null> {
    return this.prisma.client.category.findUnique({
      where: { id },
      select: { id: true, parentId: true, name: true, icon: true, sort: true },
    });
  }

  async childCategoryIds(parentId: number): Promise<number[]> {
    const rows = await this.prisma.client.category.findMany({ where: { parentId }, select: { id: true } });
    return rows.map((r) => r.id);
  }

  /** A page of product cards (rows carry no detail, SKU specs or stock: cards don't show them). */
  async searchProducts(search: ProductSearch): Promise<{ rows: ProductRow[]; total: number }> {
    const where: Prisma.ProductWhereInput = {
      ...(search.onShelfOnly ? { onShelf: true } : {}),
      ...(search.categoryIds ? { categoryId: { in: search.categoryIds } } : {}),
      ...(search.q
        ? { OR: ['title', 'subtitle', 'tags'].map((field) => ({ [field]: { contains: likeLiteral(search.q!) } })) }
        : {}),
    };
    const [rows, total] = await Promise.all([
      // Only what a product card shows: no rich detail, no SKU specs.
      this.prisma.client.product.findMany({
        where,
        orderBy: ORDER_BY[search.sort],
        skip: (search.page - 1) * search.pageSize,
        take: search.pageSize,
        select: {
          id: true,
          categoryId: true,
          title: true,
          subtitle: true,
          images: true,
          tags: true,
          onShelf: true,
          minPrice: true,
          sales: true,
          purchaseLimit: true,
          createdAt: true,
          skus: { select: { id: true, price: true, listPrice: true }, orderBy: { id: 'asc' } },
        },
      }),
      this.prisma.client.product.count({ where }),
    ]);
    return {
      rows: rows.map((row) => ({
        ...row,
        images: imagesFromJson(row.images),
        videoUrl: null,
        detailHtml: '',
        skus: row.skus.map((sku) => ({ ...sku, specs: {}, stock: 0 })),
      })),
      total,
    };
  }

  async findProduct(id: number): Promise<ProductRow | null> {
    const row = await this.prisma.client.product.findUnique({
      where: { id },
      include: { skus: { orderBy: { id: 'asc' } } },
    });
    return row ? toProductRow(row) : null;
  }
}

function toProductRow(row: Prisma.ProductGetPayload<{ include: { skus: true } }>): ProductRow {
  return {
    id: row.id,
    categoryId: row.categoryId,
    title: row.title,
    subtitle: row.subtitle,
    images: imagesFromJson(row.images),
    videoUrl: row.videoUrl,
    detailHtml: row.detailHtml,
    tags: row.tags,
    onShelf: row.onShelf,
    minPrice: row.minPrice,
    sales: row.sales,
    purchaseLimit: row.purchaseLimit,
    createdAt: row.createdAt,
    skus: row.skus.map((sku) => ({
      id: sku.id,
      specs: specsFromJson(sku.specs),
      price: sku.price,
      listPrice: sku.listPrice,
      stock: sku.stock,
    })),
  };
}
