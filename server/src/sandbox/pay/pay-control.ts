import { generateKeyPair, randomBytes, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  encryptResource,
  randomAlphanumeric,
  responseSigningMessage,
  SIGNTEST_PREFIX,
  signMessage,
  unixSeconds,
  verifyPaySign,
  wechatTime,
} from '../../wechat/pay/wechatpay-crypto';
import type { SandboxPayMaterial } from './pay-keys';
import { isLoopbackUrl } from './pay-notifier';
import type { PayError } from './pay-store';
import type { SandboxPayContext } from './pay-routes';

/**
 * Control routes for the Pay side (WECHAT.md §E.6/§E.7): the test acting as the buyer's phone
 * (`/sandbox/pay`) and as WeChat (refund outcomes, held notifications, the raw notification
 * injector, faults), plus read-only views for assertions.
 */

export interface PayControlContext extends SandboxPayContext {
  material: SandboxPayMaterial;
  settings: { autoCompleteRefunds: boolean; autoRefundMs: number; timeScale: number; notifyTimeoutMs: number };
  applySettings(): void;
}

export const QueueKnobs = {
  duplicates: z.number().int().min(1).max(200).optional(),
  hold: z.boolean().optional(),
  delayMs: z.number().int().min(0).max(600_000).optional(),
};

const PayBody = z.object({
  prepayId: z.string().min(1).optional(),
  appId: z.string().optional(),
  timeStamp: z.string().optional(),
  nonceStr: z.string().optional(),
  package: z.string().optional(),
  signType: z.string().optional(),
  paySign: z.string().optional(),
  openid: z.string().optional(),
  outcome: z.enum(['success', 'fail', 'cancel']).default('success'),
  ...QueueKnobs,
});

const CompleteRefundBody = z.object({ status: z.enum(['SUCCESS', 'ABNORMAL', 'CLOSED']), ...QueueKnobs });

const PayOptionsBody = z
  .object({
    autoCompleteRefunds: z.boolean().optional(),
    autoRefundMs: z.number().int().min(0).max(3_600_000).optional(),
    timeScale: z.number().positive().max(1).optional(),
    notifyTimeoutMs: z.number().int().min(1).max(60_000).optional(),
  })
  .strict();

const ReleaseBody = z
  .object({
    out_trade_no: z.string().optional(),
    out_refund_no: z.string().optional(),
    out_bill_no: z.string().optional(),
  })
  .strict();

const FaultBody = z
  .object({
    method: z.enum(['GET', 'POST']).optional(),
    path: z.string().startsWith('/v3/'),
    times: z.number().int().min(1).max(1000).default(1),
    respond: z
      .object({ status: z.number().int().min(400).max(599), code: z.string().min(1), message: z.string() })
      .optional(),
    delayMs: z.number().int().min(0).max(60_000).optional(),
    dropConnection: z.boolean().optional(),
    corruptSignature: z.boolean().optional(),
  })
  .strict();

const NotifyBody = z
  .object({
    url: z.string().refine(isLoopbackUrl, 'url must be an http(s) URL on loopback'),
    event_type: z.string().min(1),
    original_type: z.string().optional(),
    summary: z.string().optional(),
    plaintext: z.union([z.string(), z.record(z.string(), z.unknown())]),
    sign: z.enum(['pubkey', 'cert', 'forged', 'signtest', 'none']).default('pubkey'),
    serial: z.string().optional(),
    timestampOffsetSec: z.number().int().optional(),
    tamper: z.enum(['ciphertext', 'aad', 'body-after-sign', 'key']).optional(),
  })
  .strict();

export function sendError(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).send({ error: { code, message } });
}

export function parse<T>(schema: z.ZodType<T>, body: unknown, reply: FastifyReply): T | undefined {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  void sendError(
    reply,
    400,
    'SANDBOX_BAD_REQUEST',
    `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`,
  );
  return undefined;
}

const sendPayError = (reply: FastifyReply, error: PayError) =>
  sendError(reply, error.status === 404 ? 404 : 400, error.code, error.message);

const generateAsync = promisify(generateKeyPair);

export function registerPayControlRoutes(app: FastifyInstance, ctx: PayControlContext): void {
  let forgedKey: Promise<string> | undefined;
  const forged = () =>
    (forgedKey ??= generateAsync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    }).then((pair) => pair.privateKey));

  // The buyer's phone: wx.requestPayment with the server's arguments (or the prepayId shortcut).
  app.post('/sandbox/pay', async (request, reply) => {
    const body = parse(PayBody, request.body, reply);
    if (!body) return reply;
    let prepayId = body.prepayId;
    if (!prepayId) {
      const { timeStamp, nonceStr, signType, paySign, openid } = body;
      const packageValue = body.package;
      if (!timeStamp || !nonceStr || !packageValue || !signType || !paySign || !openid)
        return sendError(
          reply,
          400,
          'SANDBOX_BAD_REQUEST',
          'either prepayId or timeStamp, nonceStr, package, signType, paySign and openid',
        );
      if (!packageValue.startsWith('prepay_id='))
        return sendError(reply, 400, 'PAY_PACKAGE_INVALID', 'package must be prepay_id=<id>');
      prepayId = packageValue.slice('prepay_id='.length);
    }
    const order = ctx.store.byPrepayId(prepayId);
    if (!order) return sendError(reply, 404, 'PREPAY_NOT_FOUND', 'no order has this prepay_id');
    if (!body.prepayId) {
      if (body.signType !== 'RSA') return sendError(reply, 400, 'PAY_SIGN_INVALID', 'signType must be RSA');
      if (body.appId !== undefined && body.appId !== order.appid)
        return sendError(reply, 400, 'APPID_MISMATCH', "appId is not the order's appid");
      const signed = verifyPaySign(
        {
          appId: order.appid,
          timeStamp: body.timeStamp as string,
          nonceStr: body.nonceStr as string,
          package: body.package as string,
          paySign: body.paySign as string,
        },
        ctx.material.merchant.certificatePem,
      );
      if (!signed)
        return sendError(reply, 400, 'PAY_SIGN_INVALID', 'paySign does not verify with the merchant certificate');
    }
    if (body.openid !== undefined && body.openid !== order.openid)
      return sendError(reply, 400, 'PAYER_MISMATCH', 'this openid is not the payer of the order');
    if (body.outcome === 'cancel') return { errMsg: 'requestPayment:fail cancel' };
    const queue = { duplicates: body.duplicates, hold: body.hold, delayMs: body.delayMs };
    const result = body.outcome === 'fail' ? ctx.store.failPayment(order) : ctx.store.pay(order, queue);
    if ('error' in result) return sendPayError(reply, result.error);
    if (body.outcome === 'fail') return { errMsg: 'requestPayment:fail 支付失败' };
    return { errMsg: 'requestPayment:ok', outTradeNo: order.outTradeNo, transactionId: order.transactionId };
  });

  app.post<{ Params: { outRefundNo: string } }>('/sandbox/refunds/:outRefundNo/complete', async (request, reply) => {
    const body = parse(CompleteRefundBody, request.body, reply);
    if (!body) return reply;
    const result = ctx.store.completeRefund(request.params.outRefundNo, body.status, {
      duplicates: body.duplicates,
      hold: body.hold,
      delayMs: body.delayMs,
    });
    if ('error' in result) return sendPayError(reply, result.error);
    return ctx.store.refundOf(result.ok);
  });

  app.post('/sandbox/pay-options', async (request, reply) => {
    const body = parse(PayOptionsBody, request.body, reply);
    if (!body) return reply;
    Object.assign(ctx.settings, Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)));
    ctx.applySettings();
    return { ...ctx.settings };
  });

  app.post('/sandbox/notifications/release', async (request, reply) => {
    const body = parse(ReleaseBody, request.body, reply);
    if (!body) return reply;
    return {
      released: ctx.notifier.release({
        outTradeNo: body.out_trade_no,
        outRefundNo: body.out_refund_no,
        outBillNo: body.out_bill_no,
      }),
    };
  });

  app.get('/sandbox/notifications/held', async () => ({ items: ctx.notifier.heldEvents() }));

  app.get<{ Querystring: Record<string, string | undefined> }>('/sandbox/deliveries', async (request) => ({
    items: ctx.notifier.deliveries({
      outTradeNo: request.query.out_trade_no,
      outRefundNo: request.query.out_refund_no,
      outBillNo: request.query.out_bill_no,
      eventType: request.query.event_type,
    }),
  }));

  app.get<{ Params: { outTradeNo: string } }>('/sandbox/pay/orders/:outTradeNo', async (request, reply) => {
    const order = ctx.store.orders.get(request.params.outTradeNo);
    if (!order) return sendError(reply, 404, 'ORDER_NOT_EXIST', 'no such out_trade_no');
    return {
      transaction: ctx.store.transactionOf(order),
      prepay_id: order.prepayId,
      expires_at: new Date(order.expiresAt).toISOString(),
      notify_url: order.notifyUrl,
      refunds: [...ctx.store.refunds.values()]
        .filter((refund) => refund.outTradeNo === order.outTradeNo)
        .map((refund) => ctx.store.refundOf(refund)),
    };
  });

  app.post('/sandbox/pay/faults', async (request, reply) => {
    const body = parse(FaultBody, request.body, reply);
    if (!body) return reply;
    ctx.faults.push(body);
    return { ok: true };
  });

  // The raw notification injector: one hand-made (possibly forged or tampered) notification.
  app.post('/sandbox/notify', async (request, reply) => {
    const body = parse(NotifyBody, request.body, reply);
    if (!body) return reply;
    const { material } = ctx;
    if (body.sign === 'cert' && !material.platformCertificate)
      return sendError(
        reply,
        400,
        'SANDBOX_BAD_REQUEST',
        'this sandbox has no platform certificate (verifyMode pubkey)',
      );
    const originalType =
      body.original_type ??
      (body.event_type.startsWith('REFUND.')
        ? 'refund'
        : body.event_type.startsWith('MCHTRANSFER.')
          ? 'mch_payment'
          : 'transaction');
    const plaintext = typeof body.plaintext === 'string' ? body.plaintext : JSON.stringify(body.plaintext);
    const resource = encryptResource(
      plaintext,
      body.tamper === 'key' ? randomAlphanumeric(32) : material.apiV3Key,
      originalType,
    );
    if (body.tamper === 'ciphertext') {
      const bytes = Buffer.from(resource.ciphertext, 'base64');
      bytes[Math.floor(bytes.length / 2)] ^= 0x01;
      resource.ciphertext = bytes.toString('base64');
    }
    if (body.tamper === 'aad') resource.associated_data = originalType === 'refund' ? 'transaction' : 'refund';
    const id = randomUUID();
    let raw = JSON.stringify({
      id,
      create_time: wechatTime(ctx.signing.now()),
      resource_type: 'encrypt-resource',
      event_type: body.event_type,
      summary: body.summary ?? '支付成功',
      resource: {
        original_type: originalType,
        algorithm: resource.algorithm,
        ciphertext: resource.ciphertext,
        associated_data: resource.associated_data,
        nonce: resource.nonce,
      },
    });

    const modeSerial =
      body.sign === 'cert' ? (material.platformCertificate?.serial as string) : material.wechatpayKey.id;
    const timestamp = unixSeconds(new Date(ctx.signing.now().getTime() + (body.timestampOffsetSec ?? 0) * 1000));
    const nonce = randomAlphanumeric(32);
    const message = responseSigningMessage(timestamp, nonce, raw);
    let signature: string | undefined;
    if (body.sign === 'pubkey' || body.sign === 'cert')
      signature = signMessage(message, ctx.signing.privateKeyFor(modeSerial) as string);
    if (body.sign === 'forged') signature = signMessage(message, await forged());
    if (body.sign === 'signtest') signature = `${SIGNTEST_PREFIX}${randomBytes(24).toString('base64')}`;
    if (body.tamper === 'body-after-sign') raw = raw.replace(`"id":"${id}"`, `"id":"${id}0"`);

    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'Mozilla/4.0',
      'wechatpay-timestamp': timestamp,
      'wechatpay-nonce': nonce,
      'wechatpay-serial': body.serial ?? modeSerial,
      'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
      'request-id': randomUUID(),
    };
    if (signature !== undefined) headers['wechatpay-signature'] = signature;
    const fields = typeof body.plaintext === 'object' ? body.plaintext : {};
    const record = await ctx.notifier.sendOnce(body.url, raw, headers, {
      id,
      eventType: body.event_type,
      outTradeNo: typeof fields.out_trade_no === 'string' ? fields.out_trade_no : undefined,
      outRefundNo: typeof fields.out_refund_no === 'string' ? fields.out_refund_no : undefined,
      outBillNo: typeof fields.out_bill_no === 'string' ? fields.out_bill_no : undefined,
    });
    return { status: record.merchant_status, body: record.merchant_body, delivery: record.status };
  });
}
