import { render } from '@testing-library/react';
import { Price } from './index';

describe('Price', () => {
  it.each<[string, { fen: number; listFen?: number; maxFen?: number }, string, string | null]>([
    ['price only', { fen: 1230 }, '¥12.30', null],
    ['struck list price when higher', { fen: 9900, listFen: 12900 }, '¥99.00', '¥129.00'],
    ['no struck price when not higher', { fen: 9900, listFen: 9900 }, '¥99.00', null],
    ['range', { fen: 1, maxFen: 100_000 }, '¥0.01 - ¥1000.00', null],
    ['range collapses when equal', { fen: 500, maxFen: 500 }, '¥5.00', null],
  ])('%s', (_case, props, now, list) => {
    const { container } = render(<Price {...props} />);
    expect(container.querySelector('.price__now')?.textContent).toBe(now);
    expect(container.querySelector('.price__list')?.textContent ?? null).toBe(list);
  });
});
