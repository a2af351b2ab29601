import { ADDRESS_BOOK_LIMIT } from '@weshop/shared';

/**
 * 收货地址 rules, pure. A user with addresses always has exactly one default: the first address
 * is the default, choosing another moves it, and losing the default (deleted, or switched off)
 * hands it to the newest remaining address.
 */
export interface AddressStub {
  id: number;
  createdAt: Date;
}

/** Whether one more address fits the book (at most ADDRESS_BOOK_LIMIT). */
export function canAddAddress(count: number): boolean {
  return count < ADDRESS_BOOK_LIMIT;
}

/** Whether a new address becomes the default: when asked, or when it is the user's first. */
export function newAddressIsDefault(existingCount: number, requested: boolean | undefined): boolean {
  return existingCount === 0 || requested === true;
}

/**
 * The address that inherits the default: the newest (latest createdAt, then highest id) of those
 * left; null when none is left.
 */
export function nextDefault(remaining: readonly AddressStub[]): number | null {
  let best: AddressStub | null = null;
  for (const address of remaining) {
    if (
      !best ||
      address.createdAt.getTime() > best.createdAt.getTime() ||
      (address.createdAt.getTime() === best.createdAt.getTime() && address.id > best.id)
    ) {
      best = address;
    }
  }
  return best ? best.id : null;
}
