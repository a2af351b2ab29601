import { fireEvent, render } from '@testing-library/react';
import { CART_MAX_QUANTITY, type CartItemView } from '@weshop/shared';
import { CartLine } from './index';
import { stepperBounds } from './bounds';

const item: CartItemView = {
  id: '7',
  skuId: '12',
  productId: '3',
  title: '真丝连衣裙',
  image: '/media/demo/p3.jpg',
  specs: { 颜色: '黑', 尺码: 'M' },
  price: 29_900,
  listPrice: 39_900,
  stock: 3,
  quantity: 1,
  available: true,
};

function setup(overrides: Partial<CartItemView> = {}, busy = false) {
  const onQuantity = jest.fn();
  const { container } = render(
    <CartLine
      item={{ ...item, ...overrides }}
      selected
      busy={busy}
      onToggle={jest.fn()}
      onQuantity={onQuantity}
      onRemove={jest.fn()}
    />,
  );
  const minus = container.querySelector('.stepper__minus') as HTMLElement;
  const plus = container.querySelector('.stepper__plus') as HTMLElement;
  return { container, minus, plus, onQuantity };
}

describe('stepperBounds', () => {
  it.each<[number, number, { min: number; max: number }]>([
    // stock, quantity, bounds
    [3, 1, { min: 1, max: 3 }],
    [500, 1, { min: 1, max: CART_MAX_QUANTITY }],
    [0, 2, { min: 1, max: 1 }],
  ])('stock %i, quantity %i', (stock, quantity, expected) => {
    expect(stepperBounds({ stock, quantity })).toEqual(expected);
  });
});

describe('CartLine stepper', () => {
  it('shows the server’s price and asks for one more or one fewer unit', () => {
    const { container, plus, minus, onQuantity } = setup({ quantity: 2 });
    expect(container.querySelector('.cart-line__price')?.textContent).toBe('¥299.00');
    fireEvent.click(plus);
    fireEvent.click(minus);
    expect(onQuantity.mock.calls).toEqual([
      ['7', 3],
      ['7', 1],
    ]);
  });

  it('cannot go below 1: removing is the 删除 button', () => {
    const { minus, onQuantity } = setup({ quantity: 1 });
    expect(minus.className).toContain('stepper__button--disabled');
    fireEvent.click(minus);
    expect(onQuantity).not.toHaveBeenCalled();
  });

  it('cannot go above the stock', () => {
    const { plus, onQuantity } = setup({ quantity: 3, stock: 3 });
    expect(plus.className).toContain('stepper__button--disabled');
    fireEvent.click(plus);
    expect(onQuantity).not.toHaveBeenCalled();
  });

  it('cannot go above the cart’s per-line cap even with more stock', () => {
    const { plus, onQuantity } = setup({ quantity: CART_MAX_QUANTITY, stock: 1_000 });
    fireEvent.click(plus);
    expect(onQuantity).not.toHaveBeenCalled();
  });

  it('when stock fell below the quantity, only going down is offered', () => {
    const { plus, minus, onQuantity } = setup({ quantity: 5, stock: 2, available: false });
    fireEvent.click(plus);
    fireEvent.click(minus);
    expect(onQuantity.mock.calls).toEqual([['7', 4]]);
  });

  it('ignores taps while a change is on its way', () => {
    const { plus, minus, onQuantity } = setup({ quantity: 2 }, true);
    fireEvent.click(plus);
    fireEvent.click(minus);
    expect(onQuantity).not.toHaveBeenCalled();
  });
});
