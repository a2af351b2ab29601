import { addToCart, CART_LIMITS, changeCartQuantity, isAvailable, type CartLineVerdict } from './cart.policy';

const line = (inCart: number, stock: number, lines = 1, onShelf = true) => ({ inCart, stock, lines, onShelf });

describe('addToCart', () => {
  it.each<[string, ReturnType<typeof line>, number, CartLineVerdict]>([
    ['new line', line(0, 10, 0), 3, { ok: true, quantity: 3 }],
    ['merges with the line', line(2, 10), 3, { ok: true, quantity: 5 }],
    ['exactly the stock', line(4, 10), 6, { ok: true, quantity: 10 }],
    ['one over the stock', line(4, 10), 7, { ok: false, reason: 'STOCK_INSUFFICIENT', available: 10 }],
    ['sold out', line(0, 0, 0), 1, { ok: false, reason: 'STOCK_INSUFFICIENT', available: 0 }],
    ['exactly 99', line(90, 500), 9, { ok: true, quantity: 99 }],
    ['past 99', line(90, 500), 10, { ok: false, reason: 'QUANTITY_LIMIT', max: 99 }],
    ['off shelf', line(0, 10, 0, false), 1, { ok: false, reason: 'OFF_SHELF' }],
    ['100th line', line(0, 10, 99), 1, { ok: true, quantity: 1 }],
    ['101st line', line(0, 10, 100), 1, { ok: false, reason: 'CART_FULL', max: 100 }],
    ['full cart still merges', line(1, 10, 100), 1, { ok: true, quantity: 2 }],
  ])('%s', (_name, input, quantity, expected) => {
    const verdict = addToCart(input, quantity);
    expect(verdict).toEqual(expected);
    // invariant: an accepted line is always within 1..99 and within stock
    if (verdict.ok) {
      expect(verdict.quantity).toBeGreaterThanOrEqual(1);
      expect(verdict.quantity).toBeLessThanOrEqual(Math.min(CART_LIMITS.maxQuantity, input.stock));
    }
  });
});

describe('changeCartQuantity', () => {
  it.each<[string, { inCart: number; stock: number; onShelf: boolean }, number, CartLineVerdict]>([
    ['raise within stock', { inCart: 1, stock: 5, onShelf: true }, 5, { ok: true, quantity: 5 }],
    [
      'raise past stock',
      { inCart: 1, stock: 5, onShelf: true },
      6,
      { ok: false, reason: 'STOCK_INSUFFICIENT', available: 5 },
    ],
    ['lower below a shrunken stock', { inCart: 8, stock: 2, onShelf: true }, 3, { ok: true, quantity: 3 }],
    ['lower while off shelf', { inCart: 3, stock: 9, onShelf: false }, 1, { ok: true, quantity: 1 }],
    ['raise while off shelf', { inCart: 1, stock: 9, onShelf: false }, 2, { ok: false, reason: 'OFF_SHELF' }],
    ['same quantity', { inCart: 4, stock: 0, onShelf: true }, 4, { ok: true, quantity: 4 }],
    ['past 99', { inCart: 4, stock: 500, onShelf: true }, 100, { ok: false, reason: 'QUANTITY_LIMIT', max: 99 }],
  ])('%s', (_name, input, quantity, expected) => {
    expect(changeCartQuantity(input, quantity)).toEqual(expected);
  });
});

describe('isAvailable', () => {
  it.each([
    [true, 1, true],
    [true, 0, false],
    [false, 5, false],
    [false, 0, false],
  ])('onShelf=%p stock=%p -> %p', (onShelf, stock, expected) => {
    expect(isAvailable(onShelf, stock)).toBe(expected);
  });
});
