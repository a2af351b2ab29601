import { act, fireEvent, render, screen } from '@testing-library/react';
import type { ProductDetail } from '@weshop/shared';
import { SkuPicker, type SkuSelection } from './index';

const product: Pick<ProductDetail, 'specs' | 'skus' | 'purchaseLimit' | 'price' | 'listPrice'> = {
  price: 12_900,
  listPrice: 19_900,
  purchaseLimit: null,
  specs: [
    { name: '颜色', values: ['曜石黑', '月光白'] },
    { name: '容量', values: ['128G', '256G'] },
  ],
  skus: [
    { id: '11', specs: { 颜色: '曜石黑', 容量: '128G' }, price: 12_900, listPrice: 15_900, stock: 3 },
    { id: '12', specs: { 颜色: '曜石黑', 容量: '256G' }, price: 15_950, listPrice: 19_900, stock: 8 },
    { id: '13', specs: { 颜色: '月光白', 容量: '128G' }, price: 12_905, listPrice: 15_900, stock: 0 },
    { id: '14', specs: { 颜色: '月光白', 容量: '256G' }, price: 16_000, listPrice: 19_900, stock: 1 },
  ],
};

function option(value: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`.sku-option[data-value="${value}"]`);
  if (!el) throw new Error(`no option ${value}`);
  return el;
}
const text = (selector: string) => document.querySelector(selector)?.textContent;

function setup(p = product) {
  const selections: SkuSelection[] = [];
  render(<SkuPicker product={p} onChange={(s) => selections.push(s)} />);
  return { last: () => selections[selections.length - 1] };
}

describe('SkuPicker', () => {
  it('asks for every dimension until one value each is chosen, then shows that SKU (price from fen)', () => {
    const { last } = setup();
    expect(text('.sku-selected-stock')).toBe('请选择 颜色 / 容量');
    expect(last()).toEqual({ skuId: null, quantity: 1 });

    fireEvent.click(option('曜石黑'));
    expect(text('.sku-selected-stock')).toBe('请选择 容量');
    fireEvent.click(option('256G'));

    expect(text('.sku-selected-price')).toBe('¥159.50');
    expect(text('.sku-selected-list-price')).toBe('¥199.00');
    expect(text('.sku-selected-stock')).toBe('库存 8 件');
    expect(option('曜石黑').className).toContain('sku-option--active');
    expect(option('256G').className).toContain('sku-option--active');
    expect(last()).toEqual({ skuId: '12', quantity: 1 });
  });

  it('disables a value that only leads to sold-out SKUs and ignores taps on it', () => {
    const { last } = setup();
    fireEvent.click(option('128G'));
    expect(option('月光白').className).toContain('sku-option--disabled');
    expect(option('月光白').getAttribute('aria-disabled')).toBe('true');
    expect(option('曜石黑').className).not.toContain('sku-option--disabled');

    fireEvent.click(option('月光白'));
    expect(option('月光白').className).not.toContain('sku-option--active');
    expect(last().skuId).toBeNull();
  });

  it('bounds the quantity stepper by the SKU stock', () => {
    const { last } = setup();
    fireEvent.click(option('曜石黑'));
    fireEvent.click(option('128G')); // stock 3
    const plus = document.querySelector('.stepper__plus') as HTMLElement;
    for (let i = 0; i < 5; i++) fireEvent.click(plus);
    expect(text('.stepper__value')).toBe('3');
    expect(plus.className).toContain('stepper__button--disabled');
    expect(last()).toEqual({ skuId: '11', quantity: 3 });

    fireEvent.click(option('256G')); // stock 8: quantity stays 3
    fireEvent.click(option('月光白')); // 月光白 256G: stock 1, quantity clamps to 1
    expect(text('.stepper__value')).toBe('1');
    expect(last()).toEqual({ skuId: '14', quantity: 1 });

    const minus = document.querySelector('.stepper__minus') as HTMLElement;
    fireEvent.click(minus);
    expect(text('.stepper__value')).toBe('1');
  });

  it('bounds the quantity by 限购 when it is below the stock', () => {
    setup({ ...product, purchaseLimit: 2 });
    expect(screen.getByText('（限购 2 件）')).toBeTruthy();
    fireEvent.click(option('曜石黑'));
    fireEvent.click(option('256G')); // stock 8, limit 2
    const plus = document.querySelector('.stepper__plus') as HTMLElement;
    act(() => {
      for (let i = 0; i < 4; i++) fireEvent.click(plus);
    });
    expect(text('.stepper__value')).toBe('2');
  });

  it('tapping the chosen value again clears it', () => {
    const { last } = setup();
    fireEvent.click(option('曜石黑'));
    fireEvent.click(option('256G'));
    fireEvent.click(option('256G'));
    expect(text('.sku-selected-stock')).toBe('请选择 容量');
    expect(last().skuId).toBeNull();
  });
});
