import { DomainError, NotFound } from '../infra/http/domain-error';

export class SkuNotFound extends NotFound {
  constructor(id: string) {
    super('SKU', 'SKU_NOT_FOUND', { skuId: id });
  }
}

export class CategoryNotLeaf extends DomainError {
  readonly code = 'CATEGORY_NOT_LEAF';
  readonly status = 422;
  constructor(id: string) {
    super('Products go into a second-level category', { categoryId: id });
  }
}

export class SkuCodeTaken extends DomainError {
  readonly code = 'SKU_CODE_TAKEN';
  readonly status = 409;
  constructor(codes: string[]) {
    super('A SKU code is already in use', { codes });
  }
}

export class SkuNotAddable extends DomainError {
  readonly code: string;
  readonly status: number;
  constructor(
    reason: 'SKU_LIMIT_REACHED' | 'SPEC_NAMES_MISMATCH' | 'SPEC_COMBINATION_TAKEN',
    details: Record<string, unknown>,
  ) {
    const messages = {
      SKU_LIMIT_REACHED: 'This product has the most SKUs it can have',
      SPEC_NAMES_MISMATCH: "The SKU's spec names differ from the product's",
      SPEC_COMBINATION_TAKEN: 'A SKU with these specs already exists',
    };
    super(messages[reason], details);
    this.code = reason;
    this.status = reason === 'SPEC_NAMES_MISMATCH' ? 422 : 409;
  }
}

export class StockInsufficient extends DomainError {
  readonly code = 'STOCK_INSUFFICIENT';
  readonly status = 409;
  constructor(skuId: string, available: number) {
    super(`Only ${available} in stock`, { skuId, available });
  }
}

export class StockLimitExceeded extends DomainError {
  readonly code = 'STOCK_LIMIT_EXCEEDED';
  readonly status = 409;
  constructor(skuId: string, max: number) {
    super(`Stock cannot exceed ${max}`, { skuId, max });
  }
}

export class ShippingTemplateNotFound extends NotFound {
  constructor() {
    super('Shipping template', 'SHIPPING_TEMPLATE_NOT_FOUND');
  }
}
