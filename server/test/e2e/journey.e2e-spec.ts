import { startStack, type Stack } from '../support/stack';
import { http, loginAs } from '../support/http';
import { shop } from '../support/shop';

// The whole commerce journey over HTTP, as the mini-program and WeChat drive it:
// login → cart → preview → order (retried: same order) → pay through the sandbox → verified
// notification → paid → shipped by the merchant → receipt confirmed → reviewed → DSR moves.

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ label: 'journey', seed: true });
});
afterAll(async () => stack?.close());

it('takes a shopper from login to a review', async () => {
  const given = shop(stack);
  const base = stack.baseUrl;
  const shopper = await loginAs(base, 'journey_shopper');
  const admin = await loginAs(base, 'admin');
  const token = shopper.token;

  const product = (await http(base, 'GET', '/api/v1/products?sort=sales&pageSize=1')).body.items[0];
  const detail = (await http(base, 'GET', `/api/v1/products/${product.id}`)).body;
  const sku = detail.skus.find((s: any) => s.stock >= 2);
  const stockBefore = sku.stock;

  expect((await http(base, 'POST', '/api/v1/cart/items', { token, body: { skuId: sku.id, quantity: 2 } })).status).toBe(
    201,
  );
  const address = await http(base, 'POST', '/api/v1/addresses', {
    token,
    body: {
      name: '李四',
      phone: '13900139000',
      province: '广东省',
      city: '深圳市',
      district: '南山区',
      detail: '科技园 1 号',
    },
  });
  expect(address.status).toBe(201);

  const body = { items: [{ skuId: sku.id, quantity: 2 }], addressId: address.body.id, fromCart: true };
  const preview = await http(base, 'POST', '/api/v1/orders/preview', { token, body });
  expect(preview.status).toBe(200);
  expect(preview.body.goodsAmount).toBe(sku.price * 2);

  const first = await given.order(token, body, 'journey-intent-1');
  const retried = await given.order(token, body, 'journey-intent-1');
  expect(first.status).toBe(201);
  expect(retried.body.id).toBe(first.body.id);
  expect(first.body.payable).toBe(preview.body.payable);
  const orderId = first.body.id;
  expect(await given.stockOf(sku.id)).toBe(stockBefore - 2);
  expect((await http(base, 'GET', '/api/v1/cart', { token })).body.items).toEqual([]);

  await given.pay(token, orderId);
  await given.waitForStatus(token, orderId, ['TO_SHIP']);

  const shipped = await http(base, 'POST', `/api/v1/admin/orders/${orderId}/ship`, {
    token: admin.token,
    body: { carrier: 'SF', trackingNo: `SF${Date.now()}` },
  });
  expect(shipped.status).toBeLessThan(300);
  await given.waitForStatus(token, orderId, ['SHIPPED']);

  const confirmed = await http(base, 'POST', `/api/v1/orders/${orderId}/confirm-receipt`, { token });
  expect(confirmed.status).toBe(200);
  expect(confirmed.body.status).toBe('COMPLETED');
  expect(confirmed.body.timeline.map((t: any) => t.status)).toEqual([
    'PENDING_PAYMENT',
    'PAID',
    'TO_SHIP',
    'SHIPPED',
    'COMPLETED',
  ]);

  const dsrBefore = (await http(base, 'GET', '/api/v1/shop/dsr')).body;
  const review = await http(base, 'POST', `/api/v1/orders/${orderId}/reviews`, {
    token,
    body: {
      lineId: confirmed.body.lines[0].id,
      productScore: 1,
      logisticsScore: 2,
      serviceScore: 3,
      text: '一般般',
      images: [],
    },
  });
  expect(review.status).toBe(201);
  const dsrAfter = (await http(base, 'GET', '/api/v1/shop/dsr')).body;
  expect(dsrAfter.count).toBe(dsrBefore.count + 1);
  expect(dsrAfter.product).toBeLessThan(dsrBefore.product);
  const reviews = (await http(base, 'GET', `/api/v1/products/${product.id}/reviews`)).body;
  expect(reviews.items.map((r: any) => r.text)).toContain('一般般');
});
