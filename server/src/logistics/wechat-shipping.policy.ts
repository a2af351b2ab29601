import { wechatTime } from '../wechat/pay/wechatpay-crypto';
import type { UploadShippingInfoBody } from '../wechat/wechat-shipping.client';
import type { ParcelItem } from './shipping.policy';

/** Our carrier codes → WeChat's delivery_id (物流公司编码) where they differ. */
const WECHAT_DELIVERY_ID: Record<string, string> = { YD: 'YUNDA', JTSD: 'JTSD', DBL: 'DBL' };

export interface ShippingUploadInput {
  transactionId: string;
  payerOpenid: string;
  /** Receiver phone (SF asks for it, masked). */
  receiverPhone: string;
  lines: ReadonlyArray<{ id: number; title: string }>;
  parcels: ReadonlyArray<{ carrier: string; trackingNo: string; items: readonly ParcelItem[] }>;
  uploadedAt: Date;
}

/** `138****8000`: WeChat's receiver_contact is masked. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s/g, '');
  return digits.length >= 7 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : '****';
}

/** Item description of one parcel, at most 120 characters (WeChat's limit). */
export function itemDescOf(lines: ShippingUploadInput['lines'], items: readonly ParcelItem[]): string {
  const titles = items.map((item) => {
    const title = lines.find((l) => l.id === item.lineId)?.title ?? '商品';
    return item.quantity > 1 ? `${title}*${item.quantity}` : title;
  });
  const text = titles.join('；') || '商品';
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

/**
 * The `upload_shipping_info` body (WECHAT.md §C.8): the payment by transaction_id, express
 * delivery, one parcel = unified delivery (1), several = split delivery (2, all delivered).
 */
export function shippingInfoBody(input: ShippingUploadInput): UploadShippingInfoBody {
  const split = input.parcels.length > 1;
  return {
    order_key: { order_number_type: 2, transaction_id: input.transactionId },
    logistics_type: 1,
    delivery_mode: split ? 2 : 1,
    ...(split ? { is_all_delivered: true } : {}),
    shipping_list: input.parcels.map((parcel) => ({
      tracking_no: parcel.trackingNo,
      express_company: WECHAT_DELIVERY_ID[parcel.carrier] ?? parcel.carrier,
      item_desc: itemDescOf(input.lines, parcel.items),
      ...(parcel.carrier === 'SF' ? { contact: { receiver_contact: maskPhone(input.receiverPhone) } } : {}),
    })),
    upload_time: wechatTime(input.uploadedAt),
    payer: { openid: input.payerOpenid },
  };
}
