import { readEvents } from './events.policy';

const receivedAt = new Date('2026-11-24T12:00:00.000Z');
const iso = (msBefore: number) => new Date(receivedAt.getTime() - msBefore).toISOString();

describe('readEvents: each event on its own', () => {
  it('keeps good events, reports bad ones by index with their fields', () => {
    const { rows, rejected } = readEvents(
      [
        { type: 'PAGE_VIEW', at: iso(1000), page: 'pages/home/index', visitId: '5' },
        { type: 'PRODUCT_VIEW', at: iso(500) },
        'not an event',
        { type: 'ADD_TO_CART', at: iso(100), productId: '12' },
        { type: 'TELEPORT', at: iso(0) },
      ],
      receivedAt,
    );
    expect(rows).toEqual([
      {
        type: 'PAGE_VIEW',
        at: new Date(iso(1000)),
        page: 'pages/home/index',
        productId: null,
        postId: null,
        visitId: 5,
      },
      { type: 'ADD_TO_CART', at: new Date(iso(100)), page: null, productId: 12, postId: null, visitId: null },
    ]);
    expect(rejected.map((r) => [r.index, r.fields.map((f) => f.path)])).toEqual([
      [1, ['productId']],
      [2, ['(root)']],
      [4, ['type']],
    ]);
  });

  it.each<[string, number, 'kept as sent' | 'received now' | 'stale']>([
    ['a second ago', 1000, 'kept as sent'],
    ['six days ago (a queue kept over a weekend)', 6 * 86_400_000, 'kept as sent'],
    ['eight days ago', 8 * 86_400_000, 'stale'],
    ['an hour in the future (a fast phone clock)', -3_600_000, 'received now'],
  ])('an event stamped %s is %s', (_name, msBefore, outcome) => {
    const { rows, rejected } = readEvents([{ type: 'SHARE', at: iso(msBefore) }], receivedAt);
    if (outcome === 'stale') {
      expect(rows).toEqual([]);
      expect(rejected).toEqual([{ index: 0, fields: [{ path: 'at', message: 'is too old' }] }]);
    } else {
      expect(rejected).toEqual([]);
      expect(rows[0].at).toEqual(outcome === 'received now' ? receivedAt : new Date(iso(msBefore)));
    }
  });
});
