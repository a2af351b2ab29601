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

/** An ended or disabled promotion is history: orders were priced by it as it was. */
export class PromotionNotEditable extends DomainError {
  readonly code = 'PROMOTION_NOT_EDITABLE';
  readonly status = 409;
  constructor(id: number, phase: 'ENDED' | 'DISABLED') {
    super(`Promotion ${id} has ${phase === 'ENDED' ? 'ended' : 'been disabled'} and can no longer be edited`, {
      promotionId: String(id),
      phase,
    });
  }
}

/** A promotion keeps its type: its rules, prices and checks are the type's (create a new one instead). */
export class PromotionTypeFixed extends DomainError {
  readonly code = 'PROMOTION_TYPE_FIXED';
  readonly status = 422;
  constructor(from: string, to: string) {
    super(`A ${from} promotion cannot become ${to}: create a new promotion instead`, {
      fields: [{ path: 'type', message: `cannot change (is ${from})` }],
    });
  }
}

/** A running promotion changes only its title, its end and (flash sale) raised quotas. */
export class PromotionFieldLocked extends DomainError {
  readonly code = 'PROMOTION_FIELD_LOCKED';
  readonly status = 409;
  constructor(fields: { path: string; message: string }[]) {
    super(
      `While a promotion runs only its title, its end and its flash-sale quotas (raised) can change: ${fields
        .map((f) => `${f.path} ${f.message}`)
        .join('; ')}`,
      { fields },
    );
  }
}
