import { z } from 'zod';

/**
 * Shapes WeChat Pay APIv3 answers with (query, refund, notification resources). Unknown fields
 * pass through; only what the shop relies on is required. Amounts are integer fen.
 */

export const TRADE_STATES = ['SUCCESS', 'REFUND', 'NOTPAY', 'CLOSED', 'REVOKED', 'USERPAYING', 'PAYERROR'] as const;
export type TradeState = (typeof TRADE_STATES)[number];

const fen = z.number().int();

/** `payments.Transaction`: the query answer and the TRANSACTION.SUCCESS plaintext (WECHAT.md §A.4). */
export const WechatPayTransaction = z
  .object({
    appid: z.string(),
    mchid: z.string(),
    out_trade_no: z.string(),
    transaction_id: z.string().optional(),
    trade_type: z.string().optional(),
    trade_state: z.enum(TRADE_STATES),
    trade_state_desc: z.string().optional(),
    bank_type: z.string().optional(),
    attach: z.string().optional(),
    success_time: z.string().optional(),
    payer: z.object({ openid: z.string().optional() }).passthrough().optional(),
    amount: z
      .object({
        total: fen.optional(),
        payer_total: fen.optional(),
        currency: z.string().optional(),
        payer_currency: z.string().optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();
export type WechatPayTransaction = z.infer<typeof WechatPayTransaction>;

export const REFUND_STATUSES = ['SUCCESS', 'CLOSED', 'PROCESSING', 'ABNORMAL'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/** `refunddomestic.Refund`: the answer of create/query refund (WECHAT.md §A.7). */
export const WechatPayRefund = z
  .object({
    refund_id: z.string(),
    out_refund_no: z.string(),
    transaction_id: z.string().optional(),
    out_trade_no: z.string().optional(),
    channel: z.string().optional(),
    user_received_account: z.string().optional(),
    success_time: z.string().optional(),
    create_time: z.string().optional(),
    status: z.enum(REFUND_STATUSES),
    amount: z
      .object({ total: fen, refund: fen, payer_total: fen.optional(), payer_refund: fen.optional() })
      .passthrough(),
  })
  .passthrough();
export type WechatPayRefund = z.infer<typeof WechatPayRefund>;

/** The plaintext of REFUND.SUCCESS / REFUND.ABNORMAL / REFUND.CLOSED notifications. */
export const WechatPayRefundNotice = z
  .object({
    mchid: z.string(),
    out_trade_no: z.string(),
    transaction_id: z.string().optional(),
    out_refund_no: z.string(),
    refund_id: z.string(),
    refund_status: z.enum(REFUND_STATUSES),
    success_time: z.string().optional(),
    user_received_account: z.string().optional(),
    amount: z
      .object({ total: fen, refund: fen, payer_total: fen.optional(), payer_refund: fen.optional() })
      .passthrough(),
  })
  .passthrough();
export type WechatPayRefundNotice = z.infer<typeof WechatPayRefundNotice>;

/** The notification envelope WeChat POSTs to notify_url (before decryption). */
export const WechatPayNotificationEnvelope = z.object({
  id: z.string().min(1),
  create_time: z.string().optional(),
  event_type: z.string().min(1),
  resource_type: z.string().min(1),
  summary: z.string().optional(),
  resource: z.object({
    algorithm: z.string(),
    ciphertext: z.string(),
    nonce: z.string(),
    associated_data: z.string().optional(),
    original_type: z.string().optional(),
  }),
});

/** What {@link WechatPayClient.parseNotification} hands to the payment service. */
export interface WechatPayNotification {
  id: string;
  eventType: string;
  resourceType: string;
  originalType: string;
  createTime?: string;
  summary?: string;
  /** The decrypted resource JSON: parse it with WechatPayTransaction or WechatPayRefundNotice. */
  resource: unknown;
}

/** The arguments of `wx.requestPayment` (appId is signed, not passed). */
export interface RequestPayment {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}
