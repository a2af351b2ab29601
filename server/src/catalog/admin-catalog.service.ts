import { Inject, Injectable } from '@nestjs/common';
import {
  CATALOG_LIMITS,
  type AdminProductView,
  type ProductCreateRequest,
  type ProductUpdateRequest,
  type ShippingTemplatePutRequest,
  type ShippingTemplateView,
  type SkuCreateRequest,
  type SkuUpdateRequest,
  type StockAdjustmentPage,
  type StockAdjustmentQuery,
  type StockAdjustmentRequest,
  type StockAdjustmentView,
} from '@weshop/shared';
import { APP_CONFIG } from '../infra/config/config.module';
import type { Tx } from '../infra/events/domain-events';
import type { AppConfig } from '../infra/config/env.schema';
import { ValidationFailed } from '../infra/http/domain-error';
import { mediaUrl } from '../media/media-url';
import {
  AdminCatalogRepository,
  isUniqueViolation,
  type AdminProductRow,
  type ProductFieldsInput,
  type SkuInput,
  type StockAdjustmentRow,
} from './admin-catalog.repository';
import {
  CategoryNotLeaf,
  ShippingTemplateNotFound,
  SkuCodeTaken,
  SkuNotAddable,
  SkuNotFound,
  StockInsufficient,
  StockLimitExceeded,
} from './admin-catalog.errors';
import { CategoryNotFound, ProductNotFound } from './catalog.errors';
import { CatalogCache } from './catalog-cache';
import { StockGate } from './stock-gate';
import { ShippingTemplateRepository, type ShippingTemplateRule } from './shipping-template.repository';
import { canAddSku, listPriceValid } from './sku.policy';
import { specDimensions } from './spec.policy';

function productFields(body: ProductUpdateRequest): ProductFieldsInput {
  const { categoryId, tags, ...rest } = body;
  return {
    ...rest,
    ...(categoryId !== undefined ? { categoryId: Number(categoryId) } : {}),
    ...(tags !== undefined ? { tags: tags.join(' ') } : {}),
  };
}

const skuInput = (sku: SkuCreateRequest): SkuInput => ({ ...sku, weight: sku.weight ?? 0 });

function adjustmentView(row: StockAdjustmentRow): StockAdjustmentView {
  return {
    id: String(row.id),
    skuId: String(row.skuId),
    delta: row.delta,
    stockAfter: row.stockAfter,
    reason: row.reason,
    actorId: String(row.actorId),
    createdAt: row.createdAt.toISOString(),
  };
}

function templateView(rule: ShippingTemplateRule): ShippingTemplateView {
  return { ...rule, id: String(rule.id), updatedAt: rule.updatedAt.toISOString() };
}

/**
 * The merchant's catalog administration: products and SKUs, 上架/下架, audited stock adjustments
 * and the shop's shipping template. product.minPrice always equals the lowest SKU price: every
 * SKU price change recomputes it in the same transaction, under the product's row lock.
 */
@Injectable()
export class AdminCatalogService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(AdminCatalogRepository) private readonly catalog: AdminCatalogRepository,
    @Inject(ShippingTemplateRepository) private readonly shipping: ShippingTemplateRepository,
    @Inject(CatalogCache) private readonly shopWindow: CatalogCache,
    @Inject(StockGate) private readonly stockGate: StockGate,
  ) {}

  async createProduct(body: ProductCreateRequest): Promise<AdminProductView> {
    const { skus, ...fields } = body;
    await this.assertLeafCategory(body.categoryId);
    const id = await this.withUniqueCodes(
      skus.map((s) => s.code),
      (tx) =>
        this.catalog.createProduct(
          tx,
          productFields(fields) as ProductFieldsInput & { categoryId: number; title: string; images: string[] },
          skus.map(skuInput),
          Math.min(...skus.map((s) => s.price)),
        ),
    );
    this.shopWindow.clear();
    return this.productView(String(id));
  }

  async productView(id: string): Promise<AdminProductView> {
    const row = await this.catalog.findProduct(Number(id));
    if (!row) throw new ProductNotFound(id);
    return this.view(row);
  }

  async updateProduct(id: string, body: ProductUpdateRequest): Promise<AdminProductView> {
    if (body.categoryId !== undefined) await this.assertLeafCategory(body.categoryId);
    await this.catalog.transaction(async (tx) => {
      if (!(await this.catalog.lockProduct(tx, Number(id)))) throw new ProductNotFound(id);
      await this.catalog.updateProduct(tx, Number(id), productFields(body));
    });
    this.shopWindow.clear();
    return this.productView(id);
  }

  /** 上架 / 下架. Off-shelf products disappear from the shop at once; carts show them unavailable. */
  async setShelf(id: string, onShelf: boolean): Promise<AdminProductView> {
    return this.updateProduct(id, { onShelf });
  }

  async addSku(productId: string, body: SkuCreateRequest): Promise<AdminProductView> {
    await this.withUniqueCodes([body.code], async (tx) => {
      if (!(await this.catalog.lockProduct(tx, Number(productId)))) throw new ProductNotFound(productId);
      const verdict = canAddSku(await this.catalog.skuSpecsOf(tx, Number(productId)), body);
      if (!verdict.ok) {
        const { ok: _ok, reason, ...details } = verdict;
        throw new SkuNotAddable(reason, details);
      }
      await this.catalog.addSku(tx, Number(productId), skuInput(body));
      await this.catalog.refreshMinPrice(tx, Number(productId));
    });
    this.shopWindow.clear();
    return this.productView(productId);
  }

  /** Price, 划线价, weight and code of a SKU. Stock moves only through stock adjustments. */
  async updateSku(skuId: string, body: SkuUpdateRequest): Promise<AdminProductView> {
    const found = await this.catalog.findSku(Number(skuId));
    if (!found) throw new SkuNotFound(skuId);
    await this.withUniqueCodes(
      body.code ? [body.code] : [],
      async (tx) => {
        await this.catalog.lockProduct(tx, found.productId);
        const sku = await this.catalog.findSku(Number(skuId), tx);
        if (!sku) throw new SkuNotFound(skuId);
        if (!listPriceValid(body.price ?? sku.price, body.listPrice ?? sku.listPrice)) {
          throw new ValidationFailed([{ path: 'listPrice', message: 'listPrice must not be below price' }]);
        }
        await this.catalog.updateSku(tx, sku.id, body);
        if (body.price !== undefined) await this.catalog.refreshMinPrice(tx, sku.productId);
      },
      Number(skuId),
    );
    this.shopWindow.clear();
    return this.productView(String(found.productId));
  }

  /**
   * 库存调整: one guarded UPDATE (stock never below zero, never above the cap) and its audit row in
   * the same transaction; a refused change writes nothing.
   */
  async adjustStock(skuId: string, actorId: number, body: StockAdjustmentRequest): Promise<StockAdjustmentView> {
    const max = CATALOG_LIMITS.maxStockAfterAdjustment;
    const row = await this.catalog.transaction(async (tx) => {
      const stockAfter = await this.catalog.moveStock(tx, Number(skuId), body.delta, max);
      if (stockAfter === null) {
        const sku = await this.catalog.findSku(Number(skuId), tx);
        if (!sku) throw new SkuNotFound(skuId);
        if (body.delta < 0) throw new StockInsufficient(skuId, sku.stock);
        throw new StockLimitExceeded(skuId, max);
      }
      return this.catalog.recordAdjustment(tx, {
        skuId: Number(skuId),
        delta: body.delta,
        stockAfter,
        reason: body.reason,
        actorId,
      });
    });
    await this.stockGate.forget(Number(skuId));
    return adjustmentView(row);
  }

  async stockAdjustments(skuId: string, query: StockAdjustmentQuery): Promise<StockAdjustmentPage> {
    if (!(await this.catalog.findSku(Number(skuId)))) throw new SkuNotFound(skuId);
    const { rows, total } = await this.catalog.adjustments(Number(skuId), query.page, query.pageSize);
    return { items: rows.map(adjustmentView), total, page: query.page, pageSize: query.pageSize };
  }

  async shippingTemplate(): Promise<ShippingTemplateView> {
    const rule = await this.shipping.defaultTemplate();
    if (!rule) throw new ShippingTemplateNotFound();
    return templateView(rule);
  }

  async putShippingTemplate(body: ShippingTemplatePutRequest): Promise<ShippingTemplateView> {
    return templateView(await this.shipping.saveDefault(body));
  }

  /** Products go into an existing second-level (leaf) category. */
  private async assertLeafCategory(categoryId: string): Promise<void> {
    const category = await this.catalog.findCategory(Number(categoryId));
    if (!category) throw new CategoryNotFound(categoryId);
    if (category.parentId === null) throw new CategoryNotLeaf(categoryId);
  }

  /**
   * Runs a write that gives SKUs these codes: codes already in use are refused up front, and a
   * concurrent writer taking one first (the unique index) is refused the same way, not with a 500.
   */
  private async withUniqueCodes<T>(codes: string[], work: (tx: Tx) => Promise<T>, exceptSkuId?: number): Promise<T> {
    try {
      return await this.catalog.transaction(async (tx) => {
        if (codes.length) {
          const taken = await this.catalog.takenCodes(tx, codes, exceptSkuId);
          if (taken.length) throw new SkuCodeTaken(taken);
        }
        return work(tx);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new SkuCodeTaken(codes);
      throw error;
    }
  }

  private view(row: AdminProductRow): AdminProductView {
    return {
      id: String(row.id),
      categoryId: String(row.categoryId),
      title: row.title,
      subtitle: row.subtitle,
      images: row.images,
      imageUrls: row.images.map((image) => mediaUrl(this.config.publicBaseUrl, image)),
      videoUrl: row.videoUrl,
      detailHtml: row.detailHtml,
      tags: row.tags.split(/\s+/).filter(Boolean),
      onShelf: row.onShelf,
      minPrice: row.minPrice,
      sales: row.sales,
      purchaseLimit: row.purchaseLimit,
      memberDayEligible: row.memberDayEligible,
      notPointsExchangeable: row.notPointsExchangeable,
      specs: specDimensions(row.skus.map((sku) => sku.specs)),
      skus: row.skus.map((sku) => ({
        id: String(sku.id),
        specs: sku.specs,
        price: sku.price,
        listPrice: sku.listPrice,
        stock: sku.stock,
        weight: sku.weight,
        code: sku.code,
      })),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}
