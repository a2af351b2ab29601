import { CategoryList, ProductDetail, ProductPage, type ProductSort } from '@weshop/shared';
import { request } from './client';

/** Query of `GET /api/v1/products`; unset fields are left out of the URL. */
export interface ProductQuery {
  categoryId?: string;
  q?: string;
  sort?: ProductSort;
  page?: number;
  pageSize?: number;
}

export function listCategories(): Promise<CategoryList> {
  return request('/api/v1/categories', CategoryList);
}

export function listProducts(query: ProductQuery = {}): Promise<ProductPage> {
  return request('/api/v1/products', ProductPage, { query: { ...query } });
}

export function getProduct(id: string): Promise<ProductDetail> {
  return request(`/api/v1/products/${encodeURIComponent(id)}`, ProductDetail);
}
