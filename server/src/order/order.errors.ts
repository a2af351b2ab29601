import { DomainError, NotFound } from '../infra/http/domain-error';

export class OrderNotFound extends NotFound {
  constructor(id: string | number) {
    super('Order', 'ORDER_NOT_FOUND', { orderId: String(id) });
  }
}

export class StockInsufficient extends DomainError {
  readonly code = 'STOCK_INSUFFICIENT';
  readonly status = 409;
  constructor(skuId: number) {
    super('Not enough stock for this item', { skuId: String(skuId) });
  }
}

export class SkuUnavailable extends DomainError {
  readonly code = 'SKU_UNAVAILABLE';
  readonly status = 409;
  constructor(skuId: string, why: 'NOT_FOUND' | 'OFF_SHELF') {
    super(why === 'NOT_FOUND' ? 'This item does not exist' : 'This item is no longer on sale', { skuId, why });
  }
}

export class PurchaseLimitExceeded extends DomainError {
  readonly code = 'PURCHASE_LIMIT_EXCEEDED';
  readonly status = 409;
  constructor(productId: number, limit: number, alreadyBought: number) {
    super(`At most ${limit} per customer`, { productId: String(productId), limit, alreadyBought });
  }
}

export class AddressRequired extends DomainError {
  readonly code = 'ADDRESS_REQUIRED';
  readonly status = 422;
  constructor() {
    super('Choose a shipping address');
  }
}

export class AddressNotFound extends NotFound {
  constructor(id: string) {
    super('Address', 'ADDRESS_NOT_FOUND', { addressId: id });
  }
}

export class OrderNotCancellable extends DomainError {
  readonly code = 'ORDER_NOT_CANCELLABLE';
  readonly status = 409;
  constructor(status: string) {
    super('Only unpaid orders can be cancelled; ask for a refund instead', { status });
  }
}

export class OrderNotConfirmable extends DomainError {
  readonly code = 'ORDER_NOT_CONFIRMABLE';
  readonly status = 409;
  constructor(status: string) {
    super('Only shipped orders can be confirmed', { status });
  }
}

export class OrderNotPayable extends DomainError {
  readonly code = 'ORDER_NOT_PAYABLE';
  readonly status = 409;
  constructor(status: string, reason = 'This order cannot be paid') {
    super(reason, { status });
  }
}

export class CouponNotApplicable extends DomainError {
  readonly code = 'COUPON_NOT_APPLICABLE';
  readonly status = 422;
  constructor(reason: string) {
    super('This coupon cannot be used for this order', { reason });
  }
}

export class PointsNotApplicable extends DomainError {
  readonly code = 'POINTS_NOT_APPLICABLE';
  readonly status = 422;
  constructor(requested: number, allowed: number) {
    super('Points cannot be used this way for this order', { requested, allowed });
  }
}

export class GroupBuyUnavailable extends DomainError {
  readonly code = 'GROUP_BUY_UNAVAILABLE';
  readonly status = 422;
  constructor() {
    super('Group buys are not open yet');
  }
}

/** An order above what one payment (and a MySQL INT of fen) can hold. */
export class OrderTooLarge extends DomainError {
  readonly code = 'ORDER_TOO_LARGE';
  readonly status = 422;
  constructor(max: number) {
    super('This order is too large to pay at once; split it', { maxFen: max });
  }
}
