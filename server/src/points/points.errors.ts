import { DomainError } from '../infra/http/domain-error';

export class PointsInsufficient extends DomainError {
  readonly code = 'POINTS_INSUFFICIENT';
  readonly status = 409;
  constructor(wanted: number) {
    super(`Not enough usable points for ${wanted}`, { wanted });
  }
}

export class AlreadySignedIn extends DomainError {
  readonly code = 'ALREADY_SIGNED_IN';
  readonly status = 409;
  constructor(day: string) {
    super('Already signed in today', { day });
  }
}
