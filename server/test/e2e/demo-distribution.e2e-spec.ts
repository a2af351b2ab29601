import { TeamCounters } from '../../src/distribution/team-counters';
import { PrismaService } from '../../src/infra/prisma/prisma.service';
import { DEMO_NETWORK, seedDemoDistribution } from '../../src/seed/demo-distribution';
import { http, loginAs } from '../support/http';
import { startStack, type Stack } from '../support/stack';

/** `npm start`'s distribution demo is real data: the ledger, the counters and the pages agree. */
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ label: 'demo_distribution', seed: true });
  const prisma = stack.server.app.get(PrismaService).client;
  const seeded = await seedDemoDistribution(prisma, {
    appid: stack.config.wechat.appid,
    timeZone: stack.config.shopTimeZone,
  });
  expect(seeded).toEqual({ skipped: false, orders: 4 });
  expect(
    await seedDemoDistribution(prisma, { appid: stack.config.wechat.appid, timeZone: stack.config.shopTimeZone }),
  ).toEqual({ skipped: true, orders: 0 });
});
afterAll(async () => stack?.close());

it('Carol sees settled, pending and reversed commissions from Bob; Alice earns L2', async () => {
  const carol = (await loginAs(stack.baseUrl, 'carol')).token;
  const me = (await http(stack.baseUrl, 'GET', '/api/v1/distribution/me', { token: carol })).body;
  expect(me).toMatchObject({ status: 'APPROVED', code: DEMO_NETWORK.carol.code, customers: 1 });
  expect(me.balances.balance).toBeGreaterThan(0);
  expect(me.balances.pending).toBeGreaterThan(0);
  const list = (await http(stack.baseUrl, 'GET', '/api/v1/distribution/commissions', { token: carol })).body;
  expect(new Set(list.items.map((c: { status: string }) => c.status))).toEqual(
    new Set(['SETTLED', 'PENDING', 'REVERSED']),
  );

  const alice = (await loginAs(stack.baseUrl, 'alice')).token;
  const team = (await http(stack.baseUrl, 'GET', '/api/v1/distribution/team', { token: alice })).body;
  expect(team).toMatchObject({ teamSize: 1, directCount: 1 });
  const prisma = stack.server.app.get(PrismaService).client;
  const carolId = Number((await loginAs(stack.baseUrl, 'carol')).user.id);
  const settled = await prisma.commission.aggregate({
    where: { beneficiaryId: carolId, level: 1, status: 'SETTLED' },
    _sum: { base: true },
  });
  expect(team.teamSales).toBe(settled._sum.base); // Carol's settled sales count for Alice's team
  const aliceId = Number((await loginAs(stack.baseUrl, 'alice')).user.id);
  const recount = await stack.server.app.get(TeamCounters).recount(aliceId);
  expect(recount).toEqual({ teamSize: team.teamSize, teamSales: team.teamSales });

  const admin = (await loginAs(stack.baseUrl, 'admin')).token;
  const check = (await http(stack.baseUrl, 'GET', '/api/v1/admin/distribution/ledger-check', { token: admin })).body;
  expect(check).toEqual({ distributors: 2, mismatches: [] });
});
