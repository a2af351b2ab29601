import { DomainError, NotFound } from '../infra/http/domain-error';

export class PostNotFound extends NotFound {
  constructor(id: number | string) {
    super('Post', 'POST_NOT_FOUND', { postId: String(id) });
  }
}

export class PostNotEditable extends DomainError {
  readonly code = 'POST_NOT_EDITABLE';
  readonly status = 409;
  constructor(status: string, message = 'This post can no longer be changed') {
    super(message, { status });
  }
}

export class PostNotPublished extends DomainError {
  readonly code = 'POST_NOT_PUBLISHED';
  readonly status = 409;
  constructor(status: string) {
    super('Only published posts can be liked, favourited, commented on or reported', { status });
  }
}

export class PostStateConflict extends DomainError {
  readonly code = 'POST_STATE_CONFLICT';
  readonly status = 409;
  constructor(action: string, status: string) {
    super(`A ${status.toLowerCase().replace('_', ' ')} post cannot be ${action}`, { action, status });
  }
}

export class PostChangedMeanwhile extends DomainError {
  readonly code = 'POST_STATE_CONFLICT';
  readonly status = 409;
  constructor() {
    super('The post changed while this request ran; reload it and try again');
  }
}

export class PostProductUnknown extends DomainError {
  readonly code = 'POST_PRODUCT_UNKNOWN';
  readonly status = 422;
  constructor(productIds: string[]) {
    super('Tagged products must exist and be on the shelf', { productIds });
  }
}

export class PostScheduleTooFar extends DomainError {
  readonly code = 'POST_SCHEDULE_TOO_FAR';
  readonly status = 422;
  constructor(maxDays: number) {
    super(`A post can be scheduled at most ${maxDays} days ahead`, { maxDays });
  }
}

export class NotThePostAuthor extends DomainError {
  readonly code = 'FORBIDDEN';
  readonly status = 403;
  constructor() {
    super('Only the author can change or delete this post');
  }
}

export class CommentNotFound extends NotFound {
  constructor(id: number | string) {
    super('Comment', 'COMMENT_NOT_FOUND', { commentId: String(id) });
  }
}

export class ContentRejected extends DomainError {
  readonly code = 'CONTENT_REJECTED';
  readonly status = 422;
  constructor(reason: string) {
    super(reason, { reason });
  }
}

export class CursorInvalid extends DomainError {
  readonly code = 'CURSOR_INVALID';
  readonly status = 400;
  constructor() {
    super('The cursor is not valid for this list; start again without it');
  }
}
