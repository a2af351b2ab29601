import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isLoopbackUrl, type PayNotifier } from './pay-notifier';
import { payError, type Outcome, type PayError, type PayStore } from './pay-store';
import {
  authenticate,
  rawBodyOf,
  sendPayError,
  sendSigned,
  takePayFault,
  type PayFault,
  type PaySigning,
} from './pay-transport';

/** Everything the Pay routes share. */
export interface SandboxPayContext {
  appid: string;
  mchid: string;
  signing: PaySigning;
  store: PayStore;
  notifier: PayNotifier;
  faults: PayFault[];
  /** Openids the sandbox issued (jscode2session, /sandbox/users). */
  knownOpenid(openid: string): boolean;
}

export interface Answer {
  status: number;
  payload?: unknown;
}

export type PayRequest = FastifyRequest<{
  Params: Record<string, string>;
  Querystring: Record<string, string | undefined>;
}>;

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$/;
export const notifyUrl = z
  .string()
  .max(255)
  .refine((value) => isLoopbackUrl(value) && !value.includes('?'), {
    message: 'notify_url must be an http(s) URL on loopback without a query string (sandbox)',
  });

const JsapiBody = z.object({
  appid: z.string().min(1).max(32),
  mchid: z.string().min(1).max(32),
  description: z.string().min(1).max(127),
  out_trade_no: z.string().regex(/^[0-9A-Za-z_\-|*]{6,32}$/, 'out_trade_no: 6-32 of [0-9A-Za-z_-|*]'),
  time_expire: z
    .string()
    .refine((value) => RFC3339.test(value) && !Number.isNaN(Date.parse(value)), 'time_expire must be RFC 3339')
    .optional(),
  attach: z.string().max(128).optional(),
  notify_url: notifyUrl,
  goods_tag: z.string().max(32).optional(),
  support_fapiao: z.boolean().optional(),
  amount: z.object({ total: z.number().int().min(1), currency: z.literal('CNY').optional() }),
  payer: z.object({ openid: z.string().min(1).max(128) }),
  detail: z.unknown().optional(),
  scene_info: z.unknown().optional(),
  settle_info: z.unknown().optional(),
});

const CloseBody = z.object({ mchid: z.string().min(1) });

const RefundBody = z
  .object({
    transaction_id: z.string().min(1).max(32).optional(),
    out_trade_no: z.string().min(1).max(32).optional(),
    out_refund_no: z.string().regex(/^[0-9A-Za-z_\-|*@]{1,64}$/, 'out_refund_no: 1-64 of [0-9A-Za-z_-|*@]'),
    reason: z.string().max(80).optional(),
    notify_url: notifyUrl.optional(),
    funds_account: z.string().optional(),
    amount: z.object({
      refund: z.number().int().min(1),
      total: z.number().int().min(1),
      currency: z.literal('CNY'),
      from: z.unknown().optional(),
    }),
    goods_detail: z.unknown().optional(),
  })
  .refine((body) => Boolean(body.transaction_id) !== Boolean(body.out_trade_no), {
    message: 'exactly one of transaction_id and out_trade_no',
    path: ['out_trade_no'],
  });

export function validate<T>(schema: z.ZodType<T>, body: unknown): Outcome<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue.path.map(String).join('.');
  return payError(400, 'PARAM_ERROR', `${field ? `${field}: ` : ''}${issue.message}`, {
    field,
    location: 'body',
  });
}

function mchidOf(request: PayRequest, mchid: string): PayError | undefined {
  const given = request.query.mchid;
  if (!given) return { status: 400, code: 'PARAM_ERROR', message: '缺少参数 mchid', detail: { location: 'query' } };
  if (given !== mchid) return { status: 400, code: 'MCH_NOT_EXISTS', message: '商户号不存在' };
  return undefined;
}

export type PayRouteHandler = (request: PayRequest, body: unknown) => Outcome<Answer>;

/**
 * One merchant-authenticated `/v3/**` route: injected faults first, then §E.3 authentication,
 * the JSON body (PARAM_ERROR when not JSON), the handler, and a signed answer (§E.4). Faults with
 * `delayMs`/`dropConnection` act after the handler ran (the "timeout after create" case).
 */
export function registerPayRoute(
  app: FastifyInstance,
  ctx: SandboxPayContext,
  method: 'GET' | 'POST',
  url: string,
  handle: PayRouteHandler,
): void {
  app.route<{ Params: Record<string, string>; Querystring: Record<string, string | undefined> }>({
    method,
    url,
    handler: async (request, reply) => {
      const fault = takePayFault(ctx.faults, request);
      if (fault?.respond) return sendPayError(request, reply, ctx.signing, fault.respond);
      const denied = authenticate(request, ctx.signing);
      if (denied) return sendPayError(request, reply, ctx.signing, denied);
      let body: unknown;
      const raw = rawBodyOf(request);
      if (method === 'POST' && raw) {
        try {
          body = JSON.parse(raw);
        } catch {
          return sendPayError(request, reply, ctx.signing, {
            status: 400,
            code: 'PARAM_ERROR',
            message: '请求体不是合法的 JSON',
          });
        }
      }
      const outcome = handle(request, body);
      if ('error' in outcome) return sendPayError(request, reply, ctx.signing, outcome.error);
      if (fault?.delayMs) await sleep(fault.delayMs);
      if (fault?.dropConnection) {
        reply.hijack();
        request.raw.socket.destroy();
        return reply;
      }
      return sendSigned(request, reply, ctx.signing, outcome.ok.status, outcome.ok.payload, {
        corruptSignature: fault?.corruptSignature,
      });
    },
  });
}

/** `/v3/**` endpoints of WECHAT.md §E.5 for payments and refunds (transfers: pay-transfers.ts). */
export function registerPayRoutes(app: FastifyInstance, ctx: SandboxPayContext): void {
  const route = (method: 'GET' | 'POST', url: string, handle: PayRouteHandler) =>
    registerPayRoute(app, ctx, method, url, handle);

  route('POST', '/v3/pay/transactions/jsapi', (_request, body) => {
    const valid = validate(JsapiBody, body);
    if ('error' in valid) return valid;
    const input = valid.ok;
    if (input.mchid !== ctx.mchid) return payError(400, 'MCH_NOT_EXISTS', '商户号不存在');
    if (input.appid !== ctx.appid) return payError(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
    if (!ctx.knownOpenid(input.payer.openid))
      return payError(400, 'PARAM_ERROR', '用户 openid 与 appid 不匹配', { field: 'payer.openid', location: 'body' });
    const order = ctx.store.prepay(input, body);
    if ('error' in order) return order;
    return { ok: { status: 200, payload: { prepay_id: order.ok.prepayId } } };
  });

  route('GET', '/v3/pay/transactions/out-trade-no/:outTradeNo', (request) => {
    const bad = mchidOf(request, ctx.mchid);
    if (bad) return { error: bad };
    const order = ctx.store.orders.get(request.params.outTradeNo);
    if (!order) return payError(404, 'ORDER_NOT_EXIST', '订单不存在');
    return { ok: { status: 200, payload: ctx.store.transactionOf(order) } };
  });

  route('GET', '/v3/pay/transactions/id/:transactionId', (request) => {
    const bad = mchidOf(request, ctx.mchid);
    if (bad) return { error: bad };
    const order = ctx.store.byTransactionId(request.params.transactionId);
    if (!order) return payError(404, 'ORDER_NOT_EXIST', '订单不存在');
    return { ok: { status: 200, payload: ctx.store.transactionOf(order) } };
  });

  route('POST', '/v3/pay/transactions/out-trade-no/:outTradeNo/close', (request, body) => {
    const valid = validate(CloseBody, body);
    if ('error' in valid) return valid;
    if (valid.ok.mchid !== ctx.mchid) return payError(400, 'MCH_NOT_EXISTS', '商户号不存在');
    const closed = ctx.store.close(request.params.outTradeNo);
    if ('error' in closed) return closed;
    return { ok: { status: 204 } };
  });

  route('POST', '/v3/refund/domestic/refunds', (_request, body) => {
    const valid = validate(RefundBody, body);
    if ('error' in valid) return valid;
    const refund = ctx.store.refund(valid.ok);
    if ('error' in refund) return refund;
    return { ok: { status: 200, payload: ctx.store.refundOf(refund.ok) } };
  });

  route('GET', '/v3/refund/domestic/refunds/:outRefundNo', (request) => {
    const refund = ctx.store.refunds.get(request.params.outRefundNo);
    if (!refund) return payError(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
    return { ok: { status: 200, payload: ctx.store.refundOf(refund) } };
  });
}
