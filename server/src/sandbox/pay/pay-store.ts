import { randomBytes, randomInt } from 'node:crypto';
import { wechatTime } from '../../wechat/pay/wechatpay-crypto';
import type { PayNotifier, QueueOptions } from './pay-notifier';

/**
 * The sandbox's WeChat Pay state, in memory, for one merchant (WECHAT.md §E.5): orders by
 * out_trade_no, refunds by out_refund_no. Outcomes are values `{ error }` so the routes can answer
 * with WeChat's status and code.
 */

export type SandboxTradeState = 'NOTPAY' | 'SUCCESS' | 'REFUND' | 'CLOSED' | 'PAYERROR';
export type SandboxRefundStatus = 'PROCESSING' | 'SUCCESS' | 'ABNORMAL' | 'CLOSED';

export interface SandboxOrder {
  appid: string;
  mchid: string;
  outTradeNo: string;
  description: string;
  notifyUrl: string;
  attach?: string;
  total: number;
  openid: string;
  timeExpire?: string;
  /** Canonical JSON of the prepay body: same body → same prepay_id. */
  fingerprint: string;
  prepayId: string;
  expiresAt: number;
  tradeState: SandboxTradeState;
  transactionId?: string;
  successTime?: string;
  createdAt: string;
}

export interface SandboxRefund {
  refundId: string;
  outRefundNo: string;
  outTradeNo: string;
  transactionId: string;
  reason?: string;
  notifyUrl?: string;
  refund: number;
  total: number;
  status: SandboxRefundStatus;
  createTime: string;
  successTime?: string;
  fingerprint: string;
}

export interface PayError {
  status: number;
  code: string;
  message: string;
  detail?: Record<string, unknown>;
}

export type Outcome<T> = { ok: T } | { error: PayError };

export const payError = (status: number, code: string, message: string, detail?: Record<string, unknown>) => ({
  error: { status, code, message, detail },
});

const digits = (count: number) => Array.from({ length: count }, () => randomInt(10)).join('');
const TRADE_STATE_DESC: Record<SandboxTradeState, string> = {
  NOTPAY: '订单未支付',
  SUCCESS: '支付成功',
  REFUND: '订单发生过退款',
  CLOSED: '订单已关闭',
  PAYERROR: '支付失败，请重新下单支付',
};
const REFUND_SUMMARY: Record<Exclude<SandboxRefundStatus, 'PROCESSING'>, string> = {
  SUCCESS: '退款成功',
  ABNORMAL: '退款异常',
  CLOSED: '退款关闭',
};
const UNPREPAID_TTL_MS = 7 * 24 * 3600_000;
const MAX_REFUNDS_PER_ORDER = 50;

/** JSON with sorted keys: two bodies with the same content compare equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface PayStoreOptions {
  mchid: string;
  now: () => Date;
  notifier: PayNotifier;
  autoCompleteRefunds: boolean;
  autoRefundMs: number;
}

export interface PrepayInput {
  appid: string;
  mchid: string;
  description: string;
  out_trade_no: string;
  notify_url: string;
  attach?: string;
  time_expire?: string;
  amount: { total: number };
  payer: { openid: string };
}

export class PayStore {
  readonly orders = new Map<string, SandboxOrder>();
  readonly refunds = new Map<string, SandboxRefund>();
  private readonly refundTimers = new Map<string, NodeJS.Timeout>();

  constructor(readonly options: PayStoreOptions) {}

  prepay(input: PrepayInput, rawBody: unknown): Outcome<SandboxOrder> {
    const fingerprint = canonicalJson(rawBody);
    const existing = this.orders.get(input.out_trade_no);
    if (existing) {
      if (existing.tradeState === 'CLOSED') return payError(400, 'ORDER_CLOSED', '订单已关闭');
      if (existing.fingerprint !== fingerprint) return payError(403, 'OUT_TRADE_NO_USED', '商户订单号重复');
      if (existing.tradeState === 'SUCCESS' || existing.tradeState === 'REFUND')
        return payError(400, 'ORDER_PAID', '该订单已支付');
      return { ok: existing };
    }
    const now = this.options.now();
    const expiresAt = input.time_expire ? Date.parse(input.time_expire) : now.getTime() + UNPREPAID_TTL_MS;
    if (expiresAt <= now.getTime()) return payError(400, 'PARAM_ERROR', 'time_expire 已过期', { field: 'time_expire' });
    const order: SandboxOrder = {
      appid: input.appid,
      mchid: input.mchid,
      outTradeNo: input.out_trade_no,
      description: input.description,
      notifyUrl: input.notify_url,
      attach: input.attach,
      total: input.amount.total,
      openid: input.payer.openid,
      timeExpire: input.time_expire,
      fingerprint,
      prepayId: `wx${randomBytes(16).toString('hex')}`,
      expiresAt,
      tradeState: 'NOTPAY',
      createdAt: wechatTime(now),
    };
    this.orders.set(order.outTradeNo, order);
    return { ok: order };
  }

  byPrepayId(prepayId: string): SandboxOrder | undefined {
    return [...this.orders.values()].find((order) => order.prepayId === prepayId);
  }

  byTransactionId(transactionId: string): SandboxOrder | undefined {
    return [...this.orders.values()].find((order) => order.transactionId === transactionId);
  }

  /** The phone paid: SUCCESS, a transaction id, and TRANSACTION.SUCCESS queued. */
  pay(order: SandboxOrder, queue: QueueOptions): Outcome<SandboxOrder> {
    const payable = this.payable(order);
    if ('error' in payable) return payable;
    order.tradeState = 'SUCCESS';
    order.transactionId = `4200${digits(24)}`;
    order.successTime = wechatTime(this.options.now());
    this.options.notifier.queue(
      {
        url: order.notifyUrl,
        eventType: 'TRANSACTION.SUCCESS',
        originalType: 'transaction',
        summary: '支付成功',
        plaintext: JSON.stringify(this.transactionOf(order)),
        outTradeNo: order.outTradeNo,
      },
      queue,
    );
    return { ok: order };
  }

  /** The payment failed at the bank (no notification); the buyer may try again. */
  failPayment(order: SandboxOrder): Outcome<SandboxOrder> {
    const payable = this.payable(order);
    if ('error' in payable) return payable;
    order.tradeState = 'PAYERROR';
    return { ok: order };
  }

  payable(order: SandboxOrder): Outcome<SandboxOrder> {
    if (order.tradeState === 'CLOSED') return payError(400, 'ORDER_CLOSED', '订单已关闭');
    if (order.tradeState === 'SUCCESS' || order.tradeState === 'REFUND')
      return payError(400, 'ORDER_PAID', '该订单已支付');
    if (this.options.now().getTime() >= order.expiresAt) return payError(400, 'PREPAY_EXPIRED', '订单已过支付期限');
    return { ok: order };
  }

  close(outTradeNo: string): Outcome<SandboxOrder> {
    const order = this.orders.get(outTradeNo);
    if (!order) return payError(404, 'ORDER_NOT_EXIST', '订单不存在');
    if (order.tradeState === 'CLOSED') return payError(400, 'ORDER_CLOSED', '订单已关闭');
    if (order.tradeState === 'SUCCESS' || order.tradeState === 'REFUND')
      return payError(400, 'ORDER_PAID', '订单已支付');
    order.tradeState = 'CLOSED';
    return { ok: order };
  }

  refund(input: {
    out_trade_no?: string;
    transaction_id?: string;
    out_refund_no: string;
    reason?: string;
    notify_url?: string;
    amount: { refund: number; total: number };
  }): Outcome<SandboxRefund> {
    const order = input.out_trade_no
      ? this.orders.get(input.out_trade_no)
      : this.byTransactionId(input.transaction_id ?? '');
    if (!order) return payError(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
    const fingerprint = canonicalJson({
      order: order.outTradeNo,
      refund: input.amount.refund,
      total: input.amount.total,
    });
    const existing = this.refunds.get(input.out_refund_no);
    if (existing) {
      if (existing.fingerprint !== fingerprint)
        return payError(400, 'INVALID_REQUEST', '退款单号已存在，且请求参数与之前不一致');
      return { ok: existing };
    }
    if (order.tradeState !== 'SUCCESS' && order.tradeState !== 'REFUND')
      return payError(400, 'INVALID_REQUEST', '订单状态不正确，不能退款');
    if (input.amount.total !== order.total) return payError(400, 'INVALID_REQUEST', '订单金额与实际金额不一致');
    const previous = [...this.refunds.values()].filter((refund) => refund.outTradeNo === order.outTradeNo);
    if (previous.length >= MAX_REFUNDS_PER_ORDER) return payError(403, 'RULE_LIMIT', '退款次数超过限制');
    const refunded = previous
      .filter((refund) => refund.status !== 'CLOSED')
      .reduce((sum, refund) => sum + refund.refund, 0);
    if (refunded + input.amount.refund > order.total)
      return payError(400, 'INVALID_REQUEST', '申请退款金额超过订单可退金额');
    const refund: SandboxRefund = {
      refundId: `50${digits(27)}`,
      outRefundNo: input.out_refund_no,
      outTradeNo: order.outTradeNo,
      transactionId: order.transactionId ?? '',
      reason: input.reason,
      notifyUrl: input.notify_url,
      refund: input.amount.refund,
      total: order.total,
      status: 'PROCESSING',
      createTime: wechatTime(this.options.now()),
      fingerprint,
    };
    this.refunds.set(refund.outRefundNo, refund);
    order.tradeState = 'REFUND';
    if (this.options.autoCompleteRefunds) {
      const timer = setTimeout(() => {
        this.refundTimers.delete(refund.outRefundNo);
        this.completeRefund(refund.outRefundNo, 'SUCCESS', {});
      }, this.options.autoRefundMs);
      timer.unref();
      this.refundTimers.set(refund.outRefundNo, timer);
    }
    return { ok: refund };
  }

  /** WeChat finished the refund: status set, REFUND.<status> queued when a notify_url was given. */
  completeRefund(
    outRefundNo: string,
    status: Exclude<SandboxRefundStatus, 'PROCESSING'>,
    queue: QueueOptions,
  ): Outcome<SandboxRefund> {
    const refund = this.refunds.get(outRefundNo);
    if (!refund) return payError(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
    if (refund.status === 'SUCCESS' || refund.status === 'CLOSED')
      return payError(400, 'INVALID_REQUEST', `退款单已是终态 ${refund.status}`);
    const timer = this.refundTimers.get(outRefundNo);
    if (timer) clearTimeout(timer);
    this.refundTimers.delete(outRefundNo);
    refund.status = status;
    if (status === 'SUCCESS') refund.successTime = wechatTime(this.options.now());
    if (refund.notifyUrl) {
      this.options.notifier.queue(
        {
          url: refund.notifyUrl,
          eventType: `REFUND.${status}`,
          originalType: 'refund',
          summary: REFUND_SUMMARY[status],
          plaintext: JSON.stringify(this.refundNoticeOf(refund)),
          outTradeNo: refund.outTradeNo,
          outRefundNo: refund.outRefundNo,
        },
        queue,
      );
    }
    return { ok: refund };
  }

  transactionOf(order: SandboxOrder): Record<string, unknown> {
    const paid = order.tradeState === 'SUCCESS' || order.tradeState === 'REFUND';
    return {
      appid: order.appid,
      mchid: order.mchid,
      out_trade_no: order.outTradeNo,
      transaction_id: order.transactionId,
      trade_type: 'JSAPI',
      trade_state: order.tradeState,
      trade_state_desc: TRADE_STATE_DESC[order.tradeState],
      bank_type: paid ? 'OTHERS' : undefined,
      attach: order.attach ?? '',
      success_time: order.successTime,
      payer: { openid: order.openid },
      amount: {
        total: order.total,
        payer_total: paid ? order.total : undefined,
        currency: 'CNY',
        payer_currency: 'CNY',
      },
      promotion_detail: paid ? [] : undefined,
    };
  }

  refundOf(refund: SandboxRefund): Record<string, unknown> {
    return {
      refund_id: refund.refundId,
      out_refund_no: refund.outRefundNo,
      transaction_id: refund.transactionId,
      out_trade_no: refund.outTradeNo,
      channel: 'ORIGINAL',
      user_received_account: '支付用户零钱',
      success_time: refund.successTime,
      create_time: refund.createTime,
      status: refund.status,
      funds_account: 'AVAILABLE',
      amount: {
        total: refund.total,
        refund: refund.refund,
        from: [],
        payer_total: refund.total,
        payer_refund: refund.refund,
        settlement_refund: refund.refund,
        settlement_total: refund.total,
        discount_refund: 0,
        currency: 'CNY',
        refund_fee: 0,
      },
      promotion_detail: [],
    };
  }

  refundNoticeOf(refund: SandboxRefund): Record<string, unknown> {
    return {
      mchid: this.options.mchid,
      out_trade_no: refund.outTradeNo,
      transaction_id: refund.transactionId,
      out_refund_no: refund.outRefundNo,
      refund_id: refund.refundId,
      refund_status: refund.status,
      success_time: refund.successTime,
      user_received_account: '支付用户零钱',
      amount: { total: refund.total, refund: refund.refund, payer_total: refund.total, payer_refund: refund.refund },
    };
  }

  reset(): void {
    for (const timer of this.refundTimers.values()) clearTimeout(timer);
    this.refundTimers.clear();
    this.orders.clear();
    this.refunds.clear();
  }
}
