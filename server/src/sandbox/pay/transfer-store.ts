import { randomBytes, randomInt } from 'node:crypto';
import { wechatTime } from '../../wechat/pay/wechatpay-crypto';
import type { PayNotifier, QueueOptions } from './pay-notifier';
import { payError, type Outcome } from './pay-store';
import {
  CANCEL_FAIL_REASON,
  isFinalBillState,
  isOverdue,
  OVERDUE_FAIL_REASON,
  type SceneReportInfo,
} from './transfer-rules';

/**
 * The sandbox's 商家转账 bills, in memory, for one merchant (WECHAT.md §B.1, §E.5): created in
 * WAIT_USER_CONFIRM with an opaque package, confirmed by the payee's phone (SUCCESS), failed,
 * expired after 24 h (FAIL, OVERDUE_CLOSE) or cancelled (CANCELING → CANCELLED). Every final
 * state queues MCHTRANSFER.BILL.FINISHED to the bill's notify_url. The merchant's 运营账户
 * balance is a fake number: locked when a bill is created, returned when it fails or is cancelled.
 */

export type SandboxBillState =
  'ACCEPTED' | 'PROCESSING' | 'WAIT_USER_CONFIRM' | 'TRANSFERING' | 'SUCCESS' | 'FAIL' | 'CANCELING' | 'CANCELLED';

export interface SandboxTransferBill {
  appid: string;
  mchid: string;
  outBillNo: string;
  /** 34 digits. */
  transferBillNo: string;
  sceneId: string;
  openid: string;
  /** Decrypted real name, when one was sent. */
  userName?: string;
  amount: number;
  remark: string;
  notifyUrl?: string;
  perception?: string;
  reportInfos: SceneReportInfo[];
  /** Canonical request (user_name decrypted): same request → same bill. */
  fingerprint: string;
  /** What `wx.requestMerchantTransfer` needs as `package`. */
  packageInfo: string;
  state: SandboxBillState;
  failReason?: string;
  createdAtMs: number;
  createTime: string;
  updateTime: string;
}

export interface CreateBillInput {
  appid: string;
  outBillNo: string;
  sceneId: string;
  openid: string;
  userName?: string;
  amount: number;
  remark: string;
  notifyUrl?: string;
  perception?: string;
  reportInfos: SceneReportInfo[];
  fingerprint: string;
}

export interface TransferStoreOptions {
  mchid: string;
  /** WeChat's clock (the shop clock plus the sandbox's offset). */
  now: () => Date;
  notifier: PayNotifier;
  /** The fake 运营账户 balance in fen at start and after a reset. */
  initialBalance: number;
  /** A cancel answers CANCELING; the bill becomes CANCELLED this much later. */
  cancelDelayMs: number;
}

const digits = (count: number) => Array.from({ length: count }, () => randomInt(10)).join('');

export class TransferStore {
  readonly bills = new Map<string, SandboxTransferBill>();
  balance: number;
  private readonly timers = new Set<NodeJS.Timeout>();
  private sweeper?: NodeJS.Timeout;

  constructor(readonly options: TransferStoreOptions) {
    this.balance = options.initialBalance;
  }

  /** 发起转账: same request again → the same bill (whatever its state now); another → INVALID_REQUEST. */
  create(input: CreateBillInput): Outcome<SandboxTransferBill> {
    this.expireOverdue();
    const existing = this.bills.get(input.outBillNo);
    if (existing) {
      if (existing.fingerprint !== input.fingerprint)
        return payError(400, 'INVALID_REQUEST', '单号已存在但信息不一致，请查单后比较确认');
      return { ok: existing };
    }
    if (input.amount > this.balance) return payError(403, 'NOT_ENOUGH', '商户运营账户资金不足');
    const now = this.options.now();
    const bill: SandboxTransferBill = {
      ...input,
      mchid: this.options.mchid,
      transferBillNo: `1330${digits(30)}`,
      packageInfo: randomBytes(48).toString('base64'),
      state: 'WAIT_USER_CONFIRM',
      createdAtMs: now.getTime(),
      createTime: wechatTime(now),
      updateTime: wechatTime(now),
    };
    this.balance -= bill.amount;
    this.bills.set(bill.outBillNo, bill);
    return { ok: bill };
  }

  get(outBillNo: string): SandboxTransferBill | undefined {
    this.expireOverdue();
    return this.bills.get(outBillNo);
  }

  byTransferBillNo(transferBillNo: string): SandboxTransferBill | undefined {
    this.expireOverdue();
    return [...this.bills.values()].find((bill) => bill.transferBillNo === transferBillNo);
  }

  /** 撤销转账: non-final → CANCELING now, CANCELLED (+ notification) after cancelDelayMs. */
  cancel(outBillNo: string): Outcome<SandboxTransferBill> {
    const bill = this.get(outBillNo);
    if (!bill) return payError(404, 'NOT_FOUND', '记录不存在');
    if (bill.state === 'CANCELING') return { ok: bill };
    if (isFinalBillState(bill.state)) return payError(400, 'INVALID_REQUEST', `转账单已是终态 ${bill.state}，不可撤销`);
    this.move(bill, 'CANCELING');
    this.later(this.options.cancelDelayMs, () => {
      if (bill.state !== 'CANCELING') return;
      this.finish(bill, 'CANCELLED', CANCEL_FAIL_REASON, {});
    });
    return { ok: bill };
  }

  /** The payee confirmed in `wx.requestMerchantTransfer`: TRANSFERING, then SUCCESS (+ notification). */
  confirm(bill: SandboxTransferBill, queue: QueueOptions): Outcome<SandboxTransferBill> {
    this.expireOverdue();
    if (bill.state !== 'WAIT_USER_CONFIRM')
      return payError(400, 'BILL_NOT_WAITING', `the bill is ${bill.state}, not WAIT_USER_CONFIRM`);
    this.move(bill, 'TRANSFERING');
    this.finish(bill, 'SUCCESS', undefined, queue);
    return { ok: bill };
  }

  /** WeChat failed the transfer (or closed it, reason OVERDUE_CLOSE): FAIL, money back, notification. */
  fail(bill: SandboxTransferBill, reason: string, queue: QueueOptions): Outcome<SandboxTransferBill> {
    this.expireOverdue();
    if (isFinalBillState(bill.state)) return payError(400, 'BILL_FINAL', `the bill is already ${bill.state}`);
    this.finish(bill, 'FAIL', reason, queue);
    return { ok: bill };
  }

  /**
   * Closes every bill still unconfirmed 24 h after creation by WeChat's clock. Called on every
   * transfer request, after `POST /sandbox/clock`, and by a cheap timer, so a moved clock is seen
   * at the latest on the next query.
   */
  expireOverdue(queue: QueueOptions = {}): number {
    const now = this.options.now();
    let closed = 0;
    for (const bill of this.bills.values()) {
      if (!isOverdue(bill, now)) continue;
      this.finish(bill, 'FAIL', OVERDUE_FAIL_REASON, queue);
      closed += 1;
    }
    return closed;
  }

  /** 商户单号/微信单号查询转账单 answer (WECHAT.md §B.1; user_name is not echoed). */
  billOf(bill: SandboxTransferBill): Record<string, unknown> {
    return {
      mch_id: bill.mchid,
      out_bill_no: bill.outBillNo,
      transfer_bill_no: bill.transferBillNo,
      appid: bill.appid,
      state: bill.state,
      transfer_amount: bill.amount,
      transfer_remark: bill.remark,
      fail_reason: bill.failReason,
      openid: bill.openid,
      create_time: bill.createTime,
      update_time: bill.updateTime,
    };
  }

  /** 发起转账 answer: package_info while the payee may still confirm. */
  createAnswerOf(bill: SandboxTransferBill): Record<string, unknown> {
    return {
      out_bill_no: bill.outBillNo,
      transfer_bill_no: bill.transferBillNo,
      create_time: bill.createTime,
      state: bill.state,
      fail_reason: bill.failReason,
      package_info: bill.state === 'WAIT_USER_CONFIRM' ? bill.packageInfo : undefined,
    };
  }

  /** The MCHTRANSFER.BILL.FINISHED plaintext. */
  noticeOf(bill: SandboxTransferBill): Record<string, unknown> {
    return {
      out_bill_no: bill.outBillNo,
      transfer_bill_no: bill.transferBillNo,
      state: bill.state,
      mch_id: bill.mchid,
      transfer_amount: bill.amount,
      openid: bill.openid,
      fail_reason: bill.failReason,
      create_time: bill.createTime,
      update_time: bill.updateTime,
    };
  }

  reset(): void {
    this.stopTimers();
    this.bills.clear();
    this.balance = this.options.initialBalance;
  }

  /** The cheap timer: closes overdue bills every `intervalMs` even when nobody asks. */
  startSweeping(intervalMs: number): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => this.expireOverdue(), intervalMs);
    this.sweeper.unref();
  }

  close(): void {
    this.stopTimers();
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
  }

  private finish(
    bill: SandboxTransferBill,
    state: 'SUCCESS' | 'FAIL' | 'CANCELLED',
    failReason: string | undefined,
    queue: QueueOptions,
  ): void {
    this.move(bill, state);
    bill.failReason = failReason;
    if (state !== 'SUCCESS') this.balance += bill.amount;
    if (!bill.notifyUrl) return;
    this.options.notifier.queue(
      {
        url: bill.notifyUrl,
        eventType: 'MCHTRANSFER.BILL.FINISHED',
        originalType: 'mch_payment',
        summary: '商家转账单据终态通知',
        plaintext: JSON.stringify(this.noticeOf(bill)),
        outBillNo: bill.outBillNo,
      },
      queue,
    );
  }

  private move(bill: SandboxTransferBill, state: SandboxBillState): void {
    bill.state = state;
    bill.updateTime = wechatTime(this.options.now());
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  private stopTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
