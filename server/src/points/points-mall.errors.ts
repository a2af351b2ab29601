import { DomainError, NotFound, type FieldIssue } from '../infra/http/domain-error';

export class PointsMallItemNotFound extends NotFound {
  constructor(id: string | number) {
    super('Points mall item', 'POINTS_MALL_ITEM_NOT_FOUND', { itemId: String(id) });
  }
}

/** Settings that make no sense (a gift of a non-exchangeable product, a coupon of another channel…). */
export class PointsMallItemInvalid extends DomainError {
  readonly code = 'POINTS_MALL_ITEM_INVALID';
  readonly status = 422;
  constructor(fields: FieldIssue[]) {
    super(fields.map((f) => `${f.path}: ${f.message}`).join('; '), { fields });
  }
}

export class PointsMallSoldOut extends DomainError {
  readonly code = 'POINTS_MALL_SOLD_OUT';
  readonly status = 409;
  constructor(itemId: number) {
    super('This item has been fully redeemed', { itemId: String(itemId) });
  }
}

export class PointsMallLimitReached extends DomainError {
  readonly code = 'POINTS_MALL_LIMIT_REACHED';
  readonly status = 409;
  constructor(limit: number) {
    super(`At most ${limit} per member`, { limit });
  }
}
