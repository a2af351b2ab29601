import { Inject, Injectable } from '@nestjs/common';
import { TRAFFIC_SOURCES } from '@weshop/shared';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../infra/prisma/prisma.service';
import type { DayFacts } from './day-facts';
import { DEVICE_BASE, encodeIds, sortedIds } from './id-set';

/** A DATETIME(3) literal in UTC, as Prisma stores instants (independent of the session's time zone). */
export const sqlTime = (at: Date) => at.toISOString().slice(0, 23).replace('T', ' ');

const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
const PV_TYPES = new Set(['PAGE_VIEW', 'PRODUCT_VIEW', 'POST_VIEW']);
const COUNTED_COMMISSION = ['ESTIMATED', 'PENDING', 'SETTLED'];

/** Distinct numbers with counters, turned into the stored (packed) form at the end. */
class Bag {
  readonly ids = new Set<number>();
  add(id: number | null | undefined): void {
    if (id !== null && id !== undefined) this.ids.add(id);
  }
  get size(): number {
    return this.ids.size;
  }
  packed() {
    return encodeIds(sortedIds(this.ids));
  }
}
const slot = <K, V>(map: Map<K, V>, key: K, make: () => V): V => {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
};

interface Slice {
  visitors: Bag;
  payers: Bag;
  orders: number;
  gmv: number;
}
const slice = (): Slice => ({ visitors: new Bag(), payers: new Bag(), orders: 0, gmv: 0 });

/**
 * Computes one shop-local day of every dashboard slice from the raw rows (visits, events, orders
 * with their attribution, referral, lines and commissions, group buys, communities, posts,
 * bindings, reviews), each read by its time index for that day only.
 *
 * Definitions (shared/src/analytics.ts): visitors are users (visits and events) and anonymous
 * devices (events); orders count on their paid day when paid and not refunded in full (status
 * neither CLOSED nor CANCELLED), net of refunds; a line fully refunded counts no units. A visit or
 * order belongs to a community through its community id, or else through its post's community.
 */
@Injectable()
export class RawDayRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  /** Gives every anonymous device seen in the window its visitor number (idempotent). */
  async numberDevices(start: Date, end: Date, now: Date): Promise<void> {
    await this.prisma.client.$executeRaw`
      INSERT IGNORE INTO analytics_device (device_id, created_at)
      SELECT DISTINCT e.device_id, ${sqlTime(now)}
      FROM analytics_event e
      LEFT JOIN analytics_device d ON d.device_id = e.device_id
      WHERE e.at >= ${sqlTime(start)} AND e.at < ${sqlTime(end)}
        AND e.user_id IS NULL AND e.device_id IS NOT NULL AND d.id IS NULL`;
  }

  async compute(day: string, start: Date, end: Date, now: Date): Promise<DayFacts> {
    const db = this.prisma.client;
    const [s, e] = [sqlTime(start), sqlTime(end)];
    await this.numberDevices(start, end, now);
    const paidWindow = Prisma.sql`o.paid_at >= ${s} AND o.paid_at < ${e} AND o.status NOT IN ('CLOSED', 'CANCELLED')`;

    const [events, visits, created, orders, lines, commissions, members, published, reviews, bindings, groups] =
      await Promise.all([
        db.$queryRaw<
          Array<{ type: string; productId: number | null; postId: number | null; visitor: unknown; n: unknown }>
        >`
          SELECT e.type AS type, e.product_id AS productId, e.post_id AS postId,
                 COALESCE(e.user_id, ${DEVICE_BASE} + d.id) AS visitor, COUNT(*) AS n
          FROM analytics_event e
          LEFT JOIN analytics_device d ON e.user_id IS NULL AND d.device_id = e.device_id
          WHERE e.at >= ${s} AND e.at < ${e}
          GROUP BY e.type, e.product_id, e.post_id, visitor`,
        db.$queryRaw<
          Array<{
            visitor: number;
            source: string;
            opengid: string | null;
            postId: number | null;
            communityId: number | null;
          }>
        >`
          SELECT DISTINCT v.user_id AS visitor, v.source AS source, v.opengid AS opengid,
                 v.post_id AS postId, v.community_id AS communityId
          FROM visit v
          WHERE v.created_at >= ${s} AND v.created_at < ${e} AND v.user_id IS NOT NULL`,
        db.$queryRaw<Array<{ userId: number; n: unknown }>>`
          SELECT o.user_id AS userId, COUNT(*) AS n FROM orders o
          WHERE o.created_at >= ${s} AND o.created_at < ${e}
          GROUP BY o.user_id`,
        db.$queryRaw<
          Array<{
            id: number;
            userId: number;
            payable: number;
            refunded: number;
            source: string | null;
            opengid: string | null;
            postId: number | null;
            communityId: number | null;
            l1Id: number | null;
            campaignId: number | null;
          }>
        >`
          SELECT o.id AS id, o.user_id AS userId, o.payable AS payable, o.refunded_amount AS refunded,
                 a.source AS source, a.opengid AS opengid, a.post_id AS postId, a.community_id AS communityId,
                 r.l1_id AS l1Id, g.campaign_id AS campaignId
          FROM orders o
          LEFT JOIN order_attribution a ON a.order_id = o.id
          LEFT JOIN order_referral r ON r.order_id = o.id
          LEFT JOIN groupbuy_member m ON m.order_id = o.id
          LEFT JOIN groupbuy_group g ON g.id = m.group_id
          WHERE ${paidWindow}`,
        db.$queryRaw<Array<{ orderId: number; productId: number; quantity: number; paid: number; refunded: number }>>`
          SELECT l.order_id AS orderId, l.product_id AS productId, l.quantity AS quantity,
                 l.paid_amount AS paid, l.refunded_amount AS refunded
          FROM order_line l JOIN orders o ON o.id = l.order_id
          WHERE ${paidWindow}`,
        db.$queryRaw<Array<{ orderId: number; beneficiaryId: number; amount: unknown }>>`
          SELECT c.order_id AS orderId, c.beneficiary_id AS beneficiaryId, SUM(c.amount - c.reversed_amount) AS amount
          FROM commission c JOIN orders o ON o.id = c.order_id
          WHERE ${paidWindow} AND c.level = 1 AND c.status IN (${Prisma.join(COUNTED_COMMISSION)})
          GROUP BY c.order_id, c.beneficiary_id`,
        db.$queryRaw<Array<{ communityId: number; n: unknown }>>`
          SELECT community_id AS communityId, COUNT(*) AS n FROM community_member
          WHERE joined_at >= ${s} AND joined_at < ${e} GROUP BY community_id`,
        db.$queryRaw<Array<{ communityId: number; n: unknown }>>`
          SELECT community_id AS communityId, COUNT(*) AS n FROM post
          WHERE published_at >= ${s} AND published_at < ${e} GROUP BY community_id`,
        db.$queryRaw<Array<{ n: unknown; product: unknown; logistics: unknown; service: unknown }>>`
          SELECT COUNT(*) AS n, SUM(product_score) AS product, SUM(logistics_score) AS logistics,
                 SUM(service_score) AS service
          FROM review WHERE created_at >= ${s} AND created_at < ${e}`,
        db.$queryRaw<Array<{ distributorId: number; customerId: number }>>`
          SELECT DISTINCT distributor_id AS distributorId, customer_id AS customerId FROM binding_log
          WHERE at >= ${s} AND at < ${e}`,
        db.$queryRaw<Array<{ campaignId: number; opened: unknown; succeeded: unknown; failed: unknown }>>`
          SELECT campaign_id AS campaignId,
                 SUM(opened_at >= ${s} AND opened_at < ${e}) AS opened,
                 SUM(succeeded_at >= ${s} AND succeeded_at < ${e}) AS succeeded,
                 SUM(failed_at >= ${s} AND failed_at < ${e}) AS failed
          FROM groupbuy_group
          WHERE (opened_at >= ${s} AND opened_at < ${e}) OR (succeeded_at >= ${s} AND succeeded_at < ${e})
             OR (failed_at >= ${s} AND failed_at < ${e})
          GROUP BY campaign_id`,
      ]);

    // The community of each post met today (visits, views, orders).
    const postIds = new Set<number>();
    for (const row of events) if (row.postId !== null && row.type === 'POST_VIEW') postIds.add(Number(row.postId));
    for (const row of visits) if (row.postId !== null) postIds.add(Number(row.postId));
    for (const row of orders) if (row.postId !== null) postIds.add(Number(row.postId));
    const postCommunity = new Map<number, number>();
    if (postIds.size) {
      const posts = await db.post.findMany({
        where: { id: { in: [...postIds] } },
        select: { id: true, communityId: true },
      });
      for (const post of posts) postCommunity.set(post.id, post.communityId);
    }
    const communityOf = (communityId: number | null, postId: number | null) =>
      communityId !== null ? Number(communityId) : postId !== null ? (postCommunity.get(Number(postId)) ?? null) : null;

    // ——— visitors ———
    const visitors = new Bag();
    const productViewers = new Bag();
    const cartAdders = new Bag();
    let pv = 0;
    const sources = new Map<string, Slice>();
    const communities = new Map<number, Slice & { postViews: number }>();
    const community = (id: number) => slot(communities, id, () => ({ ...slice(), postViews: 0 }));
    const groupSlices = new Map<string, Slice>();
    const posts = new Map<number, Slice & { views: number }>();
    const post = (id: number) => slot(posts, id, () => ({ ...slice(), views: 0 }));
    const products = new Map<number, { viewers: Bag; cartAdders: Bag; payers: Bag; units: number; gmv: number }>();
    const product = (id: number) =>
      slot(products, id, () => ({ viewers: new Bag(), cartAdders: new Bag(), payers: new Bag(), units: 0, gmv: 0 }));

    for (const row of events) {
      if (row.visitor === null) continue;
      const visitor = num(row.visitor);
      const n = num(row.n);
      visitors.add(visitor);
      if (PV_TYPES.has(row.type)) pv += n;
      if (row.type === 'PRODUCT_VIEW' && row.productId !== null) {
        productViewers.add(visitor);
        product(Number(row.productId)).viewers.add(visitor);
      }
      if (row.type === 'ADD_TO_CART' && row.productId !== null) {
        cartAdders.add(visitor);
        product(Number(row.productId)).cartAdders.add(visitor);
      }
      if (row.type === 'POST_VIEW' && row.postId !== null) {
        const postId = Number(row.postId);
        const p = post(postId);
        p.views += n;
        p.visitors.add(visitor);
        const communityId = postCommunity.get(postId);
        if (communityId !== undefined) {
          const c = community(communityId);
          c.postViews += n;
          c.visitors.add(visitor);
        }
      }
    }
    for (const row of visits) {
      const visitor = num(row.visitor);
      visitors.add(visitor);
      slot(sources, row.source, slice).visitors.add(visitor);
      if (row.opengid) slot(groupSlices, row.opengid, slice).visitors.add(visitor);
      if (row.postId !== null) post(Number(row.postId)).visitors.add(visitor);
      const communityId = communityOf(row.communityId, row.postId);
      if (communityId !== null) community(communityId).visitors.add(visitor);
    }

    // ——— orders ———
    const orderers = new Bag();
    let ordersCreated = 0;
    for (const row of created) {
      orderers.add(Number(row.userId));
      ordersCreated += num(row.n);
    }
    const payers = new Bag();
    const ordersOfPayer = new Map<number, number>();
    let [gmvGross, refunds] = [0, 0];
    const distributors = new Map<
      number,
      { orders: number; gmv: number; commission: number; payers: Bag; customers: Bag }
    >();
    const distributor = (id: number) =>
      slot(distributors, id, () => ({ orders: 0, gmv: 0, commission: 0, payers: new Bag(), customers: new Bag() }));
    const groupbuys = new Map<
      number,
      { opened: number; succeeded: number; failed: number; orders: number; gmv: number }
    >();
    const groupbuy = (id: number) =>
      slot(groupbuys, id, () => ({ opened: 0, succeeded: 0, failed: 0, orders: 0, gmv: 0 }));
    const buyerOf = new Map<number, number>();
    const l1Of = new Map<number, number>();

    const count = (target: Slice, buyer: number, net: number) => {
      target.orders += 1;
      target.gmv += net;
      target.payers.add(buyer);
    };
    for (const row of orders) {
      const [payable, refunded, buyer] = [num(row.payable), num(row.refunded), Number(row.userId)];
      const net = payable - refunded;
      buyerOf.set(Number(row.id), buyer);
      gmvGross += payable;
      refunds += refunded;
      payers.add(buyer);
      ordersOfPayer.set(buyer, (ordersOfPayer.get(buyer) ?? 0) + 1);
      count(slot(sources, row.source ?? 'DIRECT', slice), buyer, net);
      if (row.opengid) count(slot(groupSlices, row.opengid, slice), buyer, net);
      if (row.postId !== null) count(post(Number(row.postId)), buyer, net);
      const communityId = communityOf(row.communityId, row.postId);
      if (communityId !== null) count(community(communityId), buyer, net);
      if (row.l1Id !== null) {
        const d = distributor(Number(row.l1Id));
        d.orders += 1;
        d.gmv += net;
        d.payers.add(buyer);
        l1Of.set(Number(row.id), Number(row.l1Id));
      }
      if (row.campaignId !== null) {
        const g = groupbuy(Number(row.campaignId));
        g.orders += 1;
        g.gmv += net;
      }
    }
    const repeatPayers = new Bag();
    for (const [buyer, n] of ordersOfPayer) if (n >= 2) repeatPayers.add(buyer);
    for (const line of lines) {
      const [paid, refunded] = [num(line.paid), num(line.refunded)];
      const p = product(Number(line.productId));
      p.gmv += paid - refunded;
      if (refunded < paid || paid === 0) {
        p.units += num(line.quantity);
        p.payers.add(buyerOf.get(Number(line.orderId)));
      }
    }
    for (const row of commissions) {
      const l1 = l1Of.get(Number(row.orderId));
      if (l1 !== undefined && l1 === Number(row.beneficiaryId)) distributor(l1).commission += num(row.amount);
    }
    for (const row of bindings) distributor(Number(row.distributorId)).customers.add(Number(row.customerId));
    for (const row of groups) {
      const g = groupbuy(Number(row.campaignId));
      g.opened += num(row.opened);
      g.succeeded += num(row.succeeded);
      g.failed += num(row.failed);
    }
    const newMembers = new Map(members.map((r) => [Number(r.communityId), num(r.n)]));
    const postsPublished = new Map(published.map((r) => [Number(r.communityId), num(r.n)]));
    for (const id of [...newMembers.keys(), ...postsPublished.keys()]) community(id);
    const review = reviews[0] ?? { n: 0, product: 0, logistics: 0, service: 0 };

    const sliceRow = (s: Slice) => ({
      visitors: s.visitors.size,
      orders: s.orders,
      payers: s.payers.size,
      gmv: s.gmv,
      visitorSet: s.visitors.packed(),
      payerSet: s.payers.packed(),
    });
    const byKey = <K extends string | number>(a: [K, unknown], b: [K, unknown]) =>
      a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
    const sorted = <K extends string | number, V>(map: Map<K, V>) => [...map.entries()].sort(byKey);

    return {
      day,
      shop: {
        day,
        uv: visitors.size,
        pv,
        ordersCreated,
        orders: orders.length,
        payers: payers.size,
        gmvGross,
        refunds,
        gmv: gmvGross - refunds,
        reviews: num(review.n),
        productScoreSum: num(review.product),
        logisticsScoreSum: num(review.logistics),
        serviceScoreSum: num(review.service),
        visitorSet: visitors.packed(),
        productViewerSet: productViewers.packed(),
        cartAdderSet: cartAdders.packed(),
        ordererSet: orderers.packed(),
        payerSet: payers.packed(),
        repeatPayerSet: repeatPayers.packed(),
      },
      sources: sorted(sources)
        .filter(([source]) => (TRAFFIC_SOURCES as readonly string[]).includes(source))
        .map(([source, s]) => ({ day, source, ...sliceRow(s) })),
      products: sorted(products).map(([productId, p]) => ({
        day,
        productId,
        viewers: p.viewers.size,
        cartAdders: p.cartAdders.size,
        payers: p.payers.size,
        units: p.units,
        gmv: p.gmv,
        viewerSet: p.viewers.packed(),
        cartAdderSet: p.cartAdders.packed(),
        payerSet: p.payers.packed(),
      })),
      communities: sorted(communities).map(([communityId, c]) => ({
        day,
        communityId,
        ...sliceRow(c),
        postViews: c.postViews,
        newMembers: newMembers.get(communityId) ?? 0,
        postsPublished: postsPublished.get(communityId) ?? 0,
      })),
      groups: sorted(groupSlices).map(([opengid, g]) => ({ day, opengid, ...sliceRow(g) })),
      distributors: sorted(distributors).map(([distributorId, d]) => ({
        day,
        distributorId,
        orders: d.orders,
        payers: d.payers.size,
        gmv: d.gmv,
        commission: d.commission,
        newCustomers: d.customers.size,
        payerSet: d.payers.packed(),
        newCustomerSet: d.customers.packed(),
      })),
      posts: sorted(posts)
        .filter(([postId]) => postCommunity.has(postId))
        .map(([postId, p]) => ({
          day,
          postId,
          communityId: postCommunity.get(postId)!,
          views: p.views,
          ...sliceRow(p),
        })),
      groupbuys: sorted(groupbuys).map(([campaignId, g]) => ({ day, campaignId, ...g })),
    };
  }
}
