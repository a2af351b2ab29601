import { DomainError } from '../infra/http/domain-error';

export class DeviceIdRequired extends DomainError {
  readonly code = 'DEVICE_ID_REQUIRED';
  readonly status = 400;
  constructor() {
    super('Anonymous events need an X-Device-Id header');
  }
}

export class DeviceIdInvalid extends DomainError {
  readonly code = 'DEVICE_ID_INVALID';
  readonly status = 400;
  constructor() {
    super('X-Device-Id must be 8-64 letters, digits, _ or -');
  }
}

export class EventBatchTooLarge extends DomainError {
  readonly code = 'EVENT_BATCH_TOO_LARGE';
  readonly status = 413;
  constructor(max: number, got: number) {
    super(`At most ${max} events per request`, { max, got });
  }
}
