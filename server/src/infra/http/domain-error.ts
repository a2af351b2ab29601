/**
 * Errors a use case can end with. Each has a stable code (DOMAIN_REASON) and no HTTP import:
 * the error filter maps the code to a status and to the one error body.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  /** HTTP status the filter answers with; 4xx for everything a user can cause. */
  abstract readonly status: number;
  constructor(
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export interface FieldIssue {
  path: string;
  message: string;
}

export class ValidationFailed extends DomainError {
  readonly code = 'VALIDATION_FAILED';
  readonly status = 400;
  constructor(fields: FieldIssue[], message = 'The request is not valid') {
    super(message, { fields });
  }
}

export class NotFound extends DomainError {
  readonly code: string;
  readonly status = 404;
  constructor(what: string, code = 'NOT_FOUND', details?: Record<string, unknown>) {
    super(`${what} not found`, details);
    this.code = code;
  }
}

export class Unauthenticated extends DomainError {
  readonly code = 'UNAUTHENTICATED';
  readonly status = 401;
}

export class Forbidden extends DomainError {
  readonly code = 'FORBIDDEN';
  readonly status = 403;
}

export class RateLimited extends DomainError {
  readonly code = 'RATE_LIMITED';
  readonly status = 429;
}
