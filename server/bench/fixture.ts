import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type mysql from 'mysql2/promise';
import type { RowDataPacket } from 'mysql2/promise';
import { HttpClient, round } from './load';
import type { HostCommand, HostReady } from './server-host';

/** Callers of the closed-loop scenarios, and the size of the checkout crowd. */
export const CONCURRENCY = 32;
export const HOT_STOCK = 100;
export const HOT_BUYERS = 1000;

export const log = (line: string) => process.stdout.write(`  ${line}\n`);
export const random = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)];

/** Rows of a query on the raw pool (`prepared` uses the binary protocol's prepared statements). */
export async function rows<T>(pool: mysql.Pool, sql: string, params: unknown[] = [], prepared = false): Promise<T[]> {
  const [result] = prepared
    ? await pool.execute<RowDataPacket[]>(sql, params as never)
    : await pool.query<RowDataPacket[]>(sql, params);
  return result as T[];
}

/** The server with the WeChat sandbox, in its own process. */
export function startHost(): Promise<{ child: ChildProcess; ready: HostReady }> {
  const child = fork(path.join(__dirname, 'server-host.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the server process exited with ${code} before it was ready`)));
    child.on('message', (message: { type: string }) => {
      if (message.type === 'ready') resolve({ child, ready: message as HostReady });
    });
  });
}

/** Sends a command to the server process and waits for its answer. */
export function ask<T>(child: ChildProcess, command: HostCommand, answer: string): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (message: { type: string }) => {
      if (message.type !== answer) return;
      child.off('message', onMessage);
      resolve(message as T);
    };
    child.on('message', onMessage);
    child.send(command);
  });
}

export interface Buyer {
  token: string;
  userId: number;
  openid: string;
  addressId: number;
}

/** A SKU with stock 100 that only one hot-item run uses, and its product (the page the phones have open). */
export interface HotSku {
  skuId: number;
  productId: number;
}

export interface Fixture {
  productIds: number[];
  onShelfProductIds: number[];
  listPages: number;
  updateSkuId: number;
  /** The measured rush, the rush on brand-new connections, the profiled rush: one fresh SKU each. */
  hotSkus: { warm: HotSku; cold: HotSku; profiled: HotSku };
  checkoutSkuIds: number[];
  checkoutBuyers: Buyer[];
  hotBuyers: Buyer[];
}

/** SKUs for each scenario, buyers logged in through the sandbox, one address each. */
export async function prepare(pool: mysql.Pool, ready: HostReady): Promise<Fixture> {
  const t0 = performance.now();
  const products = await rows<{ id: number; on_shelf: number }>(pool, 'SELECT id, on_shelf FROM product ORDER BY id');
  const skus = await rows<{ id: number; product_id: number }>(
    pool,
    `SELECT s.id, s.product_id FROM sku s JOIN product p ON p.id = s.product_id
      WHERE p.purchase_limit IS NULL AND p.on_shelf = 1 ORDER BY s.id`,
  );
  if (skus.length < 5) throw new Error('the demo shop has too few SKUs without a purchase limit');
  const [update, warm, cold, profiled, ...checkout] = skus;
  const hot = (sku: { id: number; product_id: number }): HotSku => ({ skuId: sku.id, productId: sku.product_id });
  await pool.query('UPDATE sku SET stock = 100000000 WHERE id = ?', [update.id]);
  await pool.query('UPDATE sku SET stock = ? WHERE id IN (?)', [HOT_STOCK, [warm.id, cold.id, profiled.id]]);
  const checkoutSkuIds = checkout.map((s) => s.id);
  await pool.query('UPDATE sku SET stock = 1000000 WHERE id IN (?)', [checkoutSkuIds]);
  const onShelfProductIds = products.filter((p) => p.on_shelf).map((p) => p.id);

  const loginClient = new HttpClient(CONCURRENCY);
  const login = async (names: string[]): Promise<Buyer[]> => {
    const buyers: Buyer[] = new Array(names.length);
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < names.length) {
          const index = next++;
          const res = await loginClient.request(`${ready.baseUrl}/api/v1/auth/wechat-login`, {
            method: 'POST',
            body: { code: `sandbox:${names[index]}` },
          });
          if (res.status !== 200) throw new Error(`login ${names[index]}: ${res.status} ${JSON.stringify(res.body)}`);
          buyers[index] = { token: res.body.token, userId: Number(res.body.user.id), openid: '', addressId: 0 };
        }
      }),
    );
    const ids = buyers.map((b) => b.userId);
    const users = await rows<{ id: number; openid: string }>(pool, 'SELECT id, openid FROM user WHERE id IN (?)', [
      ids,
    ]);
    const openids = new Map(users.map((u) => [u.id, u.openid]));
    await pool.query(
      `INSERT INTO address (user_id, name, phone, province, city, district, detail, is_default, created_at, updated_at)
       VALUES ?`,
      [
        ids.map((id) => [
          id,
          '张三',
          '13800138000',
          '浙江省',
          '杭州市',
          '西湖区',
          '文三路 100 号',
          1,
          new Date(),
          new Date(),
        ]),
      ],
    );
    const addresses = await rows<{ id: number; user_id: number }>(
      pool,
      'SELECT id, user_id FROM address WHERE user_id IN (?)',
      [ids],
    );
    const addressOf = new Map(addresses.map((a) => [a.user_id, a.id]));
    for (const buyer of buyers) {
      buyer.openid = openids.get(buyer.userId)!;
      buyer.addressId = addressOf.get(buyer.userId)!;
    }
    return buyers;
  };
  const checkoutBuyers = await login(Array.from({ length: CONCURRENCY }, (_, i) => `bench-checkout-${i}`));
  const hotBuyers = await login(Array.from({ length: HOT_BUYERS }, (_, i) => `bench-hot-${i}`));
  loginClient.close();
  log(
    `prepared ${products.length} products, ${skus.length} SKUs, ${checkoutBuyers.length + hotBuyers.length} buyers ` +
      `with addresses (${round((performance.now() - t0) / 1000, 1)}s)`,
  );
  return {
    productIds: products.map((p) => p.id),
    onShelfProductIds,
    listPages: Math.max(1, Math.ceil(onShelfProductIds.length / 20)),
    updateSkuId: update.id,
    hotSkus: { warm: hot(warm), cold: hot(cold), profiled: hot(profiled) },
    checkoutSkuIds,
    checkoutBuyers,
    hotBuyers,
  };
}
