import { DomainError, NotFound } from '../infra/http/domain-error';

export class ReviewNotFound extends NotFound {
  constructor(id: string | number) {
    super('Review', 'REVIEW_NOT_FOUND', { reviewId: String(id) });
  }
}

export class ProductNotFoundForReviews extends NotFound {
  constructor(id: string | number) {
    super('Product', 'PRODUCT_NOT_FOUND', { productId: String(id) });
  }
}

export class OrderNotReviewable extends DomainError {
  readonly code = 'ORDER_NOT_REVIEWABLE';
  readonly status = 409;
  constructor(status: string) {
    super('Only completed orders can be reviewed', { status });
  }
}

export class ReviewLineUnknown extends DomainError {
  readonly code = 'REVIEW_LINE_UNKNOWN';
  readonly status = 422;
  constructor(lineId: string) {
    super('This line is not part of the order', { lineId });
  }
}

export class AlreadyReviewed extends DomainError {
  readonly code = 'ALREADY_REVIEWED';
  readonly status = 409;
  constructor(lineId: string) {
    super('This item has already been reviewed', { lineId });
  }
}

export class FollowUpExists extends DomainError {
  readonly code = 'FOLLOW_UP_EXISTS';
  readonly status = 409;
  constructor() {
    super('A review takes one follow-up');
  }
}

export class AlreadyReplied extends DomainError {
  readonly code = 'ALREADY_REPLIED';
  readonly status = 409;
  constructor() {
    super('The shop has already replied to this review');
  }
}
