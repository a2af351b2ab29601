import { randomUUID } from 'node:crypto';
import {
  encryptResource,
  randomAlphanumeric,
  responseSigningMessage,
  signMessage,
  unixSeconds,
  wechatTime,
} from '../../wechat/pay/wechatpay-crypto';

/**
 * The notification dispatcher (WECHAT.md §E.7): builds the envelope, encrypts the resource with
 * AES-256-GCM (AAD = original_type), signs per §E.4, POSTs to notify_url (loopback only), and
 * retries on WeChat's schedule × timeScale until the merchant answers 200/204 within
 * notifyTimeoutMs. Every retry is re-signed (fresh timestamp and nonce) with the same `id`.
 * Every attempt is recorded for `GET /sandbox/deliveries`.
 */

/** 15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h, in seconds. */
export const RETRY_SCHEDULE_SECONDS = [
  15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600,
] as const;

export interface PayEvent {
  url: string;
  eventType: string;
  /** `transaction` | `refund` | `mch_payment`: the resource's original_type and AAD. */
  originalType: string;
  summary: string;
  plaintext: string;
  outTradeNo?: string;
  outRefundNo?: string;
  /** 商家转账 bills (MCHTRANSFER.BILL.FINISHED). */
  outBillNo?: string;
}

export interface QueueOptions {
  /** Send this many copies concurrently (replay storms). */
  duplicates?: number;
  /** Keep it until `POST /sandbox/notifications/release`. */
  hold?: boolean;
  delayMs?: number;
}

export interface DeliveryRecord {
  id: string;
  url: string;
  event_type: string;
  out_trade_no?: string;
  out_refund_no?: string;
  out_bill_no?: string;
  /** 1 for the first try of a copy, then 2, 3… */
  attempt: number;
  /** Which concurrent copy (duplicates), from 1. */
  copy: number;
  /** DELIVERED (200/204 in time), FAILED (other answer), UNREACHABLE (network/timeout). */
  status: 'DELIVERED' | 'FAILED' | 'UNREACHABLE';
  merchant_status: number | null;
  merchant_body: string;
  at: string;
  latency_ms: number;
  injected: boolean;
  headers: Record<string, string>;
  body: string;
}

export interface Signer {
  /** The Wechatpay-Serial to sign a notification under (mode-dependent). */
  notificationSerial(): string;
  privateKeyFor(serial: string): string | undefined;
  /** Sandbox clock plus its offset: every WeChat timestamp reads it. */
  now(): Date;
}

export interface NotifierSettings {
  apiV3Key: string;
  timeScale: number;
  notifyTimeoutMs: number;
}

interface Held {
  event: PayEvent;
  body: string;
  id: string;
  duplicates: number;
}

const MAX_RECORDED_BODY = 2_000;

export function isLoopbackUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      ['127.0.0.1', 'localhost', '[::1]', '::1'].includes(url.hostname)
    );
  } catch {
    return false;
  }
}

export class PayNotifier {
  private readonly records: DeliveryRecord[] = [];
  private held: Held[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private abort = new AbortController();
  private closed = false;

  constructor(
    private readonly signer: Signer,
    readonly settings: NotifierSettings,
  ) {}

  /** Queues an event (encrypted once; each attempt is signed afresh). */
  queue(event: PayEvent, options: QueueOptions = {}): void {
    const { id, body } = this.envelope(event);
    const duplicates = Math.max(1, Math.min(options.duplicates ?? 1, 200));
    if (options.hold) {
      this.held.push({ event, body, id, duplicates });
      return;
    }
    this.later(options.delayMs ?? 0, () => this.fanOut(event, id, body, duplicates));
  }

  /** Sends held events matching the filter (all when empty); returns how many were released. */
  release(filter: { outTradeNo?: string; outRefundNo?: string; outBillNo?: string }): number {
    const matches = (held: Held) =>
      (!filter.outTradeNo || held.event.outTradeNo === filter.outTradeNo) &&
      (!filter.outRefundNo || held.event.outRefundNo === filter.outRefundNo) &&
      (!filter.outBillNo || held.event.outBillNo === filter.outBillNo);
    const released = this.held.filter(matches);
    this.held = this.held.filter((held) => !matches(held));
    for (const held of released) this.fanOut(held.event, held.id, held.body, held.duplicates);
    return released.length;
  }

  heldEvents(): Array<{
    id: string;
    event_type: string;
    out_trade_no?: string;
    out_refund_no?: string;
    out_bill_no?: string;
  }> {
    return this.held.map((held) => ({
      id: held.id,
      event_type: held.event.eventType,
      out_trade_no: held.event.outTradeNo,
      out_refund_no: held.event.outRefundNo,
      out_bill_no: held.event.outBillNo,
    }));
  }

  deliveries(filter: {
    outTradeNo?: string;
    outRefundNo?: string;
    outBillNo?: string;
    eventType?: string;
  }): DeliveryRecord[] {
    return this.records.filter(
      (record) =>
        (!filter.outTradeNo || record.out_trade_no === filter.outTradeNo) &&
        (!filter.outRefundNo || record.out_refund_no === filter.outRefundNo) &&
        (!filter.outBillNo || record.out_bill_no === filter.outBillNo) &&
        (!filter.eventType || record.event_type === filter.eventType),
    );
  }

  /** Sends one prepared request (the raw injector) and records it; no retries. */
  async sendOnce(
    url: string,
    body: string,
    headers: Record<string, string>,
    meta: { id: string; eventType: string; outTradeNo?: string; outRefundNo?: string; outBillNo?: string },
  ): Promise<DeliveryRecord> {
    return this.post(url, body, headers, { ...meta, attempt: 1, copy: 1, injected: true });
  }

  /** Stops retries and in-flight deliveries; forgets everything (keys are kept by the caller). */
  reset(): void {
    this.stopAll();
    this.records.length = 0;
    this.held = [];
    this.abort = new AbortController();
  }

  close(): void {
    this.closed = true;
    this.stopAll();
  }

  private stopAll(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.abort.abort();
  }

  private envelope(event: PayEvent): { id: string; body: string } {
    const id = randomUUID();
    const resource = encryptResource(event.plaintext, this.settings.apiV3Key, event.originalType);
    const body = JSON.stringify({
      id,
      create_time: wechatTime(this.signer.now()),
      resource_type: 'encrypt-resource',
      event_type: event.eventType,
      summary: event.summary,
      resource: {
        original_type: event.originalType,
        algorithm: resource.algorithm,
        ciphertext: resource.ciphertext,
        associated_data: resource.associated_data,
        nonce: resource.nonce,
      },
    });
    return { id, body };
  }

  /** Headers of one signed attempt under the mode's serial. */
  signedHeaders(body: string, serial = this.signer.notificationSerial()): Record<string, string> {
    const timestamp = unixSeconds(this.signer.now());
    const nonce = randomAlphanumeric(32);
    const key = this.signer.privateKeyFor(serial);
    if (!key) throw new Error(`no private key for ${serial}`);
    return {
      'content-type': 'application/json',
      'user-agent': 'Mozilla/4.0',
      'wechatpay-timestamp': timestamp,
      'wechatpay-nonce': nonce,
      'wechatpay-serial': serial,
      'wechatpay-signature': signMessage(responseSigningMessage(timestamp, nonce, body), key),
      'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
      'request-id': randomUUID(),
    };
  }

  private fanOut(event: PayEvent, id: string, body: string, duplicates: number): void {
    for (let copy = 1; copy <= duplicates; copy += 1) void this.attempt(event, id, body, 1, copy);
  }

  private async attempt(event: PayEvent, id: string, body: string, attempt: number, copy: number): Promise<void> {
    if (this.closed) return;
    const signal = this.abort.signal;
    const record = await this.post(event.url, body, this.signedHeaders(body), {
      id,
      eventType: event.eventType,
      outTradeNo: event.outTradeNo,
      outRefundNo: event.outRefundNo,
      outBillNo: event.outBillNo,
      attempt,
      copy,
      injected: false,
    });
    if (record.status === 'DELIVERED' || this.closed || signal.aborted) return;
    const waitSeconds = RETRY_SCHEDULE_SECONDS[attempt - 1];
    if (waitSeconds === undefined) return; // ~24 h of retries are over: the merchant must query
    this.later(
      waitSeconds * 1000 * this.settings.timeScale,
      () => void this.attempt(event, id, body, attempt + 1, copy),
    );
  }

  private later(ms: number, run: () => void): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  private async post(
    url: string,
    body: string,
    headers: Record<string, string>,
    meta: {
      id: string;
      eventType: string;
      outTradeNo?: string;
      outRefundNo?: string;
      outBillNo?: string;
      attempt: number;
      copy: number;
      injected: boolean;
    },
  ): Promise<DeliveryRecord> {
    const signal = this.abort.signal;
    const started = Date.now();
    const at = this.signer.now().toISOString();
    let merchantStatus: number | null = null;
    let merchantBody = '';
    let status: DeliveryRecord['status'];
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.any([signal, AbortSignal.timeout(this.settings.notifyTimeoutMs)]),
      });
      merchantStatus = response.status;
      merchantBody = (await response.text()).slice(0, MAX_RECORDED_BODY);
      status = response.status === 200 || response.status === 204 ? 'DELIVERED' : 'FAILED';
    } catch {
      status = 'UNREACHABLE';
    }
    const record: DeliveryRecord = {
      id: meta.id,
      url,
      event_type: meta.eventType,
      out_trade_no: meta.outTradeNo,
      out_refund_no: meta.outRefundNo,
      out_bill_no: meta.outBillNo,
      attempt: meta.attempt,
      copy: meta.copy,
      status,
      merchant_status: merchantStatus,
      merchant_body: merchantBody,
      at,
      latency_ms: Date.now() - started,
      injected: meta.injected,
      headers,
      body,
    };
    // A reset while this was in flight: the record belongs to wiped state.
    if (!signal.aborted) this.records.push(record);
    return record;
  }
}
