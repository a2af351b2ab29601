import { z } from 'zod';
import { page, PageQuery } from './list';

/** A numeric id in the URL or body, within the database's INT range. */
const Id = z
  .string()
  .regex(/^\d{1,10}$/, 'must be a numeric id')
  .refine((value) => Number(value) <= 2_147_483_647, 'must be a numeric id');

/** Catalog bounds the merchant's forms and the API share. */
export const CATALOG_LIMITS = {
  /** fen: ¥999,999.99 */
  maxPrice: 99_999_999,
  maxStock: 1_000_000,
  /** Stock never grows past this through adjustments either. */
  maxStockAfterAdjustment: 100_000_000,
  maxAdjustment: 1_000_000,
  maxSkus: 100,
  maxImages: 9,
  maxSpecNames: 5,
  maxPurchaseLimit: 999,
  /** grams */
  maxWeight: 1_000_000,
} as const;

/** A price in fen: a positive integer, never a float. */
const Price = z.number().int().min(1).max(CATALOG_LIMITS.maxPrice);
/** A fee in fen that may be zero (shipping). */
const Fee = z.number().int().min(0).max(CATALOG_LIMITS.maxPrice);

/** An image or video: an absolute http(s) URL, or a path the server serves under /media. */
export const MediaRef = z
  .string()
  .max(512)
  .regex(/^(?:https?:\/\/[^\s/]+\S*|\/media\/[^\s?#]+)$/, 'must be an http(s) URL or a /media path')
  .refine((value) => !value.includes('..'), 'must not contain ..');

const SpecName = z.string().trim().min(1).max(32);
const SpecValue = z.string().trim().min(1).max(64);
const SkuCode = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\x21-\x7E]+$/, 'must be printable ASCII without spaces');
const Tag = z.string().trim().min(1).max(20).regex(/^\S+$/, 'a tag has no spaces');

const SkuFields = z
  .object({
    /** Spec value by spec name, e.g. { 颜色: '红', 尺码: 'M' }; {} for a product without specs. */
    specs: z
      .record(SpecName, SpecValue)
      .refine((specs) => Object.keys(specs).length <= CATALOG_LIMITS.maxSpecNames, 'at most 5 spec names'),
    price: Price,
    /** 划线价, never below the price. */
    listPrice: Price,
    stock: z.number().int().min(0).max(CATALOG_LIMITS.maxStock),
    /** grams */
    weight: z.number().int().min(0).max(CATALOG_LIMITS.maxWeight).optional(),
    code: SkuCode,
  })
  .strict();

/** One SKU of a new product, or one added to an existing product (POST /admin/products/:id/skus). */
export const SkuCreateRequest = SkuFields.refine((sku) => sku.listPrice >= sku.price, {
  message: 'listPrice must not be below price',
  path: ['listPrice'],
});
export type SkuCreateRequest = z.infer<typeof SkuCreateRequest>;

/** The key of a spec combination: names sorted, so key order in the JSON does not matter. */
export function specKey(specs: Record<string, string>): string {
  return JSON.stringify(
    Object.keys(specs)
      .sort()
      .map((name) => [name, specs[name]]),
  );
}

const ProductFields = {
  categoryId: Id,
  title: z.string().trim().min(1).max(128),
  subtitle: z.string().trim().max(255),
  images: z.array(MediaRef).min(1).max(CATALOG_LIMITS.maxImages),
  videoUrl: MediaRef.nullable(),
  /** Rich detail; ≤ 16,000 characters so it fits a TEXT column in any encoding. */
  detailHtml: z.string().max(16_000),
  tags: z
    .array(Tag)
    .max(10)
    .refine((tags) => tags.join(' ').length <= 255, 'tags together must fit 255 characters'),
  onShelf: z.boolean(),
  /** Per-user purchase limit (units); null = unlimited. Enforced when an order is created. */
  purchaseLimit: z.number().int().min(1).max(CATALOG_LIMITS.maxPurchaseLimit).nullable(),
  memberDayEligible: z.boolean(),
  /** 不可积分兑换 */
  notPointsExchangeable: z.boolean(),
};

/**
 * Body of POST /admin/products. Every SKU has the same spec names, no two SKUs share a spec
 * combination or a code.
 */
export const ProductCreateRequest = z
  .object({
    categoryId: ProductFields.categoryId,
    title: ProductFields.title,
    subtitle: ProductFields.subtitle.optional(),
    images: ProductFields.images,
    videoUrl: ProductFields.videoUrl.optional(),
    detailHtml: ProductFields.detailHtml.optional(),
    tags: ProductFields.tags.optional(),
    onShelf: ProductFields.onShelf.optional(),
    purchaseLimit: ProductFields.purchaseLimit.optional(),
    memberDayEligible: ProductFields.memberDayEligible.optional(),
    notPointsExchangeable: ProductFields.notPointsExchangeable.optional(),
    skus: z.array(SkuCreateRequest).min(1).max(CATALOG_LIMITS.maxSkus),
  })
  .strict()
  .superRefine((body, ctx) => {
    const names = JSON.stringify(Object.keys(body.skus[0]?.specs ?? {}).sort());
    const codes = new Set<string>();
    const combos = new Set<string>();
    body.skus.forEach((sku, index) => {
      if (JSON.stringify(Object.keys(sku.specs).sort()) !== names) {
        ctx.addIssue({ code: 'custom', path: ['skus', index, 'specs'], message: 'every SKU has the same spec names' });
      }
      const code = sku.code.toLowerCase();
      if (codes.has(code)) ctx.addIssue({ code: 'custom', path: ['skus', index, 'code'], message: 'duplicate code' });
      codes.add(code);
      const key = specKey(sku.specs);
      if (combos.has(key)) {
        ctx.addIssue({ code: 'custom', path: ['skus', index, 'specs'], message: 'duplicate spec combination' });
      }
      combos.add(key);
    });
  });
export type ProductCreateRequest = z.infer<typeof ProductCreateRequest>;

/** Body of PATCH /admin/products/:id: any product field (SKUs have their own routes). */
export const ProductUpdateRequest = z
  .object(ProductFields)
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'change at least one field' });
export type ProductUpdateRequest = z.infer<typeof ProductUpdateRequest>;

/** Body of PATCH /admin/skus/:id. Stock changes only through stock adjustments. */
export const SkuUpdateRequest = z
  .object({
    price: Price,
    listPrice: Price,
    weight: z.number().int().min(0).max(CATALOG_LIMITS.maxWeight),
    code: SkuCode,
  })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'change at least one field' })
  .refine((body) => body.price === undefined || body.listPrice === undefined || body.listPrice >= body.price, {
    message: 'listPrice must not be below price',
    path: ['listPrice'],
  });
export type SkuUpdateRequest = z.infer<typeof SkuUpdateRequest>;

/** Body of POST /admin/products/:id/shelf (上架 / 下架). */
export const ShelfRequest = z.object({ onShelf: z.boolean() }).strict();
export type ShelfRequest = z.infer<typeof ShelfRequest>;

export const AdminIdParam = z.object({ id: Id }).strict();
export type AdminIdParam = z.infer<typeof AdminIdParam>;

export const AdminSkuView = z.object({
  id: z.string(),
  specs: z.record(z.string(), z.string()),
  price: z.number().int(),
  listPrice: z.number().int(),
  stock: z.number().int(),
  weight: z.number().int(),
  code: z.string(),
});
export type AdminSkuView = z.infer<typeof AdminSkuView>;

/** The merchant's view of one product, off-shelf included. */
export const AdminProductView = z.object({
  id: z.string(),
  categoryId: z.string(),
  title: z.string(),
  subtitle: z.string(),
  /** As stored (paths or URLs), so a form can send them back unchanged. */
  images: z.array(z.string()),
  /** The same images as absolute URLs, for display. */
  imageUrls: z.array(z.string()),
  videoUrl: z.string().nullable(),
  detailHtml: z.string(),
  tags: z.array(z.string()),
  onShelf: z.boolean(),
  /** Lowest SKU price (fen). */
  minPrice: z.number().int(),
  sales: z.number().int(),
  purchaseLimit: z.number().int().nullable(),
  memberDayEligible: z.boolean(),
  notPointsExchangeable: z.boolean(),
  specs: z.array(z.object({ name: z.string(), values: z.array(z.string()) })),
  skus: z.array(AdminSkuView),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AdminProductView = z.infer<typeof AdminProductView>;

/** Body of POST /admin/skus/:id/stock-adjustments (库存调整): units added or removed, and why. */
export const StockAdjustmentRequest = z
  .object({
    delta: z
      .number()
      .int()
      .min(-CATALOG_LIMITS.maxAdjustment)
      .max(CATALOG_LIMITS.maxAdjustment)
      .refine((delta) => delta !== 0, 'must not be zero'),
    reason: z.string().trim().min(1).max(255),
  })
  .strict();
export type StockAdjustmentRequest = z.infer<typeof StockAdjustmentRequest>;

export const StockAdjustmentView = z.object({
  id: z.string(),
  skuId: z.string(),
  delta: z.number().int(),
  stockAfter: z.number().int(),
  reason: z.string(),
  actorId: z.string(),
  createdAt: z.string(),
});
export type StockAdjustmentView = z.infer<typeof StockAdjustmentView>;

export const StockAdjustmentQuery = PageQuery.strict();
export type StockAdjustmentQuery = z.infer<typeof StockAdjustmentQuery>;

/** The audit trail of a SKU, newest first. */
export const StockAdjustmentPage = page(StockAdjustmentView);
export type StockAdjustmentPage = z.infer<typeof StockAdjustmentPage>;

/** Body of PUT /admin/shipping-template (运费模板, the shop's default). */
export const ShippingTemplatePutRequest = z
  .object({
    name: z.string().trim().min(1).max(64),
    /** fen */
    flatFee: Fee,
    /** 包邮门槛: goods amount (fen) from which shipping is free; null = never free. */
    freeOver: Price.nullable(),
    /** 偏远地区: province names that pay the surcharge. */
    remoteRegions: z
      .array(z.string().trim().min(1).max(32))
      .max(40)
      .refine((regions) => new Set(regions).size === regions.length, 'each region once'),
    /** fen */
    remoteSurcharge: Fee,
  })
  .strict();
export type ShippingTemplatePutRequest = z.infer<typeof ShippingTemplatePutRequest>;

export const ShippingTemplateView = z.object({
  id: z.string(),
  name: z.string(),
  flatFee: z.number().int(),
  freeOver: z.number().int().nullable(),
  remoteRegions: z.array(z.string()),
  remoteSurcharge: z.number().int(),
  updatedAt: z.string(),
});
export type ShippingTemplateView = z.infer<typeof ShippingTemplateView>;
