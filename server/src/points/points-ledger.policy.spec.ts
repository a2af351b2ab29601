import fc from 'fast-check';
import {
  applyToLots,
  balanceDelta,
  earn,
  expire,
  expiringSoon,
  returnSpent,
  reverseEarned,
  spend,
  unfreeze,
  usableBalance,
  type EntryDraft,
  type LedgerChange,
  type Lot,
  type SpendRecord,
} from './points-ledger.policy';
import { refundTargets } from './points-rules.policy';

const at = (iso: string) => new Date(iso);
const lot = (
  id: number,
  remaining: number,
  expiresAt: string,
  status: Lot['status'] = 'ACTIVE',
  amount = remaining,
): Lot => ({
  id,
  amount,
  remaining,
  status,
  usableFrom: at('2026-01-01T00:00:00Z'),
  expiresAt: at(expiresAt),
});
const NOW = at('2026-06-01T00:00:00Z');

describe('spend: oldest (first to expire) lot first', () => {
  const lots = [
    lot(3, 50, '2028-12-31T16:00:00Z'),
    lot(1, 30, '2027-12-31T16:00:00Z'),
    lot(2, 40, '2027-12-31T16:00:00Z'),
  ];
  it.each([
    [20, [{ lotId: 1, amount: 20 }]],
    [30, [{ lotId: 1, amount: 30 }]],
    [
      60,
      [
        { lotId: 1, amount: 30 },
        { lotId: 2, amount: 30 },
      ],
    ],
    [
      120,
      [
        { lotId: 1, amount: 30 },
        { lotId: 2, amount: 40 },
        { lotId: 3, amount: 50 },
      ],
    ],
  ])('%i points', (amount, draws) => {
    const change = spend(lots, amount, NOW)!;
    expect(change.draws).toEqual(draws);
    expect(balanceDelta(change)).toEqual({ available: -amount, frozen: 0 });
  });

  it('refuses what the usable lots do not cover: frozen and expired lots do not count', () => {
    const mixed = [
      lot(1, 100, '2027-12-31T16:00:00Z', 'FROZEN'),
      lot(2, 100, '2026-05-01T00:00:00Z'), // expired by date, not swept yet
      lot(3, 0, '2027-12-31T16:00:00Z', 'USED_UP', 100),
      lot(4, 10, '2027-12-31T16:00:00Z'),
    ];
    expect(usableBalance(mixed, NOW)).toBe(10);
    expect(spend(mixed, 11, NOW)).toBeNull();
    expect(spend(mixed, 10, NOW)!.draws).toEqual([{ lotId: 4, amount: 10 }]);
  });

  it('a used-up lot is USED_UP', () => {
    expect(spend([lot(1, 30, '2027-12-31T16:00:00Z')], 30, NOW)!.lotUpdates).toEqual([
      { lotId: 1, remaining: 0, status: 'USED_UP' },
    ]);
  });

  it('the points mall spends the same way, as REDEEM entries', () => {
    const change = spend(
      [lot(1, 30, '2027-12-31T16:00:00Z'), lot(2, 50, '2028-12-31T16:00:00Z')],
      40,
      NOW,
      '兑换',
      'REDEEM',
    )!;
    expect(change.entries.map((e) => [e.type, e.availableDelta, e.lotId])).toEqual([
      ['REDEEM', -30, 1],
      ['REDEEM', -10, 2],
    ]);
  });
});

describe('returnSpent: back to the same lots', () => {
  const spends: SpendRecord[] = [
    { id: 10, lotId: 1, amount: 30, returned: 0 },
    { id: 11, lotId: 2, amount: 30, returned: 0 },
  ];
  it.each([
    [
      'everything',
      60,
      [
        { lotId: 2, remaining: 40, status: 'ACTIVE' },
        { lotId: 1, remaining: 30, status: 'ACTIVE' },
      ],
      60,
    ],
    ['part: the latest-drawn lot first', 20, [{ lotId: 2, remaining: 30, status: 'ACTIVE' }], 20],
    [
      'more than spent is capped',
      500,
      [
        { lotId: 2, remaining: 40, status: 'ACTIVE' },
        { lotId: 1, remaining: 30, status: 'ACTIVE' },
      ],
      60,
    ],
  ])('%s', (_name, amount, updates, back) => {
    const lots = [lot(1, 0, '2027-12-31T16:00:00Z', 'USED_UP', 30), lot(2, 10, '2027-12-31T16:00:00Z', 'ACTIVE', 40)];
    const change = returnSpent(lots, spends, amount, NOW);
    expect(change.lotUpdates).toEqual(updates);
    expect(balanceDelta(change).available).toBe(back);
  });

  it('points returned to an expired lot expire at once (a return never extends an expiry)', () => {
    const lots = [lot(1, 0, '2026-05-01T00:00:00Z', 'EXPIRED', 30), lot(2, 10, '2027-12-31T16:00:00Z', 'ACTIVE', 40)];
    const change = returnSpent(lots, spends, 60, NOW);
    expect(change.entries.map((e) => [e.type, e.lotId, e.availableDelta])).toEqual([
      ['RETURN', 2, 30],
      ['RETURN', 1, 30],
      ['EXPIRE', 1, -30],
    ]);
    expect(balanceDelta(change).available).toBe(30);
  });
});

describe('reverseEarned and unfreeze', () => {
  it.each([
    ['frozen, partly', lot(1, 100, '2027-12-31T16:00:00Z', 'FROZEN'), 40, { frozen: -40, available: 0 }, 'FROZEN', 0],
    ['frozen, all', lot(1, 100, '2027-12-31T16:00:00Z', 'FROZEN'), 100, { frozen: -100, available: 0 }, 'REVERSED', 0],
    [
      'active, partly spent: the rest is a shortfall',
      lot(1, 30, '2027-12-31T16:00:00Z', 'ACTIVE', 100),
      50,
      { frozen: 0, available: -30 },
      'USED_UP',
      20,
    ],
  ])('%s', (_name, l, amount, delta, status, shortfall) => {
    const result = reverseEarned(l, amount);
    expect(balanceDelta(result.change)).toEqual(delta);
    expect(result.change.lotUpdates[0].status).toBe(status);
    expect(result.shortfall).toBe(shortfall);
  });

  it('unfreezes what is left', () => {
    const change = unfreeze(lot(1, 70, '2027-12-31T16:00:00Z', 'FROZEN', 100), NOW);
    expect(balanceDelta(change)).toEqual({ available: 70, frozen: -70 });
    expect(change.lotUpdates).toEqual([{ lotId: 1, remaining: 70, status: 'ACTIVE', usableFrom: NOW }]);
    expect(unfreeze(lot(1, 70, '2027-12-31T16:00:00Z'), NOW).entries).toEqual([]);
  });
});

describe('expire and expiringSoon', () => {
  const lots = [
    lot(1, 30, '2027-12-31T16:00:00Z'),
    lot(2, 20, '2027-12-31T16:00:00Z', 'FROZEN'),
    lot(3, 40, '2028-12-31T16:00:00Z'),
  ];
  it('expires only what is due, oldest first', () => {
    expect(expire(lots, at('2027-12-31T15:59:59Z')).lotUpdates).toEqual([]);
    const change = expire(lots, at('2027-12-31T16:00:00Z'));
    expect(change.lotUpdates.map((u) => u.lotId)).toEqual([1, 2]);
    expect(balanceDelta(change)).toEqual({ available: -30, frozen: -20 });
  });
  it('the next expiry within the horizon', () => {
    expect(expiringSoon(lots, at('2027-12-01T00:00:00Z'), at('2028-01-01T00:00:00Z'))).toEqual({
      amount: 50,
      at: at('2027-12-31T16:00:00Z'),
    });
    expect(expiringSoon(lots, at('2027-06-01T00:00:00Z'), at('2027-07-01T00:00:00Z'))).toEqual({ amount: 0, at: null });
  });
});

// ---------------------------------------------------------------------------------------------
// Property: random sequences of earning, unfreezing, spending, cancelling, refunds and expiry.
// ---------------------------------------------------------------------------------------------

type Op =
  | { kind: 'earn'; amount: number }
  | { kind: 'signIn'; amount: number }
  | { kind: 'unfreeze'; pick: number }
  | { kind: 'order'; amount: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'refund'; pick: number; shareBp: number }
  | { kind: 'wait'; days: number }
  | { kind: 'expire' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('earn' as const), amount: fc.integer({ min: 1, max: 500 }) }),
  fc.record({ kind: fc.constant('signIn' as const), amount: fc.integer({ min: 1, max: 50 }) }),
  fc.record({ kind: fc.constant('unfreeze' as const), pick: fc.nat(20) }),
  fc.record({ kind: fc.constant('order' as const), amount: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat(20) }),
  fc.record({ kind: fc.constant('refund' as const), pick: fc.nat(20), shareBp: fc.integer({ min: 1, max: 10_000 }) }),
  fc.record({ kind: fc.constant('wait' as const), days: fc.integer({ min: 1, max: 400 }) }),
  fc.constant({ kind: 'expire' as const }),
);

/** End of the year after `now`'s year (UTC here; the zone rule is tested above). */
const expiryFor = (now: Date) => new Date(Date.UTC(now.getUTCFullYear() + 2, 0, 1));

interface Order {
  earnedLot: number | null;
  spends: SpendRecord[];
  used: number;
  refundedBp: number;
  cancelled: boolean;
}

describe('the ledger over random sequences (fast-check)', () => {
  it('balance = recomputation from entries = lots, never negative, lots consistent', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 60 }), (ops) => {
        let lots: Lot[] = [];
        const entries: EntryDraft[] = [];
        const account = { available: 0, frozen: 0 };
        const orders: Order[] = [];
        let now = at('2026-01-10T00:00:00Z');
        let nextLotId = 1;
        let nextSpendId = 1;

        const apply = (change: LedgerChange): number | null => {
          const id = change.newLot ? nextLotId++ : null;
          lots = applyToLots(lots, change, id ?? -1);
          entries.push(...change.entries.map((e) => ({ ...e, lotId: e.lotId === 'NEW' ? id : e.lotId })));
          const d = balanceDelta(change);
          account.available += d.available;
          account.frozen += d.frozen;
          return id;
        };

        for (const o of ops) {
          switch (o.kind) {
            case 'earn': {
              const id = apply(
                earn({ amount: o.amount, status: 'FROZEN', usableFrom: now, expiresAt: expiryFor(now) }),
              );
              orders.push({ earnedLot: id, spends: [], used: 0, refundedBp: 0, cancelled: false });
              break;
            }
            case 'signIn':
              apply(
                earn({ amount: o.amount, status: 'ACTIVE', usableFrom: now, expiresAt: expiryFor(now) }, 'SIGN_IN'),
              );
              break;
            case 'unfreeze': {
              const frozen = lots.filter((l) => l.status === 'FROZEN');
              if (frozen.length) apply(unfreeze(frozen[o.pick % frozen.length], now));
              break;
            }
            case 'order': {
              const before = usableBalance(lots, now);
              const change = spend(lots, o.amount, now);
              if (o.amount > before) {
                expect(change).toBeNull();
                break;
              }
              apply(change!);
              orders.push({
                earnedLot: null,
                spends: change!.draws.map((d) => ({
                  id: nextSpendId++,
                  lotId: d.lotId,
                  amount: d.amount,
                  returned: 0,
                })),
                used: o.amount,
                refundedBp: 0,
                cancelled: false,
              });
              break;
            }
            case 'cancel': {
              const open = orders.filter((x) => x.spends.length && !x.cancelled && x.refundedBp === 0);
              if (!open.length) break;
              const order = open[o.pick % open.length];
              const change = returnSpent(lots, order.spends, order.used, now);
              apply(change);
              for (const u of change.spendUpdates) order.spends.find((s) => s.id === u.id)!.returned = u.returned;
              order.cancelled = true;
              expect(order.spends.every((s) => s.returned === s.amount)).toBe(true);
              break;
            }
            case 'refund': {
              const live = orders.filter((x) => !x.cancelled && x.refundedBp < 10_000);
              if (!live.length) break;
              const order = live[o.pick % live.length];
              order.refundedBp = Math.min(10_000, order.refundedBp + o.shareBp);
              const earnedLot = order.earnedLot === null ? null : lots.find((l) => l.id === order.earnedLot)!;
              const target = refundTargets({
                earned: earnedLot?.amount ?? 0,
                pointsUsed: order.used,
                paidFen: 10_000,
                refundedFen: order.refundedBp,
                everythingRefunded: order.refundedBp === 10_000,
              });
              if (earnedLot) {
                const done = -entries
                  .filter((e) => e.type === 'REVERSE' && e.lotId === earnedLot.id)
                  .reduce((s, e) => s + e.availableDelta + e.frozenDelta, 0);
                if (target.reversed > done) apply(reverseEarned(earnedLot, target.reversed - done).change);
              }
              const returned = order.spends.reduce((s, r) => s + r.returned, 0);
              if (target.returned > returned) {
                const change = returnSpent(lots, order.spends, target.returned - returned, now);
                apply(change);
                for (const u of change.spendUpdates) order.spends.find((s) => s.id === u.id)!.returned = u.returned;
              }
              expect(order.spends.reduce((s, r) => s + r.returned, 0)).toBeLessThanOrEqual(order.used);
              break;
            }
            case 'wait':
              now = new Date(now.getTime() + o.days * 86_400_000);
              break;
            case 'expire':
              apply(expire(lots, now));
              expect(lots.some((l) => (l.status === 'ACTIVE' || l.status === 'FROZEN') && l.expiresAt <= now)).toBe(
                false,
              );
              break;
          }

          // Invariants after every step.
          const ledger = {
            available: entries.reduce((s, e) => s + e.availableDelta, 0),
            frozen: entries.reduce((s, e) => s + e.frozenDelta, 0),
          };
          const fromLots = {
            available: lots.filter((l) => l.status === 'ACTIVE').reduce((s, l) => s + l.remaining, 0),
            frozen: lots.filter((l) => l.status === 'FROZEN').reduce((s, l) => s + l.remaining, 0),
          };
          expect(account).toEqual(ledger);
          expect(account).toEqual(fromLots);
          expect(account.available).toBeGreaterThanOrEqual(0);
          expect(account.frozen).toBeGreaterThanOrEqual(0);
          for (const l of lots) {
            expect(l.remaining).toBeGreaterThanOrEqual(0);
            expect(l.remaining).toBeLessThanOrEqual(l.amount);
            if (['USED_UP', 'EXPIRED', 'REVERSED'].includes(l.status)) expect(l.remaining).toBe(0);
          }
          // Per lot: what the entries say it holds is what it holds.
          for (const l of lots) {
            const held = entries
              .filter((e) => e.lotId === l.id)
              .reduce((s, e) => s + e.availableDelta + e.frozenDelta, 0);
            expect(held).toBe(l.remaining);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
