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

// --- 商家转账 (transfer-bills, WECHAT.md §B.1) ------------------------------------------------

/** ACCEPTED → PROCESSING → WAIT_USER_CONFIRM → TRANSFERING → SUCCESS; or FAIL; or CANCELING → CANCELLED. */
export const TRANSFER_BILL_STATES = [
  'ACCEPTED',
  'PROCESSING',
  'WAIT_USER_CONFIRM',
  'TRANSFERING',
  'SUCCESS',
  'FAIL',
  'CANCELING',
  'CANCELLED',
] as const;
export type TransferBillState = (typeof TRANSFER_BILL_STATES)[number];

/** Final states: the bill will not change any more (MCHTRANSFER.BILL.FINISHED is sent for them). */
export const FINAL_TRANSFER_BILL_STATES: readonly TransferBillState[] = ['SUCCESS', 'FAIL', 'CANCELLED'];

/**
 * A transfer bill as WeChat answers it: the 发起转账 answer (`out_bill_no, transfer_bill_no,
 * create_time, state, package_info?, fail_reason?`), the query answer (plus `mch_id, appid,
 * transfer_amount, transfer_remark, openid, update_time`) and the cancel answer
 * (`out_bill_no, transfer_bill_no, state, update_time`).
 */
export const WechatTransferBill = z
  .object({
    out_bill_no: z.string(),
    transfer_bill_no: z.string(),
    state: z.enum(TRANSFER_BILL_STATES),
    create_time: z.string().optional(),
    update_time: z.string().optional(),
    package_info: z.string().optional(),
    fail_reason: z.string().optional(),
    mch_id: z.string().optional(),
    appid: z.string().optional(),
    transfer_amount: fen.optional(),
    transfer_remark: z.string().optional(),
    openid: z.string().optional(),
  })
  .passthrough();
export type WechatTransferBill = z.infer<typeof WechatTransferBill>;

/**
 * The plaintext of MCHTRANSFER.BILL.FINISHED (resource `original_type` = `mch_payment`), sent when
 * a bill reaches SUCCESS, FAIL or CANCELLED. The caller still checks mch_id, out_bill_no, openid
 * and transfer_amount against its withdrawal.
 */
export const WechatTransferBillNotice = z
  .object({
    out_bill_no: z.string(),
    transfer_bill_no: z.string(),
    state: z.enum(TRANSFER_BILL_STATES),
    mch_id: z.string(),
    transfer_amount: fen,
    openid: z.string(),
    fail_reason: z.string().optional(),
    create_time: z.string().optional(),
    update_time: z.string().optional(),
  })
  .passthrough();
export type WechatTransferBillNotice = z.infer<typeof WechatTransferBillNotice>;

/** A transfer bill as the shop uses it (from {@link WechatTransferBill}). */
export interface TransferBill {
  outBillNo: string;
  transferBillNo: string;
  state: TransferBillState;
  /** `wx.requestMerchantTransfer`'s `package`, while the bill is WAIT_USER_CONFIRM (create answers only). */
  packageInfo?: string;
  /** Why a FAIL/CANCELLED bill ended, e.g. OVERDUE_CLOSE (24 h unconfirmed), MCH_CANCEL. */
  failReason?: string;
  /** Fen (query answers). */
  amount?: number;
  openid?: string;
  createTime?: string;
  updateTime?: string;
}

/** 转账场景报备信息: the labels scene 1005 佣金报酬 requires are 岗位类型 and 报酬说明. */
export interface TransferSceneReportInfo {
  infoType: string;
  infoContent: string;
}

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
  /**
   * The decrypted resource JSON: parse it with WechatPayTransaction (`transaction`),
   * WechatPayRefundNotice (`refund`) or WechatTransferBillNotice (`mch_payment`).
   */
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
