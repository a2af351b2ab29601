import { DomainError } from '../infra/http/domain-error';

/** A notification we will not apply (bad signature, wrong merchant, unknown order, wrong amount). */
export class PaymentNotificationRejected extends DomainError {
  readonly code = 'FAIL';
  readonly status: number;
  constructor(reason: string, status = 400) {
    super(reason);
    this.status = status;
  }
}

export class PaymentUnavailable extends DomainError {
  readonly code = 'PAYMENT_UNAVAILABLE';
  readonly status = 503;
  constructor() {
    super('WeChat Pay is not reachable right now; please retry');
  }
}

export class AlreadyPaid extends DomainError {
  readonly code = 'ORDER_NOT_PAYABLE';
  readonly status = 409;
  constructor() {
    super('This order is already paid');
  }
}
