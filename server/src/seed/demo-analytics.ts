import type { TrafficSource } from '@weshop/shared';
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { addDays, dayWindow, localDay } from '../analytics/period.policy';
import { postLedgerEntry } from '../distribution/commission-ledger';
import { lineCommissions } from '../distribution/commission.policy';
import { DEFAULT_DISTRIBUTION_SETTINGS } from '../distribution/settings.policy';
import { orderNumberAt } from '../order/order-number';
import { sandboxOpenid, sandboxUnionid } from '../sandbox/sandbox-identity';
import { DEMO_NETWORK } from './demo-distribution';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** How many past days of history the demo shop gets (plus today so far). */
export const DEMO_ANALYTICS_DAYS = 35;

/** Two WeChat groups the demo's shares were opened from (opengids as WeChat gives them). */
export const DEMO_WECHAT_GROUPS = {
  coffee: 'tGdemoCoffeeClub00000001',
  home: 'tGdemoHomeGoods00000002',
} as const;

/** The demo communities, created when the shop has none: Carol runs 咖啡同好会, Alice 居家好物. */
export const DEMO_COMMUNITIES = [
  {
    key: 'coffee',
    name: '咖啡同好会',
    intro: '一起聊豆子、器具和手冲心得，每周团购新鲜烘焙的豆子。',
    manager: 'carol',
    group: DEMO_WECHAT_GROUPS.coffee,
    posts: ['本周团购：埃塞俄比亚耶加雪菲', '新手手冲入门：从磨豆到注水'],
  },
  {
    key: 'home',
    name: '居家好物分享',
    intro: '分享让家里更舒服的小物件，群友专享价。',
    manager: 'alice',
    group: DEMO_WECHAT_GROUPS.home,
    posts: ['收纳神器开箱：小户型也能整整齐齐', '换季床品怎么选'],
  },
] as const;

const SHOPPERS = 72;
const NICKNAMES = ['小林', '阿杰', '小美', '大橙子', '木木', '阿宁', '晴天', '豆豆', '可乐', '小鹿', '团团', '糖糖'];

export interface DemoAnalyticsResult {
  skipped: boolean;
  /** The past days seeded (shop-local), oldest first; each needs a rollup. */
  days: string[];
  visits: number;
  events: number;
  orders: number;
  refunded: number;
  groupBuys: { succeeded: number; failed: number };
  reviews: number;
}

/** A small deterministic PRNG so every seeded shop shows the same history. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

type Sku = { id: number; productId: number; price: number; specs: Prisma.JsonValue; product: { title: string } };

interface PlannedVisit {
  userId: number | null;
  deviceId: string | null;
  source: TrafficSource;
  scene: number | null;
  path: string;
  opengid: string | null;
  sharerId: number | null;
  ref: string | null;
  postId: number | null;
  communityId: number | null;
  createdAt: Date;
}

interface PlannedEvent {
  visit: PlannedVisit;
  type: 'PAGE_VIEW' | 'PRODUCT_VIEW' | 'POST_VIEW' | 'SHARE' | 'ADD_TO_CART';
  page: string | null;
  productId: number | null;
  postId: number | null;
  at: Date;
}

interface PlannedOrder {
  visit: PlannedVisit;
  buyerId: number;
  sku: Sku;
  quantity: number;
  createdAt: Date;
  /** null: never paid (cancelled at its deadline). */
  paidAt: Date | null;
  refund: 'none' | 'full' | 'partial';
}

/**
 * `npm start`'s analytics demo: five weeks of a lively shop, so every dashboard (数据看板, a
 * community's 数据) shows real figures on first start. Visits from every traffic source — two
 * WeChat groups tied to the demo communities, their posts, Alice's and Carol's shares and codes —
 * with page, product and post views, shares and add-to-carts; the orders those visits led to,
 * paid (a few never paid, one refunded in full, one in part) with their payments, timelines,
 * attribution, referral commissions and reviews; a 拼团 campaign with groups that succeeded and
 * groups that failed and were refunded. Complete rows inserted in bulk in one transaction (the
 * real services would need the clock moved per order: far too slow for hundreds of orders), each
 * as the services would have written it. Skipped when the shop already has visits or orders.
 */
export async function seedDemoAnalytics(
  prisma: PrismaClient,
  options: { appid: string; timeZone: string; now?: Date; days?: number },
): Promise<DemoAnalyticsResult> {
  const none: DemoAnalyticsResult = {
    skipped: true,
    days: [],
    visits: 0,
    events: 0,
    orders: 0,
    refunded: 0,
    groupBuys: { succeeded: 0, failed: 0 },
    reviews: 0,
  };
  if ((await prisma.visit.count()) > 0 || (await prisma.orderAttribution.count()) > 0) return none;
  const now = options.now ?? new Date();
  const tz = options.timeZone;
  const random = prng(20260301);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const chance = (p: number) => random() < p;

  const demo = async (name: string) =>
    prisma.user.findUnique({ where: { openid: sandboxOpenid(options.appid, name) } });
  const [admin, alice, carol] = await Promise.all([demo('admin'), demo('alice'), demo('carol')]);
  if (!admin || !alice || !carol) throw new Error('seed the demo shop (users) before the analytics history');
  const distributors = await prisma.distributor.findMany({
    where: { code: { in: [DEMO_NETWORK.alice.code, DEMO_NETWORK.carol.code] }, status: 'APPROVED' },
  });
  const aliceDistributor = distributors.find((d) => d.userId === alice.id) ?? null;
  const carolDistributor = distributors.find((d) => d.userId === carol.id) ?? null;
  const skus: Sku[] = [];
  for (const sku of await prisma.sku.findMany({
    where: { stock: { gt: 50 }, product: { onShelf: true } },
    include: { product: { select: { title: true } } },
    orderBy: { id: 'asc' },
  })) {
    if (!skus.some((s) => s.productId === sku.productId)) skus.push(sku);
    if (skus.length === 14) break;
  }
  if (skus.length < 4) throw new Error('the demo catalog has too few SKUs in stock for the analytics history');

  // Demo shoppers (logged in as sandbox:shopperNN), created once.
  await prisma.user.createMany({
    data: Array.from({ length: SHOPPERS }, (_, i) => {
      const name = `shopper${String(i + 1).padStart(2, '0')}`;
      return {
        openid: sandboxOpenid(options.appid, name),
        unionid: sandboxUnionid(name),
        nickname: `${NICKNAMES[i % NICKNAMES.length]}${i + 1}`,
        createdAt: new Date(now.getTime() - (DEMO_ANALYTICS_DAYS + 5) * DAY),
      };
    }),
    skipDuplicates: true,
  });
  const shopperRows = await prisma.user.findMany({
    where: {
      openid: {
        in: Array.from({ length: SHOPPERS }, (_, i) =>
          sandboxOpenid(options.appid, `shopper${String(i + 1).padStart(2, '0')}`),
        ),
      },
    },
    orderBy: { id: 'asc' },
  });
  const shoppers = shopperRows.map((u) => u.id);
  const openidOf = new Map(shopperRows.map((u) => [u.id, u.openid]));
  const shopperIndex = new Map(shoppers.map((id, i) => [id, i]));

  const totalDays = options.days ?? DEMO_ANALYTICS_DAYS;
  const today = localDay(now, tz);
  const days = Array.from({ length: totalDays }, (_, i) => addDays(today, i - totalDays));
  const result: DemoAnalyticsResult = { ...none, skipped: false, days };

  await prisma.$transaction(
    async (tx) => {
      // ——— communities, their managers, posts (created only in a shop without communities) ———
      const start = dayWindow(days[0], tz).start;
      let communities = await tx.community.findMany({ orderBy: { id: 'asc' }, take: 2 });
      if (communities.length === 0) {
        for (const c of DEMO_COMMUNITIES) {
          const manager = c.manager === 'carol' ? carol : alice;
          const at = new Date(start.getTime() - 5 * DAY);
          const community = await tx.community.create({
            data: { name: c.name, intro: c.intro, memberCount: 1, createdAt: at },
          });
          await tx.communityMember.create({
            data: { communityId: community.id, userId: manager.id, role: 'MANAGER', source: 'MANUAL', joinedAt: at },
          });
          await tx.userRole.upsert({
            where: { userId_role: { userId: manager.id, role: 'COMMUNITY_MANAGER' } },
            create: { userId: manager.id, role: 'COMMUNITY_MANAGER' },
            update: {},
          });
          for (const [n, title] of c.posts.entries()) {
            const publishedAt = new Date(start.getTime() - (4 - n * 2) * DAY);
            const post = await tx.post.create({
              data: {
                communityId: community.id,
                authorId: manager.id,
                type: 'NOTE',
                title,
                text: `${title}。欢迎在评论区聊聊你的想法，喜欢就点个赞吧！`,
                images: [],
                status: 'PUBLISHED',
                publishedAt,
                authorRef: c.manager === 'carol' ? (carolDistributor?.code ?? null) : (aliceDistributor?.code ?? null),
                createdAt: publishedAt,
              },
            });
            await tx.postProduct.create({
              data: { postId: post.id, productId: skus[(n + (c.key === 'home' ? 2 : 0)) % skus.length].productId },
            });
          }
          await tx.community.update({ where: { id: community.id }, data: { postCount: c.posts.length } });
        }
        communities = await tx.community.findMany({ orderBy: { id: 'asc' }, take: 2 });
      }
      const posts = await tx.post.findMany({
        where: { communityId: { in: communities.map((c) => c.id) }, status: 'PUBLISHED' },
        orderBy: { id: 'asc' },
      });
      const groupOf = (communityId: number) =>
        communityId === communities[0]?.id ? DEMO_WECHAT_GROUPS.coffee : DEMO_WECHAT_GROUPS.home;

      // ——— the plan: visits, events, orders per day ———
      const visits: PlannedVisit[] = [];
      const events: PlannedEvent[] = [];
      const orders: PlannedOrder[] = [];
      const boundTo = new Map<number, { distributorId: number; at: Date; source: 'LINK' | 'CODE' }>();
      const joined = new Map<string, Date>();
      const groupSeen = new Map<string, { first: Date; last: Date }>();
      let anonymous = 0;
      let fullRefunds = 0;
      let partialRefunds = 0;

      const allDays = [...days, today];
      for (const [d, day] of allDays.entries()) {
        const { start: dayStart } = dayWindow(day, tz);
        const weekend = [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
        const count = Math.round((18 + d * 0.5) * (weekend ? 1.35 : 1) + random() * 10);
        for (let v = 0; v < count; v += 1) {
          // 08:00–22:59 shop time; today only up to now.
          const at = new Date(dayStart.getTime() + 8 * HOUR + Math.floor(random() * 15 * HOUR) + v);
          if (at.getTime() >= now.getTime()) continue;
          const roll = random();
          const source: TrafficSource =
            roll < 0.24
              ? 'GROUP_CHAT'
              : roll < 0.42
                ? 'SINGLE_CHAT'
                : roll < 0.52
                  ? 'MOMENTS'
                  : roll < 0.62
                    ? 'CODE'
                    : roll < 0.72
                      ? 'SEARCH'
                      : roll < 0.97
                        ? 'DIRECT'
                        : 'OTHER';
          const anonymousVisit = chance(0.15) && source !== 'GROUP_CHAT';
          const userId = anonymousVisit ? null : pick(shoppers);
          const deviceId = anonymousVisit ? `demo-device-${String(++anonymous % 40).padStart(4, '0')}` : null;
          // Each shopper belongs to one audience (one community, its WeChat group); devices to any.
          const community = communities.length
            ? userId
              ? communities[(shopperIndex.get(userId) ?? 0) % communities.length]
              : pick(communities)
            : null;
          const post =
            community && chance(0.55)
              ? (posts.find((p) => p.communityId === community.id && chance(0.6)) ?? null)
              : null;
          const sharer = pick([aliceDistributor, carolDistributor, null]);
          const visit: PlannedVisit = {
            userId,
            deviceId,
            source,
            scene: {
              SINGLE_CHAT: 1007,
              GROUP_CHAT: 1044,
              MOMENTS: 1154,
              CODE: 1047,
              SEARCH: 1005,
              DIRECT: 1089,
              OTHER: 1037,
            }[source],
            path: 'pages/home/index',
            opengid: null,
            sharerId: null,
            ref: null,
            postId: null,
            communityId: null,
            createdAt: at,
          };
          if (source === 'GROUP_CHAT' && community) {
            visit.opengid = groupOf(community.id);
            visit.communityId = community.id;
            visit.postId = post?.id ?? null;
            visit.path = post ? 'subpackages/community/post/index' : 'pages/community/index';
          } else if ((source === 'SINGLE_CHAT' || source === 'MOMENTS' || source === 'CODE') && sharer) {
            visit.sharerId = sharer.userId;
            visit.ref = sharer.code;
            visit.path = 'pages/product/index';
          } else if (source === 'SINGLE_CHAT' && community && post) {
            visit.communityId = community.id;
            visit.postId = post.id;
            visit.path = 'subpackages/community/post/index';
          }
          visits.push(visit);

          if (userId && visit.opengid) {
            const seen = groupSeen.get(`${userId}|${visit.opengid}`);
            groupSeen.set(`${userId}|${visit.opengid}`, { first: seen?.first ?? at, last: at });
          }
          if (userId && visit.communityId && !joined.has(`${visit.communityId}|${userId}`) && chance(0.5))
            joined.set(`${visit.communityId}|${userId}`, new Date(at.getTime() + 2 * MINUTE));
          if (userId && visit.sharerId && !boundTo.has(userId) && userId !== visit.sharerId)
            boundTo.set(userId, { distributorId: visit.sharerId, at, source: source === 'CODE' ? 'CODE' : 'LINK' });

          // What they did on this visit.
          let t = at.getTime() + 1_000;
          const event = (type: PlannedEvent['type'], extra: Partial<PlannedEvent> = {}) => {
            t += 5_000 + Math.floor(random() * 60_000);
            events.push({ visit, type, page: visit.path, productId: null, postId: null, at: new Date(t), ...extra });
          };
          event('PAGE_VIEW', { page: 'pages/home/index' });
          if (chance(0.5)) event('PAGE_VIEW', { page: 'pages/category/index' });
          if (visit.postId) event('POST_VIEW', { page: 'subpackages/community/post/index', postId: visit.postId });
          const browsed: Sku[] = [];
          const views = Math.floor(random() * 4) + (visit.path === 'pages/product/index' ? 1 : 0);
          for (let k = 0; k < views; k += 1) {
            const sku = pick(skus);
            browsed.push(sku);
            event('PRODUCT_VIEW', { page: 'pages/product/index', productId: sku.productId });
          }
          if (chance(0.08)) event('SHARE', { page: 'pages/product/index', productId: browsed[0]?.productId ?? null });
          const sku = browsed[browsed.length - 1];
          if (!sku || !chance(0.42)) continue;
          event('ADD_TO_CART', { page: 'pages/product/index', productId: sku.productId });
          if (!userId || !chance(0.55)) continue;
          const createdAt = new Date(t + 90_000);
          const paid = chance(0.88);
          const paidAt = paid ? new Date(createdAt.getTime() + 2 * MINUTE) : null;
          if (paidAt && paidAt.getTime() >= now.getTime()) continue;
          const refund =
            paid && d < totalDays - 6 && fullRefunds < 2 && chance(0.05)
              ? 'full'
              : paid && d < totalDays - 10 && partialRefunds < 2 && chance(0.05)
                ? 'partial'
                : 'none';
          if (refund === 'full') fullRefunds += 1;
          if (refund === 'partial') partialRefunds += 1;
          orders.push({
            visit,
            buyerId: userId,
            sku,
            quantity: 1 + Math.floor(random() * 2),
            createdAt,
            paidAt,
            refund,
          });
        }
      }

      // ——— visits and events (bulk) ———
      await tx.visit.createMany({ data: visits });
      const visitIds = new Map<string, number>();
      const visitKey = (v: { userId: number | null; deviceId: string | null; createdAt: Date }) =>
        `${v.userId ?? v.deviceId}|${v.createdAt.getTime()}`;
      for (const row of await tx.visit.findMany({
        select: { id: true, userId: true, deviceId: true, createdAt: true },
      }))
        visitIds.set(visitKey(row), row.id);
      for (let i = 0; i < events.length; i += 2_000) {
        await tx.analyticsEvent.createMany({
          data: events.slice(i, i + 2_000).map((e) => ({
            type: e.type,
            userId: e.visit.userId,
            deviceId: e.visit.deviceId,
            visitId: visitIds.get(visitKey(e.visit)) ?? null,
            page: e.page,
            productId: e.productId,
            postId: e.postId,
            at: e.at,
            receivedAt: new Date(e.at.getTime() + 2_000),
          })),
        });
      }
      result.visits = visits.length;
      result.events = events.length;

      // ——— what the visits left behind: groups seen, members joined, customers bound ———
      await tx.userWechatGroup.createMany({
        data: [...groupSeen].map(([key, seen]) => {
          const [userId, opengid] = key.split('|');
          return { userId: Number(userId), opengid, firstSeenAt: seen.first, lastSeenAt: seen.last };
        }),
        skipDuplicates: true,
      });
      await tx.communityMember.createMany({
        data: [...joined].map(([key, at]) => {
          const [communityId, userId] = key.split('|').map(Number);
          return { communityId, userId, role: 'MEMBER' as const, source: 'LINK', joinedAt: at };
        }),
        skipDuplicates: true,
      });
      for (const c of communities)
        await tx.community.update({
          where: { id: c.id },
          data: { memberCount: await tx.communityMember.count({ where: { communityId: c.id } }) },
        });
      const alreadyBound = new Set(
        (await tx.customerBinding.findMany({ select: { customerId: true } })).map((b) => b.customerId),
      );
      const bindings = [...boundTo].filter(([customerId]) => !alreadyBound.has(customerId));
      await tx.customerBinding.createMany({
        data: bindings.map(([customerId, b]) => ({
          customerId,
          distributorId: b.distributorId,
          source: b.source,
          boundAt: b.at,
          expiresAt: new Date(b.at.getTime() + 365 * DAY),
        })),
      });
      await tx.bindingLog.createMany({
        data: bindings.map(([customerId, b]) => ({
          customerId,
          distributorId: b.distributorId,
          source: b.source,
          at: b.at,
        })),
      });
      const parentOf = new Map(distributors.map((d) => [d.userId, d.parentId]));

      // ——— orders ———
      const batch: OrderBatch = {
        events: [],
        attributions: [],
        reviews: [],
        shipments: [],
        shippingUploads: [],
        sold: new Map(),
      };
      for (const o of orders) {
        const binding = boundTo.get(o.buyerId);
        const l1 = binding && binding.at <= o.createdAt && !alreadyBound.has(o.buyerId) ? binding.distributorId : null;
        await seedOrder(tx, batch, {
          ...o,
          visitId: visitIds.get(visitKey(o.visit)) ?? null,
          l1,
          l2: l1 ? (parentOf.get(l1) ?? null) : null,
          now,
          timeZone: tz,
          openid: openidOf.get(o.buyerId) ?? '',
          review: chance(0.45)
            ? { product: pick([5, 5, 5, 4, 4, 3]), logistics: pick([5, 5, 4, 4]), service: pick([5, 5, 5, 4]) }
            : null,
        }).then((r) => {
          result.orders += 1;
          if (r.refunded) result.refunded += 1;
          if (r.reviewed) result.reviews += 1;
        });
      }

      // ——— a 拼团 campaign: three groups succeeded, two failed and were refunded ———
      const gbSku = skus[1];
      const campaignStart = dayWindow(days[Math.max(0, days.length - 21)], tz).start;
      const campaign = await tx.groupBuyCampaign.create({
        data: {
          title: `${gbSku.product.title} 3人团`,
          productId: gbSku.productId,
          groupSize: 3,
          durationMinutes: 24 * 60,
          startsAt: campaignStart,
          endsAt: new Date(campaignStart.getTime() + 14 * DAY),
          quota: 100,
          perOrderLimit: 2,
          perUserLimit: 2,
          createdBy: admin.id,
          createdAt: new Date(campaignStart.getTime() - HOUR),
          skus: {
            create: [{ skuId: gbSku.id, groupPrice: Math.round((gbSku.price * 0.8) / 100) * 100 || gbSku.price }],
          },
        },
      });
      const groupPrice = Math.round((gbSku.price * 0.8) / 100) * 100 || gbSku.price;
      const outcomes: Array<'SUCCEEDED' | 'FAILED'> = ['SUCCEEDED', 'FAILED', 'SUCCEEDED', 'SUCCEEDED', 'FAILED'];
      for (const [g, outcome] of outcomes.entries()) {
        const openedAt = new Date(campaignStart.getTime() + (g * 2 + 1) * DAY + 10 * HOUR);
        const members = outcome === 'SUCCEEDED' ? 3 : 1;
        const buyers = Array.from({ length: members }, (_, m) => shoppers[(g * 7 + m * 3 + 5) % shoppers.length]);
        const endedAt =
          outcome === 'SUCCEEDED'
            ? new Date(openedAt.getTime() + (members - 1) * 3 * HOUR + MINUTE)
            : new Date(openedAt.getTime() + DAY);
        const group = await tx.groupBuyGroup.create({
          data: {
            campaignId: campaign.id,
            leaderId: buyers[0],
            size: 3,
            seatsTaken: members,
            paidCount: members,
            status: outcome,
            openedAt,
            expiresAt: new Date(openedAt.getTime() + DAY),
            succeededAt: outcome === 'SUCCEEDED' ? endedAt : null,
            failedAt: outcome === 'FAILED' ? endedAt : null,
            createdAt: new Date(openedAt.getTime() - 2 * MINUTE),
          },
        });
        for (const [m, buyerId] of buyers.entries()) {
          const createdAt = new Date(openedAt.getTime() + m * 3 * HOUR - 2 * MINUTE);
          const visit: PlannedVisit = {
            userId: buyerId,
            deviceId: null,
            source: m === 0 ? 'DIRECT' : 'GROUP_CHAT',
            scene: m === 0 ? 1089 : 1044,
            path: m === 0 ? 'pages/product/index' : 'subpackages/groupbuy/group/index',
            opengid: m === 0 ? null : DEMO_WECHAT_GROUPS.coffee,
            sharerId: m === 0 ? null : buyers[0],
            ref: null,
            postId: null,
            communityId: null,
            createdAt: new Date(createdAt.getTime() - 3 * MINUTE),
          };
          const created = await tx.visit.create({ data: { ...visit, groupBuyId: m === 0 ? null : group.id } });
          await tx.analyticsEvent.createMany({
            data: (['PAGE_VIEW', 'PRODUCT_VIEW'] as const).map((type, k) => ({
              type,
              userId: buyerId,
              visitId: created.id,
              page: type === 'PAGE_VIEW' ? visit.path : 'pages/product/index',
              productId: type === 'PRODUCT_VIEW' ? gbSku.productId : null,
              at: new Date(visit.createdAt.getTime() + (k + 1) * 20_000),
              receivedAt: new Date(visit.createdAt.getTime() + (k + 1) * 20_000 + 2_000),
            })),
          });
          result.visits += 1;
          result.events += 2;
          const order = await seedOrder(tx, batch, {
            visit,
            visitId: created.id,
            buyerId,
            sku: { ...gbSku, price: groupPrice },
            quantity: 1,
            createdAt,
            paidAt: new Date(createdAt.getTime() + MINUTE),
            refund: outcome === 'FAILED' ? 'groupFailed' : 'none',
            refundAt: outcome === 'FAILED' ? new Date(endedAt.getTime() + MINUTE) : undefined,
            kind: 'GROUP_BUY',
            l1: null,
            l2: null,
            now,
            timeZone: tz,
            openid: openidOf.get(buyerId) ?? '',
            review: null,
          });
          await tx.groupBuyMember.create({
            data: {
              groupId: group.id,
              userId: buyerId,
              orderId: order.orderId,
              isLeader: m === 0,
              quantity: 1,
              status: outcome === 'FAILED' ? 'REFUNDED' : 'PAID',
              heldUntil: new Date(createdAt.getTime() + 15 * MINUTE),
              paidAt: new Date(createdAt.getTime() + MINUTE),
              createdAt,
            },
          });
          result.orders += 1;
          if (order.refunded) result.refunded += 1;
        }
        if (outcome === 'SUCCEEDED') result.groupBuys.succeeded += 1;
        else result.groupBuys.failed += 1;
      }
      await flushOrders(tx, batch);
      await tx.groupBuyCampaign.update({
        where: { id: campaign.id },
        data: { quotaUsed: result.groupBuys.succeeded * 3 },
      });

      // Post view counts agree with the views recorded.
      for (const post of posts)
        await tx.post.update({
          where: { id: post.id },
          data: { viewCount: events.filter((e) => e.type === 'POST_VIEW' && e.postId === post.id).length },
        });
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
  return result;
}

/** Rows of many orders written together at the end (one statement each instead of one per order). */
interface OrderBatch {
  events: Prisma.OrderEventCreateManyInput[];
  attributions: Prisma.OrderAttributionCreateManyInput[];
  reviews: Prisma.ReviewCreateManyInput[];
  shipments: Prisma.ShipmentCreateManyInput[];
  shippingUploads: Prisma.WechatShippingUploadCreateManyInput[];
  /** Units sold by SKU. */
  sold: Map<number, number>;
}

async function flushOrders(tx: Prisma.TransactionClient, batch: OrderBatch): Promise<void> {
  await tx.orderEvent.createMany({ data: batch.events });
  await tx.orderAttribution.createMany({ data: batch.attributions });
  await tx.review.createMany({ data: batch.reviews });
  await tx.shipment.createMany({ data: batch.shipments });
  await tx.wechatShippingUpload.createMany({ data: batch.shippingUploads });
  for (const [id, units] of batch.sold) await tx.sku.update({ where: { id }, data: { stock: { decrement: units } } });
}

/** What rolls a day up (the analytics RollupService): the dashboards read past days from rollups. */
export interface DayRollups {
  rollRange(from: string, to: string): Promise<number>;
}

/** Prisma's "write conflict or deadlock, retry the transaction". */
const isWriteConflict = (error: unknown) => (error as { code?: string } | null)?.code === 'P2034';

/**
 * Rolls up every seeded past day, oldest first; the number of days rolled. A day is retried when
 * its rollup collided with the running server's sweeper rolling the same day (`npm run seed`
 * beside a running server, or the tests' stack).
 */
export async function rollUpSeededDays(rollups: DayRollups, days: readonly string[]): Promise<number> {
  let rolled = 0;
  for (const day of days) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        rolled += await rollups.rollRange(day, day);
        break;
      } catch (error) {
        if (!isWriteConflict(error) || attempt === 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  }
  return rolled;
}

/**
 * One order as the services leave it: lines, the timeline, the payment, attribution from the
 * visit, the referral chain with its commissions and ledger entries, the parcel and WeChat's
 * shipping upload, completion by its age, refunds (in full: closed; in part: an approved after-sale), stock sold, and a review.
 */
async function seedOrder(
  tx: Prisma.TransactionClient,
  batch: OrderBatch,
  o: {
    visit: PlannedVisit;
    visitId: number | null;
    buyerId: number;
    sku: Sku;
    quantity: number;
    createdAt: Date;
    paidAt: Date | null;
    refund: 'none' | 'full' | 'partial' | 'groupFailed';
    refundAt?: Date;
    kind?: 'NORMAL' | 'GROUP_BUY';
    l1: number | null;
    l2: number | null;
    now: Date;
    timeZone: string;
    openid: string;
    review: { product: number; logistics: number; service: number } | null;
  },
): Promise<{ orderId: number; refunded: boolean; reviewed: boolean }> {
  const now = o.now.getTime();
  const goods = o.sku.price * o.quantity;
  const shippingFee = goods >= 9_900 ? 0 : 800;
  const payable = goods + shippingFee;
  const paidAt = o.paidAt;
  const past = (at: Date | null) => (at && at.getTime() < now ? at : null);
  const fullRefund = o.refund === 'full' || o.refund === 'groupFailed';
  const refundAt = fullRefund && paidAt ? (o.refundAt ?? new Date(paidAt.getTime() + 5 * HOUR)) : null;
  const shippedAt = paidAt && !fullRefund ? past(new Date(paidAt.getTime() + 20 * HOUR)) : null;
  const completedAt = shippedAt ? past(new Date(shippedAt.getTime() + 3 * DAY)) : null;
  const deadline = completedAt ? new Date(completedAt.getTime() + 7 * DAY) : null;
  const partialAmount = o.refund === 'partial' && completedAt ? Math.floor(goods / 2) : 0;
  const status = !paidAt
    ? 'CANCELLED'
    : fullRefund
      ? 'CLOSED'
      : completedAt
        ? 'COMPLETED'
        : shippedAt
          ? 'SHIPPED'
          : 'TO_SHIP';
  const lineRefund = fullRefund ? goods : partialAmount;
  const expiresAt = new Date(o.createdAt.getTime() + 15 * MINUTE);

  const orderNo = orderNumberAt(o.createdAt, o.timeZone);
  const order = await tx.order.create({
    data: {
      orderNo,
      userId: o.buyerId,
      status,
      kind: o.kind ?? 'NORMAL',
      goodsAmount: goods,
      shippingFee,
      payable,
      refundedAmount: fullRefund ? payable : partialAmount,
      address: {
        name: '演示买家',
        phone: '13800000000',
        province: '浙江省',
        city: '杭州市',
        district: '西湖区',
        detail: '文三路 1 号',
      },
      expiresAt,
      paidAt,
      shippedAt,
      autoConfirmAt: shippedAt ? new Date(shippedAt.getTime() + 10 * DAY) : null,
      completedAt,
      aftersaleDeadline: deadline,
      aftersaleClosedAt: deadline && deadline.getTime() < now ? deadline : null,
      cancelledAt: paidAt ? null : expiresAt,
      cancelReason: paidAt ? null : '超时未支付',
      closedAt: refundAt,
      createdAt: o.createdAt,
      payments: {
        create: [
          {
            outTradeNo: orderNo,
            prepayId: paidAt ? `wx_demo_${orderNo}` : null,
            transactionId: paidAt ? `42${orderNo.slice(2)}` : null,
            status: paidAt ? 'SUCCESS' : 'CLOSED',
            amount: payable,
            payerOpenid: o.openid,
            paidAt,
            createdAt: o.createdAt,
          },
        ],
      },
      lines: {
        create: [
          {
            productId: o.sku.productId,
            skuId: o.sku.id,
            title: o.sku.product.title,
            specs: o.sku.specs ?? {},
            unitPrice: o.sku.price,
            quantity: o.quantity,
            goodsAmount: goods,
            paidAmount: goods,
            refundedAmount: paidAt ? lineRefund : 0,
            restockedQuantity: fullRefund ? o.quantity : 0,
            createdAt: o.createdAt,
          },
        ],
      },
    },
    include: { lines: true },
  });
  const line = order.lines[0];
  const timeline: Prisma.OrderEventCreateManyInput[] = [
    {
      orderId: order.id,
      fromStatus: null,
      toStatus: 'PENDING_PAYMENT',
      actor: 'USER',
      note: '提交订单',
      at: o.createdAt,
    },
  ];
  if (!paidAt) {
    timeline.push({
      orderId: order.id,
      fromStatus: 'PENDING_PAYMENT',
      toStatus: 'CANCELLED',
      actor: 'SYSTEM',
      note: '超时未支付',
      at: expiresAt,
    });
  } else {
    const afterPay = o.kind === 'GROUP_BUY' ? 'GROUPING' : 'TO_SHIP';
    timeline.push({
      orderId: order.id,
      fromStatus: 'PENDING_PAYMENT',
      toStatus: afterPay,
      actor: 'WECHAT',
      note: '支付成功',
      at: paidAt,
    });
    if (o.kind === 'GROUP_BUY' && !fullRefund)
      timeline.push({
        orderId: order.id,
        fromStatus: 'GROUPING',
        toStatus: 'TO_SHIP',
        actor: 'SYSTEM',
        note: '拼团成功',
        at: new Date(paidAt.getTime() + 6 * HOUR),
      });
    if (shippedAt)
      timeline.push({
        orderId: order.id,
        fromStatus: 'TO_SHIP',
        toStatus: 'SHIPPED',
        actor: 'ADMIN',
        note: '已发货',
        at: shippedAt,
      });
    if (completedAt)
      timeline.push({
        orderId: order.id,
        fromStatus: 'SHIPPED',
        toStatus: 'COMPLETED',
        actor: 'USER',
        note: '确认收货',
        at: completedAt,
      });
    if (refundAt)
      timeline.push({
        orderId: order.id,
        fromStatus: afterPay,
        toStatus: 'CLOSED',
        actor: 'SYSTEM',
        note: '全部退款，交易关闭',
        at: refundAt,
      });
  }
  batch.events.push(...timeline);
  batch.attributions.push({
    orderId: order.id,
    visitId: o.visitId,
    source: o.visit.source,
    scene: o.visit.scene,
    opengid: o.visit.opengid,
    sharerId: o.visit.sharerId,
    ref: o.visit.ref,
    postId: o.visit.postId,
    communityId: o.visit.communityId,
    createdAt: o.createdAt,
  });
  if (!paidAt) return { orderId: order.id, refunded: false, reviewed: false };

  if (!fullRefund) batch.sold.set(o.sku.id, (batch.sold.get(o.sku.id) ?? 0) + o.quantity);
  if (shippedAt) {
    batch.shipments.push({
      orderId: order.id,
      carrier: 'SF',
      trackingNo: `SF${order.orderNo}`,
      items: [{ lineId: line.id, quantity: o.quantity }],
      shippedAt,
    });
    batch.shippingUploads.push({
      orderId: order.id,
      status: 'UPLOADED',
      attempts: 1,
      uploadedAt: new Date(shippedAt.getTime() + MINUTE),
      createdAt: shippedAt,
    });
  }
  if (refundAt) {
    await tx.refund.create({
      data: {
        orderId: order.id,
        outRefundNo: `R${order.orderNo}${o.refund === 'groupFailed' ? 'G' : 'M'}`,
        refundId: `50${order.orderNo.slice(2)}`,
        reason: o.refund === 'groupFailed' ? 'GROUP_FAILED' : 'MERCHANT',
        status: 'SUCCESS',
        amount: payable,
        succeededAt: refundAt,
        createdAt: refundAt,
      },
    });
  } else if (partialAmount > 0 && completedAt) {
    const at = new Date(completedAt.getTime() + DAY);
    const aftersale = await tx.aftersale.create({
      data: {
        aftersaleNo: `S${order.orderNo}`,
        orderId: order.id,
        orderLineId: line.id,
        userId: o.buyerId,
        type: 'REFUND',
        status: 'REFUNDED',
        amount: partialAmount,
        reason: '包装破损，协商退一半',
        createdAt: at,
      },
    });
    await tx.refund.create({
      data: {
        orderId: order.id,
        aftersaleId: aftersale.id,
        outRefundNo: `R${order.orderNo}A`,
        refundId: `50${order.orderNo.slice(2)}`,
        reason: 'AFTERSALE',
        status: 'SUCCESS',
        amount: partialAmount,
        succeededAt: new Date(at.getTime() + 2 * HOUR),
        createdAt: at,
      },
    });
  }

  // The referral chain and its commissions (settled once the after-sales window closed).
  if (o.l1) {
    await tx.orderReferral.create({
      data: { orderId: order.id, buyerId: o.buyerId, l1Id: o.l1, l2Id: o.l2, createdAt: o.createdAt },
    });
    const base = goods - lineRefund;
    const earned = lineCommissions({ paidAmount: goods, quantity: o.quantity, activity: null }, o.l2 ? [1, 2] : [1], {
      shop: { l1: DEFAULT_DISTRIBUTION_SETTINGS.l1RateBp, l2: DEFAULT_DISTRIBUTION_SETTINGS.l2RateBp },
      levels: 2,
      rule: null,
      tierRate: {},
      activityEarns: false,
    });
    const settled = Boolean(deadline && deadline.getTime() < now) && !fullRefund;
    for (const c of earned) {
      const beneficiaryId = c.level === 1 ? o.l1 : o.l2!;
      const reversed = fullRefund ? c.amount : base < goods ? c.amount - Math.floor((c.amount * base) / goods) : 0;
      const status = fullRefund ? 'REVERSED' : settled ? 'SETTLED' : 'PENDING';
      const row = await tx.commission.create({
        data: {
          orderId: order.id,
          orderLineId: line.id,
          beneficiaryId,
          buyerId: o.buyerId,
          level: c.level,
          base: goods,
          refundedBase: lineRefund,
          amount: c.amount,
          reversedAmount: reversed,
          rule: c.rule,
          productTitle: line.title,
          status,
          createdAt: paidAt,
          paidAt,
          settledAt: settled ? deadline : null,
        },
      });
      const note = `L${c.level} ${line.title}`;
      await postLedgerEntry(tx, {
        distributorId: beneficiaryId,
        type: 'COMMISSION_EARNED',
        commissionId: row.id,
        movement: { pending: c.amount },
        at: paidAt,
        note,
      });
      if (reversed > 0)
        await postLedgerEntry(tx, {
          distributorId: beneficiaryId,
          type: 'COMMISSION_REVERSED',
          commissionId: row.id,
          movement: { pending: -reversed },
          at: refundAt ?? new Date(completedAt!.getTime() + DAY),
          note: `退款 ${note}`,
        });
      if (settled) {
        await postLedgerEntry(tx, {
          distributorId: beneficiaryId,
          type: 'COMMISSION_SETTLED',
          commissionId: row.id,
          movement: { pending: -(c.amount - reversed), balance: c.amount - reversed },
          at: deadline!,
          note: `结算 ${note}`,
        });
        if (c.level === 1)
          await tx.distributor.update({ where: { userId: o.l1 }, data: { ownSales: { increment: base } } });
        if (c.level === 2 && o.l2)
          await tx.distributor.update({ where: { userId: o.l2 }, data: { teamSales: { increment: base } } });
      }
    }
  }

  let reviewed = false;
  if (o.review && completedAt && completedAt.getTime() + DAY < now) {
    batch.reviews.push({
      orderId: order.id,
      orderLineId: line.id,
      userId: o.buyerId,
      productId: o.sku.productId,
      productScore: o.review.product,
      logisticsScore: o.review.logistics,
      serviceScore: o.review.service,
      text: o.review.product >= 4 ? '东西很好，物流也快，会回购。' : '还可以，包装可以再用心一点。',
      images: [],
      createdAt: new Date(completedAt.getTime() + DAY),
    });
    reviewed = true;
  }
  return { orderId: order.id, refunded: fullRefund || partialAmount > 0, reviewed };
}
