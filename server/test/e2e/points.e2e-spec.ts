import { Clock } from '../../src/infra/clock';
import { JobQueue } from '../../src/infra/queue/job-queue';
import { PointsService } from '../../src/points/points.service';
import { http, loginAs } from '../support/http';
import { shop } from '../support/shop';
import { startStack, type Stack } from '../support/stack';

/**
 * 积分 over HTTP: earned on a paid order, frozen until the after-sales window closes, then usable;
 * spent at checkout and given back when the unpaid order is cancelled (a concurrent spend of the
 * same points fails); a partial refund reverses earned points and returns spent ones in
 * proportion; points earned in 2026 expire at the end of 2027 Shanghai time, oldest first; the
 * sign-in streak; levels by growth and the member discount; bad inputs → 4xx, never 500.
 */

let stack: Stack;
let given: ReturnType<typeof shop>;

const call = (method: string, path: string, token?: string, body?: unknown) =>
  http(stack.baseUrl, method, path, { token, body });
/**
 * Moves the shop clock, then re-reads it: Clock.set assigns the offset before its Redis write, so a
 * refresh already in flight can put the old offset back for up to a second.
 */
async function setClock(now: string | null) {
  const moved = await http(stack.sandboxUrl, 'POST', '/sandbox/clock', { body: { now } });
  expect(moved.status).toBeLessThan(300);
  await stack.server.app.get(Clock).refresh();
}
/** A fresh token (tokens are checked against the moved clock). */
const token = async (name: string) => (await loginAs(stack.baseUrl, name)).token;
const points = async (name: string) => (await call('GET', '/api/v1/points', await token(name))).body;
const sweep = () => stack.server.app.get(JobQueue).sweepNow();
const userIdOf = (t: string) => Number(JSON.parse(Buffer.from(t.split('.')[1], 'base64url').toString()).sub);

/** The cache agrees with the ledger and with the lots. */
async function expectLedgerConsistent(name: string) {
  const check = await stack.server.app.get(PointsService).check(userIdOf(await token(name)));
  expect(check.cached).toEqual(check.ledger);
  expect(check.cached).toEqual(check.lots);
}

beforeAll(async () => {
  stack = await startStack({ label: 'points', seed: true });
  given = shop(stack);
  // 积分任务 off: the amounts here are the ledger's own (the tasks are tested in points-mall.e2e-spec.ts).
  const points = stack.server.app.get(PointsService);
  await points.saveRules({
    ...(await points.rules()),
    tasks: { FIRST_REVIEW: 0, COMPLETE_PROFILE: 0, FIRST_ORDER: 0 },
  });
});
afterAll(async () => {
  await setClock(null);
  await stack?.close();
});

async function placeAndPay(name: string, items: Array<{ skuId: string; quantity: number }>, pointsToUse = 0) {
  const t = await token(name);
  const order = await given.order(t, { items, addressId: await given.addressFor(t), pointsToUse });
  expect(order.status).toBe(201);
  await given.pay(t, order.body.id);
  return given.waitForStatus(t, order.body.id, ['TO_SHIP']);
}

/** Ships and confirms receipt, then moves the clock past the after-sales window and sweeps. */
async function completeAndCloseWindow(name: string, orderId: string) {
  const admin = await token('admin');
  const shipped = await call('POST', `/api/v1/admin/orders/${orderId}/ship`, admin, {
    carrier: 'SF',
    trackingNo: `SF${Date.now()}`,
  });
  expect(shipped.status).toBe(200);
  const confirmed = await call('POST', `/api/v1/orders/${orderId}/confirm-receipt`, await token(name), {});
  expect(confirmed.status).toBe(200);
  expect(confirmed.body.status).toBe('COMPLETED');
  return async () => {
    const row = await given.db().order.findUniqueOrThrow({ where: { id: Number(orderId) } });
    await setClock(new Date(row.aftersaleDeadline!.getTime() + 1_000).toISOString());
    await sweep();
  };
}

describe('earning', () => {
  it('points earned on an order are frozen, then usable once the after-sales window closes', async () => {
    const sku = await given.skuWithStock(20, 10_000);
    const order = await placeAndPay('pt-earn', [{ skuId: sku.skuId, quantity: 2 }]);
    expect(await points('pt-earn')).toEqual({ available: 0, frozen: 200, expiringSoon: { amount: 0, at: null } });

    const closeWindow = await completeAndCloseWindow('pt-earn', order.id);
    expect((await points('pt-earn')).frozen).toBe(200); // completed, window still open
    try {
      await closeWindow();
      expect(await points('pt-earn')).toMatchObject({ available: 200, frozen: 0 });
      const entries = await call('GET', '/api/v1/points/entries', await token('pt-earn'));
      expect(entries.body.items.map((e: any) => [e.type, e.availableDelta, e.frozenDelta, e.orderId])).toEqual([
        ['UNFREEZE', 200, -200, order.id],
        ['EARN', 0, 200, order.id],
      ]);
    } finally {
      await setClock(null);
    }
    await expectLedgerConsistent('pt-earn');
  });
});

describe('spending at checkout', () => {
  it('cancelling an unpaid order that used points returns them; a concurrent spend of the same points fails', async () => {
    const sku = await given.skuWithStock(20, 10_000);
    const items = [{ skuId: sku.skuId, quantity: 1 }];
    const t = await token('pt-earn'); // 200 usable points from the test above
    const address = await given.addressFor(t);

    const preview = await call('POST', '/api/v1/orders/preview', t, { items, pointsToUse: 200 });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ pointsUsed: 200, pointsDeduction: 200 });
    const tooMany = await call('POST', '/api/v1/orders/preview', t, { items, pointsToUse: 300 });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.code).toBe('POINTS_NOT_APPLICABLE');

    const race = await Promise.all(
      [1, 2, 3].map(() => given.order(t, { items, addressId: address, pointsToUse: 200 })),
    );
    const won = race.filter((r) => r.status === 201);
    expect(won).toHaveLength(1);
    for (const lost of race.filter((r) => r.status !== 201)) {
      expect(lost.status).toBeGreaterThanOrEqual(400);
      expect(lost.status).toBeLessThan(500);
      expect(['POINTS_INSUFFICIENT', 'POINTS_NOT_APPLICABLE']).toContain(lost.body.error.code);
    }
    expect(won[0].body).toMatchObject({ pointsUsed: 200, pointsDeduction: 200 });
    expect(await points('pt-earn')).toMatchObject({ available: 0 });

    const cancelled = await call('POST', `/api/v1/orders/${won[0].body.id}/cancel`, t, {});
    expect(cancelled.body.status).toBe('CANCELLED');
    expect(await points('pt-earn')).toMatchObject({ available: 200 });
    const spends = await given.db().pointsSpend.findMany({ where: { orderId: Number(won[0].body.id) } });
    expect(spends.map((s) => [s.amount, s.returned])).toEqual([[200, 200]]);
    await expectLedgerConsistent('pt-earn');
  });

  it('a partial refund returns spent points and reverses earned points in proportion', async () => {
    const a = await given.skuWithStock(20, 10_000);
    const b = await given.skuWithStock(20, 10_000);
    const order = await placeAndPay(
      'pt-earn',
      [
        { skuId: a.skuId, quantity: 1 },
        { skuId: b.skuId, quantity: 1 },
      ],
      200,
    );
    // ¥200 of goods, 200 points = ¥2 off, 100 fen on each line: each line paid 9,900.
    expect(order.lines.map((l: any) => l.paidAmount)).toEqual([9_900, 9_900]);
    expect(await points('pt-earn')).toMatchObject({ available: 0, frozen: 198 });

    const t = await token('pt-earn');
    const asked = await call('POST', `/api/v1/orders/${order.id}/aftersales`, t, {
      lineId: order.lines[0].id,
      type: 'REFUND',
      amount: 9_900,
      reason: '不想要了',
    });
    expect(asked.status).toBe(201);
    expect(
      (await call('POST', `/api/v1/admin/aftersales/${asked.body.id}/approve`, await token('admin'), {})).status,
    ).toBe(200);
    const until = Date.now() + 15_000;
    while (
      (await given.db().orderLine.findUniqueOrThrow({ where: { id: Number(order.lines[0].id) } })).refundedAmount === 0
    ) {
      if (Date.now() > until) throw new Error('refund not applied');
      await new Promise((r) => setTimeout(r, 100));
    }
    // Half of what was paid came back: half of the 198 earned is reversed, half of the 200 spent returned.
    expect(await points('pt-earn')).toMatchObject({ available: 100, frozen: 99 });
    const types = (await call('GET', '/api/v1/points/entries', t)).body.items.map((e: any) => e.type);
    expect(types.slice(0, 2).sort()).toEqual(['RETURN', 'REVERSE']);
    await expectLedgerConsistent('pt-earn');
  });
});

describe('expiry', () => {
  it('points earned in 2026 expire at the end of 2027 Shanghai time, oldest first, with an expiring-soon figure', async () => {
    try {
      await setClock('2026-06-10T04:00:00Z');
      expect((await call('POST', '/api/v1/points/sign-in', await token('pt-exp'), {})).status).toBe(201);
      await setClock('2027-03-10T04:00:00Z');
      expect((await call('POST', '/api/v1/points/sign-in', await token('pt-exp'), {})).status).toBe(201);
      expect(await points('pt-exp')).toEqual({ available: 10, frozen: 0, expiringSoon: { amount: 0, at: null } });

      await setClock('2027-12-20T04:00:00Z');
      expect((await points('pt-exp')).expiringSoon).toEqual({ amount: 5, at: '2027-12-31T16:00:00.000Z' });

      await setClock('2027-12-31T15:59:30Z'); // 23:59:30 on 31 December in Shanghai
      await sweep();
      expect((await points('pt-exp')).available).toBe(10);

      await setClock('2027-12-31T16:00:30Z'); // 00:00:30 on 1 January 2028 in Shanghai
      await sweep();
      expect(await points('pt-exp')).toEqual({ available: 5, frozen: 0, expiringSoon: { amount: 0, at: null } });
      const lots = await given.db().pointsLot.findMany({
        where: { userId: userIdOf(await token('pt-exp')) },
        orderBy: { id: 'asc' },
      });
      expect(lots.map((l) => [l.status, l.remaining, l.expiresAt.toISOString()])).toEqual([
        ['EXPIRED', 0, '2027-12-31T16:00:00.000Z'],
        ['ACTIVE', 5, '2028-12-31T16:00:00.000Z'],
      ]);
      const expired = (await call('GET', '/api/v1/points/entries', await token('pt-exp'))).body.items[0];
      expect(expired).toMatchObject({ type: 'EXPIRE', availableDelta: -5 });
    } finally {
      await setClock(null);
    }
    await expectLedgerConsistent('pt-exp');
  });
});

describe('sign-in', () => {
  it('a streak of 7 days earns the day-7 bonus; twice a day is refused; a missed day starts again', async () => {
    try {
      const results: number[] = [];
      for (let day = 1; day <= 7; day += 1) {
        await setClock(`2026-12-0${day}T02:00:00Z`);
        const signed = await call('POST', '/api/v1/points/sign-in', await token('pt-sign'), {});
        expect(signed.status).toBe(201);
        expect(signed.body.streak).toBe(day);
        results.push(signed.body.points);
      }
      expect(results).toEqual([5, 5, 5, 5, 5, 5, 25]);
      const again = await call('POST', '/api/v1/points/sign-in', await token('pt-sign'), {});
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('ALREADY_SIGNED_IN');
      const calendar = await call('GET', '/api/v1/points/sign-in', await token('pt-sign'));
      expect(calendar.body).toMatchObject({
        today: '2026-12-07',
        signedToday: true,
        streak: 7,
        cycle: 'WEEKLY',
        nextReward: 5,
      });
      expect(calendar.body.days).toHaveLength(7);

      await setClock('2026-12-09T02:00:00Z'); // the 8th was missed
      const restart = await call('POST', '/api/v1/points/sign-in', await token('pt-sign'), {});
      expect(restart.body).toMatchObject({ streak: 1, points: 5, bonus: false });
      expect((await points('pt-sign')).available).toBe(6 * 5 + 25 + 5);
    } finally {
      await setClock(null);
    }
    await expectLedgerConsistent('pt-sign');
  });

  it('concurrent sign-ins of one member on one day: exactly one', async () => {
    const t = await token('pt-sign-race');
    const results = await Promise.all(Array.from({ length: 8 }, () => call('POST', '/api/v1/points/sign-in', t, {})));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status !== 201).map((r) => r.status)).toEqual(Array(7).fill(409));
    expect((await points('pt-sign-race')).available).toBe(5);
  });
});

describe('levels by growth', () => {
  it('a completed order grows the member into silver: the member discount in a preview and the level multiplier on points', async () => {
    const admin = await token('admin');
    for (const level of [
      { name: 'bronze', minGrowth: 0, discountBp: 10_000, pointsMultiplierBp: 10_000, memberDayAccess: false },
      { name: 'silver', minGrowth: 150, discountBp: 9_500, pointsMultiplierBp: 15_000, memberDayAccess: true },
    ])
      expect((await call('POST', '/api/v1/admin/member-levels', admin, level)).status).toBe(201);

    const sku = await given.skuWithStock(20, 10_000);
    const items = [{ skuId: sku.skuId, quantity: 1 }];
    expect((await call('GET', '/api/v1/member', await token('pt-grow'))).body).toMatchObject({
      level: { name: 'bronze' },
      growth: 0,
      nextLevel: { level: { name: 'silver' }, growthNeeded: 150 },
    });
    const first = await placeAndPay('pt-grow', [{ skuId: sku.skuId, quantity: 2 }]);
    const closeWindow = await completeAndCloseWindow('pt-grow', first.id);
    await closeWindow();
    await setClock(null);

    const me = await call('GET', '/api/v1/member', await token('pt-grow'));
    expect(me.body).toMatchObject({ level: { name: 'silver' }, growth: 200, nextLevel: null });
    expect(me.body.benefits).toContain('会员折扣 9.5 折');
    const preview = await call('POST', '/api/v1/orders/preview', await token('pt-grow'), { items });
    expect(preview.body.lines[0].unitPrice).toBe(9_500);
    expect(preview.body.discounts).toEqual([{ type: 'MEMBER_LEVEL', label: '会员折扣', amount: 500 }]);

    await placeAndPay('pt-grow', items);
    // ¥95 × 1.5 = 142 points, frozen (the first order's 200 are usable).
    expect(await points('pt-grow')).toMatchObject({ available: 200, frozen: 142 });
    const growth = await given.db().growthEntry.findMany({ where: { userId: userIdOf(await token('pt-grow')) } });
    expect(growth.map((g) => [g.reason, g.deltaFen])).toEqual([['COMPLETED', 20_000]]);
  });
});

describe('bad inputs', () => {
  it('every route answers 4xx with the error shape, never 500', async () => {
    const t = await token('pt-bad');
    const admin = await token('admin');
    const rules = (await call('GET', '/api/v1/admin/points-rules', admin)).body;
    expect(rules).toMatchObject({ deduction: { pointsPerYuan: 100, maxShareBp: 5_000, minUnit: 100 } });
    const table: Array<[string, string, string | undefined, unknown, number]> = [
      ['GET', '/api/v1/points', undefined, undefined, 401],
      ['GET', '/api/v1/points/entries?page=0', t, undefined, 400],
      ['GET', '/api/v1/points/entries?pageSize=1000', t, undefined, 400],
      ['GET', '/api/v1/points/entries?sort=x', t, undefined, 400],
      ['POST', '/api/v1/points/sign-in', undefined, {}, 401],
      ['POST', '/api/v1/points/sign-in', t, { points: 1000 }, 400],
      ['GET', '/api/v1/member', undefined, undefined, 401],
      ['GET', '/api/v1/member-day', undefined, undefined, 401],
      ['GET', '/api/v1/admin/points-rules', t, undefined, 403],
      ['PUT', '/api/v1/admin/points-rules', t, rules, 403],
      [
        'PUT',
        '/api/v1/admin/points-rules',
        admin,
        { ...rules, earn: { ...rules.earn, birthdayMultiplierBp: -1 } },
        400,
      ],
      [
        'PUT',
        '/api/v1/admin/points-rules',
        admin,
        { ...rules, deduction: { ...rules.deduction, maxShareBp: 12_000 } },
        400,
      ],
      ['PUT', '/api/v1/admin/points-rules', admin, { ...rules, deduction: { ...rules.deduction, minUnit: 0 } }, 400],
      ['PUT', '/api/v1/admin/points-rules', admin, { ...rules, signIn: { ...rules.signIn, bonusDay: 9 } }, 400],
      ['PUT', '/api/v1/admin/points-rules', admin, { ...rules, expiry: { yearsAfter: -1, noticeDays: 30 } }, 400],
      ['PUT', '/api/v1/admin/points-rules', admin, { earn: rules.earn }, 400],
      ['PUT', '/api/v1/admin/points-rules', admin, 'nonsense', 400],
      ['GET', '/api/v1/admin/member-levels', t, undefined, 403],
      [
        'POST',
        '/api/v1/admin/member-levels',
        admin,
        { name: '', minGrowth: 0, discountBp: 9_000, pointsMultiplierBp: 1 },
        400,
      ],
      [
        'POST',
        '/api/v1/admin/member-levels',
        admin,
        { name: 'x', minGrowth: -5, discountBp: 9_000, pointsMultiplierBp: 1 },
        400,
      ],
      [
        'POST',
        '/api/v1/admin/member-levels',
        admin,
        { name: 'x', minGrowth: 5, discountBp: 0, pointsMultiplierBp: 1 },
        400,
      ],
      [
        'POST',
        '/api/v1/admin/member-levels',
        admin,
        { name: 'x', minGrowth: 5, discountBp: 9_000, pointsMultiplierBp: 1.5 },
        400,
      ],
      ['DELETE', '/api/v1/admin/member-levels/999999', admin, undefined, 404],
      ['DELETE', '/api/v1/admin/member-levels/-1', admin, undefined, 400],
      [
        'PUT',
        '/api/v1/admin/member-days',
        admin,
        { enabled: true, kind: 'DAILY', days: [1], pointsMultiplierBp: 10_000 },
        400,
      ],
      [
        'PUT',
        '/api/v1/admin/member-days',
        admin,
        { enabled: true, kind: 'MONTHLY', days: [32], pointsMultiplierBp: 10_000 },
        400,
      ],
      [
        'PUT',
        '/api/v1/admin/member-days',
        admin,
        { enabled: true, kind: 'MONTHLY', days: [3, 3], pointsMultiplierBp: 10_000 },
        400,
      ],
      ['POST', '/api/v1/orders/preview', t, { items: [{ skuId: '1', quantity: 1 }], pointsToUse: -100 }, 400],
      ['POST', '/api/v1/orders/preview', t, { items: [{ skuId: '1', quantity: 1 }], pointsToUse: 100 }, 422],
    ];
    for (const [method, path, who, body, status] of table) {
      const result = await call(method, path, who, body);
      expect({ method, path, status: result.status }).toEqual({ method, path, status });
      expect(result.body.error).toEqual(
        expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
      );
    }
    // A sensible change is accepted and read back.
    const saved = await call('PUT', '/api/v1/admin/points-rules', admin, {
      ...rules,
      signIn: { ...rules.signIn, cycle: 'MONTHLY' },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.signIn.cycle).toBe('MONTHLY');
    await call('PUT', '/api/v1/admin/points-rules', admin, rules);
  });
});

describe('the contract', () => {
  it('publishes the points, member and member-day routes in the OpenAPI document', async () => {
    const doc = await call('GET', '/api/docs-json');
    expect(doc.status).toBe(200);
    for (const path of [
      '/api/v1/points',
      '/api/v1/points/entries',
      '/api/v1/points/sign-in',
      '/api/v1/member',
      '/api/v1/member-day',
      '/api/v1/admin/member-levels',
      '/api/v1/admin/member-levels/{id}',
      '/api/v1/admin/member-days',
      '/api/v1/admin/points-rules',
    ])
      expect(Object.keys(doc.body.paths)).toContain(path);
  });
});
