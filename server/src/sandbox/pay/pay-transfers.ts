import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { decryptSensitiveField } from '../../wechat/pay/wechatpay-crypto';
import { parse, QueueKnobs, sendError } from './pay-control';
import {
  notifyUrl,
  registerPayRoute,
  validate,
  type PayRequest,
  type PayRouteHandler,
  type SandboxPayContext,
} from './pay-routes';
import { canonicalJson, payError, type Outcome, type PayError } from './pay-store';
import { headerOf } from './pay-transport';
import {
  DEFAULT_FAIL_REASON,
  OUT_BILL_NO,
  OVERDUE_FAIL_REASON,
  perceptionAllowed,
  sceneReportProblem,
  USER_NAME_REQUIRED_FROM_FEN,
  WELL_FORMED_OPENID,
} from './transfer-rules';
import type { SandboxTransferBill, TransferStore } from './transfer-store';

/**
 * 商家转账 in the sandbox (WECHAT.md §B.1, §E.5, §E.6):
 *
 * - `POST /v3/fund-app/mch-transfer/transfer-bills` — 发起转账, merchant-authenticated and
 *   signed like every /v3 route; faults from `POST /sandbox/pay/faults` apply (e.g.
 *   `dropConnection` = the bill is created, the answer is lost).
 * - `GET …/transfer-bills/out-bill-no/{no}`, `GET …/transfer-bills/transfer-bill-no/{no}` — the bill.
 * - `POST …/transfer-bills/out-bill-no/{no}/cancel` — CANCELING, then CANCELLED + notification.
 * - `POST /sandbox/transfers/{no}/confirm {package, openid, outcome?}` — the payee's phone
 *   (`wx.requestMerchantTransfer`): SUCCESS + MCHTRANSFER.BILL.FINISHED.
 * - `POST /sandbox/transfers/{no}/fail {reason?}` — FAIL with that fail_reason (default
 *   OTHER_FAIL_REASON_TYPE) + notification.
 * - `POST /sandbox/transfers/{no}/expire` — the 24 h close now: FAIL, fail_reason `OVERDUE_CLOSE`
 *   (WeChat's reason for 超过系统重试期，系统自动关闭) + notification.
 * - 24 h by WeChat's clock (the shop clock moved by `POST /sandbox/clock`) closes an unconfirmed
 *   bill the same way: on the next transfer request of any kind, right after the clock moves,
 *   or within 5 s by a timer.
 * - `GET /sandbox/transfers[/{no}]` — bills for assertions; `GET|POST /sandbox/merchant-balance`
 *   — the fake 运营账户 balance (fen) that NOT_ENOUGH is judged against.
 * The control routes take the notifier's knobs (`duplicates`, `hold`, `delayMs`).
 */

export interface TransferContext extends SandboxPayContext {
  transfers: TransferStore;
  /** Scenes this merchant has been granted (default 1000 现金营销 and 1005 佣金报酬). */
  scenes: readonly string[];
}

const BASE = '/v3/fund-app/mch-transfer/transfer-bills';

const CreateBillBody = z.object({
  appid: z.string().min(1).max(32),
  out_bill_no: z.string().regex(OUT_BILL_NO, 'out_bill_no: 1-32 of [0-9A-Za-z]'),
  transfer_scene_id: z.string().regex(/^\d{1,16}$/, 'transfer_scene_id: digits'),
  openid: z.string().min(1).max(64),
  user_name: z.string().min(1).max(2048).optional(),
  transfer_amount: z.number().int().min(1),
  transfer_remark: z
    .string()
    .min(1)
    .refine((value) => [...value].length <= 32, 'at most 32 characters'),
  notify_url: notifyUrl.optional(),
  user_recv_perception: z.string().min(1).max(32).optional(),
  transfer_scene_report_infos: z
    .array(z.object({ info_type: z.string().min(1).max(32), info_content: z.string().max(128) }))
    .min(1)
    .max(10),
});

const ConfirmBody = z
  .object({
    package: z.string().min(1),
    openid: z.string().min(1),
    /** `cancel`: the payee closed the confirmation page (nothing changes). */
    outcome: z.enum(['confirm', 'cancel']).default('confirm'),
    ...QueueKnobs,
  })
  .strict();

const FailBody = z
  .object({
    reason: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'an upper-case fail_reason code')
      .optional(),
    ...QueueKnobs,
  })
  .strict();

const ExpireBody = z.object({ ...QueueKnobs }).strict();
const BalanceBody = z.object({ balance: z.number().int().min(0) }).strict();

const paramError = (field: string, message: string) =>
  payError(400, 'PARAM_ERROR', `${field}: ${message}`, { field, location: 'body' });

export function registerTransferRoutes(app: FastifyInstance, ctx: TransferContext): void {
  const { transfers } = ctx;
  const route = (method: 'GET' | 'POST', url: string, handle: PayRouteHandler) =>
    registerPayRoute(app, ctx, method, url, handle);

  route('POST', BASE, (request, body) => {
    const valid = validate(CreateBillBody, body);
    if ('error' in valid) return valid;
    const input = valid.ok;
    if (input.appid !== ctx.appid) return payError(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
    if (!ctx.scenes.includes(input.transfer_scene_id))
      return paramError('transfer_scene_id', '该转账场景未开通，请前往商户平台申请');
    const reportProblem = sceneReportProblem(input.transfer_scene_id, input.transfer_scene_report_infos);
    if (reportProblem) return paramError('transfer_scene_report_infos', reportProblem);
    if (!perceptionAllowed(input.transfer_scene_id, input.user_recv_perception))
      return payError(400, 'INVALID_REQUEST', '暂不支持展示当前传入的用户收款感知');
    if (!ctx.knownOpenid(input.openid) && !WELL_FORMED_OPENID.test(input.openid))
      return paramError('openid', 'openid与appid不匹配');

    let userName: string | undefined;
    if (input.user_name !== undefined) {
      const decrypted = decryptUserName(request, ctx, input.user_name);
      if ('error' in decrypted) return decrypted;
      userName = decrypted.ok;
    } else if (input.transfer_amount >= USER_NAME_REQUIRED_FROM_FEN) {
      return paramError('user_name', '转账金额大于等于2000元时，收款用户姓名必填');
    }

    // OAEP ciphertexts differ on every call: the same name must still make the same request.
    const { user_name: _encrypted, ...rest } = body as Record<string, unknown>;
    const bill = transfers.create({
      appid: input.appid,
      outBillNo: input.out_bill_no,
      sceneId: input.transfer_scene_id,
      openid: input.openid,
      userName,
      amount: input.transfer_amount,
      remark: input.transfer_remark,
      notifyUrl: input.notify_url,
      perception: input.user_recv_perception,
      reportInfos: input.transfer_scene_report_infos,
      fingerprint: canonicalJson({ ...rest, user_name: userName }),
    });
    if ('error' in bill) return bill;
    return { ok: { status: 200, payload: transfers.createAnswerOf(bill.ok) } };
  });

  route('GET', `${BASE}/out-bill-no/:outBillNo`, (request) => {
    const bill = transfers.get(request.params.outBillNo);
    if (!bill) return payError(404, 'NOT_FOUND', '记录不存在');
    return { ok: { status: 200, payload: transfers.billOf(bill) } };
  });

  route('GET', `${BASE}/transfer-bill-no/:transferBillNo`, (request) => {
    const bill = transfers.byTransferBillNo(request.params.transferBillNo);
    if (!bill) return payError(404, 'NOT_FOUND', '记录不存在');
    return { ok: { status: 200, payload: transfers.billOf(bill) } };
  });

  // Body-less, or `{}` (both accepted by WeChat).
  route('POST', `${BASE}/out-bill-no/:outBillNo/cancel`, (request) => {
    const cancelled = transfers.cancel(request.params.outBillNo);
    if ('error' in cancelled) return cancelled;
    const bill = cancelled.ok;
    return {
      ok: {
        status: 200,
        payload: {
          out_bill_no: bill.outBillNo,
          transfer_bill_no: bill.transferBillNo,
          state: bill.state,
          update_time: bill.updateTime,
        },
      },
    };
  });

  // --- Control routes --------------------------------------------------------------------------

  const billOr404 = (outBillNo: string, reply: FastifyReply): SandboxTransferBill | undefined => {
    const bill = transfers.get(outBillNo);
    if (!bill) void sendError(reply, 404, 'TRANSFER_NOT_FOUND', 'no bill has this out_bill_no');
    return bill;
  };
  const sendOutcome = (reply: FastifyReply, error: PayError) =>
    sendError(reply, error.status, error.code, error.message);

  // The payee's phone: wx.requestMerchantTransfer({ mchId, appId, package, openId }).
  app.post<{ Params: { outBillNo: string } }>('/sandbox/transfers/:outBillNo/confirm', async (request, reply) => {
    const body = parse(ConfirmBody, request.body, reply);
    if (!body) return reply;
    const bill = billOr404(request.params.outBillNo, reply);
    if (!bill) return reply;
    if (body.package !== bill.packageInfo)
      return sendError(reply, 400, 'TRANSFER_PACKAGE_INVALID', 'package is not this bill’s package_info');
    if (body.openid !== bill.openid)
      return sendError(reply, 400, 'PAYEE_MISMATCH', '你的微信号与商家指定的微信号不一致');
    if (body.outcome === 'cancel') {
      if (bill.state !== 'WAIT_USER_CONFIRM')
        return sendError(reply, 400, 'BILL_NOT_WAITING', `the bill is ${bill.state}, not WAIT_USER_CONFIRM`);
      return { errMsg: 'requestMerchantTransfer:fail cancel' };
    }
    const confirmed = transfers.confirm(bill, { duplicates: body.duplicates, hold: body.hold, delayMs: body.delayMs });
    if ('error' in confirmed) return sendOutcome(reply, confirmed.error);
    return { errMsg: 'requestMerchantTransfer:ok', out_bill_no: bill.outBillNo, state: bill.state };
  });

  app.post<{ Params: { outBillNo: string } }>('/sandbox/transfers/:outBillNo/fail', async (request, reply) => {
    const body = parse(FailBody, request.body, reply);
    if (!body) return reply;
    const bill = billOr404(request.params.outBillNo, reply);
    if (!bill) return reply;
    const failed = transfers.fail(bill, body.reason ?? DEFAULT_FAIL_REASON, {
      duplicates: body.duplicates,
      hold: body.hold,
      delayMs: body.delayMs,
    });
    if ('error' in failed) return sendOutcome(reply, failed.error);
    return transfers.billOf(bill);
  });

  app.post<{ Params: { outBillNo: string } }>('/sandbox/transfers/:outBillNo/expire', async (request, reply) => {
    const body = parse(ExpireBody, request.body, reply);
    if (!body) return reply;
    const bill = billOr404(request.params.outBillNo, reply);
    if (!bill) return reply;
    const expired = transfers.fail(bill, OVERDUE_FAIL_REASON, {
      duplicates: body.duplicates,
      hold: body.hold,
      delayMs: body.delayMs,
    });
    if ('error' in expired) return sendOutcome(reply, expired.error);
    return transfers.billOf(bill);
  });

  app.get('/sandbox/transfers', async () => {
    transfers.expireOverdue();
    return { items: [...transfers.bills.values()].map((bill) => transfers.billOf(bill)) };
  });

  app.get<{ Params: { outBillNo: string } }>('/sandbox/transfers/:outBillNo', async (request, reply) => {
    const bill = billOr404(request.params.outBillNo, reply);
    if (!bill) return reply;
    return {
      bill: transfers.billOf(bill),
      package_info: bill.packageInfo,
      transfer_scene_id: bill.sceneId,
      notify_url: bill.notifyUrl,
      user_name: bill.userName,
    };
  });

  app.get('/sandbox/merchant-balance', async () => ({ balance: transfers.balance }));

  app.post('/sandbox/merchant-balance', async (request, reply) => {
    const body = parse(BalanceBody, request.body, reply);
    if (!body) return reply;
    transfers.balance = body.balance;
    return { balance: transfers.balance };
  });
}

/** user_name is RSA-OAEP encrypted under the key the request names in Wechatpay-Serial. */
function decryptUserName(request: PayRequest, ctx: SandboxPayContext, ciphertext: string): Outcome<string> {
  const serial = headerOf(request, 'wechatpay-serial');
  if (!serial) return payError(400, 'PARAM_ERROR', '加密敏感信息时请求头 Wechatpay-Serial 必填');
  const key = ctx.signing.privateKeyFor(serial);
  const name = key ? decryptSensitiveField(ciphertext, key) : null;
  if (name === null || name.trim() === '')
    return payError(400, 'PARAM_ERROR', 'user_name: 解密失败，请使用 Wechatpay-Serial 对应的公钥加密', {
      field: 'user_name',
      location: 'body',
    });
  return { ok: name };
}
