import { NotFound } from '../infra/http/domain-error';

export class ProductNotFound extends NotFound {
  constructor(id: string) {
    super('Product', 'PRODUCT_NOT_FOUND', { productId: id });
  }
}

export class CategoryNotFound extends NotFound {
  constructor(id: string) {
    super('Category', 'CATEGORY_NOT_FOUND', { categoryId: id });
  }
}
