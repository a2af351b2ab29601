import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type mysql from 'mysql2/promise';
import { cpuMeter, type CpuUse } from './cpu';
import { ask, HOT_STOCK, rows, type Buyer, type HotSku } from './fixture';
import { percentile, round, summarise, type Measurement } from './load';
import { Phone } from './phone';
import { summariseProfile, type CpuProfile, type ProfileSummary } from './profile-summary';
import type { HostReady } from './server-host';

export interface HotItemChecks {
  buyers: number;
  created: number;
  refusedStockInsufficient: number;
  serverErrors: number;
  otherResponses: Record<string, number>;
  orderLinesInDatabase: number;
  unitsInDatabase: number;
  finalStock: number;
  lowestStockSeen: number;
  soldPerSecond: number;
  correct: boolean;
}

/** When the answers came, in ms from the moment all buyers pressed 立即购买. */
export interface HotItemTimeline {
  connections: 'warm' | 'cold';
  /** Warm runs: how long the 1,000 phones took to open the product page (not measured). */
  warmupSeconds: number | null;
  /** TCP connections opened during the rush (0 when every phone reused its kept-alive one). */
  newConnectionsDuringRush: number;
  firstAnswerMs: number;
  lastSaleMs: number;
  lastAnswerMs: number;
  /** CPU time used during the rush (/proc, Linux). */
  cpuMs: CpuUse;
  sold: { p50Ms: number; p99Ms: number };
  refused: { p50Ms: number; p99Ms: number };
}

export interface HotItemRun {
  measurement: Measurement;
  checks: HotItemChecks;
  timeline: HotItemTimeline;
  profile?: ProfileSummary;
}

export interface HotItemOptions {
  /**
   * `warm`: the phones already have the product page open, so each holds a kept-alive connection
   * (opened by a GET of the product detail before the sale) and the rush is 1,000 orders on them.
   * `cold`: each order opens its own new connection at the moment of the rush.
   */
  connections: 'warm' | 'cold';
  /** Records a V8 CPU profile of the server during the rush (not during the warm-up). */
  profile?: { child: ChildProcess; file: string; artifacts: string };
  /** The server's process id, to read its CPU time around the rush. */
  serverPid?: number;
}

/** How many phones open the product page at a time during the warm-up. */
const WARMUP_PARALLEL = 50;
/** The pause between the last phone opening the page and the sale starting. */
const SALE_STARTS_AFTER_MS = 500;
/** How often the stock is sampled during the rush. */
const STOCK_SAMPLE_MS = 10;

/**
 * 秒杀: one SKU with stock 100 and 1,000 buyers on 1,000 phones (one connection each), each
 * ordering one unit, all at the same moment. Checks that exactly 100 were sold, the other 900
 * refused with STOCK_INSUFFICIENT, no 5xx, and the stock never below zero.
 */
export async function hotItem(
  pool: mysql.Pool,
  ready: HostReady,
  buyers: Buyer[],
  sku: HotSku,
  options: HotItemOptions,
): Promise<HotItemRun> {
  const phones = buyers.map(() => Phone.of(ready.baseUrl));
  let warmupSeconds: number | null = null;
  if (options.connections === 'warm') {
    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: WARMUP_PARALLEL }, async () => {
        while (next < phones.length) {
          const phone = phones[next++];
          const res = await phone.request('GET', `/api/v1/products/${sku.productId}`);
          if (res.status !== 200) throw new Error(`product page ${sku.productId}: HTTP ${res.status}`);
        }
      }),
    );
    warmupSeconds = round((performance.now() - t0) / 1000, 2);
    await new Promise((resolve) => setTimeout(resolve, SALE_STARTS_AFTER_MS));
  }
  const connectionsBefore = phones.reduce((sum, phone) => sum + phone.connections, 0);
  // Each buyer's order is ready on the phone before the sale starts (立即购买 is one tap).
  const orders = buyers.map((buyer, i) =>
    phones[i].prepare('POST', '/api/v1/orders', {
      token: buyer.token,
      body: { items: [{ skuId: String(sku.skuId), quantity: 1 }], addressId: String(buyer.addressId) },
    }),
  );

  // Samples the stock while the rush runs. It is a second look, not the proof: during the rush the
  // stock only goes down (a refused order rolls back), so a final stock of 0 with exactly 100 units
  // sold already shows it never went below zero. Every 10 ms, because the sampling runs on the same
  // two cores as the server (every 2 ms it cost more CPU than the phones).
  let lowestStockSeen = HOT_STOCK;
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      const [row] = await rows<{ stock: number }>(pool, 'SELECT stock FROM sku WHERE id = ?', [sku.skuId], true);
      lowestStockSeen = Math.min(lowestStockSeen, row.stock);
      await new Promise((resolve) => setTimeout(resolve, STOCK_SAMPLE_MS));
    }
  })();
  if (options.profile) await ask(options.profile.child, { type: 'profile-start' }, 'profile-started');

  const latencies: number[] = [];
  const soldLatencies: number[] = [];
  const refusedLatencies: number[] = [];
  const outcomes: Record<string, number> = {};
  let created = 0;
  let firstAnswer = Infinity;
  let lastSale = 0;
  const cpu = cpuMeter(options.serverPid);
  const start = performance.now();
  await Promise.all(
    phones.map(async (phone, i) => {
      const began = performance.now();
      let key: string;
      try {
        const res = await phone.send(orders[i]);
        key = `${res.status} ${res.body?.error?.code ?? ''}`.trim();
      } catch (error) {
        key = `network ${(error as Error).message.slice(0, 40)}`;
      }
      const ended = performance.now();
      firstAnswer = Math.min(firstAnswer, ended);
      latencies.push(ended - began);
      if (key === '201') {
        created += 1;
        lastSale = Math.max(lastSale, ended);
        soldLatencies.push(ended - began);
      } else if (key === '409 STOCK_INSUFFICIENT') refusedLatencies.push(ended - began);
      outcomes[key] = (outcomes[key] ?? 0) + 1;
    }),
  );
  const end = performance.now();
  const cpuMs = cpu();
  const seconds = (end - start) / 1000;

  let profile: ProfileSummary | undefined;
  if (options.profile) {
    const { child, file, artifacts } = options.profile;
    const { profile: raw } = await ask<{ profile: CpuProfile }>(child, { type: 'profile-stop' }, 'profile');
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(path.join(artifacts, file), JSON.stringify(raw));
    profile = { ...summariseProfile(raw, 15), scenario: `hot item (${options.connections} connections)` };
  }
  watching = false;
  await watcher;
  const newConnectionsDuringRush = phones.reduce((sum, phone) => sum + phone.connections, 0) - connectionsBefore;
  for (const phone of phones) phone.close();

  const [{ lineCount, units }] = await rows<{ lineCount: number; units: number | string }>(
    pool,
    'SELECT COUNT(*) AS lineCount, COALESCE(SUM(quantity), 0) AS units FROM order_line WHERE sku_id = ?',
    [sku.skuId],
  );
  const [{ stock }] = await rows<{ stock: number }>(pool, 'SELECT stock FROM sku WHERE id = ?', [sku.skuId]);
  const refused = outcomes['409 STOCK_INSUFFICIENT'] ?? 0;
  const serverErrors = Object.entries(outcomes)
    .filter(([key]) => key.startsWith('5') || key.startsWith('network'))
    .reduce((sum, [, n]) => sum + n, 0);
  const otherResponses = Object.fromEntries(
    Object.entries(outcomes).filter(([key]) => key !== '201' && key !== '409 STOCK_INSUFFICIENT'),
  );
  const checks: HotItemChecks = {
    buyers: buyers.length,
    created,
    refusedStockInsufficient: refused,
    serverErrors,
    otherResponses,
    orderLinesInDatabase: Number(lineCount),
    unitsInDatabase: Number(units),
    finalStock: stock,
    lowestStockSeen: Math.min(lowestStockSeen, stock),
    soldPerSecond: round(created / Math.max((lastSale - start) / 1000, 1e-3), 1),
    correct:
      created === HOT_STOCK &&
      Number(lineCount) === HOT_STOCK &&
      Number(units) === HOT_STOCK &&
      stock === 0 &&
      lowestStockSeen >= 0 &&
      refused === buyers.length - HOT_STOCK &&
      serverErrors === 0,
  };
  const spread = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return { p50Ms: round(percentile(sorted, 0.5), 1), p99Ms: round(percentile(sorted, 0.99), 1) };
  };
  const timeline: HotItemTimeline = {
    connections: options.connections,
    warmupSeconds,
    newConnectionsDuringRush,
    firstAnswerMs: round(firstAnswer - start, 1),
    lastSaleMs: round(lastSale - start, 1),
    lastAnswerMs: round(end - start, 1),
    cpuMs,
    sold: spread(soldLatencies),
    refused: spread(refusedLatencies),
  };
  const failures = Object.fromEntries(Object.entries(outcomes).filter(([key]) => key !== '201'));
  // Every buyer gets an answer (sold or STOCK_INSUFFICIENT): the rate is of answered buyers.
  const label = options.connections === 'warm' ? 'pages open' : 'new connections';
  const measurement = summarise(
    `hot item (${buyers.length} buyers, ${label})`,
    latencies,
    seconds,
    serverErrors,
    failures,
  );
  return { measurement: { ...measurement, cpu: cpuMs }, checks, timeline, profile };
}

/** One line per run: outcomes, stock, and when the answers came. */
export function describeHotItem(run: HotItemRun): string[] {
  const { checks: c, timeline: t } = run;
  return [
    `${c.created} created, ${c.refusedStockInsufficient} STOCK_INSUFFICIENT, ${c.serverErrors} 5xx, ` +
      `stock ${c.finalStock} (lowest seen ${c.lowestStockSeen}), ${c.orderLinesInDatabase} order lines in the database` +
      (Object.keys(c.otherResponses).length ? `, other answers ${JSON.stringify(c.otherResponses)}` : ''),
    (t.warmupSeconds !== null ? `pages opened in ${t.warmupSeconds}s; ` : '') +
      `${t.newConnectionsDuringRush} new connections during the rush; first answer ${t.firstAnswerMs} ms, ` +
      `last sale ${t.lastSaleMs} ms, last answer ${t.lastAnswerMs} ms` +
      '; ' +
      `sold p50/p99 ${t.sold.p50Ms}/${t.sold.p99Ms} ms, refused p50/p99 ${t.refused.p50Ms}/${t.refused.p99Ms} ms`,
  ];
}
