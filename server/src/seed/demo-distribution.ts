import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { postLedgerEntry } from '../distribution/commission-ledger';
import { lineCommissions } from '../distribution/commission.policy';
import { DEFAULT_DISTRIBUTION_SETTINGS } from '../distribution/settings.policy';
import { orderNumberAt } from '../order/order-number';
import { sandboxOpenid } from '../sandbox/sandbox-identity';

const DAY = 86_400_000;

/** The demo network: Alice (root) → Carol (her sub-distributor) → Bob, Carol's customer. */
export const DEMO_NETWORK = {
  alice: { code: 'K7M3PQ' },
  carol: { code: 'C8RLQ2' },
} as const;

/**
 * `npm start`'s distribution demo (not used by the tests' seed): settings with auto-approval,
 * Alice and Carol as distributors, Bob bound to Carol with a few weeks of orders — settled,
 * pending and one refunded — whose commissions went through the same policy and ledger as live
 * ones. Skipped when the shop already has distributors.
 */
export async function seedDemoDistribution(
  prisma: PrismaClient,
  options: { appid: string; timeZone: string; now?: Date },
): Promise<{ skipped: boolean; orders: number }> {
  if ((await prisma.distributor.count()) > 0) return { skipped: true, orders: 0 };
  const now = options.now ?? new Date();
  const user = (name: string) =>
    prisma.user.findUniqueOrThrow({ where: { openid: sandboxOpenid(options.appid, name) } });
  const [alice, carol, bob] = await Promise.all([user('alice'), user('carol'), user('bob')]);
  const settings = { ...DEFAULT_DISTRIBUTION_SETTINGS, application: { autoApprove: true, minSpend: 0 } };
  const { tiers: _tiers, ...stored } = settings;
  const skus = await prisma.sku.findMany({
    where: { stock: { gt: 0 }, product: { onShelf: true } },
    include: { product: { select: { title: true } } },
    orderBy: { id: 'asc' },
    take: 4,
  });

  let orders = 0;
  await prisma.$transaction(
    async (tx) => {
      await tx.distributionSetting.upsert({ where: { id: 1 }, create: { id: 1, data: stored }, update: {} });
      await tx.distributorTier.createMany({
        data: [
          { name: '铜牌', minSales: 0, l1RateBp: null, l2RateBp: null },
          { name: '银牌', minSales: 100_000, l1RateBp: 1200, l2RateBp: null },
          { name: '金牌', minSales: 500_000, l1RateBp: 1500, l2RateBp: 600 },
        ],
      });
      const aliceAt = new Date(now.getTime() - 40 * DAY);
      const carolAt = new Date(now.getTime() - 30 * DAY);
      const alicePath = `/${alice.id.toString(36)}/`;
      await tx.distributor.create({
        data: {
          userId: alice.id,
          status: 'APPROVED',
          code: DEMO_NETWORK.alice.code,
          path: alicePath,
          appliedAt: aliceAt,
          approvedAt: aliceAt,
          teamSize: 1,
          directCount: 1,
        },
      });
      await tx.customerBinding.create({
        data: { customerId: carol.id, distributorId: alice.id, source: 'LINK', boundAt: aliceAt, expiresAt: null },
      });
      await tx.distributor.create({
        data: {
          userId: carol.id,
          status: 'APPROVED',
          code: DEMO_NETWORK.carol.code,
          parentId: alice.id,
          path: `${alicePath}${carol.id.toString(36)}/`,
          depth: 1,
          appliedAt: carolAt,
          approvedAt: carolAt,
        },
      });
      const boundAt = new Date(now.getTime() - 28 * DAY);
      await tx.customerBinding.create({
        data: {
          customerId: bob.id,
          distributorId: carol.id,
          source: 'CODE',
          boundAt,
          expiresAt: new Date(boundAt.getTime() + 365 * DAY),
        },
      });
      await tx.bindingLog.createMany({
        data: [
          { customerId: carol.id, distributorId: alice.id, source: 'LINK', at: aliceAt },
          { customerId: bob.id, distributorId: carol.id, source: 'CODE', at: boundAt },
        ],
      });

      // Bob's orders: two settled (window closed), one still in its window, one refunded in full.
      const history = [
        { daysAgo: 25, sku: 0, quantity: 2, settled: true, refunded: false },
        { daysAgo: 18, sku: 1, quantity: 1, settled: true, refunded: false },
        { daysAgo: 9, sku: 2, quantity: 3, settled: false, refunded: true },
        { daysAgo: 3, sku: 3, quantity: 1, settled: false, refunded: false },
      ];
      for (const h of history) {
        const sku = skus[h.sku % skus.length];
        if (!sku) break;
        await seedOrder(tx, { ...h, sku, buyer: bob.id, l1: carol.id, l2: alice.id, now, timeZone: options.timeZone });
        orders += 1;
      }
    },
    { timeout: 30_000 },
  );
  return { skipped: false, orders };
}

async function seedOrder(
  tx: Prisma.TransactionClient,
  h: {
    sku: { id: number; productId: number; price: number; specs: Prisma.JsonValue; product: { title: string } };
    daysAgo: number;
    quantity: number;
    settled: boolean;
    refunded: boolean;
    buyer: number;
    l1: number;
    l2: number;
    now: Date;
    timeZone: string;
  },
) {
  const at = new Date(h.now.getTime() - h.daysAgo * DAY);
  const paid = h.sku.price * h.quantity;
  const completedAt = new Date(at.getTime() + 3 * DAY);
  const deadline = new Date(completedAt.getTime() + 7 * DAY);
  const order = await tx.order.create({
    data: {
      orderNo: orderNumberAt(at, h.timeZone),
      userId: h.buyer,
      status: h.refunded ? 'CLOSED' : 'COMPLETED',
      goodsAmount: paid,
      shippingFee: 0,
      payable: paid,
      refundedAmount: h.refunded ? paid : 0,
      address: {
        name: 'Bob',
        phone: '13800000000',
        province: '浙江省',
        city: '杭州市',
        district: '西湖区',
        detail: '文三路 1 号',
      },
      expiresAt: new Date(at.getTime() + 15 * 60_000),
      paidAt: at,
      shippedAt: new Date(at.getTime() + DAY),
      completedAt,
      aftersaleDeadline: deadline,
      aftersaleClosedAt: h.settled ? deadline : null,
      closedAt: h.refunded ? new Date(at.getTime() + 4 * DAY) : null,
      createdAt: at,
      lines: {
        create: [
          {
            productId: h.sku.productId,
            skuId: h.sku.id,
            title: h.sku.product.title,
            specs: h.sku.specs ?? {},
            unitPrice: h.sku.price,
            quantity: h.quantity,
            goodsAmount: paid,
            paidAmount: paid,
            refundedAmount: h.refunded ? paid : 0,
          },
        ],
      },
    },
    include: { lines: true },
  });
  const line = order.lines[0];
  await tx.orderReferral.create({
    data: { orderId: order.id, buyerId: h.buyer, l1Id: h.l1, l2Id: h.l2, createdAt: at },
  });
  const earned = lineCommissions({ paidAmount: paid, quantity: h.quantity, activity: null }, [1, 2], {
    shop: { l1: DEFAULT_DISTRIBUTION_SETTINGS.l1RateBp, l2: DEFAULT_DISTRIBUTION_SETTINGS.l2RateBp },
    levels: 2,
    rule: null,
    tierRate: {},
    activityEarns: false,
  });
  for (const c of earned) {
    const beneficiaryId = c.level === 1 ? h.l1 : h.l2;
    const status = h.refunded ? 'REVERSED' : h.settled ? 'SETTLED' : 'PENDING';
    const row = await tx.commission.create({
      data: {
        orderId: order.id,
        orderLineId: line.id,
        beneficiaryId,
        buyerId: h.buyer,
        level: c.level,
        base: paid,
        refundedBase: h.refunded ? paid : 0,
        amount: c.amount,
        reversedAmount: h.refunded ? c.amount : 0,
        rule: c.rule,
        productTitle: line.title,
        status,
        createdAt: at,
        paidAt: at,
        settledAt: h.settled ? deadline : null,
      },
    });
    const note = `L${c.level} ${line.title}`;
    await postLedgerEntry(tx, {
      distributorId: beneficiaryId,
      type: 'COMMISSION_EARNED',
      commissionId: row.id,
      movement: { pending: c.amount },
      at,
      note,
    });
    if (h.refunded)
      await postLedgerEntry(tx, {
        distributorId: beneficiaryId,
        type: 'COMMISSION_REVERSED',
        commissionId: row.id,
        movement: { pending: -c.amount },
        at: order.closedAt ?? at,
        note: `退款 ${note}`,
      });
    if (h.settled) {
      await postLedgerEntry(tx, {
        distributorId: beneficiaryId,
        type: 'COMMISSION_SETTLED',
        commissionId: row.id,
        movement: { pending: -c.amount, balance: c.amount },
        at: deadline,
        note: `结算 ${note}`,
      });
      if (c.level === 1) {
        await tx.distributor.update({ where: { userId: h.l1 }, data: { ownSales: { increment: paid } } });
        await tx.distributor.update({ where: { userId: h.l2 }, data: { teamSales: { increment: paid } } });
      }
    }
  }
}
