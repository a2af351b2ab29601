import { DomainError, NotFound } from '../infra/http/domain-error';

export class AddressNotFound extends NotFound {
  constructor(id: string) {
    super('Address', 'ADDRESS_NOT_FOUND', { addressId: id });
  }
}

export class AddressBookFull extends DomainError {
  readonly code = 'ADDRESS_LIMIT_REACHED';
  readonly status = 409;
  constructor(max: number) {
    super(`At most ${max} addresses`, { max });
  }
}
