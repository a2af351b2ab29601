import { COUPON_REASONS, type CouponReason } from '@weshop/shared';
import { DomainError, NotFound, type FieldIssue } from '../infra/http/domain-error';

export class CouponTemplateNotFound extends NotFound {
  constructor(id: string | number) {
    super('Coupon template', 'COUPON_TEMPLATE_NOT_FOUND', { templateId: String(id) });
  }
}

/** A template whose settings make no sense: each problem names its field. */
export class CouponTemplateInvalid extends DomainError {
  readonly code = 'COUPON_TEMPLATE_INVALID';
  readonly status = 422;
  constructor(fields: FieldIssue[]) {
    super(fields.map((f) => `${f.path}: ${f.message}`).join('; '), { fields });
  }
}

/** The template cannot be claimed here or now (channel, member day, new customers, window, stopped). */
export class CouponNotClaimable extends DomainError {
  readonly code = 'COUPON_NOT_CLAIMABLE';
  readonly status = 409;
  constructor(reason: CouponReason) {
    super(COUPON_REASONS[reason], { reason });
  }
}

export class CouponSoldOut extends DomainError {
  readonly code = 'COUPON_SOLD_OUT';
  readonly status = 409;
  constructor() {
    super(COUPON_REASONS.SOLD_OUT, { reason: 'SOLD_OUT' });
  }
}

export class CouponLimitReached extends DomainError {
  readonly code = 'COUPON_LIMIT_REACHED';
  readonly status = 409;
  constructor(limit: number) {
    super(`${COUPON_REASONS.LIMIT_REACHED}（每人限领 ${limit} 张）`, { reason: 'LIMIT_REACHED', limit });
  }
}
