import { ADDRESS_BOOK_LIMIT } from '@weshop/shared';
import { canAddAddress, newAddressIsDefault, nextDefault, type AddressStub } from './address-book.policy';

describe('canAddAddress', () => {
  it.each([
    [0, true],
    [ADDRESS_BOOK_LIMIT - 1, true],
    [ADDRESS_BOOK_LIMIT, false],
    [ADDRESS_BOOK_LIMIT + 3, false],
  ])('%i addresses -> %p', (count, expected) => {
    expect(canAddAddress(count)).toBe(expected);
  });
});

describe('newAddressIsDefault', () => {
  it.each([
    [0, undefined, true],
    [0, false, true],
    [0, true, true],
    [2, undefined, false],
    [2, false, false],
    [2, true, true],
  ])('%i existing, requested %p -> %p', (count, requested, expected) => {
    expect(newAddressIsDefault(count, requested)).toBe(expected);
  });
});

describe('nextDefault', () => {
  const at = (iso: string) => new Date(iso);
  it.each<[string, AddressStub[], number | null]>([
    ['none left', [], null],
    ['one left', [{ id: 4, createdAt: at('2026-01-01') }], 4],
    [
      'newest wins',
      [
        { id: 9, createdAt: at('2026-01-01') },
        { id: 3, createdAt: at('2026-03-01') },
        { id: 5, createdAt: at('2026-02-01') },
      ],
      3,
    ],
    [
      'same instant: higher id wins',
      [
        { id: 7, createdAt: at('2026-03-01') },
        { id: 8, createdAt: at('2026-03-01') },
      ],
      8,
    ],
  ])('%s', (_name, remaining, expected) => {
    const chosen = nextDefault(remaining);
    expect(chosen).toBe(expected);
    // invariant: the chosen id is one of those left
    if (chosen !== null) expect(remaining.map((a) => a.id)).toContain(chosen);
  });
});
