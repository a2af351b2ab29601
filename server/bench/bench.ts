import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import mysql, { type ResultSetHeader } from 'mysql2/promise';
import { parseDatabaseUrl } from '../src/infra/db/database-url';
import { analytics, NIGHTLY_TARGET_SECONDS, TARGET_OVERVIEW_P99_MS, type AnalyticsResult } from './analytics';
import { ask, CONCURRENCY, HOT_BUYERS, HOT_STOCK, log, prepare, random, rows, startHost, type Buyer } from './fixture';
import { describeCpu } from './cpu';
import { describeHotItem, hotItem, soldOutRush, type HotItemRun } from './hot-item';
import { closedLoop, HttpClient, percentile, round, type Measurement } from './load';
import {
  couponClaims,
  describeCouponClaims,
  describeFlashSale,
  flashSaleHotItem,
  pricePreview,
  type CouponClaimsResult,
  type FlashSaleRun,
  type PricePreviewResult,
} from './marketing';
import { summariseProfile, type CpuProfile, type ProfileSummary } from './profile-summary';
import { communityFeed, lastSeatRace, type RaceResult } from './social';
import { teamSize, type TeamSizeResult } from './team-size';
import type { HostReady } from './server-host';

/**
 * `npm run bench`: in one run, the raw limits of the database (primary-key SELECT, guarded
 * single-row UPDATE) and the project's endpoints over real HTTP, each reported as a fraction of
 * its raw limit (ENGINEERING.md "Benchmarks"). The server runs in its own process on a fresh
 * scratch database with the demo shop; this process is the load generator.
 */

const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 1000);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5000);
const CHECKOUT_BUYERS = CONCURRENCY;
const PROFILE = process.argv.includes('--profile');
const SCENARIOS = [
  'list',
  'detail',
  'checkout',
  'hot',
  'race',
  'feed',
  'team',
  'coupon',
  'flash',
  'preview',
  'analytics',
] as const;
/** `--only=hot,list`: the raw limits and only these scenarios (for working on one of them). */
const ONLY = new Set<string>(
  process.argv
    .find((arg) => arg.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',') ?? SCENARIOS,
);
const ARTIFACTS = path.resolve(process.env.BENCH_ARTIFACTS ?? path.join(process.cwd(), 'artifacts'));

/** Where a paid order can be: a normal order moves on from PAID to TO_SHIP at once. */
const PAID_STATUSES = new Set(['PAID', 'TO_SHIP', 'GROUPING']);

const TARGETS = { catalogList: 0.4, hotItem: 0.5, communityFeed: 0.25, flashSale: 0.5, previewP99Ms: 20 } as const;

interface Row extends Measurement {
  ratio: number | null;
  ratioOf: 'PK-SELECT' | 'UPDATE' | null;
  target: string;
  verdict: 'PASS' | 'MISS' | '';
}

async function main(): Promise<number> {
  const started = performance.now();
  log(`machine: ${os.cpus().length} cores, Node ${process.version}; concurrency ${CONCURRENCY}`);
  const { child, ready } = await startHost();
  serverPid = child.pid;
  const db = parseDatabaseUrl(ready.databaseUrl);
  // A pool like the server's (DATABASE_POOL_SIZE), driven by the same number of callers.
  const pool = mysql.createPool({ ...db, connectionLimit: ready.poolSize, waitForConnections: true, queueLimit: 0 });
  const api = new HttpClient(CONCURRENCY);
  try {
    const [{ version }] = await rows<{ version: string }>(pool, 'SELECT VERSION() AS version');
    log(`server ${ready.baseUrl}, sandbox ${ready.sandboxUrl}, MariaDB ${version}, pool ${ready.poolSize}`);
    const fixture = await prepare(pool, ready);

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
    const table: Row[] = [row(pkSelect, null, null, '', ''), row(update, null, null, '', '')];

    const listOnce = async () => {
      const page = 1 + Math.floor(Math.random() * fixture.listPages);
      const res = await api.request(`${ready.baseUrl}/api/v1/products?pageSize=20&page=${page}`, { parse: false });
      return res.status === 200 ? true : `HTTP ${res.status}`;
    };
    if (ONLY.has('list')) {
      const list = await closedLoop('catalog list', loopOptions(), listOnce);
      log(describe(list));
      table.push(row(list, pkSelect.perSecond, 'PK-SELECT', `≥ ${TARGETS.catalogList}`, 'list'));
    }
    if (ONLY.has('detail')) {
      const detail = await closedLoop('product detail', loopOptions(), async () => {
        const res = await api.request(`${ready.baseUrl}/api/v1/products/${random(fixture.onShelfProductIds)}`, {
          parse: false,
        });
        return res.status === 200 ? true : `HTTP ${res.status}`;
      });
      log(describe(detail));
      table.push(row(detail, pkSelect.perSecond, 'PK-SELECT', '', ''));
    }
    let checkoutPhases: Record<string, { p50Ms: number; p99Ms: number }> | undefined;
    if (ONLY.has('checkout')) {
      const phases = Object.fromEntries(CHECKOUT_PHASES.map((p) => [p, [] as number[]])) as Record<
        CheckoutPhase,
        number[]
      >;
      const checkout = await closedLoop('checkout (order + pay + notify)', loopOptions(), (caller) =>
        checkoutOnce(api, pool, ready, fixture.checkoutBuyers[caller], random(fixture.checkoutSkuIds), phases),
      );
      log(describe(checkout));
      checkoutPhases = Object.fromEntries(
        CHECKOUT_PHASES.map((phase) => {
          const sorted = [...phases[phase]].sort((a, b) => a - b);
          return [phase, { p50Ms: round(percentile(sorted, 0.5), 1), p99Ms: round(percentile(sorted, 0.99), 1) }];
        }),
      );
      log(
        `checkout phases (p50 / p99 ms): ${CHECKOUT_PHASES.map(
          (p) => `${p} ${checkoutPhases![p].p50Ms} / ${checkoutPhases![p].p99Ms}`,
        ).join(', ')}`,
      );
      table.push(row(checkout, update.perSecond, 'UPDATE', '', ''));
    }

    // 秒杀: measured with the product page already open on every phone (kept-alive connections,
    // the target), then once more on brand-new connections for comparison (no target).
    const hotRuns: HotItemRun[] = [];
    if (ONLY.has('hot')) {
      log(
        `hot item: ${HOT_BUYERS} buyers on ${HOT_BUYERS} phones (one connection each), one SKU with stock ${HOT_STOCK}; ` +
          'the phones open the product page first (GET detail: kept-alive connections, not measured), ' +
          'then all order at once; measured from the first order sent to the last answer',
      );
      for (const connections of ['warm', 'cold'] as const) {
        const run = await hotItem(pool, ready, fixture.hotBuyers, fixture.hotSkus[connections], {
          connections,
          serverPid: child.pid,
        });
        log(describe(run.measurement));
        for (const line of describeHotItem(run)) log(`  ${line}`);
        const target = connections === 'warm' ? `=${HOT_STOCK} sold, ≥ ${TARGETS.hotItem}` : `=${HOT_STOCK} sold`;
        const hotRow = row(run.measurement, update.perSecond, 'UPDATE', target, connections === 'warm' ? 'hot' : '');
        hotRow.verdict = !run.checks.correct ? 'MISS' : connections === 'warm' ? hotRow.verdict : 'PASS';
        table.push(hotRow);
        hotRuns.push(run);
      }
      // The floor: the same phones rush the warm SKU again, now sold out (no target).
      const floor = await soldOutRush(pool, ready, fixture.hotBuyers, fixture.hotSkus.warm, {
        connections: 'warm',
        serverPid: child.pid,
      });
      log(describe(floor.measurement));
      log(
        `  ${floor.refused} STOCK_INSUFFICIENT, ${floor.created} created, ${floor.serverErrors} 5xx: ` +
          'answering 1,000 buyers with no order to write, the most any hot item can reach here',
      );
      const floorRow = row(floor.measurement, update.perSecond, 'UPDATE', '', '');
      floorRow.verdict = floor.created === 0 && floor.serverErrors === 0 ? 'PASS' : 'MISS';
      table.push(floorRow);
    }

    // The social layer: the race for a group's last 2 seats, and a community's feed.
    let race: RaceResult | undefined;
    let admin: string | undefined;
    const adminToken = async () => {
      if (admin) return admin;
      const res = await api.request(`${ready.baseUrl}/api/v1/auth/wechat-login`, {
        method: 'POST',
        body: { code: 'sandbox:admin' },
      });
      admin = (res.body as { token: string }).token;
      return admin;
    };
    if (ONLY.has('race')) {
      race = await lastSeatRace(
        pool,
        ready,
        await adminToken(),
        fixture.checkoutBuyers[0],
        fixture.hotBuyers,
        fixture.checkoutSkuIds[0],
      );
      log(describe(race.measurement));
      log(
        `  last-seat race: ${race.won} joined, ${race.refusedFull} GROUP_FULL, other ${JSON.stringify(race.other)}, ` +
          `seats taken ${race.seatsTaken} of ${race.size}`,
      );
      const raceRow = row(race.measurement, update.perSecond, 'UPDATE', '=2 win', '');
      raceRow.verdict = race.correct ? 'PASS' : 'MISS';
      table.push(raceRow);
    }
    let feedReader: Awaited<ReturnType<typeof communityFeed>> | undefined;
    if (ONLY.has('feed')) {
      feedReader = await communityFeed(
        pool,
        ready,
        await adminToken(),
        fixture.checkoutBuyers,
        fixture.onShelfProductIds,
        loopOptions(),
      );
      log(describe(feedReader.measurement));
      table.push(row(feedReader.measurement, pkSelect.perSecond, 'PK-SELECT', `≥ ${TARGETS.communityFeed}`, 'feed'));
    }
    let team: TeamSizeResult | undefined;
    if (ONLY.has('team')) {
      team = await teamSize(pool, ready, { warmupMs: WARMUP_MS, durationMs: DURATION_MS });
      log(describe(team.teamView));
      log(
        `  team of a top distributor counted from the path instead: ${team.recountedMembers.toLocaleString('en')} ` +
          `members in ${team.recountMs} ms; a join at depth ${team.joinMs.depth} (counters of every ancestor): ` +
          `p50 ${team.joinMs.p50} ms, p99 ${team.joinMs.p99} ms; counters = recount: ${team.counterMatchesRecount}`,
      );
      const teamRow = row(team.teamView, pkSelect.perSecond, 'PK-SELECT', '', '');
      teamRow.verdict = team.counterMatchesRecount ? '' : 'MISS';
      table.push(teamRow);
    }

    // Marketing: coupon claims, the flash-sale hot item, the price preview. Their SKUs are checkout
    // SKUs (stock 1,000,000): the flash sales take the last two (the measured rush, the profiled
    // one), the preview cart 20 others of other products; the race used the first.
    const productOfSku = new Map(
      (
        await rows<{ id: number; product_id: number }>(pool, 'SELECT id, product_id FROM sku WHERE id IN (?)', [
          fixture.checkoutSkuIds,
        ])
      ).map((s) => [s.id, s.product_id]),
    );
    const flashSkus = [fixture.checkoutSkuIds.at(-1)!, fixture.checkoutSkuIds.at(-2)!].map((skuId) => ({
      skuId,
      productId: productOfSku.get(skuId)!,
    }));
    let coupons: CouponClaimsResult | undefined;
    if (ONLY.has('coupon')) {
      coupons = await couponClaims(pool, ready, await adminToken(), fixture.hotBuyers, loopOptions());
      log(describe(coupons.measurement));
      log(`  ${describeCouponClaims(coupons)}`);
      const couponRow = row(coupons.measurement, update.perSecond, 'UPDATE', 'issued = rows', '');
      couponRow.verdict = coupons.correct ? 'PASS' : 'MISS';
      table.push(couponRow);
    }
    const flashRuns: FlashSaleRun[] = [];
    if (ONLY.has('flash')) {
      log(
        `flash-sale hot item: a flash sale (quota ${HOT_STOCK}, one per buyer) on a SKU with stock 1,000,000; ` +
          `${HOT_BUYERS} buyers on ${HOT_BUYERS} phones with the product page open all order at once`,
      );
      const run = await flashSaleHotItem(pool, ready, await adminToken(), fixture.hotBuyers, flashSkus[0], {
        connections: 'warm',
        serverPid: child.pid,
      });
      log(describe(run.measurement));
      for (const line of describeFlashSale(run)) log(`  ${line}`);
      const flashRow = row(
        run.measurement,
        update.perSecond,
        'UPDATE',
        `=${HOT_STOCK} sold, ≥ ${TARGETS.flashSale}`,
        'flash',
      );
      if (!run.checks.correct) flashRow.verdict = 'MISS';
      table.push(flashRow);
      flashRuns.push(run);
    }
    let preview: PricePreviewResult | undefined;
    if (ONLY.has('preview')) {
      const flashProducts = new Set(flashSkus.map((s) => s.productId));
      preview = await pricePreview(
        pool,
        ready,
        await adminToken(),
        fixture.checkoutBuyers,
        fixture.checkoutSkuIds.slice(1).filter((id) => !flashProducts.has(productOfSku.get(id)!)),
        loopOptions(),
      );
      log(describe(preview.oneBuyer));
      log(describe(preview.crowd));
      table.push(row(preview.oneBuyer, pkSelect.perSecond, 'PK-SELECT', `p99 < ${TARGETS.previewP99Ms} ms`, 'preview'));
      table.push(row(preview.crowd, pkSelect.perSecond, 'PK-SELECT', '', ''));
    }

    // 数据看板: 90 days of a busy shop generated, rolled up, and the overview read over HTTP.
    let insights: AnalyticsResult | undefined;
    if (ONLY.has('analytics')) {
      insights = await analytics(pool, ready, child, await adminToken(), loopOptions());
      const nightly = row(insights.nightlyRow, null, null, `< ${NIGHTLY_TARGET_SECONDS} s`, '');
      nightly.verdict = insights.nightly.correct && insights.nightly.seconds < NIGHTLY_TARGET_SECONDS ? 'PASS' : 'MISS';
      table.push(nightly, row(insights.rollupRow, null, null, '', ''));
      for (const m of [insights.overviewUnrolled, insights.overview, insights.overviewCrowd, insights.overviewToday])
        log(describe(m));
      const target = `p99 < ${TARGET_OVERVIEW_P99_MS} ms, = SQL`;
      const overviewRow = row(insights.overview, pkSelect.perSecond, 'PK-SELECT', target, 'analytics');
      const todayRow = row(insights.overviewToday, pkSelect.perSecond, 'PK-SELECT', target, 'analytics');
      if (!insights.checks.correct) overviewRow.verdict = todayRow.verdict = 'MISS';
      table.push(
        row(insights.overviewUnrolled, pkSelect.perSecond, 'PK-SELECT', '', ''),
        overviewRow,
        row(insights.overviewCrowd, pkSelect.perSecond, 'PK-SELECT', '', ''),
        todayRow,
      );
    }

    const profiles: ProfileSummary[] = [];
    if (PROFILE) {
      if (ONLY.has('list'))
        profiles.push(await profileScenario(child, 'catalog list', 'bench-catalog-list.cpuprofile', listOnce));
      if (ONLY.has('checkout'))
        profiles.push(
          await profileScenario(child, 'checkout', 'bench-checkout.cpuprofile', (caller) =>
            checkoutOnce(api, pool, ready, fixture.checkoutBuyers[caller], random(fixture.checkoutSkuIds)),
          ),
        );
      if (feedReader)
        profiles.push(
          await profileScenario(child, 'community feed', 'bench-community-feed.cpuprofile', feedReader.readOnce),
        );
      if (ONLY.has('hot')) {
        const run = await hotItem(pool, ready, fixture.hotBuyers, fixture.hotSkus.profiled, {
          connections: 'warm',
          serverPid: child.pid,
          profile: { child, file: 'bench-hot-item.cpuprofile', artifacts: ARTIFACTS },
        });
        log(`${describe(run.measurement)} (profiled)`);
        for (const line of describeHotItem(run)) log(`  ${line}`);
        log(
          `server CPU profile of the hot item: ${path.relative(process.cwd(), path.join(ARTIFACTS, 'bench-hot-item.cpuprofile'))}`,
        );
        if (!run.checks.correct) hotRuns.push(run);
        profiles.push(run.profile!);
        // The profiled SKU is sold out now: what answering alone costs, profiled.
        const floor = await soldOutRush(pool, ready, fixture.hotBuyers, fixture.hotSkus.profiled, {
          connections: 'warm',
          serverPid: child.pid,
          profile: { child, file: 'bench-sold-out-rush.cpuprofile', artifacts: ARTIFACTS },
        });
        log(`${describe(floor.measurement)} (profiled)`);
        profiles.push(floor.profile!);
      }
      if (ONLY.has('flash')) {
        const run = await flashSaleHotItem(pool, ready, await adminToken(), fixture.hotBuyers, flashSkus[1], {
          connections: 'warm',
          serverPid: child.pid,
          profile: { child, file: 'bench-flash-sale.cpuprofile', artifacts: ARTIFACTS },
        });
        log(`${describe(run.measurement)} (profiled)`);
        for (const line of describeFlashSale(run)) log(`  ${line}`);
        log(
          `server CPU profile of the flash-sale hot item: ${path.relative(process.cwd(), path.join(ARTIFACTS, 'bench-flash-sale.cpuprofile'))}`,
        );
        if (!run.checks.correct) flashRuns.push(run);
        profiles.push(run.profile!);
      }
      if (preview)
        profiles.push(
          await profileScenario(child, 'price preview', 'bench-price-preview.cpuprofile', preview.previewOnce),
        );
      if (insights)
        profiles.push(
          await profileScenario(
            child,
            'analytics overview',
            'bench-analytics-overview.cpuprofile',
            insights.overviewOnce,
          ),
        );
    }

    feedReader?.close();
    await preview?.close();
    insights?.close();
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
            scenarios: [...ONLY],
          },
          targets: {
            catalogListOfPkSelect: TARGETS.catalogList,
            hotItemOfUpdate: TARGETS.hotItem,
            hotItemSold: 100,
            flashSaleOfUpdate: TARGETS.flashSale,
            flashSaleSold: HOT_STOCK,
            previewP99Ms: TARGETS.previewP99Ms,
            analyticsOverviewP99Ms: TARGET_OVERVIEW_P99_MS,
            analyticsNightlyRollupSeconds: NIGHTLY_TARGET_SECONDS,
          },
          results: table,
          checkoutPhases,
          hotItem: hotRuns.map(({ checks, timeline }) => ({ ...timeline, ...checks })),
          lastSeatRace: race,
          teamSize: team,
          couponClaims: coupons,
          flashSale: flashRuns.map(({ promotionId, checks, timeline }) => ({ promotionId, ...timeline, ...checks })),
          pricePreview: preview && { cart: preview.cart, oneBuyer: preview.oneBuyer, crowd: preview.crowd },
          analytics: insights && {
            generated: insights.generated,
            rollup: insights.rollup,
            nightly: insights.nightly,
            overviewUnrolled: insights.overviewUnrolled,
            overview: insights.overview,
            overviewCrowd: insights.overviewCrowd,
            overviewToday: insights.overviewToday,
            checks: insights.checks,
          },
          profiles,
          totalSeconds: round((performance.now() - started) / 1000, 1),
        },
        null,
        2,
      ),
    );
    log(`results written to ${path.relative(process.cwd(), file)}`);
    if (hotRuns.some((run) => !run.checks.correct)) {
      log('HOT ITEM CORRECTNESS FAILED: see the counts above');
      return 1;
    }
    if (race && !race.correct) {
      log('LAST-SEAT RACE CORRECTNESS FAILED: see the counts above');
      return 1;
    }
    if (team && !team.counterMatchesRecount) {
      log('TEAM COUNTERS DIFFER FROM THE RECOUNT');
      return 1;
    }
    if (coupons && !coupons.correct) {
      log('COUPON CLAIMS CORRECTNESS FAILED: issued, 201 answers and user_coupon rows differ (see above)');
      return 1;
    }
    if (flashRuns.some((run) => !run.checks.correct)) {
      log('FLASH-SALE CORRECTNESS FAILED: see the counts above');
      return 1;
    }
    if (insights && !insights.checks.correct) {
      log('ANALYTICS OVERVIEW DIFFERS FROM SQL ON THE RAW TABLES: see the figures above');
      return 1;
    }
    return 0;
  } finally {
    api.close();
    await pool.end();
    await ask(child, { type: 'close' }, 'closed').catch(() => undefined);
  }
}

/** The server process, whose CPU time each scenario reports. */
let serverPid: number | undefined;

const loopOptions = () => ({ concurrency: CONCURRENCY, warmupMs: WARMUP_MS, durationMs: DURATION_MS, serverPid });

const describe = (m: Measurement) =>
  `${m.name}: ${m.requests} in ${m.seconds}s = ${m.perSecond}/s, p50 ${m.p50Ms} ms, p99 ${m.p99Ms} ms` +
  (m.errors ? `, ${m.errors} errors ${JSON.stringify(m.failures)}` : '') +
  (m.cpu ? `\n    CPU: ${describeCpu(m.cpu)}` : '');

function row(
  m: Measurement,
  limit: number | null,
  ratioOf: Row['ratioOf'],
  target: string,
  kind: '' | 'list' | 'hot' | 'feed' | 'flash' | 'preview' | 'analytics',
): Row {
  const ratio = limit ? round(m.perSecond / limit, 3) : null;
  let verdict: Row['verdict'] = '';
  if (kind === 'list') verdict = ratio !== null && ratio >= TARGETS.catalogList ? 'PASS' : 'MISS';
  if (kind === 'hot') verdict = ratio !== null && ratio >= TARGETS.hotItem ? 'PASS' : 'MISS';
  if (kind === 'feed') verdict = ratio !== null && ratio >= TARGETS.communityFeed ? 'PASS' : 'MISS';
  if (kind === 'flash') verdict = ratio !== null && ratio >= TARGETS.flashSale ? 'PASS' : 'MISS';
  if (kind === 'preview') verdict = m.requests > 0 && m.p99Ms < TARGETS.previewP99Ms ? 'PASS' : 'MISS';
  if (kind === 'analytics') verdict = m.requests > 0 && m.p99Ms < TARGET_OVERVIEW_P99_MS ? 'PASS' : 'MISS';
  return { ...m, ratio, ratioOf, target, verdict };
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
  // `others`: the share of the two cores other people's processes used meanwhile (shared machine).
  const header = ['scenario', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'ratio', 'target', 'result', 'others'];
  const cells = rows.map((r) => [
    r.name,
    String(r.requests),
    r.perSecond.toFixed(1),
    r.p50Ms.toFixed(2),
    r.p99Ms.toFixed(2),
    r.ratio === null ? '—' : `${r.ratio.toFixed(3)} of ${r.ratioOf}`,
    r.target || '—',
    r.verdict || '—',
    r.cpu?.others == null ? '?' : `${Math.round(r.cpu.others * 100)}%`,
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
