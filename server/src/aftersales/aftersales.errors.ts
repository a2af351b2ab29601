import { DomainError, NotFound } from '../infra/http/domain-error';
import type { AftersaleRefusal } from './aftersale.policy';

export class AftersaleNotFound extends NotFound {
  constructor(id: string | number) {
    super('After-sale', 'AFTERSALE_NOT_FOUND', { aftersaleId: String(id) });
  }
}

export class OrderLineNotFound extends NotFound {
  constructor(lineId: string | number) {
    super('Order line', 'ORDER_LINE_NOT_FOUND', { lineId: String(lineId) });
  }
}

/** Someone (the buyer, the merchant, WeChat) moved the after-sale first, or the step does not apply. */
export class AftersaleStateConflict extends DomainError {
  readonly code = 'AFTERSALE_STATE_CONFLICT';
  readonly status = 409;
  constructor(status: string, wanted: string) {
    super(`This after-sale is ${status} and cannot become ${wanted}`, { status, wanted });
  }
}

export class AftersaleAlreadyOpen extends DomainError {
  readonly code = 'AFTERSALE_ALREADY_OPEN';
  readonly status = 409;
  constructor(aftersaleId: number) {
    super('This item already has an after-sale in progress', { aftersaleId: String(aftersaleId) });
  }
}

export class AftersaleWindowClosed extends DomainError {
  readonly code = 'AFTERSALE_WINDOW_CLOSED';
  readonly status = 409;
  constructor(deadline: Date | null) {
    super('The after-sales period of this order has ended', { deadline: deadline?.toISOString() ?? null });
  }
}

export class AftersaleNotAllowed extends DomainError {
  readonly code = 'AFTERSALE_NOT_ALLOWED';
  readonly status = 409;
  constructor(reason: Exclude<AftersaleRefusal, 'WINDOW_CLOSED'> | 'NOT_SHIPPED', orderStatus: string) {
    super(
      reason === 'NOT_SHIPPED'
        ? 'Return and refund is possible once the order has shipped; ask for a refund instead'
        : 'This order cannot have an after-sale',
      { reason, orderStatus },
    );
  }
}

export class AftersaleAmountTooHigh extends DomainError {
  readonly code = 'AFTERSALE_AMOUNT_TOO_HIGH';
  readonly status = 422;
  constructor(max: number) {
    super('The amount is more than can be refunded on this item', { max });
  }
}

export class AftersaleQuantityInvalid extends DomainError {
  readonly code = 'AFTERSALE_QUANTITY_INVALID';
  readonly status = 422;
  constructor(reason: 'TOO_MANY' | 'NOTHING_TO_RETURN', max: number) {
    super(reason === 'TOO_MANY' ? 'More units than this item has left' : 'A return must send back at least one unit', {
      reason,
      max,
    });
  }
}
