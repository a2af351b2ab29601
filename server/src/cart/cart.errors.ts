import { DomainError, NotFound } from '../infra/http/domain-error';

export class CartItemNotFound extends NotFound {
  constructor(id: string) {
    super('Cart item', 'CART_ITEM_NOT_FOUND', { itemId: id });
  }
}

export class SkuNotFound extends NotFound {
  constructor(skuId: string) {
    super('SKU', 'SKU_NOT_FOUND', { skuId });
  }
}

export class ProductOffShelf extends DomainError {
  readonly code = 'PRODUCT_OFF_SHELF';
  readonly status = 409;
  constructor(skuId: string) {
    super('This item is no longer on sale', { skuId });
  }
}

export class CartStockInsufficient extends DomainError {
  readonly code = 'STOCK_INSUFFICIENT';
  readonly status = 409;
  constructor(skuId: string, available: number) {
    super(`Only ${available} left`, { skuId, available });
  }
}

export class CartQuantityLimit extends DomainError {
  readonly code = 'CART_QUANTITY_LIMIT';
  readonly status = 409;
  constructor(skuId: string, max: number) {
    super(`At most ${max} of one item in the cart`, { skuId, max });
  }
}

export class CartFull extends DomainError {
  readonly code = 'CART_FULL';
  readonly status = 409;
  constructor(max: number) {
    super(`The cart holds at most ${max} different items`, { max });
  }
}
