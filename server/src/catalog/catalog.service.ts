import { Inject, Injectable } from '@nestjs/common';
import type { CategoryList, CategoryView, Page, ProductCard, ProductDetail, ProductListQuery } from '@weshop/shared';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { mediaUrl } from '../media/media-url';
import { CategoryNotFound, ProductNotFound } from './catalog.errors';
import { CatalogCache } from './catalog-cache';
import { CatalogRepository, type CategoryRow, type ProductRow } from './catalog.repository';
import { specDimensions } from './spec.policy';

/** What shoppers browse: the category tree, product search and product detail. */
@Injectable()
export class CatalogService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CatalogRepository) private readonly catalog: CatalogRepository,
    @Inject(CatalogCache) private readonly shopWindow: CatalogCache,
  ) {}

  /** The two-level tree: top-level categories with their children, both by sort order. */
  categoryTree(): Promise<CategoryList> {
    return this.shopWindow.get('categories', () => this.loadCategoryTree());
  }

  private async loadCategoryTree(): Promise<CategoryList> {
    const rows = await this.catalog.listCategories();
    const view = (c: CategoryRow) => ({
      id: String(c.id),
      parentId: c.parentId === null ? null : String(c.parentId),
      name: c.name,
      icon: c.icon ? this.media(c.icon) : '',
      sort: c.sort,
    });
    const items: CategoryView[] = rows
      .filter((c) => c.parentId === null)
      .map((top) => ({ ...view(top), children: rows.filter((c) => c.parentId === top.id).map(view) }));
    return { items };
  }

  /** Products on the shelf; a top-level category includes its sub-categories' products. */
  listProducts(query: ProductListQuery, options: { includeOffShelf?: boolean } = {}): Promise<Page<ProductCard>> {
    if (options.includeOffShelf) return this.loadProducts(query, options);
    const key = `products:${query.categoryId ?? ''}:${query.q ?? ''}:${query.sort}:${query.page}:${query.pageSize}`;
    return this.shopWindow.get(key, () => this.loadProducts(query, options));
  }

  private async loadProducts(
    query: ProductListQuery,
    options: { includeOffShelf?: boolean },
  ): Promise<Page<ProductCard>> {
    let categoryIds: number[] | undefined;
    if (query.categoryId) {
      const category = await this.catalog.findCategory(Number(query.categoryId));
      if (!category) throw new CategoryNotFound(query.categoryId);
      categoryIds =
        category.parentId === null
          ? [category.id, ...(await this.catalog.childCategoryIds(category.id))]
          : [category.id];
    }
    const { rows, total } = await this.catalog.searchProducts({
      categoryIds,
      q: query.q || undefined,
      sort: query.sort,
      page: query.page,
      pageSize: query.pageSize,
      onShelfOnly: !options.includeOffShelf,
    });
    return { items: rows.map((row) => this.card(row)), total, page: query.page, pageSize: query.pageSize };
  }

  /** One product with its SKUs. Off-shelf products are not found for shoppers. */
  async productDetail(id: string): Promise<ProductDetail> {
    const row = await this.catalog.findProduct(Number(id));
    if (!row || !row.onShelf) throw new ProductNotFound(id);
    return {
      ...this.card(row),
      images: row.images.map((image) => this.media(image)),
      videoUrl: row.videoUrl ? this.media(row.videoUrl) : null,
      // Images inside the rich text get absolute URLs too, like every other media path.
      detailHtml: row.detailHtml.replace(/(src=")(\/media\/)/g, `$1${this.config.publicBaseUrl}$2`),
      purchaseLimit: row.purchaseLimit,
      specs: specDimensions(row.skus.map((sku) => sku.specs)),
      skus: row.skus.map((sku) => ({ ...sku, id: String(sku.id) })),
      activities: [],
    };
  }

  private card(row: ProductRow): ProductCard {
    const cheapest = row.skus.reduce<ProductRow['skus'][number] | undefined>(
      (best, sku) => (!best || sku.price < best.price ? sku : best),
      undefined,
    );
    return {
      id: String(row.id),
      categoryId: String(row.categoryId),
      title: row.title,
      subtitle: row.subtitle,
      cover: row.images[0] ? this.media(row.images[0]) : '',
      tags: row.tags.split(/\s+/).filter(Boolean),
      price: cheapest?.price ?? row.minPrice,
      listPrice: cheapest?.listPrice ?? row.minPrice,
      sales: row.sales,
      createdAt: row.createdAt.toISOString(),
    };
  }

  private media(path: string): string {
    return mediaUrl(this.config.publicBaseUrl, path);
  }
}
