import { decodeCursor, encodeCursor, pageOf } from './feed-cursor';

describe('feed cursor', () => {
  it.each([
    { feed: 'c12', phase: 0 as const, at: 0, id: 1 },
    { feed: 'discover', phase: 1 as const, at: 1_760_000_000_123, id: 2_147_483_647 },
    { feed: 'queue:3:IN_REVIEW', phase: 1 as const, at: 0, id: 42 },
  ])('round-trips %o', (cursor) => {
    const raw = encodeCursor(cursor);
    expect(raw).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(raw, cursor.feed)).toEqual(cursor);
  });

  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  it.each([
    ['another feed', encodeCursor({ feed: 'c12', phase: 1, at: 5, id: 3 }), 'c13'],
    ['not base64url', 'abc$%', 'c12'],
    ['not JSON', Buffer.from('hello').toString('base64url'), 'c12'],
    ['an object', b64({ feed: 'c12' }), 'c12'],
    ['three parts', b64(['c12', 1, 5]), 'c12'],
    ['phase 2', b64(['c12', 2, 5, 3]), 'c12'],
    ['negative time', b64(['c12', 1, -5, 3]), 'c12'],
    ['fractional id', b64(['c12', 1, 5, 3.5]), 'c12'],
    ['id 0', b64(['c12', 1, 5, 0]), 'c12'],
    ['id too large', b64(['c12', 1, 5, 2 ** 31]), 'c12'],
    ['time as string', b64(['c12', 1, '5', 3]), 'c12'],
    ['too long', 'a'.repeat(201), 'c12'],
  ])('refuses %s', (_why, raw, feed) => {
    expect(decodeCursor(raw, feed)).toBeNull();
  });

  it('pages: a cursor only when a row beyond the page exists', () => {
    const key = (n: number) => ({ phase: 1 as const, at: n * 10, id: n });
    const full = pageOf([5, 4, 3], 2, key, 'd');
    expect(full.items).toEqual([5, 4]);
    expect(decodeCursor(full.nextCursor as string, 'd')).toEqual({ feed: 'd', phase: 1, at: 40, id: 4 });
    expect(pageOf([5, 4], 2, key, 'd')).toEqual({ items: [5, 4], nextCursor: null });
    expect(pageOf([], 2, key, 'd')).toEqual({ items: [], nextCursor: null });
  });
});
