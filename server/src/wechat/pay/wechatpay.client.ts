import { Inject, Injectable, Optional } from '@nestjs/common';
import type { ZodType } from 'zod';
import { Clock } from '../../infra/clock';
import { APP_CONFIG } from '../../infra/config/config.module';
import type { AppConfig, WechatPayCredentials } from '../../infra/config/env.schema';
import {
  decryptResource,
  encryptSensitiveField,
  paySignFor,
  randomAlphanumeric,
  RESOURCE_ALGORITHM,
  ResourceDecryptionFailed,
  unixSeconds,
  verifyWechatpaySignature,
  wechatTime,
} from './wechatpay-crypto';
import { ClockedPay, WechatPayHttp } from './wechatpay-http';
import { NotificationRejected, WechatPayError, WechatPayUnavailable } from './wechatpay.errors';
import {
  WechatPayNotificationEnvelope,
  WechatPayRefund,
  WechatPayTransaction,
  WechatTransferBill,
  type RefundStatus,
  type RequestPayment,
  type TransferBill,
  type TransferSceneReportInfo,
  type WechatPayNotification,
} from './wechatpay.types';

export interface CreateJsapiPayment {
  /** Our order number (6–32 of `[0-9A-Za-z_-|*]`), unique per merchant. */
  outTradeNo: string;
  /** ≤127 characters, shown in the buyer's bill. */
  description: string;
  /** Fen. */
  amount: number;
  openid: string;
  notifyUrl: string;
  /** Pass the same value on a retry: a different body under the same outTradeNo is refused. */
  timeExpire: Date;
  attach?: string;
}

export interface JsapiPayment {
  prepayId: string;
  requestPayment: RequestPayment;
}

export interface CreateRefund {
  outTradeNo: string;
  /** Idempotency key at WeChat: the same number refunds once. */
  outRefundNo: string;
  /** Fen to refund now. */
  amount: number;
  /** Fen: the order's paid total. */
  total: number;
  /** ≤80 characters, shown to the buyer. */
  reason?: string;
  notifyUrl?: string;
}

export type CloseOutcome = 'CLOSED' | 'ALREADY_PAID' | 'ALREADY_CLOSED' | 'NOT_FOUND';

/** 商家转账 scene for distributor commissions: 1005 佣金报酬 (WECHAT.md §B.4). */
export const COMMISSION_TRANSFER_SCENE = '1005';

/** Scene 1005's required 报备信息 when the caller gives none. */
export const DEFAULT_COMMISSION_REPORT_INFOS: readonly TransferSceneReportInfo[] = [
  { infoType: '岗位类型', infoContent: '分销员' },
  { infoType: '报酬说明', infoContent: '佣金提现' },
];

const TRANSFER_BILLS = '/v3/fund-app/mch-transfer/transfer-bills';

export interface CreateTransferBill {
  /**
   * Our bill number, 1–32 of `[0-9A-Za-z]`: WeChat's idempotency key. After any failure, query
   * it and retry with the SAME number — a new number can pay twice.
   */
  outBillNo: string;
  /** The payee's openid under the mini-program's appid. */
  openid: string;
  /** Fen. */
  amount: number;
  /** ≤32 characters, shown to the payee. */
  remark: string;
  notifyUrl: string;
  /** 转账场景报备信息 for scene 1005 (default 岗位类型=分销员, 报酬说明=佣金提现). */
  sceneReportInfos?: readonly TransferSceneReportInfo[];
  /** The payee's real name, required by WeChat from 2,000 yuan; sent RSA-OAEP encrypted. */
  userName?: string;
}

/** What `wx.requestMerchantTransfer` needs besides the bill's `package`. */
export interface TransferConfirmParams {
  mchId: string;
  appId: string;
}

export type NotificationHeaders = Record<string, string | string[] | undefined>;

/**
 * WeChat Pay APIv3, merchant side (JSAPI payments for the mini-program, refunds, notifications).
 * Requests are signed through wechatpay-node-v3 with our HTTP layer (response signatures are
 * verified, WECHAT.md §D.6); notifications are verified and decrypted with our own crypto.
 * `config.wechat.pay` and `config.wechat.payApiBase` are read at call time: the sandbox completes
 * them at start-up. Never logs keys, bodies or signatures.
 */
@Injectable()
export class WechatPayClient {
  private engine?: { credentials: WechatPayCredentials; base: string; pay: ClockedPay; http: WechatPayHttp };

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(Clock) private readonly clock?: { now(): Date },
  ) {}

  /**
   * `POST /v3/pay/transactions/jsapi`, then the `wx.requestPayment` arguments signed over the
   * configured appid. Safe to retry with the same arguments (WeChat returns a usable prepay_id).
   */
  async createJsapiPayment(input: CreateJsapiPayment): Promise<JsapiPayment> {
    const { pay, credentials } = this.connect();
    const result = await pay.transactions_jsapi({
      description: input.description,
      out_trade_no: input.outTradeNo,
      time_expire: wechatTime(input.timeExpire),
      attach: input.attach,
      notify_url: input.notifyUrl,
      amount: { total: input.amount, currency: 'CNY' },
      payer: { openid: input.openid },
    });
    const packageValue = (result.data as { package?: unknown } | undefined)?.package;
    if (typeof packageValue !== 'string' || !packageValue.startsWith('prepay_id='))
      throw new WechatPayUnavailable('POST /v3/pay/transactions/jsapi', 'BAD_RESPONSE');
    // Re-signed here (not the library's) so timeStamp reads the shop clock like everything else.
    const unsigned = {
      timeStamp: unixSeconds(this.now()),
      nonceStr: randomAlphanumeric(32),
      package: packageValue,
    };
    const paySign = paySignFor({ appId: this.config.wechat.appid, ...unsigned }, credentials.merchantPrivateKeyPem);
    return {
      prepayId: packageValue.slice('prepay_id='.length),
      requestPayment: { ...unsigned, signType: 'RSA', paySign },
    };
  }

  /** `GET /v3/pay/transactions/out-trade-no/{no}`; null when WeChat has no such order. */
  async queryByOutTradeNo(outTradeNo: string): Promise<WechatPayTransaction | null> {
    return this.queryTransaction({ out_trade_no: outTradeNo });
  }

  /** `GET /v3/pay/transactions/id/{transaction_id}`; null when unknown. */
  async queryByTransactionId(transactionId: string): Promise<WechatPayTransaction | null> {
    return this.queryTransaction({ transaction_id: transactionId });
  }

  /**
   * `POST …/out-trade-no/{no}/close`. Close before cancelling an order locally; `ALREADY_PAID`
   * means a payment exists and must be applied (then refunded if the order is gone).
   */
  async closeOrder(outTradeNo: string): Promise<CloseOutcome> {
    const { pay } = this.connect();
    try {
      await pay.close(outTradeNo);
      return 'CLOSED';
    } catch (error) {
      if (error instanceof WechatPayError) {
        if (error.code === 'ORDER_PAID' || error.code === 'ORDERPAID' || error.code === 'TRADE_STATE_ERROR')
          return 'ALREADY_PAID';
        if (error.code === 'ORDER_CLOSED' || error.code === 'ORDERCLOSED') return 'ALREADY_CLOSED';
        if (error.code === 'ORDER_NOT_EXIST' || error.code === 'ORDERNOTEXIST') return 'NOT_FOUND';
      }
      throw error;
    }
  }

  /**
   * `POST /v3/refund/domestic/refunds`. Idempotent by outRefundNo: the same number again returns
   * the same refund. The answer only means "accepted"; the result comes by notification or query.
   */
  async createRefund(
    input: CreateRefund,
  ): Promise<{ refundId: string; status: RefundStatus; refund: WechatPayRefund }> {
    const { pay } = this.connect();
    const result = await pay.refunds({
      out_trade_no: input.outTradeNo,
      out_refund_no: input.outRefundNo,
      reason: input.reason,
      notify_url: input.notifyUrl,
      amount: { refund: input.amount, total: input.total, currency: 'CNY' },
    } as Parameters<ClockedPay['refunds']>[0]);
    const refund = this.shape(WechatPayRefund, result.data, 'POST /v3/refund/domestic/refunds');
    return { refundId: refund.refund_id, status: refund.status, refund };
  }

  /** `GET /v3/refund/domestic/refunds/{out_refund_no}`; null when WeChat has no such refund. */
  async queryRefund(outRefundNo: string): Promise<WechatPayRefund | null> {
    const { pay } = this.connect();
    try {
      const result = await pay.find_refunds(outRefundNo);
      return this.shape(WechatPayRefund, result.data, 'GET /v3/refund/domestic/refunds');
    } catch (error) {
      if (error instanceof WechatPayError && error.httpStatus === 404) return null;
      throw error;
    }
  }

  /**
   * 商家转账 `POST /v3/fund-app/mch-transfer/transfer-bills`, scene 1005 佣金报酬. The answer is
   * usually WAIT_USER_CONFIRM with `packageInfo` for `wx.requestMerchantTransfer`; the outcome
   * comes by MCHTRANSFER.BILL.FINISHED or {@link queryTransferBill}. The same outBillNo with the
   * same arguments returns the same bill (its current state; a lost package is recovered this
   * way); other arguments under it are refused (INVALID_REQUEST). Throws WechatPayError (verified
   * 4xx/5xx: NOT_ENOUGH, PARAM_ERROR…), WechatPayUnavailable or WechatPayResponseForged;
   * {@link classifyPayFailure} tells a refusal from a transient failure — either way query first.
   */
  async createTransferBill(input: CreateTransferBill): Promise<TransferBill> {
    const { http, credentials } = this.connect();
    const infos = input.sceneReportInfos ?? DEFAULT_COMMISSION_REPORT_INFOS;
    const body = {
      appid: this.config.wechat.appid,
      out_bill_no: input.outBillNo,
      transfer_scene_id: COMMISSION_TRANSFER_SCENE,
      openid: input.openid,
      user_name: input.userName === undefined ? undefined : this.encryptForWechat(input.userName, credentials),
      transfer_amount: input.amount,
      transfer_remark: input.remark,
      notify_url: input.notifyUrl,
      transfer_scene_report_infos: infos.map((info) => ({
        info_type: info.infoType,
        info_content: info.infoContent,
      })),
    };
    const result = await http.request('POST', TRANSFER_BILLS, body);
    return transferBillOf(this.shape(WechatTransferBill, result.data, `POST ${TRANSFER_BILLS}`));
  }

  /** 商户单号查询转账单 `GET …/transfer-bills/out-bill-no/{no}`; null when WeChat has no such bill. */
  async queryTransferBill(outBillNo: string): Promise<TransferBill | null> {
    const { http } = this.connect();
    try {
      const result = await http.request('GET', `${TRANSFER_BILLS}/out-bill-no/${encodeURIComponent(outBillNo)}`);
      return transferBillOf(this.shape(WechatTransferBill, result.data, `GET ${TRANSFER_BILLS}/out-bill-no`));
    } catch (error) {
      if (error instanceof WechatPayError && error.httpStatus === 404) return null;
      throw error;
    }
  }

  /**
   * 撤销转账 `POST …/out-bill-no/{no}/cancel` (body-less, signed with the empty body line). Only
   * bills the payee has not confirmed can be cancelled; the answer is usually CANCELING (accepted,
   * not done) — CANCELLED arrives by notification or query. A final bill → WechatPayError
   * (INVALID_REQUEST), an unknown one → WechatPayError 404.
   */
  async cancelTransferBill(outBillNo: string): Promise<TransferBill> {
    const { http } = this.connect();
    const path = `${TRANSFER_BILLS}/out-bill-no/${encodeURIComponent(outBillNo)}/cancel`;
    const result = await http.request('POST', path);
    return transferBillOf(this.shape(WechatTransferBill, result.data, `POST ${TRANSFER_BILLS}/…/cancel`));
  }

  /** `mchId` and `appId` for `wx.requestMerchantTransfer({ mchId, appId, package })`. */
  transferConfirmParams(): TransferConfirmParams {
    const credentials = this.config.wechat.pay;
    if (!credentials) throw new WechatPayUnavailable('WeChat Pay', 'NOT_CONFIGURED');
    return { mchId: credentials.mchid, appId: this.config.wechat.appid };
  }

  /**
   * Verifies and decrypts a notification POSTed to notify_url (WECHAT.md §A.4 steps 1–3 minus the
   * business checks): required headers, no SIGNTEST probe, |now − timestamp| ≤ 300 s against the
   * shop clock, a known Wechatpay-Serial, a valid signature over the RAW body, then the envelope,
   * `AEAD_AES_256_GCM` with the tag checked, and the plaintext JSON. Throws
   * {@link NotificationRejected}; looks nothing up. The caller still checks mchid, appid,
   * out_trade_no and amount against its order.
   */
  parseNotification(headers: NotificationHeaders, rawBody: string, now: Date = this.now()): WechatPayNotification {
    const credentials = this.config.wechat.pay;
    if (!credentials) throw new NotificationRejected('NOT_CONFIGURED', 'WeChat Pay is not configured');
    const header = (name: string) => headerValue(headers, name);
    const verdict = verifyWechatpaySignature(
      {
        timestamp: header('wechatpay-timestamp'),
        nonce: header('wechatpay-nonce'),
        signature: header('wechatpay-signature'),
        serial: header('wechatpay-serial'),
        body: rawBody,
      },
      credentials.platformPublicKeys,
      now,
    );
    if (!verdict.ok) throw new NotificationRejected(verdict.reason);

    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      throw new NotificationRejected('BAD_ENVELOPE', 'the body is not JSON');
    }
    const envelope = WechatPayNotificationEnvelope.safeParse(json);
    if (!envelope.success) throw new NotificationRejected('BAD_ENVELOPE', 'the envelope is incomplete');
    const { resource } = envelope.data;
    if (resource.algorithm !== RESOURCE_ALGORITHM)
      throw new NotificationRejected('UNSUPPORTED_ALGORITHM', `unsupported algorithm ${resource.algorithm}`);

    let plaintext: string;
    try {
      plaintext = decryptResource(resource, credentials.apiV3Key);
    } catch (error) {
      if (error instanceof ResourceDecryptionFailed) throw new NotificationRejected('DECRYPTION_FAILED', error.message);
      throw error;
    }
    let decrypted: unknown;
    try {
      decrypted = JSON.parse(plaintext);
    } catch {
      throw new NotificationRejected('BAD_RESOURCE', 'the decrypted resource is not JSON');
    }
    return {
      id: envelope.data.id,
      eventType: envelope.data.event_type,
      resourceType: envelope.data.resource_type,
      originalType: resource.original_type ?? resource.associated_data ?? '',
      createTime: envelope.data.create_time,
      summary: envelope.data.summary,
      resource: decrypted,
    };
  }

  /**
   * The signed HTTP layer for endpoints the library lacks (e.g. 商家转账 transfer-bills): signs
   * with our Authorization, verifies the answer, throws like the other methods.
   */
  http(): WechatPayHttp {
    return this.connect().http;
  }

  private async queryTransaction(
    params: { out_trade_no: string } | { transaction_id: string },
  ): Promise<WechatPayTransaction | null> {
    const { pay } = this.connect();
    try {
      const result = await pay.query(params as Parameters<ClockedPay['query']>[0]);
      return this.shape(WechatPayTransaction, result.data, 'GET /v3/pay/transactions');
    } catch (error) {
      if (error instanceof WechatPayError && (error.code === 'ORDER_NOT_EXIST' || error.code === 'ORDERNOTEXIST'))
        return null;
      throw error;
    }
  }

  private shape<T>(schema: ZodType<T>, data: unknown, what: string): T {
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new WechatPayUnavailable(what, 'BAD_RESPONSE');
    return parsed.data;
  }

  /** RSA-OAEP under the key we name in Wechatpay-Serial (every request sends the preferred one). */
  private encryptForWechat(plaintext: string, credentials: WechatPayCredentials): string {
    const key = credentials.platformPublicKeys[credentials.preferredPlatformSerial];
    if (!key) throw new WechatPayUnavailable('WeChat Pay public key', 'NOT_CONFIGURED');
    return encryptSensitiveField(plaintext, key);
  }

  private now(): Date {
    return this.clock?.now() ?? new Date();
  }

  /** The library and our HTTP layer for the current credentials (completed at start-up). */
  private connect(): { pay: ClockedPay; http: WechatPayHttp; credentials: WechatPayCredentials } {
    const credentials = this.config.wechat.pay;
    const base = this.config.wechat.payApiBase;
    if (!credentials || !base) throw new WechatPayUnavailable('WeChat Pay', 'NOT_CONFIGURED');
    if (this.engine?.credentials !== credentials || this.engine.base !== base) {
      const now = () => this.now();
      const http = new WechatPayHttp({ credentials, base, now });
      const pay = new ClockedPay(credentials, this.config.wechat.appid, now);
      pay.createHttp(http);
      this.engine = { credentials, base, pay, http };
    }
    return this.engine;
  }
}

function transferBillOf(bill: WechatTransferBill): TransferBill {
  return {
    outBillNo: bill.out_bill_no,
    transferBillNo: bill.transfer_bill_no,
    state: bill.state,
    packageInfo: bill.package_info,
    failReason: bill.fail_reason,
    amount: bill.transfer_amount,
    openid: bill.openid,
    createTime: bill.create_time,
    updateTime: bill.update_time,
  };
}

function headerValue(headers: NotificationHeaders, name: string): string | undefined {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value[0] : value;
}
