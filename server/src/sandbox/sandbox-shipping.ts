import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildAuthorization, randomAlphanumeric, unixSeconds } from '../wechat/pay/wechatpay-crypto';
import type { SandboxPay } from './pay/sandbox-pay';

/**
 * The sandbox's 发货信息录入 (WECHAT.md §E.8): `POST /wxa/sec/order/upload_shipping_info` checks
 * the access token (a current stable_token: unknown → 40001, expired → 42001) and that the payment
 * exists and is paid in the sandbox's Pay side (else 10060001); one upload and one update are
 * accepted per payment (a third is 10060003, the sandbox's choice). `GET /sandbox/shipping-uploads`
 * lists what was recorded, for assertions.
 */
export interface SandboxShippingOptions {
  now: () => Date;
  /** The tokens stable_token issued (newest first). */
  tokens: () => ReadonlyArray<{ value: string; expiresAt: number }>;
  /** The Pay side: its merchant key signs the lookup of the transaction (as a merchant would). */
  pay: SandboxPay;
}

export interface RecordedShippingUpload {
  transactionId: string;
  outTradeNo?: string;
  isUpdate: boolean;
  receivedAt: string;
  body: Record<string, unknown>;
}

const wechatError = (errcode: number, errmsg: string) => ({
  errcode,
  errmsg: `${errmsg} rid: ${randomBytes(6).toString('hex')}`,
});

const DELIVERY_MODES = [1, 2];
const LOGISTICS_TYPES = [1, 2, 3, 4];

export function registerSandboxShipping(app: FastifyInstance, options: SandboxShippingOptions): void {
  const uploads: RecordedShippingUpload[] = [];

  /** The transaction as the Pay side knows it, looked up through its own signed merchant API. */
  const transaction = async (
    transactionId: string,
  ): Promise<{ trade_state?: string; out_trade_no?: string } | null> => {
    const { material } = options.pay;
    const url = `/v3/pay/transactions/id/${encodeURIComponent(transactionId)}?mchid=${material.mchid}`;
    const authorization = buildAuthorization({
      mchid: material.mchid,
      serialNo: material.merchant.serial,
      privateKeyPem: material.merchant.privateKeyPem,
      method: 'GET',
      pathAndQuery: url,
      body: '',
      timestamp: unixSeconds(options.now()),
      nonce: randomAlphanumeric(32),
    });
    const answer = await app.inject({ method: 'GET', url, headers: { authorization, accept: 'application/json' } });
    if (answer.statusCode !== 200) return null;
    return answer.json();
  };

  app.post<{ Querystring: { access_token?: string }; Body: unknown }>(
    '/wxa/sec/order/upload_shipping_info',
    async (request) => {
      const token = options.tokens().find((t) => t.value === request.query.access_token);
      if (!token) return wechatError(40001, 'invalid credential, access_token is invalid or not latest');
      if (token.expiresAt <= options.now().getTime()) return wechatError(42001, 'access_token expired');

      const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<
        string,
        unknown
      >;
      const key = (body.order_key ?? {}) as Record<string, unknown>;
      const list = body.shipping_list;
      const payer = (body.payer ?? {}) as Record<string, unknown>;
      if (
        (key.order_number_type !== 2 && key.order_number_type !== 1) ||
        !LOGISTICS_TYPES.includes(body.logistics_type as number) ||
        !DELIVERY_MODES.includes(body.delivery_mode as number) ||
        !Array.isArray(list) ||
        list.length < 1 ||
        list.length > 10 ||
        typeof body.upload_time !== 'string' ||
        Number.isNaN(Date.parse(body.upload_time)) ||
        typeof payer.openid !== 'string'
      )
        return wechatError(47001, 'data format error');
      if (body.logistics_type === 1) {
        const badParcel = list.some((p: Record<string, unknown>) => {
          const desc = p?.item_desc;
          return (
            typeof p?.tracking_no !== 'string' ||
            typeof p?.express_company !== 'string' ||
            typeof desc !== 'string' ||
            desc.length < 1 ||
            desc.length > 120
          );
        });
        if (badParcel) return wechatError(47001, 'data format error: shipping_list');
      }
      if (body.delivery_mode === 1 && list.length !== 1) return wechatError(47001, 'unified delivery has one parcel');

      const transactionId = typeof key.transaction_id === 'string' ? key.transaction_id : '';
      const paid = transactionId ? await transaction(transactionId) : null;
      if (!paid || !['SUCCESS', 'REFUND'].includes(paid.trade_state ?? ''))
        return wechatError(10060001, '支付单不存在');
      const previous = uploads.filter((u) => u.transactionId === transactionId).length;
      if (previous >= 2) return wechatError(10060003, '支付单已完成发货，不允许再次修改');
      uploads.push({
        transactionId,
        outTradeNo: paid.out_trade_no,
        isUpdate: previous > 0,
        receivedAt: options.now().toISOString(),
        body,
      });
      return { errcode: 0, errmsg: 'ok' };
    },
  );

  app.get<{ Querystring: { transaction_id?: string; out_trade_no?: string } }>(
    '/sandbox/shipping-uploads',
    async (request) => ({
      items: uploads.filter(
        (u) =>
          (!request.query.transaction_id || u.transactionId === request.query.transaction_id) &&
          (!request.query.out_trade_no || u.outTradeNo === request.query.out_trade_no),
      ),
    }),
  );

  app.addHook('onResponse', async (request) => {
    if (request.method === 'POST' && request.url === '/sandbox/reset') uploads.length = 0;
  });
}
