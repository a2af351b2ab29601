import { Clock } from '../../src/infra/clock';
import { http, loginAs } from '../support/http';
import { shop } from '../support/shop';
import { startStack, type Stack } from '../support/stack';

/**
 * 会员日 over HTTP: weekly on Wednesday for levels ≥ silver, Asia/Shanghai. With the clock at
 * Wednesday 00:00:30 and 23:59:30 Shanghai a silver member's preview and order get the member-day
 * price and the member-day points multiplier; Tuesday 23:59:30 and Thursday 00:00:30 they do not
 * (the silver discount applies instead); a bronze member never does.
 * (Buy-X-get-Y together with the member-day price and points: gifts.e2e-spec.ts.)
 */

let stack: Stack;
let given: ReturnType<typeof shop>;
let sku: { skuId: string; productId: string; price: number };
const levels: Record<string, string> = {};

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
const token = async (name: string) => (await loginAs(stack.baseUrl, name)).token;
const userIdOf = (t: string) => Number(JSON.parse(Buffer.from(t.split('.')[1], 'base64url').toString()).sub);

beforeAll(async () => {
  stack = await startStack({ label: 'memberday', seed: true });
  given = shop(stack);
  const admin = await token('admin');
  for (const [name, minGrowth, discountBp, memberDayAccess] of [
    ['bronze', 0, 10_000, false],
    ['silver', 1_000, 9_500, true],
    ['gold', 5_000, 9_000, true],
  ] as const) {
    const created = await call('POST', '/api/v1/admin/member-levels', admin, {
      name,
      minGrowth,
      discountBp,
      pointsMultiplierBp: 10_000,
      memberDayAccess,
    });
    expect(created.status).toBe(201);
    levels[name] = created.body.id;
  }
  sku = await given.skuWithStock(100, 10_000);
  const saved = await call('PUT', '/api/v1/admin/member-days', admin, {
    enabled: true,
    kind: 'WEEKLY',
    days: [3],
    levelIds: [levels.silver, levels.gold],
    pointsMultiplierBp: 20_000,
    prices: [{ skuId: sku.skuId, price: 6_000 }],
  });
  expect(saved.status).toBe(200);
  expect(saved.body).toMatchObject({ kind: 'WEEKLY', days: [3], prices: [{ skuId: sku.skuId, price: 6_000 }] });
});
afterAll(async () => {
  await setClock(null);
  await stack?.close();
});

/** A member at a level: silver has ¥1,500 of growth, bronze none. */
async function member(name: string, level: 'silver' | 'bronze'): Promise<string> {
  const t = await token(name);
  if (level === 'silver')
    await given.db().memberProfile.upsert({
      where: { userId: userIdOf(t) },
      create: { userId: userIdOf(t), growthFen: 150_000, levelId: Number(levels.silver) },
      update: { growthFen: 150_000 },
    });
  return t;
}

// 2026-12-02 is a Wednesday.
const cases = [
  ['Wednesday 00:00:30 Shanghai', '2026-12-01T16:00:30Z', true],
  ['Wednesday 23:59:30 Shanghai', '2026-12-02T15:59:30Z', true],
  ['Tuesday 23:59:30 Shanghai', '2026-12-01T15:59:30Z', false],
  ['Thursday 00:00:30 Shanghai', '2026-12-02T16:00:30Z', false],
] as const;

describe.each(cases)('at %s (%s)', (_name, instant, isMemberDay) => {
  const tag = instant.replace(/\D/g, '').slice(4, 12);

  it(`a silver member ${isMemberDay ? 'gets' : 'does not get'} the member-day price and points`, async () => {
    await setClock(instant);
    try {
      const t = await member(`md-silver-${tag}`, 'silver');
      const day = await call('GET', '/api/v1/member-day', t);
      expect(day.status).toBe(200);
      expect(day.body).toMatchObject({ today: isMemberDay, eligible: isMemberDay });

      const items = [{ skuId: sku.skuId, quantity: 1 }];
      const preview = await call('POST', '/api/v1/orders/preview', t, { items });
      expect(preview.status).toBe(200);
      const unit = isMemberDay ? 6_000 : 9_500; // 会员日价, else the silver discount
      expect(preview.body.lines[0].unitPrice).toBe(unit);
      expect(preview.body.discounts).toEqual([
        isMemberDay
          ? { type: 'ACTIVITY', label: '会员日价', amount: 4_000 }
          : { type: 'MEMBER_LEVEL', label: '会员折扣', amount: 500 },
      ]);

      const order = await given.order(t, { items, addressId: await given.addressFor(t) });
      expect(order.status).toBe(201);
      expect(order.body.lines[0].unitPrice).toBe(unit);
      await given.pay(t, order.body.id);
      await given.waitForStatus(t, order.body.id, ['TO_SHIP']);
      const points = await call('GET', '/api/v1/points', await token(`md-silver-${tag}`));
      // 1 point per yuan paid, ×2 on member day.
      expect(points.body).toMatchObject({ available: 0, frozen: isMemberDay ? 120 : 95 });
    } finally {
      await setClock(null);
    }
  });

  it('a bronze member never does', async () => {
    await setClock(instant);
    try {
      const t = await member(`md-bronze-${tag}`, 'bronze');
      expect((await call('GET', '/api/v1/member-day', t)).body).toMatchObject({ today: isMemberDay, eligible: false });
      const items = [{ skuId: sku.skuId, quantity: 1 }];
      const preview = await call('POST', '/api/v1/orders/preview', t, { items });
      expect(preview.body.lines[0].unitPrice).toBe(10_000);
      expect(preview.body.discounts).toEqual([]);
      const order = await given.order(t, { items, addressId: await given.addressFor(t) });
      expect(order.status).toBe(201);
      await given.pay(t, order.body.id);
      await given.waitForStatus(t, order.body.id, ['TO_SHIP']);
      expect((await call('GET', '/api/v1/points', await token(`md-bronze-${tag}`))).body.frozen).toBe(100);
    } finally {
      await setClock(null);
    }
  });
});

describe('the schedule and the levels', () => {
  it('GET /member-day names the next member day', async () => {
    await setClock('2026-12-01T04:00:00Z'); // Tuesday noon Shanghai
    try {
      const t = await member('md-next', 'silver');
      const day = await call('GET', '/api/v1/member-day', t);
      expect(day.body).toMatchObject({
        today: false,
        next: { date: '2026-12-02', startsAt: '2026-12-01T16:00:00.000Z' },
        benefits: { pointsMultiplierBp: 20_000, prices: [{ skuId: sku.skuId, price: 6_000 }] },
      });
      const me = await call('GET', '/api/v1/member', t);
      expect(me.body).toMatchObject({ level: { name: 'silver' }, growth: 1_500, nextLevel: { growthNeeded: 3_500 } });
    } finally {
      await setClock(null);
    }
  });

  it('refuses settings that make no sense, with a clear message', async () => {
    const admin = await token('admin');
    const level = { name: 'x', minGrowth: 10, discountBp: 9_000, pointsMultiplierBp: 10_000, memberDayAccess: true };
    const day = { enabled: true, kind: 'WEEKLY', days: [3], levelIds: [], pointsMultiplierBp: 20_000, prices: [] };
    const table: Array<[string, string, string, unknown, number, string]> = [
      [
        'a 120% discount',
        'POST',
        '/api/v1/admin/member-levels',
        { ...level, discountBp: -2_000 },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a price raise as discount',
        'POST',
        '/api/v1/admin/member-levels',
        { ...level, discountBp: 12_000 },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a negative level multiplier',
        'POST',
        '/api/v1/admin/member-levels',
        { ...level, pointsMultiplierBp: -1 },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a taken threshold',
        'POST',
        '/api/v1/admin/member-levels',
        { ...level, minGrowth: 1_000 },
        409,
        'MEMBER_LEVEL_GROWTH_TAKEN',
      ],
      ['an unknown level', 'PUT', '/api/v1/admin/member-levels/999999', level, 404, 'MEMBER_LEVEL_NOT_FOUND'],
      ['a bad level id', 'PUT', '/api/v1/admin/member-levels/abc', level, 400, 'VALIDATION_FAILED'],
      [
        'a negative member-day multiplier',
        'PUT',
        '/api/v1/admin/member-days',
        { ...day, pointsMultiplierBp: -10_000 },
        400,
        'VALIDATION_FAILED',
      ],
      ['weekday 8', 'PUT', '/api/v1/admin/member-days', { ...day, days: [8] }, 400, 'VALIDATION_FAILED'],
      ['no day', 'PUT', '/api/v1/admin/member-days', { ...day, days: [] }, 400, 'VALIDATION_FAILED'],
      [
        'an unknown SKU',
        'PUT',
        '/api/v1/admin/member-days',
        { ...day, prices: [{ skuId: '999999', price: 100 }] },
        422,
        'MEMBER_DAY_SKU_INVALID',
      ],
      [
        'a price above the SKU price',
        'PUT',
        '/api/v1/admin/member-days',
        { ...day, prices: [{ skuId: sku.skuId, price: 10_000 }] },
        422,
        'MEMBER_DAY_SKU_INVALID',
      ],
      [
        'an unknown level in the schedule',
        'PUT',
        '/api/v1/admin/member-days',
        { ...day, levelIds: ['999999'] },
        422,
        'MEMBER_DAY_SKU_INVALID',
      ],
    ];
    for (const [name, method, path, body, status, code] of table) {
      const result = await call(method, path, admin, body);
      expect({ name, status: result.status, code: result.body?.error?.code }).toEqual({ name, status, code });
      expect(result.body.error.message).toEqual(expect.any(String));
    }
    const refused = await call('POST', '/api/v1/admin/member-levels', admin, { ...level, discountBp: -2_000 });
    expect(JSON.stringify(refused.body.error.details)).toContain('discountBp');
    // Shoppers cannot change the settings.
    const shopper = await token('md-shopper');
    expect((await call('PUT', '/api/v1/admin/member-days', shopper, day)).status).toBe(403);
    expect((await call('GET', '/api/v1/admin/member-levels', shopper)).status).toBe(403);
    // Nothing changed.
    expect((await call('GET', '/api/v1/admin/member-days', admin)).body).toMatchObject({
      days: [3],
      pointsMultiplierBp: 20_000,
    });
  });
});
