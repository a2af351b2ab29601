import { orderNumberAt } from './order-number';

describe('orderNumberAt', () => {
  it.each([
    ['2026-11-24T07:00:00.123Z', 'Asia/Shanghai', 42, '26112415000012300042'],
    ['2026-12-31T16:30:05.009Z', 'Asia/Shanghai', 99_999, '27010100300500999999'],
    ['2026-11-24T07:00:00.000Z', 'UTC', 0, '26112407000000000000'],
  ])('%s in %s, random %i → %s', (iso, zone, random, expected) => {
    expect(orderNumberAt(new Date(iso), zone, () => random)).toBe(expected);
  });

  it('sorts by time', () => {
    const earlier = orderNumberAt(new Date('2026-11-24T07:00:00.001Z'), 'Asia/Shanghai', () => 99_999);
    const later = orderNumberAt(new Date('2026-11-24T07:00:00.002Z'), 'Asia/Shanghai', () => 0);
    expect(earlier < later).toBe(true);
  });

  it('is 20 digits, within WeChat out_trade_no rules', () => {
    expect(orderNumberAt(new Date(), 'Asia/Shanghai')).toMatch(/^\d{20}$/);
  });
});
