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

/** What a rush of buyers for one SKU needs besides the buyers and the SKU. */
export interface RushOptions extends HotItemOptions {
  /** Names the measurement: `${name} (1000 buyers, pages open)`. */
  name: string;
  /** The code a buyer who came too late gets (409), e.g. STOCK_INSUFFICIENT or FLASH_SALE_SOLD_OUT. */
  refusal: string;
  /** What is left to sell, sampled during the rush (the stock, or a flash sale's quota − sold). */
  remaining: { before: number; read: () => Promise<number> };
}

/** The answers of a rush, before the scenario checks the database. */
export interface RushResult {
  measurement: Measurement;
  timeline: HotItemTimeline;
  profile?: ProfileSummary;
  created: number;
  /** Answered 409 with `options.refusal`. */
  refused: number;
  serverErrors: number;
  otherResponses: Record<string, number>;
  /** The lowest `remaining` sampled during the rush (and once after it). */
  lowestRemainingSeen: number;
  soldPerSecond: number;
}

/**
 * A rush: 1,000 buyers on 1,000 phones (one connection each), each ordering one unit of one SKU,
 * all at the same moment, with what is left to sell sampled meanwhile. The scenarios (the plain
 * hot item here, the flash sale in marketing.ts) check the outcome against the database.
 */
export async function rush(
  pool: mysql.Pool,
  ready: HostReady,
  buyers: Buyer[],
  sku: HotSku,
  options: RushOptions,
): Promise<RushResult> {
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

  // Samples what is left while the rush runs. It is a second look, not the proof: during the rush
  // it only goes down (a refused order rolls back), so a final 0 with exactly the units sold already
  // shows it never went below zero. Every 10 ms, because the sampling runs on the same two cores as
  // the server (every 2 ms it cost more CPU than the phones).
  let lowestRemainingSeen = options.remaining.before;
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      lowestRemainingSeen = Math.min(lowestRemainingSeen, await options.remaining.read());
      await new Promise((resolve) => setTimeout(resolve, STOCK_SAMPLE_MS));
    }
  })();
  if (options.profile) await ask(options.profile.child, { type: 'profile-start' }, 'profile-started');

  const refusedKey = `409 ${options.refusal}`;
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
      } else if (key === refusedKey) refusedLatencies.push(ended - began);
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
    profile = { ...summariseProfile(raw, 15), scenario: `${options.name} (${options.connections} connections)` };
  }
  watching = false;
  await watcher;
  lowestRemainingSeen = Math.min(lowestRemainingSeen, await options.remaining.read());
  const newConnectionsDuringRush = phones.reduce((sum, phone) => sum + phone.connections, 0) - connectionsBefore;
  for (const phone of phones) phone.close();

  const serverErrors = Object.entries(outcomes)
    .filter(([key]) => key.startsWith('5') || key.startsWith('network'))
    .reduce((sum, [, n]) => sum + n, 0);
  const otherResponses = Object.fromEntries(
    Object.entries(outcomes).filter(([key]) => key !== '201' && key !== refusedKey),
  );
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
  // Every buyer gets an answer (sold or refused): the rate is of answered buyers.
  const label = options.connections === 'warm' ? 'pages open' : 'new connections';
  const measurement = summarise(
    `${options.name} (${buyers.length} buyers, ${label})`,
    latencies,
    seconds,
    serverErrors,
    failures,
  );
  return {
    measurement: { ...measurement, cpu: cpuMs },
    timeline,
    profile,
    created,
    refused: outcomes[refusedKey] ?? 0,
    serverErrors,
    otherResponses,
    lowestRemainingSeen,
    soldPerSecond: round(created / Math.max((lastSale - start) / 1000, 1e-3), 1),
  };
}

/** Reads a SKU's stock (a fresh read each time, outside the server). */
function stockReader(pool: mysql.Pool, skuId: number): () => Promise<number> {
  return async () =>
    (await rows<{ stock: number }>(pool, 'SELECT stock FROM sku WHERE id = ?', [skuId], true))[0].stock;
}

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
  const stockOf = stockReader(pool, sku.skuId);
  const run = await rush(pool, ready, buyers, sku, {
    ...options,
    name: 'hot item',
    refusal: 'STOCK_INSUFFICIENT',
    remaining: { before: HOT_STOCK, read: stockOf },
  });
  const [{ lineCount, units }] = await rows<{ lineCount: number; units: number | string }>(
    pool,
    'SELECT COUNT(*) AS lineCount, COALESCE(SUM(quantity), 0) AS units FROM order_line WHERE sku_id = ?',
    [sku.skuId],
  );
  const stock = await stockOf();
  const checks: HotItemChecks = {
    buyers: buyers.length,
    created: run.created,
    refusedStockInsufficient: run.refused,
    serverErrors: run.serverErrors,
    otherResponses: run.otherResponses,
    orderLinesInDatabase: Number(lineCount),
    unitsInDatabase: Number(units),
    finalStock: stock,
    lowestStockSeen: run.lowestRemainingSeen,
    soldPerSecond: run.soldPerSecond,
    correct:
      run.created === HOT_STOCK &&
      Number(lineCount) === HOT_STOCK &&
      Number(units) === HOT_STOCK &&
      stock === 0 &&
      run.lowestRemainingSeen >= 0 &&
      run.refused === buyers.length - HOT_STOCK &&
      run.serverErrors === 0,
  };
  return { measurement: run.measurement, checks, timeline: run.timeline, profile: run.profile };
}

/**
 * The same rush once the SKU is sold out: 1,000 buyers, every one refused at the stock gate. No
 * order is written, so its rate is what answering a rush costs by itself, the ceiling of the hot
 * item for any way of writing the 100 orders that still answers each buyer over HTTP.
 */
export async function soldOutRush(
  pool: mysql.Pool,
  ready: HostReady,
  buyers: Buyer[],
  sku: HotSku,
  options: HotItemOptions,
): Promise<RushResult> {
  const stockOf = stockReader(pool, sku.skuId);
  const before = await stockOf();
  if (before !== 0) throw new Error(`sold-out rush: SKU ${sku.skuId} still has ${before} in stock`);
  return rush(pool, ready, buyers, sku, {
    ...options,
    name: 'sold-out rush',
    refusal: 'STOCK_INSUFFICIENT',
    remaining: { before, read: stockOf },
  });
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
