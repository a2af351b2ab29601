import { canonicalJson, requestFingerprint } from './idempotency';

describe('request fingerprints', () => {
  it.each([
    [
      { a: 1, b: 2 },
      { b: 2, a: 1 },
    ],
    [{ items: [{ skuId: '1', quantity: 2 }] }, { items: [{ quantity: 2, skuId: '1' }] }],
    [{ a: 1, skip: undefined }, { a: 1 }],
  ])('treats %p and %p as the same body', (a, b) => {
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(requestFingerprint('POST', '/api/v1/orders', a)).toBe(requestFingerprint('post', '/api/v1/orders', b));
  });

  it.each([
    [{ items: [{ skuId: '1', quantity: 2 }] }, { items: [{ skuId: '1', quantity: 3 }] }],
    [{ items: [1, 2] }, { items: [2, 1] }],
    [{ a: '1' }, { a: 1 }],
    [{ a: null }, { a: 0 }],
  ])('tells %p from %p', (a, b) => {
    expect(requestFingerprint('POST', '/x', a)).not.toBe(requestFingerprint('POST', '/x', b));
  });

  it('includes the method and the path', () => {
    expect(requestFingerprint('POST', '/a', {})).not.toBe(requestFingerprint('POST', '/b', {}));
    expect(requestFingerprint('POST', '/a', {})).not.toBe(requestFingerprint('PUT', '/a', {}));
  });
});
