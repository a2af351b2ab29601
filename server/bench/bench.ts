import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import mysql, { type ResultSetHeader, type RowDataPacket } from 'mysql2/promise';
import { parseDatabaseUrl } from '../src/infra/db/database-url';
import { closedLoop, HttpClient, percentile, round, summarise, type Measurement } from './load';
import { summariseProfile, type CpuProfile, type ProfileSummary } from './profile-summary';
import type { HostCommand, HostReady } from './server-host';

/**
 * `npm run bench`: in one run, the raw limits of the database (primary-key SELECT, guarded
 * single-row UPDATE) and the project's endpoints over real HTTP, each reported as a fraction of
 * its raw limit (ENGINEERING.md "Benchmarks"). The server runs in its own process on a fresh
 * scratch database with the demo shop; this process is the load generator.
 */

const CONCURRENCY = 32;
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 1000);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5000);
const HOT_STOCK = 100;
const HOT_BUYERS = 1000;
const CHECKOUT_BUYERS = CONCURRENCY;
const PROFILE = process.argv.includes('--profile');
const ARTIFACTS = path.resolve(process.env.BENCH_ARTIFACTS ?? path.join(process.cwd(), 'artifacts'));

/** Where a paid order can be: a normal order moves on from PAID to TO_SHIP at once. */
const PAID_STATUSES = new Set(['PAID', 'TO_SHIP', 'GROUPING']);

const TARGETS = { catalogList: 0.4, hotItem: 0.5 } as const;

interface Row extends Measurement {
  ratio: number | null;
  ratioOf: 'PK-SELECT' | 'UPDATE' | null;
  target: string;
  verdict: 'PASS' | 'MISS' | '';
}

interface HotItemChecks {
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

/** Rows of a query on the raw pool (`prepared` uses the binary protocol's prepared statements). */
async function rows<T>(pool: mysql.Pool, sql: string, params: unknown[] = [], prepared = false): Promise<T[]> {
  const [result] = prepared
    ? await pool.execute<RowDataPacket[]>(sql, params as never)
    : await pool.query<RowDataPacket[]>(sql, params);
  return result as T[];
}

const log = (line: string) => process.stdout.write(`  ${line}\n`);
const random = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)];

/** The server with the WeChat sandbox, in its own process. */
function startHost(): Promise<{ child: ChildProcess; ready: HostReady }> {
  const child = fork(path.join(__dirname, 'server-host.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the server process exited with ${code} before it was ready`)));
    child.on('message', (message: { type: string }) => {
      if (message.type === 'ready') resolve({ child, ready: message as HostReady });
    });
  });
}

function ask<T>(child: ChildProcess, command: HostCommand, answer: string): Promise<T> {
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

async function main(): Promise<number> {
  const started = performance.now();
  log(`machine: ${os.cpus().length} cores, Node ${process.version}; concurrency ${CONCURRENCY}`);
  const { child, ready } = await startHost();
  const db = parseDatabaseUrl(ready.databaseUrl);
  // A pool like the server's (DATABASE_POOL_SIZE), driven by the same number of callers.
  const pool = mysql.createPool({ ...db, connectionLimit: ready.poolSize, waitForConnections: true, queueLimit: 0 });
  const api = new HttpClient(CONCURRENCY);
  try {
    const [{ version }] = await rows<{ version: string }>(pool, 'SELECT VERSION() AS version');
    log(`server ${ready.baseUrl}, sandbox ${ready.sandboxUrl}, MariaDB ${version}, pool ${ready.poolSize}`);
    const fixture = await prepare(pool, api, ready);

    // Raw limits of the database, same pool size and callers as the endpoints.
    const pkSelect = await closedLoop('raw PK SELECT', loopOptions(), async () => {
      await pool.execute('SELECT * FROM product WHERE id = ?', [random(fixture.productIds)]);
      return true;
    });
    log(describe(pkSelect));
    const update = await closedLoop('raw guarded UPDATE', loopOptions(), async () => {
      const [result] = await pool.execute<ResultSetHeader>(
        'UPDATE sku SET stock = stock - 1 WHERE id = ? AND stock > 0',
        [fixture.updateSkuId],
      );
      return result.affectedRows === 1 ? true : 'no row changed';
    });
    log(describe(update));

    const list = await closedLoop('catalog list', loopOptions(), async () => {
      const page = 1 + Math.floor(Math.random() * fixture.listPages);
      const res = await api.request(`${ready.baseUrl}/api/v1/products?pageSize=20&page=${page}`, { parse: false });
      return res.status === 200 ? true : `HTTP ${res.status}`;
    });
    log(describe(list));
    const detail = await closedLoop('product detail', loopOptions(), async () => {
      const res = await api.request(`${ready.baseUrl}/api/v1/products/${random(fixture.onShelfProductIds)}`, {
        parse: false,
      });
      return res.status === 200 ? true : `HTTP ${res.status}`;
    });
    log(describe(detail));
    const phases = Object.fromEntries(CHECKOUT_PHASES.map((p) => [p, [] as number[]])) as Record<
      CheckoutPhase,
      number[]
    >;
    const checkout = await closedLoop('checkout (order + pay + notify)', loopOptions(), (caller) =>
      checkoutOnce(api, pool, ready, fixture.checkoutBuyers[caller], random(fixture.checkoutSkuIds), phases),
    );
    log(describe(checkout));
    const checkoutPhases = Object.fromEntries(
      CHECKOUT_PHASES.map((phase) => {
        const sorted = [...phases[phase]].sort((a, b) => a - b);
        return [phase, { p50Ms: round(percentile(sorted, 0.5), 1), p99Ms: round(percentile(sorted, 0.99), 1) }];
      }),
    );
    log(
      `checkout phases (p50 / p99 ms): ${CHECKOUT_PHASES.map(
        (p) => `${p} ${checkoutPhases[p].p50Ms} / ${checkoutPhases[p].p99Ms}`,
      ).join(', ')}`,
    );
    const hot = await hotItem(pool, ready, fixture.hotBuyers, fixture.hotSkuId);
    log(describe(hot.measurement));
    log(
      `hot item: ${hot.checks.created} created, ${hot.checks.refusedStockInsufficient} STOCK_INSUFFICIENT, ` +
        `${hot.checks.serverErrors} 5xx, stock ${hot.checks.finalStock} (lowest seen ${hot.checks.lowestStockSeen}), ` +
        `${hot.checks.orderLinesInDatabase} order lines in the database`,
    );

    const profiles: ProfileSummary[] = [];
    if (PROFILE) {
      profiles.push(
        await profileScenario(child, 'catalog list', 'bench-catalog-list.cpuprofile', async () => {
          const page = 1 + Math.floor(Math.random() * fixture.listPages);
          const res = await api.request(`${ready.baseUrl}/api/v1/products?pageSize=20&page=${page}`, { parse: false });
          return res.status === 200 ? true : `HTTP ${res.status}`;
        }),
      );
      profiles.push(
        await profileScenario(child, 'checkout', 'bench-checkout.cpuprofile', (caller) =>
          checkoutOnce(api, pool, ready, fixture.checkoutBuyers[caller], random(fixture.checkoutSkuIds)),
        ),
      );
    }

    const table: Row[] = [
      row(pkSelect, null, null, '', ''),
      row(update, null, null, '', ''),
      row(list, pkSelect.perSecond, 'PK-SELECT', `≥ ${TARGETS.catalogList}`, 'list'),
      row(detail, pkSelect.perSecond, 'PK-SELECT', '', ''),
      row(checkout, update.perSecond, 'UPDATE', '', ''),
      row(hot.measurement, update.perSecond, 'UPDATE', `=${HOT_STOCK} sold, ≥ ${TARGETS.hotItem}`, 'hot'),
    ];
    const hotRow = table[5];
    if (!hot.checks.correct) hotRow.verdict = 'MISS';
    printTable(table);
    for (const profile of profiles) printProfile(profile);

    mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, 'bench.json');
    writeFileSync(
      file,
      JSON.stringify(
        {
          at: new Date().toISOString(),
          machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, mariadb: version },
          settings: {
            concurrency: CONCURRENCY,
            warmupMs: WARMUP_MS,
            durationMs: DURATION_MS,
            poolSize: ready.poolSize,
            hotStock: HOT_STOCK,
            hotBuyers: HOT_BUYERS,
            checkoutBuyers: CHECKOUT_BUYERS,
          },
          targets: { catalogListOfPkSelect: TARGETS.catalogList, hotItemOfUpdate: TARGETS.hotItem, hotItemSold: 100 },
          results: table,
          checkoutPhases,
          hotItem: hot.checks,
          profiles,
          totalSeconds: round((performance.now() - started) / 1000, 1),
        },
        null,
        2,
      ),
    );
    log(`results written to ${path.relative(process.cwd(), file)}`);
    if (!hot.checks.correct) {
      log('HOT ITEM CORRECTNESS FAILED: see the counts above');
      return 1;
    }
    return 0;
  } finally {
    api.close();
    await pool.end();
    await ask(child, { type: 'close' }, 'closed').catch(() => undefined);
  }
}

const loopOptions = () => ({ concurrency: CONCURRENCY, warmupMs: WARMUP_MS, durationMs: DURATION_MS });

const describe = (m: Measurement) =>
  `${m.name}: ${m.requests} in ${m.seconds}s = ${m.perSecond}/s, p50 ${m.p50Ms} ms, p99 ${m.p99Ms} ms` +
  (m.errors ? `, ${m.errors} errors ${JSON.stringify(m.failures)}` : '');

function row(
  m: Measurement,
  limit: number | null,
  ratioOf: Row['ratioOf'],
  target: string,
  kind: '' | 'list' | 'hot',
): Row {
  const ratio = limit ? round(m.perSecond / limit, 3) : null;
  let verdict: Row['verdict'] = '';
  if (kind === 'list') verdict = ratio !== null && ratio >= TARGETS.catalogList ? 'PASS' : 'MISS';
  if (kind === 'hot') verdict = ratio !== null && ratio >= TARGETS.hotItem ? 'PASS' : 'MISS';
  return { ...m, ratio, ratioOf, target, verdict };
}

interface Fixture {
  productIds: number[];
  onShelfProductIds: number[];
  listPages: number;
  updateSkuId: number;
  hotSkuId: number;
  checkoutSkuIds: number[];
  checkoutBuyers: Buyer[];
  hotBuyers: Buyer[];
}

interface Buyer {
  token: string;
  userId: number;
  openid: string;
  addressId: number;
}

/** SKUs for each scenario, buyers logged in through the sandbox, one address each. */
async function prepare(pool: mysql.Pool, api: HttpClient, ready: HostReady): Promise<Fixture> {
  const t0 = performance.now();
  const products = await rows<{ id: number; on_shelf: number }>(pool, 'SELECT id, on_shelf FROM product ORDER BY id');
  const skus = await rows<{ id: number }>(
    pool,
    `SELECT s.id FROM sku s JOIN product p ON p.id = s.product_id
      WHERE p.purchase_limit IS NULL AND p.on_shelf = 1 ORDER BY s.id`,
  );
  if (skus.length < 3) throw new Error('the demo shop has too few SKUs without a purchase limit');
  const [updateSkuId, hotSkuId, ...checkoutSkuIds] = skus.map((s: { id: number }) => s.id);
  await pool.query('UPDATE sku SET stock = 100000000 WHERE id = ?', [updateSkuId]);
  await pool.query('UPDATE sku SET stock = ? WHERE id = ?', [HOT_STOCK, hotSkuId]);
  await pool.query(`UPDATE sku SET stock = 1000000 WHERE id IN (${checkoutSkuIds.map(() => '?').join(',')})`, [
    ...checkoutSkuIds,
  ]);
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
  const checkoutBuyers = await login(Array.from({ length: CHECKOUT_BUYERS }, (_, i) => `bench-checkout-${i}`));
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
    updateSkuId,
    hotSkuId,
    checkoutSkuIds,
    checkoutBuyers,
    hotBuyers,
  };
}

const CHECKOUT_PHASES = ['create order', 'payment params', 'sandbox pay', 'notification applied'] as const;
type CheckoutPhase = (typeof CHECKOUT_PHASES)[number];

/** One buyer's checkout: create the order, pay through the sandbox, wait for the verified notification. */
async function checkoutOnce(
  api: HttpClient,
  pool: mysql.Pool,
  ready: HostReady,
  buyer: Buyer,
  skuId: number,
  phases?: Record<CheckoutPhase, number[]>,
): Promise<true | string> {
  let mark = performance.now();
  const lap = (phase: CheckoutPhase) => {
    const now = performance.now();
    phases?.[phase].push(now - mark);
    mark = now;
  };
  const created = await api.request(`${ready.baseUrl}/api/v1/orders`, {
    method: 'POST',
    token: buyer.token,
    body: { items: [{ skuId: String(skuId), quantity: 1 }], addressId: String(buyer.addressId) },
  });
  if (created.status !== 201) return `create ${created.status} ${created.body?.error?.code ?? ''}`;
  lap('create order');
  const orderId = Number(created.body.id);
  const params = await api.request(`${ready.baseUrl}/api/v1/orders/${orderId}/pay`, {
    method: 'POST',
    token: buyer.token,
  });
  if (params.status !== 200) return `pay ${params.status} ${params.body?.error?.code ?? ''}`;
  lap('payment params');
  const paid = await api.request(`${ready.sandboxUrl}/sandbox/pay`, {
    method: 'POST',
    body: { ...params.body, openid: buyer.openid },
  });
  if (paid.status !== 200 || paid.body?.errMsg !== 'requestPayment:ok')
    return `sandbox pay ${paid.status} ${JSON.stringify(paid.body).slice(0, 60)}`;
  lap('sandbox pay');
  // The order leaves PENDING_PAYMENT only when the server has verified and applied WeChat's notification.
  const until = performance.now() + 15_000;
  while (performance.now() < until) {
    const [order] = await rows<{ status: string }>(pool, 'SELECT status FROM orders WHERE id = ?', [orderId], true);
    const status = order?.status;
    if (status && PAID_STATUSES.has(status)) {
      lap('notification applied');
      return true;
    }
    if (status === 'CANCELLED' || status === 'CLOSED') return `order ${status}`;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return 'not PAID within 15 s';
}

/** One SKU with stock 100 and 1,000 buyers, each ordering one unit, all fired at once. */
async function hotItem(
  pool: mysql.Pool,
  ready: HostReady,
  buyers: Buyer[],
  skuId: number,
): Promise<{ measurement: Measurement; checks: HotItemChecks }> {
  const phones = new HttpClient(buyers.length); // one connection per buyer, like 1,000 phones
  let lowestStockSeen = HOT_STOCK;
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      const [sku] = await rows<{ stock: number }>(pool, 'SELECT stock FROM sku WHERE id = ?', [skuId], true);
      lowestStockSeen = Math.min(lowestStockSeen, sku.stock);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
  const latencies: number[] = [];
  const outcomes: Record<string, number> = {};
  let created = 0;
  let lastSale = 0;
  const start = performance.now();
  await Promise.all(
    buyers.map(async (buyer) => {
      const began = performance.now();
      let key: string;
      try {
        const res = await phones.request(`${ready.baseUrl}/api/v1/orders`, {
          method: 'POST',
          token: buyer.token,
          body: { items: [{ skuId: String(skuId), quantity: 1 }], addressId: String(buyer.addressId) },
        });
        key = `${res.status} ${res.body?.error?.code ?? ''}`.trim();
        if (res.status === 201) {
          created += 1;
          lastSale = performance.now();
        }
      } catch (error) {
        key = `network ${(error as Error).message.slice(0, 40)}`;
      }
      latencies.push(performance.now() - began);
      outcomes[key] = (outcomes[key] ?? 0) + 1;
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  watching = false;
  await watcher;
  phones.close();

  const [{ lineCount, units }] = await rows<{ lineCount: number; units: number | string }>(
    pool,
    'SELECT COUNT(*) AS lineCount, COALESCE(SUM(quantity), 0) AS units FROM order_line WHERE sku_id = ?',
    [skuId],
  );
  const [{ stock }] = await rows<{ stock: number }>(pool, 'SELECT stock FROM sku WHERE id = ?', [skuId]);
  const refused = outcomes['409 STOCK_INSUFFICIENT'] ?? 0;
  const serverErrors = Object.entries(outcomes)
    .filter(([key]) => key.startsWith('5') || key.startsWith('network'))
    .reduce((sum, [, n]) => sum + n, 0);
  const otherResponses = Object.fromEntries(
    Object.entries(outcomes).filter(([key]) => !key.startsWith('201') && key !== '409 STOCK_INSUFFICIENT'),
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
  const failures = Object.fromEntries(Object.entries(outcomes).filter(([key]) => !key.startsWith('201')));
  // Every buyer gets an answer (sold or STOCK_INSUFFICIENT): the rate is of answered buyers.
  const measurement = summarise(
    `hot item (${buyers.length} buyers, stock ${HOT_STOCK})`,
    latencies,
    seconds,
    serverErrors,
    failures,
  );
  return { measurement, checks };
}

/** A separate, shorter run of one scenario with the V8 profiler on in the server process. */
async function profileScenario(
  child: ChildProcess,
  name: string,
  file: string,
  operation: (caller: number) => Promise<true | string>,
): Promise<ProfileSummary> {
  await ask(child, { type: 'profile-start' }, 'profile-started');
  const measurement = await closedLoop(
    `${name} (profiled)`,
    { concurrency: CONCURRENCY, warmupMs: 0, durationMs: 3000 },
    operation,
  );
  const { profile } = await ask<{ profile: CpuProfile }>(child, { type: 'profile-stop' }, 'profile');
  log(describe(measurement));
  mkdirSync(ARTIFACTS, { recursive: true });
  const target = path.join(ARTIFACTS, file);
  writeFileSync(target, JSON.stringify(profile));
  log(`server CPU profile of the ${name}: ${path.relative(process.cwd(), target)} (Chrome DevTools → Performance)`);
  return { ...summariseProfile(profile, 15), scenario: name };
}

function printTable(rows: Row[]) {
  const header = ['scenario', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'ratio', 'target', 'result'];
  const cells = rows.map((r) => [
    r.name,
    String(r.requests),
    r.perSecond.toFixed(1),
    r.p50Ms.toFixed(2),
    r.p99Ms.toFixed(2),
    r.ratio === null ? '—' : `${r.ratio.toFixed(3)} of ${r.ratioOf}`,
    r.target || '—',
    r.verdict || '—',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) =>
    c.map((v, i) => (i === 0 || i >= 5 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
  process.stdout.write(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const c of cells) process.stdout.write(`${line(c)}\n`);
  process.stdout.write('\n');
}

function printProfile(profile: ProfileSummary) {
  process.stdout.write(
    `server CPU during the profiled ${profile.scenario} (${profile.totalMs} ms on CPU), self time:\n`,
  );
  for (const p of profile.byPackage) process.stdout.write(`  ${String(p.share).padStart(5)}%  ${p.name}\n`);
  process.stdout.write('hottest functions:\n');
  for (const f of profile.byFunction) process.stdout.write(`  ${String(f.share).padStart(5)}%  ${f.name}\n`);
  process.stdout.write('\n');
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
