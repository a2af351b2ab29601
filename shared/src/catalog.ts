import { z } from 'zod';
import { ProductSort } from './enums';
import { page, PageQuery } from './list';

const Id = z.string().regex(/^\d{1,10}$/, 'must be a numeric id');

export const CategoryView = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  icon: z.string(),
  sort: z.number().int(),
  children: z.array(
    z.object({
      id: z.string(),
      parentId: z.string().nullable(),
      name: z.string(),
      icon: z.string(),
      sort: z.number().int(),
    }),
  ),
});
export type CategoryView = z.infer<typeof CategoryView>;
export const CategoryList = z.object({ items: z.array(CategoryView) });
export type CategoryList = z.infer<typeof CategoryList>;

export const ProductListQuery = PageQuery.extend({
  categoryId: Id.optional(),
  q: z.string().trim().max(64).optional(),
  sort: ProductSort.default('new'),
});
export type ProductListQuery = z.infer<typeof ProductListQuery>;

export const ProductIdParam = z.object({ id: Id }).strict();
export type ProductIdParam = z.infer<typeof ProductIdParam>;

/** A product as a card in a list. Money in fen. */
export const ProductCard = z.object({
  id: z.string(),
  categoryId: z.string(),
  title: z.string(),
  subtitle: z.string(),
  cover: z.string(),
  tags: z.array(z.string()),
  /** Lowest SKU price (fen). */
  price: z.number().int(),
  /** Highest list price (划线价, fen) of the SKUs. */
  listPrice: z.number().int(),
  sales: z.number().int(),
  createdAt: z.string(),
});
export type ProductCard = z.infer<typeof ProductCard>;
export const ProductPage = page(ProductCard);
export type ProductPage = z.infer<typeof ProductPage>;

export const SkuView = z.object({
  id: z.string(),
  specs: z.record(z.string(), z.string()),
  price: z.number().int(),
  listPrice: z.number().int(),
  stock: z.number().int(),
});
export type SkuView = z.infer<typeof SkuView>;

/** Spec dimensions in display order, e.g. [{ name: '颜色', values: ['红', '蓝'] }]. */
export const SpecDimension = z.object({ name: z.string(), values: z.array(z.string()) });
export type SpecDimension = z.infer<typeof SpecDimension>;

/** Activities running on a product (filled by later features: flash sale, group buy, member day). */
export const ProductActivity = z.object({
  type: z.enum(['FLASH_SALE', 'GROUP_BUY', 'MEMBER_DAY']),
  id: z.string(),
  price: z.number().int(),
  endsAt: z.string().nullable(),
});

export const ProductDetail = ProductCard.extend({
  images: z.array(z.string()),
  videoUrl: z.string().nullable(),
  detailHtml: z.string(),
  purchaseLimit: z.number().int().nullable(),
  specs: z.array(SpecDimension),
  skus: z.array(SkuView),
  activities: z.array(ProductActivity),
});
export type ProductDetail = z.infer<typeof ProductDetail>;
