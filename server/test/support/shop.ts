import { PrismaService } from '../../src/infra/prisma/prisma.service';
import { http } from './http';
import type { Stack } from './stack';

/** The user id in one of our bearer tokens. */
const userIdOf = (token: string): number =>
  Number(JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sub);

/** Domain-speaking helpers for order tests: a buyer with an address, a SKU with a known stock. */
export function shop(stack: Stack) {
  const base = stack.baseUrl;
  const db = () => stack.server.app.get(PrismaService).client;
  let nextSku = 0;

  return {
    /** A SKU of the demo shop, a different one on every call, set to exactly `stock` units (no purchase limit on its product). */
    async skuWithStock(stock: number, price?: number): Promise<{ skuId: string; productId: string; price: number }> {
      const sku = await db().sku.findFirst({
        where: { stock: { gt: 0 }, product: { purchaseLimit: null, onShelf: true } },
        orderBy: { id: 'asc' },
        skip: nextSku++,
      });
      if (!sku) throw new Error('no demo SKU');
      const updated = await db().sku.update({ where: { id: sku.id }, data: { stock, ...(price ? { price } : {}) } });
      if (price) await db().product.update({ where: { id: sku.productId }, data: { minPrice: price } });
      return { skuId: String(sku.id), productId: String(sku.productId), price: updated.price };
    },

    async stockOf(skuId: string): Promise<number> {
      return (await db().sku.findUniqueOrThrow({ where: { id: Number(skuId) } })).stock;
    },

    async addressFor(token: string, province = '浙江省'): Promise<string> {
      const userId = userIdOf(token);
      const row = await db().address.create({
        data: {
          userId,
          name: '张三',
          phone: '13800138000',
          province,
          city: '杭州市',
          district: '西湖区',
          detail: '文三路 100 号',
          isDefault: true,
        },
      });
      return String(row.id);
    },

    order(token: string, body: unknown, key?: string) {
      return http(base, 'POST', '/api/v1/orders', { token, body, headers: key ? { 'idempotency-key': key } : {} });
    },

    getOrder(token: string, id: string) {
      return http(base, 'GET', `/api/v1/orders/${id}`, { token });
    },

    /** Pays through the sandbox like the phone would: the signed requestPayment object. */
    async pay(token: string, orderId: string, knobs: Record<string, unknown> = {}) {
      const params = await http(base, 'POST', `/api/v1/orders/${orderId}/pay`, { token });
      if (params.status !== 200) throw new Error(`pay ${params.status} ${JSON.stringify(params.body)}`);
      const userId = userIdOf(token);
      const { openid } = await db().user.findUniqueOrThrow({ where: { id: userId } });
      const paid = await http(stack.sandboxUrl, 'POST', '/sandbox/pay', { body: { ...params.body, openid, ...knobs } });
      return { params: params.body, paid };
    },

    /** Waits until the order reaches one of `statuses` (notifications and jobs are asynchronous). */
    async waitForStatus(token: string, orderId: string, statuses: string[], timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      let last: any;
      while (Date.now() < until) {
        last = (await http(base, 'GET', `/api/v1/orders/${orderId}`, { token })).body;
        if (statuses.includes(last?.status)) return last;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`order ${orderId} stayed ${last?.status}, expected ${statuses.join('|')}`);
    },

    db,
  };
}
