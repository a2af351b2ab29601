import { JobQueue } from '../../src/infra/queue/job-queue';
import { startStack, type Stack } from '../support/stack';
import { http, loginAs } from '../support/http';
import { shop } from '../support/shop';

let stack: Stack;
let given: ReturnType<typeof shop>;
let buyer: { token: string; user: any };
let address: string;

beforeAll(async () => {
  // Short unpaid timeout so the timeout job and the sweeper can be watched.
  stack = await startStack({
    label: 'timeout',
    seed: true,
    env: { ORDER_PAYMENT_TIMEOUT_SECONDS: '3', SWEEP_INTERVAL_SECONDS: '1' },
  });
  given = shop(stack);
  buyer = await loginAs(stack.baseUrl, 'slowpoke');
  address = await given.addressFor(buyer.token);
});
afterAll(async () => stack?.close());

async function unpaidOrder(quantity = 1, stock = 10) {
  const sku = await given.skuWithStock(stock);
  const order = await given.order(buyer.token, { items: [{ skuId: sku.skuId, quantity }], addressId: address });
  expect(order.status).toBe(201);
  return { sku, order: order.body };
}

describe('unpaid timeout', () => {
  it('cancels an unpaid order by its job and gives the stock back', async () => {
    const { sku, order } = await unpaidOrder(3, 10);
    expect(await given.stockOf(sku.skuId)).toBe(7);
    const view = await given.waitForStatus(buyer.token, order.id, ['CANCELLED'], 15_000);
    expect(view.cancelReason).toBe('超时未支付');
    expect(await given.stockOf(sku.skuId)).toBe(10);
  });

  it('still cancels when the job was lost and the worker was down (the sweeper)', async () => {
    const jobs = stack.server.app.get(JobQueue);
    await jobs.stopWorker();
    const { sku, order } = await unpaidOrder(1, 4);
    await jobs.remove('order.close-unpaid', Number(order.id)); // Redis "lost" the delayed job
    await new Promise((r) => setTimeout(r, 3_500));
    expect((await given.getOrder(buyer.token, order.id)).body.status).toBe('PENDING_PAYMENT');
    jobs.startWorker(); // restart: the sweeper runs at once
    await given.waitForStatus(buyer.token, order.id, ['CANCELLED'], 15_000);
    expect(await given.stockOf(sku.skuId)).toBe(4);
  });

  it('refunds a payment that arrives after the order was cancelled, automatically', async () => {
    const { sku, order } = await unpaidOrder(1, 5);
    // The buyer pays, but WeChat's notification is held back ...
    await given.pay(buyer.token, order.id, { hold: true });
    // ... and our close call races the payment and is told the order is closed.
    await http(stack.sandboxUrl, 'POST', '/sandbox/pay/faults', {
      body: {
        method: 'POST',
        path: `/v3/pay/transactions/out-trade-no/${order.orderNo}/close`,
        respond: { status: 400, code: 'ORDER_CLOSED', message: '订单已关闭' },
      },
    });
    await given.waitForStatus(buyer.token, order.id, ['CANCELLED'], 15_000);
    expect(await given.stockOf(sku.skuId)).toBe(5);
    await http(stack.sandboxUrl, 'POST', '/sandbox/notifications/release', { body: { out_trade_no: order.orderNo } });
    const until = Date.now() + 15_000;
    let refund: any;
    while (Date.now() < until) {
      refund = await given.db().refund.findFirst({ where: { orderId: Number(order.id) } });
      if (refund?.status === 'SUCCESS') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(refund).toMatchObject({ reason: 'LATE_PAYMENT', status: 'SUCCESS', amount: order.payable });
    const view = (await given.getOrder(buyer.token, order.id)).body;
    expect(view.status).toBe('CANCELLED');
    expect(view.refundedAmount).toBe(order.payable);
    expect(await given.stockOf(sku.skuId)).toBe(5);
  });

  it('pays (never cancels) an order whose payment was lost, when its timeout closes the prepay', async () => {
    const { sku, order } = await unpaidOrder(1, 5);
    await given.pay(buyer.token, order.id, { hold: true });
    // The timeout's close call hears "already paid", queries WeChat and applies the payment.
    const view = await given.waitForStatus(buyer.token, order.id, ['TO_SHIP', 'CANCELLED'], 15_000);
    expect(view.status).toBe('TO_SHIP');
    expect(await given.stockOf(sku.skuId)).toBe(4);
  });
});
