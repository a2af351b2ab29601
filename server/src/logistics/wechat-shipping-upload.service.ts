import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Clock } from '../infra/clock';
import { JobQueue } from '../infra/queue/job-queue';
import { WechatShippingClient, WechatShippingRejected } from '../wechat/wechat-shipping.client';
import { parcelItemsOf } from './shipping.policy';
import { ShippingRepository } from './shipping.repository';
import { shippingInfoBody } from './wechat-shipping.policy';

/** A PENDING upload untouched this long is retried by the sweeper (a lost job, or a failure). */
const STALE_MS = 60_000;

/**
 * 发货信息录入: WeChat freezes a mini-program payment until its shipping information is uploaded,
 * so every shipped order gets a WechatShippingUpload row (PENDING) in the shipping transaction and
 * a `wechat.upload-shipping` job. A failed attempt records the error and throws (BullMQ retries
 * with back-off); the sweeper retries PENDING rows untouched for a minute, until WeChat accepts.
 * An order without a successful WeChat payment cannot be uploaded: FAILED, not retried.
 */
@Injectable()
export class WechatShippingUploader implements OnModuleInit {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(JobQueue) private readonly jobs: JobQueue,
    @Inject(ShippingRepository) private readonly shipping: ShippingRepository,
    @Inject(WechatShippingClient) private readonly wechat: WechatShippingClient,
  ) {}

  onModuleInit(): void {
    this.jobs.handle('wechat.upload-shipping', ({ orderId }) => this.upload(orderId));
    this.jobs.addSweeper({
      name: 'wechat-shipping',
      run: async () => {
        // updatedAt is written by the database clock (real time), so it is compared with real time.
        for (const { orderId } of await this.shipping.staleUploads(new Date(Date.now() - STALE_MS)))
          await this.upload(orderId).catch(() => undefined);
      },
    });
  }

  /** One attempt; resolves when uploaded (or nothing to do), throws when WeChat did not accept. */
  async upload(orderId: number): Promise<void> {
    const row = await this.shipping.uploadOf(orderId);
    if (!row || row.status !== 'PENDING') return;
    if (!(await this.shipping.claimUpload(row.id, row.updatedAt))) return;
    const order = await this.shipping.uploadContext(orderId);
    const payment = order?.payments[0];
    if (!order || !payment?.transactionId) {
      await this.shipping.recordUploadError(row.id, 'no successful WeChat payment for this order', 'FAILED');
      return;
    }
    const address = (order.address ?? {}) as Record<string, unknown>;
    const body = shippingInfoBody({
      transactionId: payment.transactionId,
      payerOpenid: payment.payerOpenid,
      receiverPhone: typeof address.phone === 'string' ? address.phone : '',
      lines: order.lines,
      parcels: order.shipments.map((s) => ({
        carrier: s.carrier,
        trackingNo: s.trackingNo,
        items: parcelItemsOf(s.items),
      })),
      uploadedAt: this.clock.now(),
    });
    try {
      await this.wechat.uploadShippingInfo(body);
    } catch (error) {
      const message =
        error instanceof WechatShippingRejected ? error.message : error instanceof Error ? error.message : 'failed';
      await this.shipping.recordUploadError(row.id, message);
      throw error;
    }
    await this.shipping.markUploaded(row.id, this.clock.now());
  }
}
