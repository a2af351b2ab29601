import { planParcel, unitsToShip, unshipped, type LineToShip } from './shipping.policy';

const line = (id: number, quantity: number, extra: Partial<LineToShip> = {}): LineToShip => ({
  id,
  quantity,
  paidAmount: 1000 * quantity,
  refundedAmount: 0,
  restockedQuantity: 0,
  ...extra,
});

describe('unitsToShip', () => {
  it.each([
    ['a plain line', line(1, 3), 3],
    ['a free gift line (0 fen) still ships', line(1, 1, { paidAmount: 0 }), 1],
    ['a line refunded in full before shipping', line(1, 2, { refundedAmount: 2000, restockedQuantity: 2 }), 0],
    ['a line refunded in full without restock', line(1, 2, { refundedAmount: 2000 }), 0],
    ['a line with one unit refunded and restocked', line(1, 3, { refundedAmount: 1000, restockedQuantity: 1 }), 2],
    ['a partly refunded line without restock (price difference)', line(1, 3, { refundedAmount: 500 }), 3],
  ])('%s → %i', (_what, input, expected) => {
    expect(unitsToShip(input)).toBe(expected);
  });
});

describe('unshipped', () => {
  it('subtracts every parcel and drops lines with nothing left', () => {
    const lines = [line(1, 3), line(2, 1), line(3, 2, { refundedAmount: 2000 })];
    expect(unshipped(lines, [])).toEqual([
      { lineId: 1, quantity: 3 },
      { lineId: 2, quantity: 1 },
    ]);
    expect(unshipped(lines, [[{ lineId: 1, quantity: 2 }], [{ lineId: 2, quantity: 1 }]])).toEqual([
      { lineId: 1, quantity: 1 },
    ]);
  });
});

describe('planParcel', () => {
  const lines = [line(1, 3), line(2, 1)];
  it.each([
    [
      'everything when items are omitted',
      [],
      undefined,
      {
        ok: {
          items: [
            { lineId: 1, quantity: 3 },
            { lineId: 2, quantity: 1 },
          ],
          completes: true,
        },
      },
    ],
    [
      'a first partial parcel',
      [],
      [{ lineId: 1, quantity: 2 }],
      { ok: { items: [{ lineId: 1, quantity: 2 }], completes: false } },
    ],
    [
      'the last parcel completes',
      [[{ lineId: 1, quantity: 2 }]],
      [
        { lineId: 1, quantity: 1 },
        { lineId: 2, quantity: 1 },
      ],
      {
        ok: {
          items: [
            { lineId: 1, quantity: 1 },
            { lineId: 2, quantity: 1 },
          ],
          completes: true,
        },
      },
    ],
    [
      'the rest when items are omitted after a parcel',
      [[{ lineId: 1, quantity: 2 }]],
      undefined,
      {
        ok: {
          items: [
            { lineId: 1, quantity: 1 },
            { lineId: 2, quantity: 1 },
          ],
          completes: true,
        },
      },
    ],
    ['a line of another order', [], [{ lineId: 9, quantity: 1 }], { error: 'UNKNOWN_LINE', lineId: 9 }],
    ['more units than ordered', [], [{ lineId: 1, quantity: 4 }], { error: 'TOO_MANY', lineId: 1, left: 3 }],
    [
      'more units than left',
      [[{ lineId: 2, quantity: 1 }]],
      [{ lineId: 2, quantity: 1 }],
      { error: 'TOO_MANY', lineId: 2, left: 0 },
    ],
    [
      'nothing left',
      [
        [
          { lineId: 1, quantity: 3 },
          { lineId: 2, quantity: 1 },
        ],
      ],
      undefined,
      { error: 'NOTHING_TO_SHIP' },
    ],
  ])('%s', (_what, parcels, requested, expected) => {
    expect(planParcel(lines, parcels, requested)).toEqual(expected);
  });

  it('a fully refunded line needs no parcel', () => {
    const withRefund = [line(1, 1), line(2, 1, { refundedAmount: 1000, restockedQuantity: 1 })];
    expect(planParcel(withRefund, [], [{ lineId: 1, quantity: 1 }])).toEqual({
      ok: { items: [{ lineId: 1, quantity: 1 }], completes: true },
    });
  });
});
