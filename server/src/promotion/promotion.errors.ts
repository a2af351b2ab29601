import { DomainError, NotFound } from '../infra/http/domain-error';

export class PromotionNotFound extends NotFound {
  constructor(id: string) {
    super('Promotion', 'PROMOTION_NOT_FOUND', { promotionId: id });
  }
}

/** Settings that need the catalogue to check (a flash price not below the SKU's, an overlapping sale). */
export class PromotionInvalid extends DomainError {
  readonly code = 'PROMOTION_INVALID';
  readonly status = 422;
  constructor(problems: { path: string; message: string }[]) {
    super(problems.map((p) => `${p.path} ${p.message}`).join('; '), { fields: problems });
  }
}

export class FlashSaleSoldOut extends DomainError {
  readonly code = 'FLASH_SALE_SOLD_OUT';
  readonly status = 409;
  constructor(skuId: number) {
    super('This flash sale is sold out', { skuId: String(skuId) });
  }
}

export class FlashSaleLimitExceeded extends DomainError {
  readonly code = 'FLASH_SALE_LIMIT_EXCEEDED';
  readonly status = 409;
  constructor(skuId: number, limit: number, already: number) {
    super(`At most ${limit} per person in this flash sale (${already} already)`, {
      skuId: String(skuId),
      limit,
      already,
    });
  }
}
