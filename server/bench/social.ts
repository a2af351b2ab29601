import { performance } from 'node:perf_hooks';
import type mysql from 'mysql2/promise';
import { CONCURRENCY, log, rows, type Buyer } from './fixture';
import { closedLoop, HttpClient, round, summarise, type Measurement } from './load';
import type { HostReady } from './server-host';

/**
 * The social layer under load: the race for a group's last seats (1,000 joiners at once for 2
 * seats: exactly 2 win, whatever the concurrency) and a community's feed read in a closed loop
 * (reported as a ratio of the raw primary-key SELECT rate; target ≥ 25%).
 */

const FEED_POSTS = 200;

export interface RaceResult {
  measurement: Measurement;
  joiners: number;
  won: number;
  refusedFull: number;
  other: Record<string, number>;
  seatsTaken: number;
  size: number;
  correct: boolean;
}

async function pay(http: HttpClient, ready: HostReady, buyer: Buyer, orderId: string) {
  const params = await http.request(`${ready.baseUrl}/api/v1/orders/${orderId}/pay`, {
    method: 'POST',
    token: buyer.token,
  });
  if (params.status !== 200) throw new Error(`pay ${params.status}`);
  const paid = await http.request(`${ready.sandboxUrl}/sandbox/pay`, {
    method: 'POST',
    body: { ...(params.body as object), openid: buyer.openid },
  });
  if (paid.status !== 200) throw new Error(`sandbox pay ${paid.status}`);
}

/** A group of 3 whose leader has paid (2 seats left), and 1,000 buyers asking for them at once. */
export async function lastSeatRace(
  pool: mysql.Pool,
  ready: HostReady,
  adminToken: string,
  leader: Buyer,
  joiners: Buyer[],
  skuId: number,
): Promise<RaceResult> {
  const http = new HttpClient(CONCURRENCY);
  const [{ product_id: productId, price }] = await rows<{ product_id: number; price: number }>(
    pool,
    'SELECT product_id, price FROM sku WHERE id = ?',
    [skuId],
  );
  await pool.query('UPDATE sku SET stock = 100000 WHERE id = ?', [skuId]);
  const created = await http.request(`${ready.baseUrl}/api/v1/admin/groupbuys/campaigns`, {
    method: 'POST',
    token: adminToken,
    body: {
      title: '抢最后的座位',
      productId: String(productId),
      skus: [{ skuId: String(skuId), groupPrice: Math.max(1, price - 100) }],
      groupSize: 3,
      durationMinutes: 60,
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      quota: 100_000,
    },
  });
  if (created.status !== 201) throw new Error(`campaign ${created.status} ${JSON.stringify(created.body)}`);
  const campaignId = (created.body as { id: string }).id;
  const opened = await http.request(`${ready.baseUrl}/api/v1/orders`, {
    method: 'POST',
    token: leader.token,
    body: {
      items: [{ skuId: String(skuId), quantity: 1 }],
      addressId: String(leader.addressId),
      groupBuy: { campaignId },
    },
  });
  if (opened.status !== 201) throw new Error(`open ${opened.status} ${JSON.stringify(opened.body)}`);
  await pay(http, ready, leader, (opened.body as { id: string }).id);
  let groupId: number | undefined;
  for (let i = 0; i < 200 && groupId === undefined; i += 1) {
    const [group] = await rows<{ id: number }>(
      pool,
      "SELECT id FROM groupbuy_group WHERE campaign_id = ? AND status = 'FORMING'",
      [Number(campaignId)],
    );
    groupId = group?.id;
    if (groupId === undefined) await new Promise((r) => setTimeout(r, 50));
  }
  if (groupId === undefined) throw new Error('the leader’s payment did not open the group');
  http.close();

  const phones = new HttpClient(joiners.length);
  // The joiners have the group page open: their connections exist before the rush.
  await Promise.all(
    joiners.map((b) =>
      phones.request(`${ready.baseUrl}/api/v1/groupbuys/groups/${groupId}`, { token: b.token, parse: false }),
    ),
  );
  const outcomes: Record<string, number> = {};
  const latencies: number[] = [];
  const start = performance.now();
  await Promise.all(
    joiners.map(async (buyer) => {
      const began = performance.now();
      let key: string;
      try {
        const res = await phones.request(`${ready.baseUrl}/api/v1/orders`, {
          method: 'POST',
          token: buyer.token,
          body: {
            items: [{ skuId: String(skuId), quantity: 1 }],
            addressId: String(buyer.addressId),
            groupBuy: { campaignId, groupId: String(groupId) },
          },
        });
        key = `${res.status} ${(res.body as { error?: { code?: string } })?.error?.code ?? ''}`.trim();
      } catch (error) {
        key = `network ${(error as Error).message.slice(0, 40)}`;
      }
      latencies.push(performance.now() - began);
      outcomes[key] = (outcomes[key] ?? 0) + 1;
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  phones.close();
  const [group] = await rows<{ seats_taken: number; size: number }>(
    pool,
    'SELECT seats_taken, size FROM groupbuy_group WHERE id = ?',
    [groupId],
  );
  const won = outcomes['201'] ?? 0;
  const refusedFull = outcomes['409 GROUP_FULL'] ?? 0;
  const other = Object.fromEntries(Object.entries(outcomes).filter(([k]) => k !== '201' && k !== '409 GROUP_FULL'));
  const errors = Object.entries(other).filter(([k]) => k.startsWith('5') || k.startsWith('network')).length;
  return {
    measurement: summarise(`last-seat race (${joiners.length} joiners, 2 seats)`, latencies, seconds, errors, other),
    joiners: joiners.length,
    won,
    refusedFull,
    other,
    seatsTaken: Number(group.seats_taken),
    size: Number(group.size),
    correct: won === 2 && refusedFull === joiners.length - 2 && Number(group.seats_taken) === 3,
  };
}

/**
 * A community with 200 published posts (some tagging products), its first page read by its
 * members; `readOnce` reads it again (for a profile), `close` ends the connections.
 */
export async function communityFeed(
  pool: mysql.Pool,
  ready: HostReady,
  adminToken: string,
  readers: Buyer[],
  productIds: number[],
  timing: { warmupMs: number; durationMs: number },
): Promise<{ measurement: Measurement; readOnce: (caller: number) => Promise<true | string>; close: () => void }> {
  const http = new HttpClient(CONCURRENCY);
  try {
    const created = await http.request(`${ready.baseUrl}/api/v1/admin/communities`, {
      method: 'POST',
      token: adminToken,
      body: { name: '好物分享' },
    });
    if (created.status !== 201 && created.status !== 200) throw new Error(`community ${created.status}`);
    const communityId = Number((created.body as { id: string }).id);
    const author = readers[0];
    const now = Date.now();
    const began = performance.now();
    const posts: unknown[][] = [];
    for (let i = 0; i < FEED_POSTS; i += 1) {
      const at = new Date(now - i * 60_000);
      posts.push([
        communityId,
        author.userId,
        'NOTE',
        `第${i}篇`,
        `今天的好物分享 #${i}`,
        '[]',
        'PUBLISHED',
        at,
        at,
        at,
      ]);
    }
    await pool.query(
      `INSERT INTO post (community_id, author_id, type, title, text, images, status, published_at, created_at, updated_at)
       VALUES ?`,
      [posts],
    );
    const ids = await rows<{ id: number }>(pool, 'SELECT id FROM post WHERE community_id = ? ORDER BY id', [
      communityId,
    ]);
    const tags = ids.flatMap((p, i) => (i % 2 === 0 ? [[p.id, productIds[i % productIds.length], 0]] : []));
    if (tags.length) await pool.query('INSERT INTO post_product (post_id, product_id, sort) VALUES ?', [tags]);
    log(`community ${communityId}: ${FEED_POSTS} posts (${round(performance.now() - began, 0)} ms)`);

    const readOnce = async (caller: number): Promise<true | string> => {
      const reader = readers[caller % readers.length];
      const res = await http.request(`${ready.baseUrl}/api/v1/communities/${communityId}/posts?limit=20`, {
        token: reader.token,
        parse: false,
      });
      return res.status === 200 ? true : `status ${res.status}`;
    };
    const measurement = await closedLoop('community feed', { concurrency: CONCURRENCY, ...timing }, readOnce);
    return { measurement, readOnce, close: () => http.close() };
  } catch (error) {
    http.close();
    throw error;
  }
}
