import type { ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type mysql from 'mysql2/promise';
import { addDays, dayWindow, localDay } from '../src/analytics/period.policy';
import { ask, CONCURRENCY, log, rows } from './fixture';
import { closedLoop, HttpClient, percentile, round, type Measurement } from './load';
import type { HostReady, HostRolled } from './server-host';

/**
 * 数据看板 at scale: 90 shop-local days (Asia/Shanghai) ending yesterday of a busy shop are written
 * straight into the bench database with multi-row INSERTs — about 5,000,000 behaviour events from
 * users and anonymous devices (page, product and post views, shares, add-to-carts; about 22,000 visits
 * a day, a few hot products), the visits behind them (sources, WeChat groups, sharers,
 * posts, communities, bindings to distributors), and 200,000 orders with their lines, payments,
 * attribution, referral chains and commissions (paid, some never paid, some refunded in full or in
 * part), each row as the services would have written it; yesterday is a sale day of more than
 * 100,000 events. Deterministic (seeded PRNG) except for "now".
 *
 * Then, with the server's own RollupService (in the server process): every day rolled up oldest
 * first, the last being yesterday — the nightly rollup, target under 10 s. Then over HTTP with the
 * admin token: `GET /api/v1/admin/analytics/overview` for the 90 days ending yesterday (one
 * operator: the target, p99 under 50 ms; and 32 callers at once), and for the 90 days ending today
 * (today computed from the raw rows); first once while the 90 days before (the comparison period,
 * without data) have no rollups, then with them rolled up. The overview's UV, PV, paid orders and GMV must equal the
 * same figures counted with SQL from the raw tables.
 */

const SCALE = Number(process.env.BENCH_ANALYTICS_SCALE ?? 1);
const DAYS = 90;
const TZ = 'Asia/Shanghai';
export const ANALYTICS_EVENTS = Math.round(5_000_000 * SCALE);
const ORDERS = Math.round(200_000 * SCALE);
/** Yesterday's events (a sale day): the nightly rollup's size. */
const NIGHTLY_EVENTS = Math.round(112_000 * SCALE);
const USERS = Math.round(600_000 * SCALE);
const DEVICES = Math.round(300_000 * SCALE);
const DISTRIBUTORS = 2_000;
const COMMUNITIES = 20;
const POSTS_PER_COMMUNITY = 20;
const WECHAT_GROUPS = 300;
/** User ids of the generated shoppers (the team scenario's tree starts at 10,000,000). */
const FIRST_USER = 1_000_000;
const TARGET_NIGHTLY_SECONDS = 10;
export const TARGET_OVERVIEW_P99_MS = 50;

/** What a visit does on average below: 1 + 0.2 + 0.143 + 1.096 + 0.04 + 0.079 events. */
const EVENTS_PER_VISIT = 2.56;
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const PV_TYPES = ['PAGE_VIEW', 'PRODUCT_VIEW', 'POST_VIEW'];
/** Launches by hour of day, shop time (evening peak). */
const HOURS = [5, 3, 2, 1, 1, 2, 5, 10, 15, 20, 25, 30, 30, 25, 20, 20, 20, 22, 25, 35, 40, 40, 30, 15];
const SCENES = {
  SINGLE_CHAT: 1007,
  GROUP_CHAT: 1044,
  MOMENTS: 1154,
  CODE: 1047,
  SEARCH: 1005,
  DIRECT: 1089,
  OTHER: 1037,
};
type Source = keyof typeof SCENES;
const ADDRESS = `'{"name":"张三","phone":"13800138000","province":"浙江省","city":"杭州市","district":"西湖区","detail":"文三路 100 号"}'`;

export interface AnalyticsFigures {
  uv: number;
  pv: number;
  orders: number;
  gmv: number;
}

export interface AnalyticsResult {
  generated: {
    days: { from: string; to: string };
    events: number;
    nightlyEvents: number;
    todayEvents: number;
    visits: number;
    orders: number;
    paid: number;
    refundedFull: number;
    refundedPart: number;
    users: number;
    seconds: number;
  };
  rollup: { days: number; seconds: number; p50DayMs: number; maxDayMs: number };
  nightly: { day: string; events: number; seconds: number; againSeconds: number; correct: boolean };
  nightlyRow: Measurement;
  rollupRow: Measurement;
  overviewUnrolled: Measurement;
  overview: Measurement;
  overviewCrowd: Measurement;
  overviewToday: Measurement;
  checks: {
    yesterday: { from: string; to: string; api: AnalyticsFigures; sql: AnalyticsFigures; equal: boolean };
    today: { from: string; to: string; api: AnalyticsFigures; sql: AnalyticsFigures; equal: boolean };
    correct: boolean;
  };
  /** One overview request of the 90 days ending yesterday (for the profiled run). */
  overviewOnce: () => Promise<true | string>;
  close: () => void;
}

/** mulberry32: a small seeded PRNG, so every run writes the same history (relative to today). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** A DATETIME(3) literal in UTC, as Prisma stores instants. */
const ts = (ms: number) => `'${new Date(ms).toISOString().slice(0, 23).replace('T', ' ')}'`;
const orNull = (value: number | string | null) => (value === null ? 'NULL' : String(value));

/**
 * Multi-row INSERTs of ready-made `(…)` tuples, a few statements in flight on their own
 * connections (unique and foreign-key checks off on them, as a bulk load does).
 */
class BulkWriter {
  private readonly buffers = new Map<string, { rows: string[]; bytes: number }>();
  private readonly pending: Promise<unknown>[] = [];
  private next = 0;
  rowsWritten = 0;

  constructor(private readonly connections: mysql.PoolConnection[]) {}

  async add(head: string, row: string): Promise<void> {
    let buffer = this.buffers.get(head);
    if (!buffer) this.buffers.set(head, (buffer = { rows: [], bytes: 0 }));
    buffer.rows.push(row);
    buffer.bytes += row.length;
    if (buffer.rows.length >= 5_000 || buffer.bytes > 1_500_000) await this.flush(head);
  }

  private async flush(head: string): Promise<void> {
    const buffer = this.buffers.get(head);
    if (!buffer?.rows.length) return;
    const sql = `${head} VALUES ${buffer.rows.join(',')}`;
    this.rowsWritten += buffer.rows.length;
    buffer.rows = [];
    buffer.bytes = 0;
    const connection = this.connections[this.next++ % this.connections.length];
    const done = connection.query(sql);
    done.catch(() => undefined);
    this.pending.push(done);
    while (this.pending.length > this.connections.length) await this.pending.shift();
  }

  async end(): Promise<void> {
    for (const head of [...this.buffers.keys()]) await this.flush(head);
    while (this.pending.length) await this.pending.shift();
  }
}

const H = {
  user: 'INSERT INTO user (id, openid, nickname, created_at, updated_at)',
  distributor:
    'INSERT INTO distributor (user_id, status, code, parent_id, path, depth, applied_at, approved_at, updated_at)',
  community: 'INSERT INTO community (id, name, intro, member_count, post_count, created_at, updated_at)',
  post: 'INSERT INTO post (id, community_id, author_id, type, title, text, images, status, published_at, created_at, updated_at)',
  visit:
    'INSERT INTO visit (id, user_id, device_id, scene, source, path, opengid, sharer_id, ref, post_id, community_id, created_at)',
  event: 'INSERT INTO analytics_event (type, user_id, device_id, visit_id, page, product_id, post_id, at, received_at)',
  binding: 'INSERT INTO customer_binding (customer_id, distributor_id, source, bound_at, expires_at)',
  bindingLog: 'INSERT INTO binding_log (customer_id, distributor_id, source, at)',
  order:
    'INSERT INTO orders (id, order_no, user_id, status, kind, goods_amount, shipping_fee, payable, refunded_amount, ' +
    'address, expires_at, paid_at, shipped_at, auto_confirm_at, completed_at, aftersale_deadline, cancelled_at, ' +
    'cancel_reason, closed_at, created_at, updated_at)',
  line:
    'INSERT INTO order_line (id, order_id, product_id, sku_id, title, specs, unit_price, quantity, goods_amount, ' +
    'paid_amount, refunded_amount, restocked_quantity, created_at)',
  payment:
    'INSERT INTO payment (order_id, out_trade_no, prepay_id, transaction_id, status, amount, payer_openid, paid_at, ' +
    'created_at, updated_at)',
  refund:
    'INSERT INTO refund (order_id, out_refund_no, refund_id, reason, status, amount, succeeded_at, created_at, updated_at)',
  attribution:
    'INSERT INTO order_attribution (order_id, visit_id, source, scene, opengid, sharer_id, ref, post_id, community_id, created_at)',
  referral: 'INSERT INTO order_referral (order_id, buyer_id, l1_id, l2_id, created_at)',
  commission:
    'INSERT INTO commission (order_id, order_line_id, beneficiary_id, buyer_id, level, base, refunded_base, amount, ' +
    'reversed_amount, rule, product_title, status, created_at, paid_at, settled_at)',
} as const;

interface Visit {
  id: number;
  at: number;
  userId: number | null;
  deviceId: string | null;
  source: Source;
  path: string;
  opengid: string | null;
  sharerId: number | null;
  ref: string | null;
  postId: number | null;
  communityId: number | null;
}

interface Sku {
  id: number;
  productId: number;
  price: number;
  title: string;
  specs: string;
}

/** Writes the history; the counts written. */
async function generate(pool: mysql.Pool, now: number) {
  const t0 = performance.now();
  const random = prng(20_261_124);
  const skewed = (n: number, power: number) => Math.min(n - 1, Math.floor(n * random() ** power));
  const chance = (p: number) => random() < p;
  const today = localDay(new Date(now), TZ);
  const days = Array.from({ length: DAYS }, (_, i) => addDays(today, i - DAYS));

  const skuRows = await rows<{ id: number; product_id: number; price: number; title: string; specs: unknown }>(
    pool,
    `SELECT s.id, s.product_id, s.price, p.title, s.specs FROM sku s JOIN product p ON p.id = s.product_id
      WHERE p.on_shelf = 1 ORDER BY s.product_id, s.id`,
  );
  const skus: Sku[] = [];
  for (const s of skuRows)
    if (!skus.some((k) => k.productId === s.product_id))
      skus.push({
        id: s.id,
        productId: s.product_id,
        price: s.price,
        title: pool.escape(s.title),
        specs: pool.escape(typeof s.specs === 'string' ? s.specs : JSON.stringify(s.specs ?? {})),
      });
  // The hot ones first, in a fixed but unremarkable order.
  skus.sort((a, b) => ((a.productId * 7919) % 101) - ((b.productId * 7919) % 101) || a.productId - b.productId);
  const [ids] = await rows<{ visit: number; orders: number; line: number; community: number; post: number }>(
    pool,
    `SELECT (SELECT COALESCE(MAX(id), 0) FROM visit) AS visit, (SELECT COALESCE(MAX(id), 0) FROM orders) AS orders,
            (SELECT COALESCE(MAX(id), 0) FROM order_line) AS line, (SELECT COALESCE(MAX(id), 0) FROM community) AS community,
            (SELECT COALESCE(MAX(id), 0) FROM post) AS post`,
  );
  let [visitId, orderId, lineId] = [Number(ids.visit), Number(ids.orders), Number(ids.line)];

  const connections = await Promise.all([pool.getConnection(), pool.getConnection(), pool.getConnection()]);
  for (const c of connections) await c.query('SET unique_checks = 0, foreign_key_checks = 0');
  const writer = new BulkWriter(connections);
  const counts = { events: 0, nightlyEvents: 0, todayEvents: 0, visits: 0, orders: 0, paid: 0, full: 0, part: 0 };
  try {
    // ——— shoppers, distributors, communities, posts, WeChat groups ———
    const joinedAt = now - (DAYS + 30) * DAY;
    for (let i = 0; i < USERS; i += 1)
      await writer.add(
        H.user,
        `(${FIRST_USER + i},'bench-analytics-${i}','顾客${i}',${ts(joinedAt + i)},${ts(joinedAt + i)})`,
      );
    const distributorIds: number[] = [];
    const parentOf = new Map<number, number | null>();
    const codeOf = new Map<number, string>();
    for (let i = 0; i < DISTRIBUTORS; i += 1) {
      const userId = FIRST_USER + 7 + i * Math.floor(USERS / DISTRIBUTORS);
      const parent = i < 200 ? null : distributorIds[i % 200];
      const code = `A${i.toString(36).toUpperCase().padStart(4, '0')}`;
      distributorIds.push(userId);
      parentOf.set(userId, parent);
      codeOf.set(userId, code);
      const path = `${parent === null ? '/' : `/${parent.toString(36)}/`}${userId.toString(36)}/`;
      await writer.add(
        H.distributor,
        `(${userId},'APPROVED','${code}',${orNull(parent)},'${path}',${parent === null ? 0 : 1},` +
          `${ts(joinedAt)},${ts(joinedAt)},${ts(joinedAt)})`,
      );
    }
    const communityIds: number[] = [];
    const postsOf: number[][] = [];
    let postId = Number(ids.post);
    for (let c = 0; c < COMMUNITIES; c += 1) {
      const id = Number(ids.community) + 1 + c;
      communityIds.push(id);
      postsOf.push([]);
      await writer.add(
        H.community,
        `(${id},'数据社群${c + 1}','bench',0,${POSTS_PER_COMMUNITY},${ts(joinedAt)},${ts(joinedAt)})`,
      );
      for (let p = 0; p < POSTS_PER_COMMUNITY; p += 1) {
        postId += 1;
        postsOf[c].push(postId);
        const published = now - (DAYS + 10) * DAY + Math.floor(((p + 0.5) * (DAYS + 5) * DAY) / POSTS_PER_COMMUNITY);
        await writer.add(
          H.post,
          `(${postId},${id},${FIRST_USER + c},'NOTE','好物笔记${c + 1}-${p + 1}','bench','[]','PUBLISHED',` +
            `${ts(published)},${ts(published)},${ts(published)})`,
        );
      }
    }
    const opengid = (g: number) => `tGbench${String(g).padStart(17, '0')}`;

    // ——— events and orders per day: a slow rise, busier weekends, yesterday a sale day ———
    const weights = days.slice(0, -1).map((day, d) => {
      const weekend = [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
      return (1 + (0.3 * d) / DAYS) * (weekend ? 1.25 : 1) * (0.9 + 0.2 * random());
    });
    const weightSum = weights.reduce((a, b) => a + b, 0);
    const eventsOf = [
      ...weights.map((w) => Math.round(((ANALYTICS_EVENTS - NIGHTLY_EVENTS) * w) / weightSum)),
      NIGHTLY_EVENTS,
    ];
    const ordersOf = eventsOf.map((e) => Math.round((ORDERS * e) / ANALYTICS_EVENTS));
    ordersOf[DAYS - 1] += ORDERS - ordersOf.reduce((a, b) => a + b, 0);
    // Today so far, at an ordinary day's pace.
    const todayStart = dayWindow(today, TZ).start.getTime();
    const elapsed = Math.max(0, now - 10 * MINUTE - todayStart);
    eventsOf.push(Math.round(((ANALYTICS_EVENTS / DAYS) * elapsed) / DAY));
    ordersOf.push(Math.round(((ORDERS / DAYS) * elapsed) / DAY));
    const hourSum = HOURS.reduce((a, b) => a + b, 0);

    const bound = new Map<number, { distributorId: number; at: number }>();
    for (const [d, day] of [...days, today].entries()) {
      const isToday = d === DAYS;
      const dayStart = dayWindow(day, TZ).start.getTime();
      const launchAt = () => {
        if (isToday) return dayStart + Math.floor(random() * elapsed);
        let r = random() * hourSum;
        let hour = 0;
        while (r >= HOURS[hour]) r -= HOURS[hour++];
        return dayStart + hour * HOUR + Math.floor(random() * HOUR);
      };
      // The day's visits in time order, as many as make its events (EVENTS_PER_VISIT on average).
      const visits: Visit[] = [];
      const events: string[] = [];
      const launches = Array.from({ length: Math.round(eventsOf[d] / EVENTS_PER_VISIT) }, launchAt);
      launches.sort((a, b) => a - b);
      for (const at of launches) {
        const anonymous = chance(0.3);
        const roll = random();
        let source: Source =
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
        // A WeChat group's opengid needs a logged-in user's share ticket.
        if (anonymous && source === 'GROUP_CHAT') source = 'SINGLE_CHAT';
        const visit: Visit = {
          id: ++visitId,
          at,
          userId: anonymous ? null : FIRST_USER + skewed(USERS, 2),
          deviceId: anonymous ? `bench-dev-${skewed(DEVICES, 1.5).toString(36)}` : null,
          source,
          path: 'pages/home/index',
          opengid: null,
          sharerId: null,
          ref: null,
          postId: null,
          communityId: null,
        };
        if (source === 'GROUP_CHAT') {
          const g = skewed(WECHAT_GROUPS, 1.5);
          const c = g % COMMUNITIES;
          visit.opengid = opengid(g);
          visit.communityId = communityIds[c];
          if (chance(0.5)) visit.postId = postsOf[c][skewed(POSTS_PER_COMMUNITY, 0.5)];
          visit.path = visit.postId ? 'subpackages/community/post/index' : 'pages/community/index';
        } else if ((source === 'SINGLE_CHAT' || source === 'MOMENTS' || source === 'CODE') && chance(0.7)) {
          const sharer = distributorIds[skewed(DISTRIBUTORS, 2)];
          if (sharer !== visit.userId) {
            visit.sharerId = sharer;
            visit.ref = codeOf.get(sharer)!;
            visit.path = 'pages/product/index';
          }
        } else if (source === 'SINGLE_CHAT' && chance(0.3)) {
          const c = skewed(COMMUNITIES, 1.5);
          visit.communityId = communityIds[c];
          visit.postId = postsOf[c][skewed(POSTS_PER_COMMUNITY, 0.5)];
          visit.path = 'subpackages/community/post/index';
        }
        visits.push(visit);
        await writer.add(
          H.visit,
          `(${visit.id},${orNull(visit.userId)},${visit.deviceId ? `'${visit.deviceId}'` : 'NULL'},${SCENES[source]},` +
            `'${source}','${visit.path}',${visit.opengid ? `'${visit.opengid}'` : 'NULL'},${orNull(visit.sharerId)},` +
            `${visit.ref ? `'${visit.ref}'` : 'NULL'},${orNull(visit.postId)},${orNull(visit.communityId)},${ts(at)})`,
        );
        if (visit.userId !== null && visit.sharerId !== null && !bound.has(visit.userId)) {
          bound.set(visit.userId, { distributorId: visit.sharerId, at });
          const how = source === 'CODE' ? 'CODE' : 'LINK';
          await writer.add(H.binding, `(${visit.userId},${visit.sharerId},'${how}',${ts(at)},${ts(at + 365 * DAY)})`);
          await writer.add(H.bindingLog, `(${visit.userId},${visit.sharerId},'${how}',${ts(at)})`);
        }

        // What they did.
        let t = at + 1_000;
        const who = `${orNull(visit.userId)},${visit.deviceId ? `'${visit.deviceId}'` : 'NULL'},${visit.id}`;
        const event = (type: string, page: string, productId: number | null, post: number | null) => {
          t += 5_000 + Math.floor(random() * 55_000);
          const received = isToday ? Math.min(t + 2_000, now) : t + 2_000;
          events.push(`('${type}',${who},'${page}',${orNull(productId)},${orNull(post)},${ts(t)},${ts(received)})`);
        };
        event('PAGE_VIEW', visit.path, null, null);
        if (chance(0.2)) event('PAGE_VIEW', 'pages/category/index', null, null);
        if (visit.postId) event('POST_VIEW', 'subpackages/community/post/index', null, visit.postId);
        const r = random();
        const views = (r < 0.5 ? 0 : r < 0.8 ? 1 : r < 0.92 ? 2 : 3) + (visit.path === 'pages/product/index' ? 1 : 0);
        let last: Sku | null = null;
        for (let k = 0; k < views; k += 1) {
          last = skus[skewed(skus.length, 2.5)];
          event('PRODUCT_VIEW', 'pages/product/index', last.productId, null);
        }
        if (chance(0.04)) event('SHARE', visit.path, last?.productId ?? null, visit.postId);
        if (last && chance(0.12)) event('ADD_TO_CART', 'pages/product/index', last.productId, null);
      }
      for (const row of events) await writer.add(H.event, row);
      counts.events += d < DAYS ? events.length : 0;
      if (d === DAYS - 1) counts.nightlyEvents = events.length;
      if (isToday) counts.todayEvents = events.length;
      counts.visits += visits.length;

      // ——— the day's orders, each from one of the day's users' visits ———
      const shoppers = visits.filter((v) => v.userId !== null);
      for (let k = 0; k < ordersOf[d] && shoppers.length; k += 1) {
        const visit = shoppers[Math.floor(random() * shoppers.length)];
        const buyer = visit.userId!;
        const createdAt = visit.at + 3 * MINUTE + Math.floor(random() * 17 * MINUTE);
        const paidAt = chance(0.92) ? createdAt + 30_000 + Math.floor(random() * 4.5 * MINUTE) : null;
        if (createdAt >= now - MINUTE || (paidAt !== null && paidAt >= now - MINUTE)) continue;
        const id = ++orderId;
        const lineCount = chance(0.7) ? 1 : chance(0.73) ? 2 : 3;
        const lines = Array.from({ length: lineCount }, () => {
          const sku = skus[skewed(skus.length, 2.5)];
          const quantity = chance(0.8) ? 1 : 2;
          return { id: ++lineId, sku, quantity, paid: sku.price * quantity, refunded: 0 };
        });
        const goods = lines.reduce((sum, l) => sum + l.paid, 0);
        const shippingFee = goods >= 9_900 ? 0 : 800;
        const payable = goods + shippingFee;
        const refundRoll = random();
        const closedAt = paidAt !== null && refundRoll < 0.03 ? paidAt + HOUR + Math.floor(random() * 47 * HOUR) : null;
        const full = closedAt !== null && closedAt < now;
        // A partial refund: half of one line, after delivery, of an order at least 10 days old.
        const part = paidAt !== null && !full && refundRoll > 0.97 && paidAt < now - 10 * DAY;
        if (full) for (const l of lines) l.refunded = l.paid;
        if (part) lines[0].refunded = Math.floor(lines[0].paid / 2);
        const refunded = full ? payable : part ? lines[0].refunded : 0;
        const shippedAt = paidAt !== null && !full && paidAt + 20 * HOUR < now ? paidAt + 20 * HOUR : null;
        const completedAt = shippedAt !== null && shippedAt + 3 * DAY < now ? shippedAt + 3 * DAY : null;
        const deadline = completedAt === null ? null : completedAt + 7 * DAY;
        const status =
          paidAt === null
            ? 'CANCELLED'
            : full
              ? 'CLOSED'
              : completedAt !== null
                ? 'COMPLETED'
                : shippedAt !== null
                  ? 'SHIPPED'
                  : 'TO_SHIP';
        const expiresAt = createdAt + 15 * MINUTE;
        const orderNo = `BA${String(id).padStart(12, '0')}`;
        await writer.add(
          H.order,
          `(${id},'${orderNo}',${buyer},'${status}','NORMAL',${goods},${shippingFee},${payable},${refunded},` +
            `${ADDRESS},${ts(expiresAt)},${paidAt === null ? 'NULL' : ts(paidAt)},` +
            `${shippedAt === null ? 'NULL' : ts(shippedAt)},${shippedAt === null ? 'NULL' : ts(shippedAt + 10 * DAY)},` +
            `${completedAt === null ? 'NULL' : ts(completedAt)},${deadline === null ? 'NULL' : ts(deadline)},` +
            `${paidAt === null ? ts(expiresAt) : 'NULL'},${paidAt === null ? "'超时未支付'" : 'NULL'},` +
            `${full ? ts(closedAt!) : 'NULL'},${ts(createdAt)},${ts(Math.max(createdAt, closedAt ?? 0, paidAt ?? 0))})`,
        );
        for (const l of lines)
          await writer.add(
            H.line,
            `(${l.id},${id},${l.sku.productId},${l.sku.id},${l.sku.title},${l.sku.specs},${l.sku.price},` +
              `${l.quantity},${l.paid},${l.paid},${l.refunded},${full ? l.quantity : 0},${ts(createdAt)})`,
          );
        await writer.add(
          H.payment,
          `(${id},'${orderNo}',${paidAt === null ? 'NULL' : `'wx_${orderNo}'`},` +
            `${paidAt === null ? 'NULL' : `'42${orderNo}'`},'${paidAt === null ? 'CLOSED' : 'SUCCESS'}',${payable},` +
            `'bench-analytics-openid',${paidAt === null ? 'NULL' : ts(paidAt)},${ts(createdAt)},${ts(createdAt)})`,
        );
        if (full || part) {
          const at = full ? closedAt! : completedAt! + DAY;
          await writer.add(
            H.refund,
            `(${id},'R${orderNo}','50${orderNo}','${full ? 'MERCHANT' : 'AFTERSALE'}','SUCCESS',${refunded},` +
              `${ts(at)},${ts(at)},${ts(at)})`,
          );
        }
        await writer.add(
          H.attribution,
          `(${id},${visit.id},'${visit.source}',${SCENES[visit.source]},${visit.opengid ? `'${visit.opengid}'` : 'NULL'},` +
            `${orNull(visit.sharerId)},${visit.ref ? `'${visit.ref}'` : 'NULL'},${orNull(visit.postId)},` +
            `${orNull(visit.communityId)},${ts(createdAt)})`,
        );
        const binding = bound.get(buyer);
        if (binding && binding.at <= createdAt && binding.distributorId !== buyer) {
          const l1 = binding.distributorId;
          const l2 = parentOf.get(l1) ?? null;
          await writer.add(H.referral, `(${id},${buyer},${l1},${orNull(l2)},${ts(createdAt)})`);
          const settled = deadline !== null && deadline < now;
          for (const l of lines)
            for (const [level, beneficiary, rate] of [
              [1, l1, 0.1],
              [2, l2, 0.05],
            ] as const) {
              if (beneficiary === null) continue;
              const amount = Math.floor(l.paid * rate);
              const reversed = full ? amount : amount - Math.floor((amount * (l.paid - l.refunded)) / l.paid);
              const state = paidAt === null ? 'CANCELLED' : full ? 'REVERSED' : settled ? 'SETTLED' : 'PENDING';
              await writer.add(
                H.commission,
                `(${id},${l.id},${beneficiary},${buyer},${level},${l.paid},${l.refunded},${amount},${reversed},` +
                  `'SHOP_RATE',${l.sku.title},'${state}',${ts(createdAt)},${paidAt === null ? 'NULL' : ts(paidAt)},` +
                  `${settled ? ts(deadline!) : 'NULL'})`,
              );
            }
        }
        counts.orders += d < DAYS ? 1 : 0;
        if (paidAt !== null && d < DAYS) counts.paid += 1;
        if (full && d < DAYS) counts.full += 1;
        if (part && d < DAYS) counts.part += 1;
      }
    }
    await writer.end();
  } finally {
    for (const c of connections) {
      await c.query('SET unique_checks = 1, foreign_key_checks = 1').catch(() => undefined);
      c.release();
    }
  }
  return { ...counts, days, today, rows: writer.rowsWritten, seconds: round((performance.now() - t0) / 1000, 1) };
}

/** UV (users of visits and events, and anonymous devices of events), PV, paid orders and GMV, counted in SQL. */
async function sqlFigures(pool: mysql.Pool, from: string, to: string): Promise<AnalyticsFigures> {
  const [s, e] = [ts(dayWindow(from, TZ).start.getTime()), ts(dayWindow(to, TZ).end.getTime())];
  const [users] = await rows<{ n: number }>(
    pool,
    `SELECT COUNT(*) AS n FROM (
       SELECT user_id FROM visit WHERE created_at >= ${s} AND created_at < ${e} AND user_id IS NOT NULL
       UNION SELECT user_id FROM analytics_event WHERE at >= ${s} AND at < ${e} AND user_id IS NOT NULL) visitors`,
  );
  const [events] = await rows<{ devices: number; pv: number }>(
    pool,
    `SELECT COUNT(DISTINCT CASE WHEN user_id IS NULL THEN device_id END) AS devices,
            SUM(type IN (${PV_TYPES.map((t) => `'${t}'`).join(',')})) AS pv
       FROM analytics_event WHERE at >= ${s} AND at < ${e}`,
  );
  const [orders] = await rows<{ n: number; gmv: number }>(
    pool,
    `SELECT COUNT(*) AS n, COALESCE(SUM(payable - refunded_amount), 0) AS gmv FROM orders
      WHERE paid_at >= ${s} AND paid_at < ${e} AND status NOT IN ('CLOSED', 'CANCELLED')`,
  );
  return {
    uv: Number(users.n) + Number(events.devices),
    pv: Number(events.pv ?? 0),
    orders: Number(orders.n),
    gmv: Number(orders.gmv),
  };
}

const sameFigures = (a: AnalyticsFigures, b: AnalyticsFigures) =>
  a.uv === b.uv && a.pv === b.pv && a.orders === b.orders && a.gmv === b.gmv;

export const describeFigures = (f: AnalyticsFigures) =>
  `UV ${f.uv.toLocaleString('en')}, PV ${f.pv.toLocaleString('en')}, orders ${f.orders.toLocaleString('en')}, ` +
  `GMV ${(f.gmv / 100).toLocaleString('en', { minimumFractionDigits: 2 })} yuan`;

/** A one-off timing as a table row (the rollups). */
function timingRow(name: string, ms: number[]): Measurement {
  const sorted = [...ms].sort((a, b) => a - b);
  const seconds = ms.reduce((a, b) => a + b, 0) / 1000;
  return {
    name,
    requests: ms.length,
    errors: 0,
    seconds: round(seconds, 2),
    perSecond: round(ms.length / seconds, 1),
    p50Ms: round(percentile(sorted, 0.5), 1),
    p99Ms: round(percentile(sorted, 0.99), 1),
    failures: {},
  };
}

export async function analytics(
  pool: mysql.Pool,
  ready: HostReady,
  child: ChildProcess,
  adminToken: string,
  loop: { warmupMs: number; durationMs: number; serverPid?: number },
): Promise<AnalyticsResult> {
  const now = Date.now();
  // The late-event check (the sweeper reading new events by id) is held while the history is
  // written, then resumes after its last event: in a live shop it reads events as they arrive.
  await pool.query(
    `INSERT INTO analytics_cursor (name, last_id) VALUES ('events', 2147483647)
     ON DUPLICATE KEY UPDATE last_id = 2147483647`,
  );
  const generated = await generate(pool, now);
  const [maxEvent] = await rows<{ id: number }>(pool, 'SELECT COALESCE(MAX(id), 0) AS id FROM analytics_event');
  await pool.query(`UPDATE analytics_cursor SET last_id = ? WHERE name = 'events'`, [maxEvent.id]);
  const { days, today } = generated;
  const yesterday = days[DAYS - 1];
  const window = dayWindow(yesterday, TZ);
  const [nightly] = await rows<{ n: number }>(
    pool,
    'SELECT COUNT(*) AS n FROM analytics_event WHERE at >= ? AND at < ?',
    [
      window.start.toISOString().slice(0, 23).replace('T', ' '),
      window.end.toISOString().slice(0, 23).replace('T', ' '),
    ],
  );
  log(
    `analytics history: ${DAYS} days ${days[0]} … ${yesterday} (Asia/Shanghai), ${generated.events.toLocaleString('en')} events ` +
      `(yesterday ${Number(nightly.n).toLocaleString('en')}), ${generated.visits.toLocaleString('en')} visits, ` +
      `${generated.orders.toLocaleString('en')} orders (${generated.paid.toLocaleString('en')} paid, ` +
      `${generated.full} refunded in full, ${generated.part} in part), ${USERS.toLocaleString('en')} shoppers; ` +
      `today so far ${generated.todayEvents.toLocaleString('en')} events; ` +
      `${generated.rows.toLocaleString('en')} rows written in ${generated.seconds} s`,
  );

  // Every day rolled up by the server, oldest first; the last, yesterday, is the nightly rollup.
  const rolled = await ask<HostRolled>(child, { type: 'rollup', days }, 'rolled');
  if (rolled.error) throw new Error(`rollup failed after ${rolled.ms.length} days: ${rolled.error}`);
  const nightlyMs = rolled.ms[DAYS - 1];
  const again = await ask<HostRolled>(child, { type: 'rollup', days: [yesterday] }, 'rolled');
  if (again.error) throw new Error(`rolling up ${yesterday} again failed: ${again.error}`);
  const rollup = {
    days: rolled.ms.length,
    seconds: round(rolled.ms.reduce((a, b) => a + b, 0) / 1000, 1),
    p50DayMs: round(
      percentile(
        [...rolled.ms].sort((a, b) => a - b),
        0.5,
      ),
      0,
    ),
    maxDayMs: round(Math.max(...rolled.ms), 0),
  };
  log(
    `rollup of ${rollup.days} days: ${rollup.seconds} s (a day p50 ${rollup.p50DayMs} ms, slowest ${rollup.maxDayMs} ms); ` +
      `nightly rollup of ${yesterday} (${Number(nightly.n).toLocaleString('en')} events): ${round(nightlyMs / 1000, 2)} s, ` +
      `again ${round(again.ms[0] / 1000, 2)} s`,
  );

  // The overview over HTTP, as the console asks for it.
  const http = new HttpClient(CONCURRENCY);
  const path = (from: string, to: string) => `${ready.baseUrl}/api/v1/admin/analytics/overview?from=${from}&to=${to}`;
  const ranges = { yesterday: { from: days[0], to: yesterday }, today: { from: days[1], to: today } };
  const once = (url: string) => async (): Promise<true | string> => {
    const res = await http.request(url, { token: adminToken, parse: false });
    return res.status === 200 ? true : `HTTP ${res.status}`;
  };
  const figuresOf = async (from: string, to: string): Promise<AnalyticsFigures> => {
    const res = await http.request(path(from, to), { token: adminToken });
    if (res.status !== 200) throw new Error(`overview ${from}…${to}: ${res.status} ${JSON.stringify(res.body)}`);
    const { uv, pv, orders, gmv } = (res.body as { current: AnalyticsFigures }).current;
    return { uv, pv, orders, gmv };
  };
  const check = async (range: { from: string; to: string }) => {
    const [api, sql] = [await figuresOf(range.from, range.to), await sqlFigures(pool, range.from, range.to)];
    return { ...range, api, sql, equal: sameFigures(api, sql) };
  };
  const checks = { yesterday: await check(ranges.yesterday), today: await check(ranges.today) };
  for (const [name, c] of Object.entries(checks))
    log(
      `overview ${c.from} … ${c.to}${name === 'today' ? ' (today live)' : ''}: API ${describeFigures(c.api)}; ` +
        `SQL on the raw tables ${describeFigures(c.sql)} → ${c.equal ? 'equal' : 'DIFFERENT'}`,
    );

  const overviewOnce = once(path(ranges.yesterday.from, ranges.yesterday.to));
  // The 90 days before (the comparison period: a quiet shop) have no rollups yet, as in a shop
  // younger than 180 days: they are computed from the raw rows, again every few seconds.
  const overviewUnrolled = await closedLoop(
    `analytics overview ${DAYS} days, previous ${DAYS} not rolled up (1 operator)`,
    { ...loop, concurrency: 1 },
    overviewOnce,
  );
  const previousDays = Array.from({ length: DAYS }, (_, i) => addDays(days[0], i - DAYS));
  const quiet = await ask<HostRolled>(child, { type: 'rollup', days: previousDays }, 'rolled');
  if (quiet.error) throw new Error(`rolling up the previous ${DAYS} days failed: ${quiet.error}`);
  log(
    `the previous ${DAYS} days (${previousDays[0]} … ${previousDays[DAYS - 1]}, no data) rolled up in ` +
      `${round(quiet.ms.reduce((a, b) => a + b, 0) / 1000, 1)} s`,
  );
  const overview = await closedLoop(
    `analytics overview ${DAYS} days (1 operator)`,
    { ...loop, concurrency: 1 },
    overviewOnce,
  );
  const overviewCrowd = await closedLoop(
    `analytics overview ${DAYS} days (${CONCURRENCY} callers)`,
    { ...loop, concurrency: CONCURRENCY },
    overviewOnce,
  );
  const overviewToday = await closedLoop(
    `analytics overview ${DAYS} days to today (1 operator)`,
    { ...loop, concurrency: 1 },
    once(path(ranges.today.from, ranges.today.to)),
  );
  // Figures read again after the loops: still equal to SQL (nothing was written meanwhile).
  const after = await figuresOf(ranges.yesterday.from, ranges.yesterday.to);
  const nightlyEvents = Number(nightly.n);
  return {
    generated: {
      days: { from: days[0], to: yesterday },
      events: generated.events,
      nightlyEvents,
      todayEvents: generated.todayEvents,
      visits: generated.visits,
      orders: generated.orders,
      paid: generated.paid,
      refundedFull: generated.full,
      refundedPart: generated.part,
      users: USERS,
      seconds: generated.seconds,
    },
    rollup,
    nightly: {
      day: yesterday,
      events: nightlyEvents,
      seconds: round(nightlyMs / 1000, 2),
      againSeconds: round(again.ms[0] / 1000, 2),
      correct: nightlyEvents >= 100_000 * SCALE,
    },
    nightlyRow: timingRow(`nightly rollup of ${yesterday} (${nightlyEvents.toLocaleString('en')} events)`, [nightlyMs]),
    rollupRow: timingRow(`rollup of ${DAYS} days (${generated.events.toLocaleString('en')} events)`, rolled.ms),
    overviewUnrolled,
    overview,
    overviewCrowd,
    overviewToday,
    checks: {
      ...checks,
      correct: checks.yesterday.equal && checks.today.equal && sameFigures(after, checks.yesterday.sql),
    },
    overviewOnce,
    close: () => http.close(),
  };
}

export const NIGHTLY_TARGET_SECONDS = TARGET_NIGHTLY_SECONDS;
